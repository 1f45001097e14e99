import type { Locale } from '../i18n/format.ts';

const BCP47: Readonly<Record<Locale, string>> = { ru: 'ru-RU', en: 'en-GB' };

export function formatCount(locale: Locale, value: number): string {
  return new Intl.NumberFormat(BCP47[locale]).format(value);
}

/** "10 000+" when the server stopped counting at its cap. */
export function formatTotal(locale: Locale, total: { value: number; capped: boolean }): string {
  return `${formatCount(locale, total.value)}${total.capped ? '+' : ''}`;
}

/** A share in per cent with one decimal, in the locale's style ("87,5 %"). */
export function formatPercent(locale: Locale, value: number): string {
  return `${new Intl.NumberFormat(BCP47[locale], { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value)} %`;
}
