import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WORKER_MIN_BYTES } from './hashPool.ts';
import { fsTree, SharedArena } from './tree.ts';

const dir = mkdtempSync(join(tmpdir(), 'kartoteka-tree-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, size: number, seed: number): Uint8Array => {
  const b = Uint8Array.from({ length: size }, (_, i) => (i * 31 + seed) & 255);
  writeFileSync(join(dir, name), b);
  return b;
};

// Deep equality of large arrays is slow in the test runner; compare their bytes.
const same = (x: Uint8Array | undefined, y: Uint8Array): boolean => !!x && Buffer.from(x.buffer, x.byteOffset, x.length).equals(y);

describe('file trees', () => {
  const small = file('small.bin', 1000, 1);
  const a = file('a.bin', WORKER_MIN_BYTES + 5, 2);
  const b = file('b.bin', 3 * WORKER_MIN_BYTES, 3);

  it('read the same bytes with blocking calls, with promises and from an arena', async () => {
    const arena = new SharedArena();
    for (const tree of [fsTree(dir), fsTree(dir, { sync: true }), fsTree(dir, { sync: true, arena })]) {
      expect(same(await tree.read('small.bin'), small)).toBe(true);
      expect(same(await tree.read('a.bin'), a)).toBe(true);
      expect(same(await tree.read('b.bin'), b)).toBe(true);
      expect(await tree.read('missing.bin')).toBeUndefined();
      expect((await tree.list(''))?.map((e) => e.name)).toEqual(['a.bin', 'b.bin', 'small.bin']);
    }
  });

  it('an arena gives each large file its own memory until reset, and reuses it after', async () => {
    const arena = new SharedArena();
    const tree = fsTree(dir, { sync: true, arena });
    const first = (await tree.read('a.bin'))!;
    const second = (await tree.read('b.bin'))!;
    expect(first.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(first.buffer === second.buffer ? first.byteOffset + first.length <= second.byteOffset : true).toBe(true);
    expect(same(first, a)).toBe(true);
    arena.reset();
    const again = (await fsTree(dir, { sync: true, arena }).read('b.bin'))!;
    expect(again.buffer).toBe(first.buffer);
    expect(same(again, b)).toBe(true);
  });
});
