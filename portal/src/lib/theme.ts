/** Light and dark themes: PatternFly's dark theme is the class pf-v6-theme-dark on <html>. */
export type Theme = 'light' | 'dark';

const STORAGE_KEY = 'berth.theme';
const DARK_CLASS = 'pf-v6-theme-dark';

export function savedTheme(): Theme {
  try {
    const saved = window.localStorage.getItem(STORAGE_KEY);
    if (saved === 'light' || saved === 'dark') {
      return saved;
    }
  } catch {
    // no storage: follow the system
  }
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function applyTheme(theme: Theme, save = false): void {
  document.documentElement.classList.toggle(DARK_CLASS, theme === 'dark');
  if (save) {
    try {
      window.localStorage.setItem(STORAGE_KEY, theme);
    } catch {
      // the choice lasts until the page is left
    }
  }
}
