import i18n from 'i18next';
import ICU from 'i18next-icu';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, type LanguageCode } from './languages';
import en from './locales/en.json';

export { LANGUAGES, STAFF_LANGUAGES, languagesFor, languageFromIso, type Language, type LanguageCode } from './languages';

/**
 * One ICU message catalogue per language (i18next-icu, intl-messageformat), English the source and
 * the fallback of every key a catalogue lacks. Staff desks offer English and Korean; the patient's
 * and the care provider's pages (and the sign-in pages they pass through) all of LANGUAGES.
 * English is bundled; another catalogue is fetched when its language is first shown, and i18next
 * switches (text, then <html lang dir>) only once it has arrived.
 */
const STORAGE_KEY = 'medjourney.language';

/** The language this device's user chose with the switch, if any: it outranks a profile's preference. */
export function explicitLanguage(): LanguageCode | null {
  const stored = localStorage.getItem(STORAGE_KEY);
  return LANGUAGES.some((l) => l.code === stored) ? stored as LanguageCode : null;
}

/** The switch's choice: remembered on this device, so a profile's preference no longer overrides it. */
export function chooseLanguage(code: LanguageCode): void {
  localStorage.setItem(STORAGE_KEY, code);
  void i18n.changeLanguage(code);
}

/** The browser's first language the console has a catalogue for. */
function browserLanguage(): LanguageCode {
  for (const tag of navigator.languages ?? [navigator.language]) {
    const [base, ...rest] = tag.split('-');
    const hant = base === 'zh' && rest.some((p) => ['Hant', 'TW', 'HK', 'MO'].includes(p));
    const code = base === 'zh' ? (hant ? 'zh-Hant' : 'zh-Hans') : base;
    const match = LANGUAGES.find((l) => l.code === code);
    if (match) return match.code;
  }
  return 'en';
}

export const directionOf = (code: string): 'ltr' | 'rtl' => LANGUAGES.find((l) => l.code === code)?.dir ?? 'ltr';

const fetchable = import.meta.glob<object>(['./locales/*.json', '!./locales/en.json'], { import: 'default' });
const catalogues = {
  type: 'backend' as const,
  callbackApi: false,
  read: (language: string) => fetchable[`./locales/${language}.json`]?.() ?? Promise.reject(new Error(`No catalogue for ${language}`)),
};

void i18n.use(ICU).use(initReactI18next).use(catalogues).init({
  resources: { en: { translation: en } },
  partialBundledLanguages: true,
  supportedLngs: LANGUAGES.map((l) => l.code),
  lng: explicitLanguage() ?? browserLanguage(),
  fallbackLng: 'en',
  returnNull: false,
});

function mark(lng: string): void {
  document.documentElement.lang = lng;
  document.documentElement.dir = directionOf(lng);
}
i18n.on('languageChanged', mark);
mark(i18n.language);

export default i18n;
