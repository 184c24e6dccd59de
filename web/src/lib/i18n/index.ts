import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import ja from './ja.json';

export const LANGUAGES = ['ja', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const LANGUAGE_STORAGE_KEY = 'incidentdesk.lang';

function storedLanguage(): Language {
  try {
    const v = globalThis.localStorage?.getItem(LANGUAGE_STORAGE_KEY);
    return v === 'en' ? 'en' : 'ja';
  } catch {
    return 'ja';
  }
}

export function setLanguage(lang: Language) {
  try {
    globalThis.localStorage?.setItem(LANGUAGE_STORAGE_KEY, lang);
  } catch {
    // private mode: the choice just is not remembered
  }
  void i18n.changeLanguage(lang);
}

/** Whether someone picked a language in this browser (the switch remembers every pick). */
export function pickedInThisBrowser(): boolean {
  try {
    return globalThis.localStorage?.getItem(LANGUAGE_STORAGE_KEY) != null;
  } catch {
    return false;
  }
}

export const isLanguage = (v: unknown): v is Language => (LANGUAGES as readonly unknown[]).includes(v);

/**
 * When a session appears in a browser where nobody picked a language yet, the screen adopts the account's
 * language (and remembers it); a pick made in this browser is never overridden by the account.
 */
export function adoptAccountLanguage(accountLanguage: unknown) {
  if (isLanguage(accountLanguage) && !pickedInThisBrowser() && i18n.language !== accountLanguage) setLanguage(accountLanguage);
}

i18n.on('languageChanged', (lng) => {
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
});

void i18n.use(initReactI18next).init({
  resources: { ja: { translation: ja }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: 'ja',
  supportedLngs: LANGUAGES,
  interpolation: { escapeValue: false },
  returnNull: false,
});

export default i18n;
