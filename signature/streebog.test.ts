import { afterAll, describe, expect, it } from 'vitest';
import { closeStreebogWorkers, Streebog, streebog256, streebog512, streebogMany } from './index.ts';
import { StreebogJs } from './streebogJs.ts';
import { buildStreebogWasm, LAYOUT } from './streebogWasmGen.ts';
import { STREEBOG_WASM_BASE64 } from './streebogWasmModule.ts';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

// GOST R 34.11-2012 / RFC 6986 examples. M1 is the ASCII digits string; M2 is the Cyrillic phrase in
// CP1251. Digests are byte strings as OpenSSL's gost engine and CMS messageDigest carry them.
const M1 = new TextEncoder().encode('012345678901234567890123456789012345678901234567890123456789012');
const M2 = Buffer.from(
  'd1e520e2e5f2f0e82c20d1f2f0e8e1eee6e820e2edf3f6e82c20e2e5fef2fa20f120eceef0ff20f1f2f0e5ebe0ece820ede020f5f0e0e1f0fbff20efebfaeafb20c8e3eef0e5e2fb',
  'hex',
);

describe('streebog', () => {
  it('matches the standard test vector M1', () => {
    expect(hex(streebog512(M1))).toBe(
      '1b54d01a4af5b9d5cc3d86d68d285462b19abc2475222f35c085122be4ba1ffa00ad30f8767b3a82384c6574f024c311e2a481332b08ef7f41797891c1646f48',
    );
    expect(hex(streebog256(M1))).toBe('9d151eefd8590b89daa6ba6cb74af9275dd051026bb149a452fd84e5e57b5500');
  });

  it('matches the standard test vector M2 (carry across 2^64 in Σ)', () => {
    expect(hex(streebog512(M2))).toBe(
      '1e88e62226bfca6f9994f1f2d51569e0daf8475a3b0fe61a5300eee46d961376035fe83549ada2b8620fcd7c496ce5b33f0cb9dddc2b6460143b03dabac9fb28',
    );
    expect(hex(streebog256(M2))).toBe('9dd2fe4e90409e5da87f53976d7405b0c0cac628fc669a741d50063c557e8f50');
  });

  // Values computed with `openssl dgst -engine gost` on bytes (i*131+7) mod 256.
  const pattern = (n: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 131 + 7) & 255);
  it.each([
    [0, 256, '3f539a213e97c802cc229d474c6aa32a825a360b2a933a949fd925208d9ce1bb'],
    [64, 256, 'c2acda872836631c1cc55c9cb6125a99cba1d5cdc7117ec0e661cabbfc03cd43'],
    [
      65,
      512,
      'cd60648579ab5ae71435f48514db1f17ba009cdc20368925dc8fc364f825e3dd8ca5ace8ee75ab711c5d0e406ebed4cb718ac5e4158e079919c6f324137a3ec6',
    ],
  ])('empty and block-boundary inputs (%i bytes, %i bits)', (n, bits, expected) => {
    expect(hex(bits === 256 ? streebog256(pattern(n)) : streebog512(pattern(n)))).toBe(expected);
  });

  it('streaming in odd chunks equals one-shot hashing at block boundaries', () => {
    for (const n of [0, 1, 63, 64, 65, 128, 129, 1000]) {
      const d = pattern(n);
      for (const bits of [256, 512] as const) {
        const s = new Streebog(bits);
        for (let i = 0; i < n; i += 37) s.update(d.subarray(i, i + 37));
        expect(hex(s.digest())).toBe(hex(bits === 256 ? streebog256(d) : streebog512(d)));
      }
    }
  });
});

describe('streebog: WebAssembly build against the pure-JS reference', () => {
  // A small deterministic generator: the inputs are random-looking but reproducible.
  function randomBytes(n: number, seed: number): Uint8Array {
    const out = new Uint8Array(n);
    let x = seed >>> 0 || 1;
    for (let i = 0; i < n; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      out[i] = x & 255;
    }
    return out;
  }
  const js = (bits: 256 | 512, d: Uint8Array): string => hex(new StreebogJs(bits).update(d).digest());

  it('the pure-JS reference matches the standard test vectors too', () => {
    expect(js(512, M1)).toBe(hex(streebog512(M1)));
    expect(js(256, M2)).toBe('9dd2fe4e90409e5da87f53976d7405b0c0cac628fc669a741d50063c557e8f50');
  });

  it('the committed module bytes are what the generator produces', () => {
    expect(STREEBOG_WASM_BASE64).toBe(Buffer.from(buildStreebogWasm()).toString('base64'));
  });

  it('equals the reference on random inputs of many lengths, including several input chunks', () => {
    const lengths = [1, 31, 63, 64, 65, 127, 128, 129, 4095, 4096, 65537, LAYOUT.inputSize - 1, LAYOUT.inputSize, LAYOUT.inputSize + 1, 2 * LAYOUT.inputSize + 64, 300_001];
    lengths.forEach((n, k) => {
      const d = randomBytes(n, 1000 + k);
      expect(hex(streebog256(d)), `256, ${n} bytes`).toBe(js(256, d));
      expect(hex(streebog512(d)), `512, ${n} bytes`).toBe(js(512, d));
    });
  });

  it('equals the reference when streamed in random-sized pieces, with hashers interleaved', () => {
    const d = randomBytes(400_000, 7);
    const a = new Streebog(256);
    const b = new Streebog(512);
    let seed = 99;
    for (let off = 0; off < d.length; ) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      const piece = [0, 1, 63, 64, 65, 1000, 70_000, 140_000][seed >>> 29]!;
      a.update(d.subarray(off, off + piece));
      b.update(d.subarray(off, off + piece));
      off += piece;
    }
    expect(hex(a.digest())).toBe(js(256, d));
    expect(hex(b.digest())).toBe(js(512, d));
  });

  it('propagates carries of the checksum Σ across all 64-bit lanes like the reference', () => {
    // All-ones blocks make every lane addition carry into the next.
    for (const n of [128, 640, 10_000]) {
      const d = new Uint8Array(n).fill(0xff);
      expect(hex(streebog512(d))).toBe(js(512, d));
      expect(hex(streebog256(d))).toBe(js(256, d));
    }
  });
});

describe('streebogMany (worker threads)', () => {
  afterAll(() => closeStreebogWorkers());

  it('gives the same digests as the in-thread hash, in order, for buffers of many sizes', async () => {
    const items = [0, 1, 64, 1000, 200_000, 63, 3_000_000].map((n, k) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + k * 7) & 255));
    const many = await streebogMany(items, 256, 2);
    expect(many.map(hex)).toEqual(items.map((d) => hex(streebog256(d))));
    const many512 = await streebogMany(items.slice(0, 3), 512);
    expect(many512.map(hex)).toEqual(items.slice(0, 3).map((d) => hex(streebog512(d))));
  });
});
