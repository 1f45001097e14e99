import { formatDateTime, isLocale, translate, type Locale, type Params } from './format.ts';
import type { MessageKey } from './ru.ts';

const STORAGE_KEY = 'kartoteka.locale';

function storedLocale(): Locale {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : 'ru';
  } catch {
    // Storage can be disabled by policy; Russian is the default then.
    return 'ru';
  }
}

let current = $state<Locale>(storedLocale());

export const i18n = {
  get locale(): Locale {
    return current;
  },
};

export function applyDocumentLanguage(): void {
  document.documentElement.lang = current;
  document.title = translate(current, 'app.name');
}

export function setLocale(locale: Locale): void {
  current = locale;
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // The choice then lasts for this page only.
  }
  applyDocumentLanguage();
}

export function toggleLocale(): void {
  setLocale(current === 'ru' ? 'en' : 'ru');
}

// Reading `current` inside t() makes every template that calls it re-render on a language switch.
export function t(key: MessageKey, params?: Params): string {
  return translate(current, key, params);
}

export function dt(value: string | number | Date | null | undefined): string {
  return formatDateTime(current, value);
}
