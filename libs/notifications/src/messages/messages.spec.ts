import { describe, expect, it } from '@jest/globals';
import { catalogueProblems, MESSAGE_LOCALES } from '@medjourney/platform';
import { NOTICE_MESSAGES } from './index.js';

describe("the notices' catalogues", () => {
  it('say every English message in every language, each parsing with the same arguments as English', () => {
    expect(catalogueProblems(NOTICE_MESSAGES.catalogues)).toEqual([]);
  });

  it('differ from English in every language but English (no message left untranslated by copying)', () => {
    const en = NOTICE_MESSAGES.catalogues.en;
    const copied = MESSAGE_LOCALES.filter((l) => l !== 'en').flatMap((l) =>
      Object.entries(NOTICE_MESSAGES.catalogues[l]).filter(([key, text]) => text === en[key as keyof typeof en] && /[a-z]{4}/.test(text.replace(/\{[^}]*\}/g, ''))).map(([key]) => `${l}.${key}`),
    );
    expect(copied).toEqual([]);
  });

  it('format in every language with the same arguments', () => {
    for (const locale of MESSAGE_LOCALES) {
      const text = NOTICE_MESSAGES.format(locale, 'offered.body', { hospital: 'Seoul Riverside', kind: 'interpreter', start: 'S', end: 'E', respondBy: 'R' });
      expect(text).toContain('Seoul Riverside');
      expect(text).not.toMatch(/[{}]/);
    }
  });
});
