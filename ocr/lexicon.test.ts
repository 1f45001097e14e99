import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DawgWords, readLexicon, traineddataEntry, unicharsOf } from './lexicon.ts';
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
// unicharset of 5 → 3 letter bits, then the flags (marker 1, direction 2, word end 4), then the next node
const edge = (letter: number, flags: number, next: number): number => letter | (flags << 3) | (next << 6);
const unichars = unicharsOf('5\nNULL 0\nд 1\nа 1\nо 1\nД 1\n');

describe('the word list of a tesseract model', () => {
  it('walks a DAWG: letters, word ends, the last edge of a node and the node an edge leads to', () => {
    // root: д → node 1 (а: word end; о: word end → node 3 (а: word end))
    const words = new DawgWords(dawg([edge(1, 1, 1), edge(2, 4, 0), edge(3, 4 | 1, 3), edge(2, 4 | 1, 0)], 5), unichars);
    expect(['да', 'до', 'доа'].map((w) => words.has(w))).toEqual([true, true, true]);
    expect(['д', 'дао', 'ад', 'дд', 'x'].map((w) => words.has(w))).toEqual([false, false, false, false, false]);
  });

  it('knows a word written Capitalised or in capitals by its lower case, and skips backward edges', () => {
    const words = new DawgWords(dawg([edge(1, 2 | 4, 0), edge(4, 1, 2), edge(2, 4 | 1, 0)], 5), unichars);
    expect(words.has('да')).toBe(true);
    expect(words.has('д')).toBe(false);
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
    const words = readLexicon('rus', BUNDLED_TESSDATA)!;
    for (const w of ['директор', 'занятии', 'муниципальному', 'задолженности', 'мвд']) expect(words.has(w)).toBe(true);
    for (const w of ['днректор', 'занятин', 'муниципальномуу']) expect(words.has(w)).toBe(false);
  });

  // Debian's tesseract tools list a DAWG's words: every one of them written in lower case, Capitalised or in
  // capitals must be known by its lower case, and nothing one letter off them that they do not list.
  it.skipIf(!existsSync('/usr/bin/dawg2wordlist'))('agrees with dawg2wordlist on the whole Russian list', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dawg-'));
    try {
      execFileSync('combine_tessdata', ['-u', join(BUNDLED_TESSDATA, 'rus.traineddata'), join(dir, 'rus.')], { stdio: 'ignore' });
      execFileSync('dawg2wordlist', [join(dir, 'rus.lstm-unicharset'), join(dir, 'rus.lstm-word-dawg'), join(dir, 'words.txt')], { stdio: 'ignore' });
      const listed = readFileSync(join(dir, 'words.txt'), 'utf8').trim().split('\n');
      const words = readLexicon('rus', BUNDLED_TESSDATA)!;
      const plain = listed.filter((w) => w === w.toLowerCase() || w === w.toUpperCase() || w === w[0]!.toUpperCase() + w.slice(1).toLowerCase());
      expect(plain.length).toBeGreaterThan(250_000);
      expect(plain.filter((w) => !words.has(w.toLowerCase()))).toEqual([]);
      const known = new Set(listed.map((w) => w.toLowerCase()));
      const offByOne = plain.slice(0, 2000).map((w) => `${w.toLowerCase()}ъ`).filter((w) => !known.has(w));
      expect(offByOne.filter((w) => words.has(w))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
