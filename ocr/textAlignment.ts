// Two readings of letters compared word by word, for duplicate detection on poor scans. Character shingles lose
// most of a line to a few misread letters; words aligned in order, each allowed an OCR edit or two, keep it.
// The alignment also tells a copy of one letter from a sibling made on the same template: a copy differs only where
// OCR damaged it or the sender re-dated and re-numbered it, a sibling differs in its facts — the numbers standing in
// the same place of the same wording (another date, count, sum or house).
import { DIGIT_CONFUSABLE } from './extract/requisites.ts';

/** Tokens kept per letter: a page and a half of text; what lies beyond adds nothing to the decision. */
const MAX_TOKENS = 600;

/**
 * Latin letters and digits that print like Cyrillic ones, folded one way so both readings of a word meet; й loses its
 * breve and ё its dots, as OCR often reads them.
 */
const FOLD: Record<string, string> = {
  a: 'а', b: 'в', c: 'с', e: 'е', h: 'н', k: 'к', m: 'м', o: 'о', p: 'р', t: 'т', x: 'х', y: 'у', u: 'и', n: 'п', r: 'г',
  ё: 'е', й: 'и',
};
const DIGIT_IN_WORD: Record<string, string> = { '0': 'о', '3': 'з', '6': 'б' };

/**
 * The letter's words (3 letters or more, folded) and numbers (digit groups) in reading order. Short words are mostly
 * prepositions and specks.
 */
export function alignmentTokens(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.toLowerCase().split(/[^a-zа-яё0-9]+/)) {
    if (!raw) continue;
    if (/^\d+$/.test(raw)) out.push(raw);
    else {
      const w = [...raw].map((c) => FOLD[c] ?? DIGIT_IN_WORD[c] ?? c).join('');
      if (w.length >= 3) out.push(w);
    }
    if (out.length >= MAX_TOKENS) break;
  }
  return out;
}

const isNumber = (t: string): boolean => t.charCodeAt(0) <= 57;

/** Two rows of the edit-distance table, reused: alignment decides thousands of word pairs per comparison. */
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);

/** Whether the edit distance of a and b is at most k, stopping as soon as every path costs more. */
function withinEdits(a: string, b: string, k: number): boolean {
  if (b.length + 1 > rowA.length) {
    rowA = new Int32Array(b.length + 1);
    rowB = new Int32Array(b.length + 1);
  }
  let prev = rowA;
  let cur = rowB;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let best = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ca === b.charCodeAt(j - 1) ? 0 : 1));
      cur[j] = v;
      if (v < best) best = v;
    }
    if (best > k) return false;
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]! <= k;
}

/** The same word read twice: equal, or within one edit (two for long words); numbers only equal. */
export function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  if (isNumber(a) || isNumber(b)) return false;
  const n = Math.min(a.length, b.length);
  if (n < 4 || Math.abs(a.length - b.length) > 2) return false;
  return withinEdits(a, b, n >= 8 ? 2 : 1);
}

/** One word is the other cut short by a lost line end or specks (`телеф` for `телефон`): five letters or more. */
function cutShort(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 5 && short.length < long.length && long.startsWith(short);
}

