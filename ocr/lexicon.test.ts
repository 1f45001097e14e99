import { describe, expect, it } from 'vitest';
import { dawgWords, readLexicon, traineddataEntry, unicharsOf } from './lexicon.ts';
import { BUNDLED_TESSDATA } from './tessdata.ts';

/** A squished DAWG as tesseract writes it: magic 42, unicharset size, edge count, then 64-bit edges. */
function dawg(edges: number[], unicharsetSize: number): Buffer {
  const b = Buffer.alloc(10 + 8 * edges.length);
  b.writeInt16LE(42, 0);
  b.writeInt32LE(unicharsetSize, 2);
  b.writeInt32LE(edges.length, 6);
  edges.forEach((e, i) => b.writeBigUInt64LE(BigInt(e), 10 + 8 * i));
  return b;
}

describe('the word list of a tesseract model', () => {
  it('walks a DAWG: letters, word ends, the last edge of a node and the node an edge leads to', () => {
    // unicharset of 4 → 2 letter bits, then the flags (marker 1, direction 2, word end 4), then the next node
    const edge = (letter: number, flags: number, next: number): number => letter | (flags << 2) | (next << 5);
    const unichars = unicharsOf('4\nNULL 0\nд 1\nа 1\nо 1\n');
    const words = dawgWords(dawg([edge(1, 1, 1), edge(2, 4, 0), edge(3, 4 | 1, 3), edge(2, 4 | 1, 0)], 4), unichars);
    expect(words).toEqual(['да', 'до', 'доа']);
  });

  it('skips backward edges', () => {
    const edge = (letter: number, flags: number, next: number): number => letter | (flags << 2) | (next << 5);
    const words = dawgWords(dawg([edge(1, 4, 0), edge(2, 2 | 4 | 1, 0)], 4), unicharsOf('4\nNULL 0\nд 1\nа 1\nо 1\n'));
    expect(words).toEqual(['д']);
  });

  it('finds a component of a traineddata container by its offset, absent ones as null', () => {
    const file = Buffer.alloc(4 + 8 * 3 + 5);
    file.writeInt32LE(3, 0);
    file.writeBigInt64LE(28n, 4);
    file.writeBigInt64LE(-1n, 12);
    file.writeBigInt64LE(30n, 20);
    file.write('abcde', 28);
    expect(traineddataEntry(file, 0)?.toString()).toBe('ab');
    expect(traineddataEntry(file, 1)).toBeNull();
    expect(traineddataEntry(file, 2)?.toString()).toBe('cde');
    expect(traineddataEntry(file, 7)).toBeNull();
  });

  it('reads the Russian words of the shipped model', () => {
    const words = readLexicon('rus', BUNDLED_TESSDATA);
    expect(words?.size).toBeGreaterThan(150_000);
    for (const w of ['директор', 'занятии', 'муниципальному', 'задолженности']) expect(words?.has(w)).toBe(true);
    expect(words?.has('днректор')).toBe(false);
  });
});
