// Near-duplicate detection of registered letters: the same sender and content sent again, a fax copy,
// a re-scan. Text similarity (MinHash over character shingles, then the words aligned in order, robust to OCR
// damage) is combined with the requisites; a different sender vetoes a match however similar the text is, and so do
// other facts printed in the same wording (a sibling letter from the sender's template).
import { OcrError } from './errors.ts';
import { surnameOf } from './extract/names.ts';
import { alignmentTokens, compareTokens, requisiteTokens, sameWord } from './textAlignment.ts';

export interface Fingerprint {
  version: 1;
  /** MinHash signature of character 5-gram shingles of the normalised text */
  minhash: number[];
  /** numbers printed in the text (house numbers, sums, dates): they tell template siblings apart */
  numbers: string[];
  correspondent: string | null;
  inn: string | null;
  subject: string | null;
  outNumber: string | null;
  /** the letter's date (ISO); absent in fingerprints stored before it was recorded */
  outDate?: string | null;
  /** the letter's words and numbers in reading order, folded (`alignmentTokens`), space-separated; absent in older fingerprints */
  tokens?: string;
  /** surnames of the signer and the executor, folded like `tokens`; absent in older fingerprints */
  signer?: string | null;
  executor?: string | null;
  /** every page's words came from the PDF's own text layer: nothing was misread */
  textLayer?: boolean;
}

export interface Requisites {
  correspondent?: string | null;
  inn?: string | null;
  subject?: string | null;
  outNumber?: string | null;
  outDate?: string | null;
  signer?: string | null;
  executor?: string | null;
  textLayer?: boolean;
}

export interface DuplicateMatch {
  id: string;
  /** 0..1 combined score */
  score: number;
  /** similarity of the texts, 0..1: aligned words when both fingerprints have them, else estimated shingle Jaccard */
  textSimilarity: number;
}

const HASHES = 128;
const SHINGLE = 5;

function fnv1a(s: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

// Fixed odd multipliers and offsets derived from a simple LCG: signatures stay comparable across runs.
const PARAMS: Array<[number, number]> = (() => {
  const out: Array<[number, number]> = [];
  let x = 0x9e3779b9;
  for (let i = 0; i < HASHES; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    const a = (x | 1) >>> 0;
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    out.push([a, x]);
  }
  return out;
})();

function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^a-zа-я0-9]+/g, '');
}

function norm(s: string | null | undefined): string | null {
  const n = (s ?? '').toLowerCase().replace(/ё/g, 'е').replace(/[^a-zа-я0-9]+/g, ' ').trim();
  return n || null;
}

export function fingerprintOf(text: string, req: Requisites = {}): Fingerprint {
  const t = normalise(text);
  const mins = new Array<number>(HASHES).fill(0xffffffff);
  for (let i = 0; i + SHINGLE <= t.length; i++) {
    const base = fnv1a(t.slice(i, i + SHINGLE), 0);
    for (let k = 0; k < HASHES; k++) {
      const [a, b] = PARAMS[k]!;
      const h = (Math.imul(base, a) + b) >>> 0;
      if (h < mins[k]!) mins[k] = h;
    }
  }
  const numbers = [...new Set(text.match(/\d[\d.,/-]*\d|\d/g) ?? [])].filter((n) => n.length >= 2).sort();
  return {
    version: 1,
    minhash: mins,
    numbers,
    correspondent: norm(req.correspondent),
    inn: req.inn ? req.inn.replace(/\D/g, '') || null : null,
    subject: norm(req.subject),
    outNumber: req.outNumber ? req.outNumber.replace(/\s+/g, '') : null,
    outDate: req.outDate ?? null,
    tokens: alignmentTokens(text).join(' '),
    signer: surnameKey(req.signer),
    executor: surnameKey(req.executor),
    textLayer: req.textLayer ?? false,
  };
}

/** A person's surname as the alignment folds words (`Е.В. Сидорова` → `сидорова`), or null. */
function surnameKey(name: string | null | undefined): string | null {
  const surname = name ? surnameOf(name) : null;
  return surname ? (alignmentTokens(surname)[0] ?? null) : null;
}

/**
 * How many of the signer and the executor both letters name by other surnames: not one OCR edit or two apart, and on
 * scans not even sharing half their letter pairs (small type under a signature reads worse than the text).
 */
function otherPeople(a: Fingerprint, b: Fingerprint, clean: boolean): number {
  let n = 0;
  for (const k of ['signer', 'executor'] as const) {
    const x = a[k];
    const y = b[k];
    if (x && y && !sameWord(x, y) && (clean || dice(x, y) < 0.5)) n++;
  }
  return n;
}

export function textSimilarity(a: Fingerprint, b: Fingerprint): number {
  let same = 0;
  for (let i = 0; i < HASHES; i++) if (a.minhash[i] === b.minhash[i]) same++;
  return same / HASHES;
}

