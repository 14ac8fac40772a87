import type { Role } from '../api/session';

/**
 * The console's languages (spec/web.md "Languages"): a new one is a catalogue in locales/ plus a
 * line here. Labels are each language's own name, so a reader finds theirs in any language.
 */
export const LANGUAGES = [
  { code: 'en', label: 'English', dir: 'ltr' },
  { code: 'ko', label: '한국어', dir: 'ltr' },
  { code: 'ja', label: '日本語', dir: 'ltr' },
  { code: 'zh-Hans', label: '简体中文', dir: 'ltr' },
  { code: 'zh-Hant', label: '繁體中文', dir: 'ltr' },
  { code: 'ru', label: 'Русский', dir: 'ltr' },
  { code: 'mn', label: 'Монгол', dir: 'ltr' },
  { code: 'kk', label: 'Қазақша', dir: 'ltr' },
  { code: 'vi', label: 'Tiếng Việt', dir: 'ltr' },
  { code: 'th', label: 'ไทย', dir: 'ltr' },
  { code: 'ar', label: 'العربية', dir: 'rtl' },
] as const;

export type Language = (typeof LANGUAGES)[number];
export type LanguageCode = Language['code'];

/** Staff desks are in English and Korean; the patient's and the care provider's in every language. */
export const STAFF_LANGUAGES: readonly LanguageCode[] = ['en', 'ko'];

/** The languages a role's switch offers; signed out (sign-in, registration), all of them. */
export function languagesFor(role: Role | null): readonly Language[] {
  return role === null || role === 'patient' || role === 'care_provider'
    ? LANGUAGES
    : LANGUAGES.filter((l) => STAFF_LANGUAGES.includes(l.code));
}

/**
 * A profile's ISO 639-1 code as a console language, or null when the console has none for it.
 * ISO 639-1 has one code for Chinese: `zh` is read as simplified, the script of most of the
 * programme's Chinese-reading patients; a reader of traditional characters switches once.
 */
export function languageFromIso(code: string): LanguageCode | null {
  const base = code.trim().toLowerCase().split(/[-_]/)[0];
  if (base === 'zh') return 'zh-Hans';
  return LANGUAGES.find((l) => l.code === base)?.code ?? null;
}
