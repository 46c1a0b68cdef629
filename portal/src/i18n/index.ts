import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import zhCN from './zh-CN.json';

/** The portal's languages; every string the user sees comes from these two files, which have the same keys. */
export const LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'zh-CN', label: '简体中文' },
] as const;

export type LanguageCode = (typeof LANGUAGES)[number]['code'];

const STORAGE_KEY = 'berth.language';

/** The saved choice, else the browser's language if it is Chinese, else English. */
export function initialLanguage(saved: string | null, browser: readonly string[]): LanguageCode {
  if (saved && LANGUAGES.some((l) => l.code === saved)) {
    return saved as LanguageCode;
  }
  return browser.some((l) => l.toLowerCase().startsWith('zh')) ? 'zh-CN' : 'en';
}

function readSaved(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function setLanguage(code: LanguageCode): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, code);
  } catch {
    // private mode: the choice lasts until the page is left
  }
  void i18n.changeLanguage(code);
}

export function setupI18n(): typeof i18n {
  const lng = initialLanguage(readSaved(), navigator.languages ?? [navigator.language]);
  void i18n.use(initReactI18next).init({
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
    lng,
    fallbackLng: 'en',
    interpolation: { escapeValue: false }, // React escapes: every string is rendered as text
    // one namespace: a ':' in a key is part of it (robots.access.repository:pull), not a namespace separator
    nsSeparator: false,
    returnNull: false,
  });
  document.documentElement.lang = lng;
  i18n.on('languageChanged', (l) => {
    document.documentElement.lang = l;
  });
  return i18n;
}

export default i18n;