/** Character-bigram overlap: Dice coefficient, or the share of the shorter string's bigrams found in the longer. */
function dice(a: string, b: string, of: 'both' | 'shorter' = 'both'): number {
  if (a === b) return 1;
  const grams = (s: string): string[] => Array.from({ length: Math.max(0, s.length - 1) }, (_, i) => s.slice(i, i + 2));
  const ga = grams(a);
  const gb = grams(b);
  const pool = new Map<string, number>();
  for (const g of ga) pool.set(g, (pool.get(g) ?? 0) + 1);
  let inter = 0;
  for (const g of gb) {
    const n = pool.get(g) ?? 0;
    if (n > 0) {
      inter++;
      pool.set(g, n - 1);
    }
  }
  if (of === 'shorter') return Math.min(ga.length, gb.length) ? inter / Math.min(ga.length, gb.length) : 0;
  return ga.length + gb.length ? (2 * inter) / (ga.length + gb.length) : 0;
}

const LOOK_ALIKE: Record<string, string> = { a: 'а', b: 'в', c: 'с', e: 'е', h: 'н', k: 'к', m: 'м', o: 'о', p: 'р', t: 'т', x: 'х', y: 'у' };

/** Latin letters that look like Cyrillic ones, as Cyrillic (on lower-cased normalised names). */
function cyrillicLookAlikes(s: string): string {
  return s.replace(/[abcehkmoptxy]/g, (ch) => LOOK_ALIKE[ch]!);
}

function jaccard(a: string[], b: string[]): number {
  if (!a.length && !b.length) return 1;
  const sa = new Set(a);
  const inter = b.filter((x) => sa.has(x)).length;
  return inter / (sa.size + b.length - inter);
}

/** Every word of a sender's name (two or more) printed in both letters: their letterheads name the same sender. */
function nameInBoth(name: string, ta: string[], tb: string[]): boolean {
  const words = alignmentTokens(name).filter((w) => !/^\d+$/.test(w));
  if (words.length < 2) return false;
  const sa = new Set(ta);
  const sb = new Set(tb);
  return words.every((w) => sa.has(w) && sb.has(w));
}