/** Longest common subsequence under `sameWord`: the aligned index pairs in order. */
function align(a: string[], b: string[]): Array<[number, number]> {
  // distinct words are few: each pair of them is decided once (0 undecided, 1 different, 2 the same)
  const idsA = new Map<string, number>();
  const idsB = new Map<string, number>();
  const ia = Int32Array.from(a, (t) => idsA.get(t) ?? (idsA.set(t, idsA.size), idsA.size - 1));
  const ib = Int32Array.from(b, (t) => idsB.get(t) ?? (idsB.set(t, idsB.size), idsB.size - 1));
  const nb = idsB.size;
  const decided = new Uint8Array(idsA.size * nb);
  const eq = (i: number, j: number): boolean => {
    const key = ia[i]! * nb + ib[j]!;
    let v = decided[key]!;
    if (v === 0) decided[key] = v = sameWord(a[i]!, b[j]!) ? 2 : 1;
    return v === 2;
  };
  const n = a.length;
  const m = b.length;
  const w = m + 1;
  const len = new Int32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      len[i * w + j] = eq(i, j) ? len[(i + 1) * w + j + 1]! + 1 : Math.max(len[(i + 1) * w + j]!, len[i * w + j + 1]!);
    }
  }
  const pairs: Array<[number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (eq(i, j) && len[i * w + j] === len[(i + 1) * w + j + 1]! + 1) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (len[(i + 1) * w + j]! >= len[i * w + j + 1]!) i++;
    else j++;
  }
  return pairs;
}

/** One misread digit: same length, one place differs, by digits a scan confuses; or one digit lost (`105` → `05`). */
function oneMisreadDigit(x: string, y: string): boolean {
  if (Math.abs(x.length - y.length) === 1) {
    const [short, long] = x.length < y.length ? [x, y] : [y, x];
    if (short.length < 2) return false;
    for (let k = 0; k < long.length; k++) if (long.slice(0, k) + long.slice(k + 1) === short) return true;
    return false;
  }
  if (x.length !== y.length) return false;
  let diff = -1;
  for (let k = 0; k < x.length; k++) {
    if (x[k] === y[k]) continue;
    if (diff >= 0) return false;
    diff = k;
  }
  if (diff < 0) return false;
  const [p, q] = [x[diff]!, y[diff]!];
  return (DIGIT_CONFUSABLE[p] ?? '').includes(q) || (DIGIT_CONFUSABLE[q] ?? '').includes(p);
}

/** Two long numbers of one length that differ in more than a third of their digits (and more than two). */
function otherLongNumber(x: string, y: string): boolean {
  if (x.length !== y.length) return false;
  let d = 0;
  for (let k = 0; k < x.length; k++) if (x[k] !== y[k]) d++;
  return d > Math.max(2, x.length / 3);
}

export interface TextComparison {
  /** Dice coefficient of the aligned words (numbers left out): 1 = the same wording */
  dice: number;
  /**
   * How strongly the texts disagree between the same aligned words: other numbers in one place count 1, or 0.5 when
   * one misread or lost digit explains them (equal digits split differently, and one misread digit in three or more,
   * count 0), 2 when other words stand beside them on both sides; other month names count 1; other wording of two
   * words or more on both sides counts 1.
   */
  conflicts: number;
  /** share of the aligned words read identically in both: how clean the two readings are */
  exact: number;
}

const MONTHS = ['январ', 'феврал', 'март', 'апрел', 'ма', 'июн', 'июл', 'август', 'сентябр', 'октябр', 'ноябр', 'декабр'];

/** The month (1–12) a word names in a date's genitive or nominative (`января`, `мая`, `март`), else 0. */
function monthOf(t: string): number {
  if (t.length < 3 || isNumber(t)) return 0;
  if (/^ма[яи]$/.test(t)) return 5;
  const k = MONTHS.findIndex((m, i) => i !== 4 && t.startsWith(m));
  return k + 1;
}

const fold = (w: string): string => [...w].map((c) => FOLD[c] ?? c).join('');
const EN_MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].map(fold);
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map(fold).concat(['понедельник', 'вторник', 'сред', 'четверг', 'пятниц', 'суббот', 'воскресен']);

/**
 * A date with a time of day (`Fri, 20 Feb 2026 12:45`, `среда, 18 февраля 2026 г. 08:22`, `05.03.2026 10:15`): the
 * stamp of a sending — an e-mail's header, a web form's submission — that every resend of the letter changes, whatever
 * its date is. The first one in the text, with the weekday before it.
 */
