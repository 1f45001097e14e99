// The word list of a tesseract language model (the LSTM word DAWG inside `<lang>.traineddata`), read from the same
// model file the OCR uses: the words tesseract was trained to expect, so nothing is shipped twice (tessdata is
// Apache-2.0, ocr/tessdata/LICENSE). Formats: tesseract's tessdatamanager.h (the container), dawg.h (the edges).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OcrError } from './errors.ts';
import { resolveTessdata } from './tessdata.ts';

// tessdatamanager.h: TessdataType
const LSTM_SYSTEM_DAWG = 19;
const LSTM_UNICHARSET = 21;
// dawg.h
const DAWG_MAGIC = 42;
const MARKER_FLAG = 1;
const DIRECTION_FLAG = 2;
const WERD_END_FLAG = 4;
const NUM_FLAG_BITS = 3;

/** One component of a traineddata container: a count, a table of int64 offsets (-1 = absent), then the data. */
export function traineddataEntry(file: Buffer, index: number): Buffer | null {
  const count = file.readInt32LE(0);
  if (index >= count) return null;
  const offsetOf = (i: number): number => Number(file.readBigInt64LE(4 + 8 * i));
  const start = offsetOf(index);
  if (start < 0) return null;
  let end = file.length;
  for (let i = index + 1; i < count; i++) {
    const o = offsetOf(i);
    if (o >= 0) {
      end = o;
      break;
    }
  }
  return file.subarray(start, end);
}

/** A unicharset file: its size, then one line per id whose first field is the character ("NULL" is id 0, the space). */
export function unicharsOf(text: string): string[] {
  const lines = text.split('\n');
  const size = Number(lines[0]);
  return lines.slice(1, size + 1).map((l, i) => (i === 0 ? ' ' : l.split(' ')[0]!));
}

/** A word list asked one word at a time. */
export interface WordList {
  /** `word` (lower case) is known in some capitalisation: as written, Capitalised or in CAPITALS */
  has(word: string): boolean;
}

/**
 * A squished DAWG asked in place. A node is the index of its first edge; its edges follow one another up to the one
 * with the marker flag. An edge packs the letter (the low ⌈log2 unicharset size⌉ bits), three flags, then the node
 * it leads to (0: none). A look-up walks the edges, so loading costs one file read and no word is ever built (the
 * 183,000 Russian forms as strings took ≈ 0.4 s and ≈ 20 MB on the thread that asked first).
 */
export class DawgWords implements WordList {
  private readonly edges: Uint32Array;
  private readonly edgeCount: number;
  private readonly letterBits: number;
  private readonly ids = new Map<string, number>();

  constructor(dawg: Buffer, unichars: readonly string[]) {
    if (dawg.readInt16LE(0) !== DAWG_MAGIC) throw new OcrError('OCR_MODEL_INVALID', 'the word DAWG has an unknown byte order or format');
    this.letterBits = Math.ceil(Math.log2(dawg.readInt32LE(2)));
    this.edgeCount = dawg.readInt32LE(6);
    this.edges = new Uint32Array(new Uint8Array(dawg.subarray(10, 10 + 8 * this.edgeCount)).buffer);
    unichars.forEach((u, id) => this.ids.set(u, id));
  }

  has(word: string): boolean {
    const cap = word.charAt(0).toUpperCase() + word.slice(1);
    return this.holds([...word], 0, 0) || this.holds([...cap], 0, 0) || this.holds([...word.toUpperCase()], 0, 0);
  }

  private holds(chars: string[], at: number, node: number): boolean {
    const id = this.ids.get(chars[at]!);
    if (id === undefined) return false;
    const last = at === chars.length - 1;
    const mask = (1 << this.letterBits) - 1;
    // letters, flags and (on these model sizes) most of the next node's bits fit the low word: plain bit operations
    const shift = this.letterBits + NUM_FLAG_BITS;
    for (let e = node; e < this.edgeCount; e++) {
      const lo = this.edges[2 * e]!;
      const flags = (lo >>> this.letterBits) & 7;
      if ((flags & DIRECTION_FLAG) === 0 && (lo & mask) === id) {
        if (last && flags & WERD_END_FLAG) return true;
        const next = this.edges[2 * e + 1]! * 2 ** (32 - shift) + (lo >>> shift);
        if (!last && next !== 0 && this.holds(chars, at + 1, next)) return true;
      }
      if (flags & MARKER_FLAG) return false;
    }
    return false;
  }
}

/** The word list of `lang`'s model; null when the model has none. */
export function readLexicon(lang: string, tessdataDir = resolveTessdata(lang)): WordList | null {
  const file = readFileSync(join(tessdataDir, `${lang}.traineddata`));
  const dawg = traineddataEntry(file, LSTM_SYSTEM_DAWG);
  const unicharset = traineddataEntry(file, LSTM_UNICHARSET);
  if (!dawg || !unicharset) return null;
  return new DawgWords(dawg, unicharsOf(unicharset.toString('utf8')));
}

const loaded = new Map<string, WordList | null>();

/**
 * `readLexicon`, read once per process and model folder. Null where the model is not installed (extraction from
 * text layers needs none) or has no word list.
 */
export function modelWords(lang: string, tessdataDir?: string): WordList | null {
  const key = `${lang}\n${tessdataDir ?? ''}`;
  if (!loaded.has(key)) {
    let words: WordList | null = null;
    try {
      words = readLexicon(lang, resolveTessdata(lang, tessdataDir));
    } catch (err) {
      if (!(err instanceof OcrError && err.code === 'OCR_LANG_MISSING')) throw err;
    }
    loaded.set(key, words);
  }
  return loaded.get(key) ?? null;
}