/** Combined score; 0 when the requisites show two different senders. */
export function duplicateScore(a: Fingerprint, b: Fingerprint): { score: number; text: number } {
  if (a.version !== 1 || b.version !== 1) throw new OcrError('OCR_MODEL_INVALID', 'unsupported fingerprint version');
  const text = textSimilarity(a, b);
  if (a.inn && b.inn && a.inn !== b.inn) return { score: 0, text };
  // OCR may damage a letter or two of a name, or read a capitalised name in Latin look-alikes («CTPOЙ»), so
  // senders are compared script-blind, by character bigrams.
  let sameSender = a.correspondent && b.correspondent ? dice(cyrillicLookAlikes(a.correspondent), cyrillicLookAlikes(b.correspondent)) >= 0.75 : null;
  // the subject as OCR read it twice: a letter or two may differ (`согласовзнии`)
  const sameSubject = Boolean(a.subject && b.subject) && (a.subject === b.subject || dice(cyrillicLookAlikes(a.subject!), cyrillicLookAlikes(b.subject!)) >= 0.9);
  // One letter in the sender's registry: the same number (three digits or more), date and subject. A fax header or a
  // damaged letterhead read into one copy's sender name («Р.01/01 ТО: 8163220415 28-11-2025 16:38 общество Акционерн»)
  // then says nothing about who sent it: the sender counts as unknown and the words decide, as for an unreadable one.
  const sameRegistration = Boolean(a.outNumber && a.outNumber === b.outNumber && /\d{3}/.test(a.outNumber) && a.outDate && a.outDate === b.outDate && sameSubject);
  if (sameSender === false && sameRegistration && !(a.inn && b.inn)) sameSender = null;
  if (sameSender === false && !(a.inn && a.inn === b.inn)) {
    // Two names for one sender: one copy's name was derived from a letterhead a scan damaged («Муниципальное
    // бюджетное … школа» beside «МБОУ «СОШ № 5»»). The letterheads' own words decide then: every word of one name
    // printed in both letters, under one subject, is one sender; whether it is one letter the words decide below.
    if (!sameSubject || !a.tokens || !b.tokens || text < 0.25) return { score: 0, text };
    const ta = a.tokens.split(' ');
    const tb = b.tokens.split(' ');
    if (!nameInBoth(a.correspondent!, ta, tb) && !nameInBoth(b.correspondent!, ta, tb)) return { score: 0, text };
    sameSender = true;
  }
  const nums = jaccard(a.numbers, b.numbers);
  let req = 0.5;
  if ((a.inn && a.inn === b.inn) || sameSender) req = 1;
  if (a.subject && b.subject && !sameSubject) req -= 0.4;
  // A letter sent again often keeps its outgoing number.
  if (a.outNumber && a.outNumber === b.outNumber && req >= 1) req += 0.4;
  const score = 0.6 * text + 0.25 * nums + 0.15 * req;
  // One sender's letter with the same outgoing number and subject is the same letter (sent again, or faxed),
  // however badly the scan reads: the sender's registry gives a number to one letter only.
  // When one copy's sender could not be read (a fax letterhead in Latin look-alikes), the number and subject still
  // identify the letter, with a stricter text similarity.
  const sameLetter = Boolean(a.outNumber) && a.outNumber === b.outNumber && sameSubject;
  const sure = sameLetter && ((req >= 1 && text >= 0.4) || (sameSender === null && text >= 0.6));
  // Two born-digital texts need no such trust: their words say exactly whether they are one letter (a sender's
  // numbering may repeat across years, and a generator's across its runs), so the alignment below decides.
  const clean = Boolean(a.textLayer && b.textLayer);
  if (sure && !(clean && a.tokens !== undefined && b.tokens !== undefined)) return { score: Math.max(score, 0.9), text };
  // Shingles of a poorly read page agree little even for one text; below this the pages are different anyway, and
  // the word alignment is spared for the few candidates that come near.
  if (a.tokens === undefined || b.tokens === undefined || text < 0.25) return { score, text };
  const ta = a.tokens.split(' ');
  const tb = b.tokens.split(' ');
  const cmp = compareTokens(ta, tb, requisiteTokens(ta, a.outDate, a.outNumber), requisiteTokens(tb, b.outDate, b.outNumber));
  const senderAgrees = (a.inn && a.inn === b.inn) || sameSender === true;
  // A copy keeps its signer and executor: another one is a place where the letters disagree (a prosecutor's
  // representation signed by the deputy, with another executor and count, is another letter of the template). Two
  // born-digital texts have no OCR damage to explain any difference, so there one such place is enough; on scans a
  // number or a name in small type may be misread, and two places must disagree.
  const conflicts = cmp.conflicts + otherPeople(a, b, clean);
  // The same wording with other facts in it is a sibling letter from the sender's template (a monthly request,
  // another house), not a copy: two disagreeing places are more than OCR damage explains, and without a sender known
  // to agree one is enough.
  // Another subject is another letter, whatever the rest shares; one read in part (a line lost) is contained in the other.
  const otherSubject = Boolean(a.subject && b.subject) && dice(cyrillicLookAlikes(a.subject!), cyrillicLookAlikes(b.subject!), 'shorter') < 0.8;
  if (otherSubject || conflicts >= 2 || ((!senderAgrees || clean) && conflicts >= 1)) return { score: Math.min(score, 0.5), text: cmp.dice };
  // A copy (re-scan, fax, resend with a new date or number) keeps the wording. How much of it two readings may lose
  // depends on how damaged they are: on clean pages (nearly every aligned word read identically) a tenth of other
  // words is another letter from the same template, on 150-dpi scans it is OCR damage. Without a readable sender
  // on one side the text alone decides: no fact may disagree (above) and the floor is higher.
  // One sender's letter under the same subject where no place says something else on the two sides: the words one
  // copy lacks are lines a scan or fax lost (or a line a resend added), not another letter's statements, so the
  // demand that clean readings agree almost wholly is not needed; nor for a copy of the same date.
  const sameDay = Boolean(senderAgrees && sameSubject && a.outDate && a.outDate === b.outDate);
  // Born-digital texts lose no lines: what one of them lacks is text the other does not have.
  const oneSided = Boolean(senderAgrees && sameSubject && conflicts === 0 && !clean);
  // The same holds when one copy's sender could not be read (a fax of a citizen's form lost the name lines), at the
  // floor of letters without a known sender.
  const unread = sameSender === null && !(a.inn && b.inn) && sameSubject && conflicts === 0 && !clean;
  const needed = sameDay || oneSided ? 0.8 : unread ? 0.85 : Math.max(senderAgrees ? 0.8 : 0.85, 0.95 - 3 * (1 - cmp.exact));
  // The words decide here; shingles and requisites only rank what the words accept.
  return { score: cmp.dice >= needed ? Math.max(score, 0.72 + 0.28 * ((cmp.dice - needed) / (1 - needed))) : Math.min(score, 0.6), text: cmp.dice };
}

export interface DedupeOptions {
  /** minimum combined score (default 0.72) */
  threshold?: number;
}

/** The best earlier card this one duplicates, or null. */
export function findDuplicate(
  fp: Fingerprint,
  earlier: Iterable<{ id: string; fingerprint: Fingerprint }>,
  opts: DedupeOptions = {},
): DuplicateMatch | null {
  const threshold = opts.threshold ?? 0.72;
  let best: DuplicateMatch | null = null;
  for (const e of earlier) {
    const { score, text } = duplicateScore(fp, e.fingerprint);
    if (score >= threshold && (!best || score > best.score)) best = { id: e.id, score: Math.round(Math.min(1, score) * 1000) / 1000, textSimilarity: text };
  }
  return best;
}
