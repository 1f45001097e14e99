// Counts as the printed forms write them: digits with the number in words and the noun agreeing with it
// («внесено 12 (двенадцать) дел», «1 (одно) дело»). Records-management forms want both, so that a figure cannot be
// altered by hand unnoticed.
type Gender = 'm' | 'f' | 'n';

const UNITS: Record<Gender, string[]> = {
  m: ['', 'один', 'два', 'три', 'четыре', 'пять', 'шесть', 'семь', 'восемь', 'девять'],
  f: ['', 'одна', 'две', 'три', 'четыре', 'пять', 'шесть', 'семь', 'восемь', 'девять'],
  n: ['', 'одно', 'два', 'три', 'четыре', 'пять', 'шесть', 'семь', 'восемь', 'девять'],
};
const TEENS = ['десять', 'одиннадцать', 'двенадцать', 'тринадцать', 'четырнадцать', 'пятнадцать', 'шестнадцать', 'семнадцать', 'восемнадцать', 'девятнадцать'];
const TENS = ['', '', 'двадцать', 'тридцать', 'сорок', 'пятьдесят', 'шестьдесят', 'семьдесят', 'восемьдесят', 'девяносто'];
const HUNDREDS = ['', 'сто', 'двести', 'триста', 'четыреста', 'пятьсот', 'шестьсот', 'семьсот', 'восемьсот', 'девятьсот'];

/** The form of a noun after a number: one (1, 21), few (2–4, 22–24), many (0, 5–20, 25…). */
export function plural(n: number, forms: [one: string, few: string, many: string]): string {
  const [mod10, mod100] = [n % 10, n % 100];
  if (mod10 === 1 && mod100 !== 11) return forms[0];
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return forms[1];
  return forms[2];
}

function triple(n: number, gender: Gender): string[] {
  const words = [HUNDREDS[Math.floor(n / 100)] ?? ''];
  const rest = n % 100;
  if (rest >= 10 && rest < 20) words.push(TEENS[rest - 10] ?? '');
  else words.push(TENS[Math.floor(rest / 10)] ?? '', UNITS[gender][rest % 10] ?? '');
  return words.filter((w) => w !== '');
}

/** A whole number 0…999 999 999 in words, agreeing with a noun of the given gender. */
export function inWords(n: number, gender: Gender): string {
  if (!Number.isInteger(n) || n < 0 || n >= 1e9) return String(n);
  if (n === 0) return 'ноль';
  const millions = Math.floor(n / 1e6);
  const thousands = Math.floor(n / 1000) % 1000;
  const words = [
    ...(millions ? [...triple(millions, 'm'), plural(millions, ['миллион', 'миллиона', 'миллионов'])] : []),
    ...(thousands ? [...triple(thousands, 'f'), plural(thousands, ['тысяча', 'тысячи', 'тысяч'])] : []),
    ...triple(n % 1000, gender),
  ];
  return words.join(' ');
}

/** «12 (двенадцать) дел»: digits, words in brackets, the noun in the form the number needs. */
export function countOf(n: number, noun: { gender: Gender; forms: [string, string, string] }): string {
  return `${n} (${inWords(n, noun.gender)}) ${plural(n, noun.forms)}`;
}

export const CASES_NOUN = { gender: 'n' as const, forms: ['дело', 'дела', 'дел'] as [string, string, string] };