function sendingStamp(tokens: string[]): number[] {
  const num = (t: string | undefined, lo: number, hi: number): boolean => t !== undefined && isNumber(t) && t.length <= 2 && Number(t) >= lo && Number(t) <= hi;
  const month = (t: string | undefined): boolean => t !== undefined && (num(t, 1, 12) || monthOf(t) > 0 || EN_MONTHS.some((m) => t.startsWith(m)));
  for (let k = 0; k + 4 < tokens.length; k++) {
    const [d, m, y] = [tokens[k], tokens[k + 1], tokens[k + 2]];
    if (!num(d, 1, 31) || !month(m) || !(y !== undefined && /^(?:19|20)?\d\d$/.test(y))) continue;
    // «г.» / «года» after the year are not tokens of their own or are short words: the time follows the year
    const at = tokens[k + 3] === 'года' ? k + 4 : k + 3;
    if (!num(tokens[at], 0, 23) || !(tokens[at + 1]?.length === 2 && num(tokens[at + 1], 0, 59))) continue;
    const out = [k, k + 1, k + 2, at, at + 1];
    if (k > 0 && WEEKDAYS.some((w) => tokens[k - 1]!.startsWith(w))) out.push(k - 1);
    return out;
  }
  return [];
}

/**
 * Where a letter prints its own date and outgoing number (first occurrence of each): token indexes a copy of the same
 * letter may change when it is re-sent. Located, not looked up by value: the same day or number elsewhere in the text
 * is a fact like any other.
 */
export function requisiteTokens(tokens: string[], outDate: string | null | undefined, outNumber: string | null | undefined): Set<number> {
  const out = new Set<number>();
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(outDate ?? '');
  /** every place the whole date is printed (day, month, year), as [first, last] token indexes */
  const dates: Array<[number, number]> = [];
  if (d) {
    const [year, month, day] = [d[1]!, Number(d[2]), Number(d[3])];
    const isMonth = (t: string): boolean => (isNumber(t) ? Number(t) === month : monthOf(t) === month);
    for (let k = 0; k + 2 < tokens.length; k++) {
      const [a, b, c] = [tokens[k]!, tokens[k + 1]!, tokens[k + 2]!];
      if (isNumber(a) && Number(a) === day && isMonth(b) && (c === year || c === year.slice(2))) dates.push([k, k + 2]);
    }
    if (dates.length) out.add(dates[0]![0]).add(dates[0]![0] + 1).add(dates[0]![0] + 2);
    // the day lost to OCR (`} апреля 2026`): the first month and year in the text
    if (!out.size) {
      for (let k = 0; k + 1 < tokens.length; k++) {
        if (!isNumber(tokens[k]!) && isMonth(tokens[k]!) && tokens[k + 1] === year) {
          out.add(k).add(k + 1);
          break;
        }
      }
    }
  }
  for (const k of sendingStamp(tokens)) out.add(k);
  const groups = outNumber?.match(/\d+/g) ?? [];
  const numbers: Array<[number, number]> = [];
  if (groups.length) {
    for (let k = 0; k + groups.length <= tokens.length; k++) {
      if (groups.every((g, x) => tokens[k + x] === g)) numbers.push([k, k + groups.length - 1]);
    }
    if (numbers.length) for (let x = numbers[0]![0]; x <= numbers[0]![1]; x++) out.add(x);
  }
  // The letter's date and number printed again side by side are the letter naming itself («Приложение к письму от
  // 23.12.2025 № 1824», a second page's header): a resend changes them there too. Alone, the same day or number
  // elsewhere is a fact of the text.
  for (const [d0, d1] of dates) {
    for (const [n0, n1] of numbers) {
      // next to each other: «23 декабря 2025 г. № 1824», «№ 1824 от 23.12.2025», «… 2025 года № 1824»
      const together = n0 - d1 === 1 || d0 - n1 === 1 || (n0 - d1 === 2 && tokens[d1 + 1] === 'года');
      if (!together) continue;
      for (let x = d0; x <= d1; x++) out.add(x);
      for (let x = n0; x <= n1; x++) out.add(x);
    }
  }
  return out;
}

