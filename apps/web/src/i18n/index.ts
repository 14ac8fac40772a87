import i18n from 'i18next';
import ICU from 'i18next-icu';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import ko from './locales/ko.json';

/**
 * One ICU message catalogue per language (i18next-icu, intl-messageformat: `{name}`, `{n, plural, ...}`),
 * English the source. Staff desks offer English and Korean; a new
 * language is a new file in locales/ plus a line here and in LANGUAGES.
 */
export const LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'ko', label: '한국어' },
] as const;

const STORAGE_KEY = 'medjourney.language';

void i18n.use(ICU).use(initReactI18next).init({
  resources: { en: { translation: en }, ko: { translation: ko } },
  lng: localStorage.getItem(STORAGE_KEY) ?? (navigator.language.startsWith('ko') ? 'ko' : 'en'),
  fallbackLng: 'en',
  returnNull: false,
});

i18n.on('languageChanged', (lng) => {
  localStorage.setItem(STORAGE_KEY, lng);
  document.documentElement.lang = lng;
});
document.documentElement.lang = i18n.language;

export default i18n;
