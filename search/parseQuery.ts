// Splits what the user typed into the parts each matching strategy needs. Engine-neutral: an Elasticsearch
// implementation would feed the same parts to simple_query_string, a prefix query and a terms query.
import { cleanText, foldYo, normalizeNumber } from './normalize.ts';

export interface ParsedText {
  /** Words, "phrases" and -exclusions in web-search syntax, without the prefix word. */
  words: string;
  /** The last word while typing, to be matched as a prefix of a word form (null: none). */
  prefix: string | null;
  /** Normalised numbers for exact hits on registration/outgoing numbers and INN/OGRN. */
  numbers: string[];
  /** Plain text for similarity (typo-tolerant) matching. */
  fuzzy: string;
}

// A prefix of one or two letters matches a large part of any dictionary: too broad to be useful, too slow to run.
const MIN_PREFIX = 3;
const PREFIX_WORD = /^[\p{L}\p{N}]+$/u;

export function parseQueryText(text: string, typing: boolean): ParsedText | null {
  const folded = cleanText(foldYo(text)).toLowerCase();
  const trimmed = folded.trim();
  if (!trimmed) return null;

  const numbers = new Set<string>();
  if (/\d/.test(trimmed)) {
    const whole = normalizeNumber(trimmed.replace(/"/g, ''));
    if (whole) numbers.add(whole);
    for (const token of trimmed.split(/\s+/)) {
      if (!/\d/.test(token) || token.startsWith('-')) continue;
      const key = normalizeNumber(token.replace(/"/g, ''));
      if (key) numbers.add(key);
    }
  }

  let words = trimmed;
  let prefix: string | null = null;
  const quotesBalanced = (trimmed.match(/"/g) ?? []).length % 2 === 0;
  if (typing && quotesBalanced && !/[\s"]$/.test(folded)) {
    const cut = trimmed.search(/\S+$/);
    const last = trimmed.slice(cut);
    if (PREFIX_WORD.test(last) && [...last].length >= MIN_PREFIX) {
      prefix = last;
      words = trimmed.slice(0, cut).trim();
    }
  }

  const fuzzy = trimmed.replace(/(^|\s)-/g, '$1').replace(/"/g, '').replace(/\s+/g, ' ').trim();
  return { words, prefix, numbers: [...numbers], fuzzy };
}
