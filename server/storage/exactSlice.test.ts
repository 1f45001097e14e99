import { describe, expect, it } from 'vitest';
import { exactSlice } from './exactSlice.ts';
import { readAll } from './testing/blobStoreContract.ts';

async function* chunks(...parts: string[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield Buffer.from(part);
}

describe('exactSlice', () => {
  it('passes the requested bytes of a 206 answer', async () => {
    expect((await readAll(exactSlice(chunks('cde'), 0, 3))).toString()).toBe('cde');
  });

  it('cuts the range out of a whole object sent by a server that ignored Range', async () => {
    expect((await readAll(exactSlice(chunks('ab', 'cdef', 'gh'), 2, 3))).toString()).toBe('cde');
  });

  it('stops reading the source once the range is complete', async () => {
    let pulled = 0;
    async function* endless(): AsyncGenerator<Uint8Array> {
      for (;;) {
        pulled++;
        yield Buffer.from('xxxx');
      }
    }
    expect((await readAll(exactSlice(endless(), 0, 6))).length).toBe(6);
    expect(pulled).toBe(2);
  });

  it('fails with STORAGE_UNAVAILABLE on a short answer', async () => {
    await expect(readAll(exactSlice(chunks('ab'), 0, 3))).rejects.toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
  });
});
