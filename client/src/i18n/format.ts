import { en } from './en.ts';
import { ru, type Dictionary, type MessageKey } from './ru.ts';

export type Locale = 'ru' | 'en';
export type Params = Readonly<Record<string, string | number>>;

export const dictionaries: Readonly<Record<Locale, Dictionary>> = { ru, en };

export function isLocale(value: unknown): value is Locale {
  return value === 'ru' || value === 'en';
}

// A placeholder without a value stays visible as {name} so a missing parameter is noticed, not hidden.
export function interpolate(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  return interpolate(dictionaries[locale][key], params);
}

const BCP47: Readonly<Record<Locale, string>> = { ru: 'ru-RU', en: 'en-GB' };

export function formatDateTime(locale: Locale, value: string | number | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return new Intl.DateTimeFormat(BCP47[locale], { dateStyle: 'short', timeStyle: 'medium' }).format(date);
}
