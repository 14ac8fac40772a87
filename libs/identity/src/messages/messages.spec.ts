import { describe, expect, it } from '@jest/globals';
import { catalogueProblems, MESSAGE_LOCALES } from '@medjourney/platform';
import { ACCOUNT_LETTERS } from './index.js';

describe("the account e-mails' catalogues", () => {
  it('say every English message in every language, each parsing with the same arguments as English', () => {
    expect(catalogueProblems(ACCOUNT_LETTERS.catalogues)).toEqual([]);
  });

  it('translate every message (none copied from English) and keep the link on a line of its own', () => {
    for (const locale of MESSAGE_LOCALES.filter((l) => l !== 'en')) {
      for (const [key, text] of Object.entries(ACCOUNT_LETTERS.catalogues[locale])) {
        expect({ key: `${locale}.${key}`, same: text === ACCOUNT_LETTERS.catalogues.en[key as keyof typeof ACCOUNT_LETTERS.catalogues.en] }).toEqual({ key: `${locale}.${key}`, same: false });
        if (text.includes('{link}')) expect(text).toContain('\n\n{link}\n\n');
      }
    }
  });
});
