import { describe, expect, it } from '@jest/globals';
import { languageFromIso, languagesFor } from './languages';

describe('the console\'s languages', () => {
  it('offers staff English and Korean, patients, care providers and the signed-out all eleven', () => {
    expect(languagesFor('officer').map((l) => l.code)).toEqual(['en', 'ko']);
    expect(languagesFor('hospital_coordinator').map((l) => l.code)).toEqual(['en', 'ko']);
    for (const role of ['patient', 'care_provider', null] as const) {
      expect(languagesFor(role).map((l) => l.code)).toEqual(['en', 'ko', 'ja', 'zh-Hans', 'zh-Hant', 'ru', 'mn', 'kk', 'vi', 'th', 'ar']);
    }
    expect(languagesFor(null).filter((l) => l.dir === 'rtl').map((l) => l.code)).toEqual(['ar']);
  });

  it('reads a record\'s ISO 639-1 codes, Chinese as simplified, and has none for the others', () => {
    expect(['kk', 'RU', 'zh', 'ar', 'uz', 'de'].map(languageFromIso)).toEqual(['kk', 'ru', 'zh-Hans', 'ar', null, null]);
  });
});