/**
 * Compares two letters' tokens. `ignoreA`/`ignoreB` are token indexes a copy of the same letter may change: where
 * each prints its own outgoing number and date (`requisiteTokens`). Numbers of five digits or more (phones, postcodes,
 * identifiers) are the sender's, printed on every letter, and say nothing about which letter this is; before the first
 * and after the last aligned word a copy may carry a fax header or lose the page's end, so only places inside the
 * alignment count.
 */
export function compareTokens(a: string[], b: string[], ignoreA: Set<number>, ignoreB: Set<number>): TextComparison {
  const pairs = align(a, b);
  // The words a resend changes (the month of its date, the weekday and month of a sending stamp) count on neither side.
  const words = (t: string[], ignore: Set<number>): number => t.filter((x, k) => !isNumber(x) && !ignore.has(k)).length;
  const alignedWords = pairs.filter(([i, j]) => !isNumber(a[i]!) && !ignoreA.has(i) && !ignoreB.has(j)).length;
  const exactWords = pairs.filter(([i, j]) => !isNumber(a[i]!) && !ignoreA.has(i) && !ignoreB.has(j) && a[i] === b[j]).length;
  const total = words(a, ignoreA) + words(b, ignoreB);
  const dice = total ? (2 * alignedWords) / total : 0;
  const facts = (t: string[], from: number, to: number, ignore: Set<number>): string => {
    let s = '';
    for (let k = from; k < to; k++) if (isNumber(t[k]!) && t[k]!.length <= 4 && !ignore.has(k)) s += t[k];
    return s;
  };
  // a month named in a date is a fact like its day (`24 января` against `марта`)
  const months = (t: string[], from: number, to: number, ignore: Set<number>): string => {
    const found: number[] = [];
    for (let k = from; k < to; k++) if (!ignore.has(k)) { const m = monthOf(t[k]!); if (m) found.push(m); }
    return found.join(',');
  };
  const phrase = (t: string[], from: number, to: number, ignore: Set<number>): number => {
    let n = 0;
    for (let k = from; k < to; k++) if (!ignore.has(k) && /^[а-я]{4,}$/.test(t[k]!) && !monthOf(t[k]!)) n++;
    return n;
  };
  // Two stretches with words of their own on both sides, once the words either side reads in or near the other's
  // stretch (the same wording OCR put out of order, broke or cut short, which an in-order alignment cannot take twice:
  // a form's labels and values) are set aside: still two words or more on each side.
  const otherWording = (ia: number, ja: number, ib: number, jb: number): boolean => {
    const own = (t: string[], from: number, to: number, ignore: Set<number>, u: string[], uf: number, ut: number, uignore: Set<number>): number => {
      let n = 0;
      for (let k = from; k < to; k++) {
        if (ignore.has(k) || !/^[а-я]{4,}$/.test(t[k]!) || monthOf(t[k]!)) continue;
        let met = false;
        for (let x = uf; x < ut && !met; x++) if (!uignore.has(x) && (sameWord(t[k]!, u[x]!) || cutShort(t[k]!, u[x]!))) met = true;
        if (!met) n++;
      }
      return n;
    };
    const near = 8;
    const [na, nb] = [Math.max(0, ia - near), Math.max(0, ib - near)];
    return Math.min(own(a, ia, ja, ignoreA, b, nb, Math.min(b.length, jb + near), ignoreB), own(b, ib, jb, ignoreB, a, na, Math.min(a.length, ja + near), ignoreA)) >= 2;
  };
  const longList = (t: string[], from: number, to: number, ignore: Set<number>): string[] => {
    const out: string[] = [];
    for (let k = from; k < to; k++) if (isNumber(t[k]!) && t[k]!.length >= 5 && !ignore.has(k)) out.push(t[k]!);
    return out;
  };
  // numbers (≤ 4 digits) standing between two aligned words, in order
  const factList = (t: string[], from: number, to: number, ignore: Set<number>): string[] => {
    const out: string[] = [];
    for (let k = from; k < to; k++) if (isNumber(t[k]!) && t[k]!.length <= 4 && !ignore.has(k)) out.push(t[k]!);
    return out;
  };
  const exact = alignedWords ? exactWords / alignedWords : 1;
  const misreadWeight = (x: string, y: string): number => (x.length >= 3 && x.length === y.length ? 0 : 0.5);
  let conflicts = 0;
  // Numbers align too (only when equal), which splits a stretch between two aligned words into pieces; the same value
  // in another place of a date (`30.04.2026` against `04.05.2026`: the 04 aligns) then hides the difference. So each
  // stretch between aligned words is also judged whole, number by number when both print as many numbers (the same
  // shape: a date, a count and a house), and the stricter of the two judgements counts.
  let piecewise = 0;
  let wordPair = pairs.findIndex(([i]) => !isNumber(a[i]!));
  const closeStretch = (k: number): void => {
    // pairs[wordPair] and pairs[k] are aligned words (or the alignment's ends)
    let whole = 0;
    if (wordPair >= 0 && k < pairs.length) {
      const [i1, j1] = pairs[wordPair]!;
      const [i2, j2] = pairs[k]!;
      const na = factList(a, i1 + 1, i2, ignoreA);
      const nb = factList(b, j1 + 1, j2, ignoreB);
      // A long number (a procurement notice, an account, a phone) in the same place differing in more digits than a
      // scan misreads is another fact: copies print the sender's own numbers alike, misread in a digit or two at most.
      const la = longList(a, i1 + 1, i2, ignoreA);
      const lb = longList(b, j1 + 1, j2, ignoreB);
      if (la.length && la.length === lb.length && la.some((x, k) => otherLongNumber(x, lb[k]!))) whole += 1;
      if (na.length >= 2 && na.length === nb.length) {
        for (let x = 0; x < na.length; x++) {
          if (na[x] === nb[x]) continue;
          whole += oneMisreadDigit(na[x]!, nb[x]!) ? misreadWeight(na[x]!, nb[x]!) : 1;
        }
      }
    }
    conflicts += Math.max(piecewise, whole);
    piecewise = 0;
    wordPair = k;
  };
  for (let k = 1; k < pairs.length; k++) {
    const [i1, j1] = pairs[k - 1]!;
    const [i2, j2] = pairs[k]!;
    const ga = facts(a, i1 + 1, i2, ignoreA);
    const gb = facts(b, j1 + 1, j2, ignoreB);
    // other wording in the same place, two words or more on both sides, is another statement (OCR damage leaves one
    // word, or junk that does not read as words)
    if (Math.min(phrase(a, i1 + 1, i2, ignoreA), phrase(b, j1 + 1, j2, ignoreB)) >= 2 && otherWording(i1 + 1, i2, j1 + 1, j2)) conflicts += 1;
    const ma = months(a, i1 + 1, i2, ignoreA);
    const mb = months(b, j1 + 1, j2, ignoreB);
    if (ma && mb && ma !== mb) conflicts += 1;
    if (ga && gb && ga !== gb) {
      if (oneMisreadDigit(ga, gb)) piecewise += misreadWeight(ga, gb);
      // other words beside other numbers (`ул. Космонавтов, 28` against `ул. Первомайская, 22`): another address or
      // object, not a misread digit
      else piecewise += Math.min(phrase(a, i1 + 1, i2, ignoreA), phrase(b, j1 + 1, j2, ignoreB)) >= 1 ? 2 : 1;
    }
    if (!isNumber(a[i2]!)) closeStretch(k);
  }
  if (piecewise) conflicts += piecewise;
  return { dice, conflicts, exact };
}
