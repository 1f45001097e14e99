// Numbers of the cases in an inventory (порядковые номера дел по описи). Cases are numbered in the inventory's order
// from 1; the archivist may give a line its own number: a lettered one (12а) for a case put in after the numbering
// was fixed, or a higher one that leaves numbers out (a case withdrawn after numbering). The certification entry of
// the inventory (итоговая запись) then states the count, the first and last numbers and, per the Росархив rules for
// inventories, the lettered and the skipped numbers («в том числе: литерные номера …; пропущенные номера …»).
import { AppError } from '../http/problem.ts';

export const CASE_NUMBER_PATTERN = '^[0-9]{1,6}[а-яёА-ЯЁ]?$';
const NUMBER = /^(\d{1,6})([а-яё]?)$/;

interface Parsed {
  base: number;
  letter: string;
}

/** '12а' → { base: 12, letter: 'а' }; null when it is not a case number. */
export function parseCaseNumber(raw: string): Parsed | null {
  const m = NUMBER.exec(raw.trim().toLowerCase());
  return m ? { base: Number(m[1]), letter: m[2] ?? '' } : null;
}

/** Normalised form of a number the archivist typed (lower-case letter, no spaces), or null for an empty one. */
export function normaliseCaseNumber(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined || raw.trim() === '') return null;
  const p = parseCaseNumber(raw);
  if (!p || p.base === 0) throw new AppError('INVENTORY_NUMBERING_INVALID', { extensions: { number: raw } });
  return `${p.base}${p.letter}`;
}

const after = (a: Parsed, b: Parsed): boolean => a.base > b.base || (a.base === b.base && a.letter > b.letter);

/**
 * The printed number of each line: the given one, or the next after the previous line's (after 12а comes 13).
 * Numbers must increase down the inventory, without repeats (`INVENTORY_NUMBERING_INVALID`).
 */
export function assignCaseNumbers(given: (string | null)[]): string[] {
  const out: string[] = [];
  let previous: Parsed | null = null;
  for (const [i, raw] of given.entries()) {
    const own = raw === null ? null : parseCaseNumber(raw);
    if (raw !== null && !own) throw new AppError('INVENTORY_NUMBERING_INVALID', { extensions: { line: i + 1, number: raw } });
    const current: Parsed = own ?? { base: (previous?.base ?? 0) + 1, letter: '' };
    if (previous && !after(current, previous)) {
      throw new AppError('INVENTORY_NUMBERING_INVALID', {
        ru: `Номер дела ${current.base}${current.letter} (строка ${i + 1}) должен быть больше предыдущего (${previous.base}${previous.letter})`,
        en: `Case number ${current.base}${current.letter} (line ${i + 1}) must be greater than the previous one (${previous.base}${previous.letter})`,
        extensions: { line: i + 1, number: `${current.base}${current.letter}` },
      });
    }
    out.push(`${current.base}${current.letter}`);
    previous = current;
  }
  return out;
}

export interface NumberingSummary {
  first: string | null;
  last: string | null;
  /** numbers with a letter, in order */
  lettered: string[];
  /** whole numbers between the first and the last that no case carries */
  skipped: number[];
}

export function numberingSummary(numbers: string[]): NumberingSummary {
  const parsed = numbers.map((n) => parseCaseNumber(n)).filter((p): p is Parsed => p !== null);
  const plain = new Set(parsed.filter((p) => p.letter === '').map((p) => p.base));
  const skipped: number[] = [];
  const [firstBase, lastBase] = [parsed[0]?.base, parsed[parsed.length - 1]?.base];
  if (firstBase !== undefined && lastBase !== undefined) for (let n = firstBase; n <= lastBase; n++) if (!plain.has(n)) skipped.push(n);
  return { first: numbers[0] ?? null, last: numbers[numbers.length - 1] ?? null, lettered: numbers.filter((n) => /[а-яё]$/.test(n)), skipped };
}

/** '7, 9–11, 15' — runs of three or more skipped numbers are written as a range, as on paper inventories. */
export function numberList(numbers: (string | number)[]): string {
  if (numbers.length === 0) return '—';
  const parts: string[] = [];
  let i = 0;
  while (i < numbers.length) {
    let j = i;
    while (typeof numbers[j] === 'number' && typeof numbers[j + 1] === 'number' && (numbers[j + 1] as number) === (numbers[j] as number) + 1) j++;
    parts.push(j - i >= 2 ? `${String(numbers[i])}–${String(numbers[j])}` : String(numbers[i]));
    if (j - i === 1) parts.push(String(numbers[j]));
    i = j + 1;
  }
  return parts.join(', ');
}
