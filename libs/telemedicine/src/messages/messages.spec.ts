import { describe, expect, it } from '@jest/globals';
import { catalogueProblems, MESSAGE_LOCALES } from '@medjourney/platform';
import { APPOINTMENT_LETTERS } from './index.js';

describe("the appointment e-mails' catalogues", () => {
  it('say every English message in every language, each parsing with the same arguments as English', () => {
    expect(catalogueProblems(APPOINTMENT_LETTERS.catalogues)).toEqual([]);
  });

  it("translate every message (none copied from English) and keep the room's address in the joining line", () => {
    for (const locale of MESSAGE_LOCALES.filter((l) => l !== 'en')) {
      for (const [key, text] of Object.entries(APPOINTMENT_LETTERS.catalogues[locale])) {
        expect({ key: `${locale}.${key}`, same: text === APPOINTMENT_LETTERS.catalogues.en[key as keyof typeof APPOINTMENT_LETTERS.catalogues.en] }).toEqual({ key: `${locale}.${key}`, same: false });
        if (key === 'join') expect(text).toContain('{room}');
      }
    }
  });
});
