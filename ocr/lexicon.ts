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

/**
 * Every word of a squished DAWG. A node is the index of its first edge; its edges follow one another up to the one
 * with the marker flag. An edge packs the letter (the low ⌈log2 unicharset size⌉ bits), three flags, then the node
 * it leads to (0: none).
 */
export function dawgWords(dawg: Buffer, unichars: readonly string[]): string[] {
  if (dawg.readInt16LE(0) !== DAWG_MAGIC) throw new OcrError('OCR_MODEL_INVALID', 'the word DAWG has an unknown byte order or format');
  const unicharsetSize = dawg.readInt32LE(2);
  const edgeCount = dawg.readInt32LE(6);
  const letterBits = Math.ceil(Math.log2(unicharsetSize));
  const nextScale = 2 ** (letterBits + NUM_FLAG_BITS);
  // an aligned copy: the edges start at byte 10 (little-endian, as the model files are written on every platform)
  const edges = new Uint32Array(new Uint8Array(dawg.subarray(10, 10 + 8 * edgeCount)).buffer);
  const words: string[] = [];
  const prefix: string[] = [];
  const visit = (node: number): void => {
    for (let e = node; e < edgeCount; e++) {
      const lo = edges[2 * e]!;
      const hi = edges[2 * e + 1]!;
      const flags = Math.floor(lo / 2 ** letterBits) & 7;
      if ((flags & DIRECTION_FLAG) === 0) {
        prefix.push(unichars[lo & (2 ** letterBits - 1)] ?? '');
        if (flags & WERD_END_FLAG) words.push(prefix.join(''));
        const next = Math.floor((hi * 2 ** 32 + lo) / nextScale);
        if (next !== 0) visit(next);
        prefix.pop();
      }
      if (flags & MARKER_FLAG) return;
    }
  };
  visit(0);
  return words;
}

/** The words of `lang`'s model, lower-cased; null when the model has no word list. */
export function readLexicon(lang: string, tessdataDir = resolveTessdata(lang)): Set<string> | null {
  const file = readFileSync(join(tessdataDir, `${lang}.traineddata`));
  const dawg = traineddataEntry(file, LSTM_SYSTEM_DAWG);
  const unicharset = traineddataEntry(file, LSTM_UNICHARSET);
  if (!dawg || !unicharset) return null;
  return new Set(dawgWords(dawg, unicharsOf(unicharset.toString('utf8'))).map((w) => w.toLowerCase()));
}

const loaded = new Map<string, Set<string> | null>();

/**
 * `readLexicon`, read once per process and model folder. Null where the model is not installed (extraction from
 * text layers needs none) or has no word list.
 */
export function modelWords(lang: string, tessdataDir?: string): Set<string> | null {
  const key = `${lang}\n${tessdataDir ?? ''}`;
  if (!loaded.has(key)) {
    let words: Set<string> | null = null;
    try {
      words = readLexicon(lang, resolveTessdata(lang, tessdataDir));
    } catch (err) {
      if (!(err instanceof OcrError && err.code === 'OCR_LANG_MISSING')) throw err;
    }
    loaded.set(key, words);
  }
  return loaded.get(key) ?? null;
}
