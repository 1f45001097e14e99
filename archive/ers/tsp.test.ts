import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hasOpenssl, opensslTsa } from '../package/testSupport.ts';
import { nonceInteger, timestampRequest, tokenFromResponse } from './tsp.ts';

describe('time-stamp request nonce', () => {
  it('is a positive, minimally encoded INTEGER whatever the random bytes', () => {
    expect([...nonceInteger(Uint8Array.of(0x00, 0x12, 0x34))]).toEqual([0x12, 0x34]);
    expect([...nonceInteger(Uint8Array.of(0x00, 0x00, 0x92))]).toEqual([0x00, 0x92]);
    expect([...nonceInteger(Uint8Array.of(0x92, 0x01))]).toEqual([0x00, 0x92, 0x01]);
    expect([...nonceInteger(Uint8Array.of(0x00, 0x00))]).toEqual([0x00]);
    expect([...nonceInteger(Uint8Array.of(0x7f))]).toEqual([0x7f]);
  });

  it.skipIf(!hasOpenssl())('is granted by OpenSSL when the random bytes begin with a zero byte or a high bit', async () => {
    const t = opensslTsa();
    try {
      const digest = new Uint8Array(createHash('sha256').update('package.json').digest());
      for (const nonce of [Uint8Array.of(0x00, 0x12, 1, 2, 3, 4, 5, 6), Uint8Array.of(0xf0, 1, 2, 3, 4, 5, 6, 7)]) {
        const token = tokenFromResponse(await t.tsa(timestampRequest('sha256', digest, nonce)));
        expect(token.length).toBeGreaterThan(100);
      }
    } finally {
      t.close();
    }
  });
});
