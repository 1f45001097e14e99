// GOST R 34.11-2012 "Streebog" (RFC 6986) in pure JavaScript: the fallback where WebAssembly is absent
// and the reference the WebAssembly build is tested against. One compression is 25 LPS steps of 64
// table look-ups on 32-bit halves (streebogTables.ts).
import { add512, addSmall, LPS_TABLE, ROUND_CONSTANTS } from './streebogTables.ts';

const BLOCK = 64;

// Separate low/high halves: one index per look-up instead of two.
const TLO = new Int32Array(8 * 256);
const THI = new Int32Array(8 * 256);
for (let i = 0; i < 8 * 256; i++) {
  TLO[i] = LPS_TABLE[2 * i]! | 0;
  THI[i] = LPS_TABLE[2 * i + 1]! | 0;
}

/** out = LPS(x ⊕ y); out may alias x or y. Unrolled: this is the whole cost of the hash. */
function xlps(x: Uint32Array, y: Uint32Array, out: Uint32Array): void {
  const l0 = x[0]! ^ y[0]!, h0 = x[1]! ^ y[1]!;
  const l1 = x[2]! ^ y[2]!, h1 = x[3]! ^ y[3]!;
  const l2 = x[4]! ^ y[4]!, h2 = x[5]! ^ y[5]!;
  const l3 = x[6]! ^ y[6]!, h3 = x[7]! ^ y[7]!;
  const l4 = x[8]! ^ y[8]!, h4 = x[9]! ^ y[9]!;
  const l5 = x[10]! ^ y[10]!, h5 = x[11]! ^ y[11]!;
  const l6 = x[12]! ^ y[12]!, h6 = x[13]! ^ y[13]!;
  const l7 = x[14]! ^ y[14]!, h7 = x[15]! ^ y[15]!;
  const lo = TLO, hi = THI;
  {
    const k0 = (l0 & 255), k1 = (256 | (l1 & 255)), k2 = (512 | (l2 & 255)), k3 = (768 | (l3 & 255));
    const k4 = (1024 | (l4 & 255)), k5 = (1280 | (l5 & 255)), k6 = (1536 | (l6 & 255)), k7 = (1792 | (l7 & 255));
    out[0] = lo[k0]! ^ lo[k1]! ^ lo[k2]! ^ lo[k3]! ^ lo[k4]! ^ lo[k5]! ^ lo[k6]! ^ lo[k7]!;
    out[1] = hi[k0]! ^ hi[k1]! ^ hi[k2]! ^ hi[k3]! ^ hi[k4]! ^ hi[k5]! ^ hi[k6]! ^ hi[k7]!;
  }
  {
    const k0 = ((l0 >>> 8) & 255), k1 = (256 | ((l1 >>> 8) & 255)), k2 = (512 | ((l2 >>> 8) & 255)), k3 = (768 | ((l3 >>> 8) & 255));
    const k4 = (1024 | ((l4 >>> 8) & 255)), k5 = (1280 | ((l5 >>> 8) & 255)), k6 = (1536 | ((l6 >>> 8) & 255)), k7 = (1792 | ((l7 >>> 8) & 255));
    out[2] = lo[k0]! ^ lo[k1]! ^ lo[k2]! ^ lo[k3]! ^ lo[k4]! ^ lo[k5]! ^ lo[k6]! ^ lo[k7]!;
    out[3] = hi[k0]! ^ hi[k1]! ^ hi[k2]! ^ hi[k3]! ^ hi[k4]! ^ hi[k5]! ^ hi[k6]! ^ hi[k7]!;
  }
  {
    const k0 = ((l0 >>> 16) & 255), k1 = (256 | ((l1 >>> 16) & 255)), k2 = (512 | ((l2 >>> 16) & 255)), k3 = (768 | ((l3 >>> 16) & 255));
    const k4 = (1024 | ((l4 >>> 16) & 255)), k5 = (1280 | ((l5 >>> 16) & 255)), k6 = (1536 | ((l6 >>> 16) & 255)), k7 = (1792 | ((l7 >>> 16) & 255));
    out[4] = lo[k0]! ^ lo[k1]! ^ lo[k2]! ^ lo[k3]! ^ lo[k4]! ^ lo[k5]! ^ lo[k6]! ^ lo[k7]!;
    out[5] = hi[k0]! ^ hi[k1]! ^ hi[k2]! ^ hi[k3]! ^ hi[k4]! ^ hi[k5]! ^ hi[k6]! ^ hi[k7]!;
  }
  {
    const k0 = (l0 >>> 24), k1 = (256 | (l1 >>> 24)), k2 = (512 | (l2 >>> 24)), k3 = (768 | (l3 >>> 24));
    const k4 = (1024 | (l4 >>> 24)), k5 = (1280 | (l5 >>> 24)), k6 = (1536 | (l6 >>> 24)), k7 = (1792 | (l7 >>> 24));
    out[6] = lo[k0]! ^ lo[k1]! ^ lo[k2]! ^ lo[k3]! ^ lo[k4]! ^ lo[k5]! ^ lo[k6]! ^ lo[k7]!;
    out[7] = hi[k0]! ^ hi[k1]! ^ hi[k2]! ^ hi[k3]! ^ hi[k4]! ^ hi[k5]! ^ hi[k6]! ^ hi[k7]!;
  }
  {
    const k0 = (h0 & 255), k1 = (256 | (h1 & 255)), k2 = (512 | (h2 & 255)), k3 = (768 | (h3 & 255));
    const k4 = (1024 | (h4 & 255)), k5 = (1280 | (h5 & 255)), k6 = (1536 | (h6 & 255)), k7 = (1792 | (h7 & 255));
    out[8] = lo[k0]! ^ lo[k1]! ^ lo[k2]! ^ lo[k3]! ^ lo[k4]! ^ lo[k5]! ^ lo[k6]! ^ lo[k7]!;
    out[9] = hi[k0]! ^ hi[k1]! ^ hi[k2]! ^ hi[k3]! ^ hi[k4]! ^ hi[k5]! ^ hi[k6]! ^ hi[k7]!;
  }
  {
    const k0 = ((h0 >>> 8) & 255), k1 = (256 | ((h1 >>> 8) & 255)), k2 = (512 | ((h2 >>> 8) & 255)), k3 = (768 | ((h3 >>> 8) & 255));
    const k4 = (1024 | ((h4 >>> 8) & 255)), k5 = (1280 | ((h5 >>> 8) & 255)), k6 = (1536 | ((h6 >>> 8) & 255)), k7 = (1792 | ((h7 >>> 8) & 255));
    out[10] = lo[k0]! ^ lo[k1]! ^ lo[k2]! ^ lo[k3]! ^ lo[k4]! ^ lo[k5]! ^ lo[k6]! ^ lo[k7]!;
    out[11] = hi[k0]! ^ hi[k1]! ^ hi[k2]! ^ hi[k3]! ^ hi[k4]! ^ hi[k5]! ^ hi[k6]! ^ hi[k7]!;
  }
  {
    const k0 = ((h0 >>> 16) & 255), k1 = (256 | ((h1 >>> 16) & 255)), k2 = (512 | ((h2 >>> 16) & 255)), k3 = (768 | ((h3 >>> 16) & 255));
    const k4 = (1024 | ((h4 >>> 16) & 255)), k5 = (1280 | ((h5 >>> 16) & 255)), k6 = (1536 | ((h6 >>> 16) & 255)), k7 = (1792 | ((h7 >>> 16) & 255));
    out[12] = lo[k0]! ^ lo[k1]! ^ lo[k2]! ^ lo[k3]! ^ lo[k4]! ^ lo[k5]! ^ lo[k6]! ^ lo[k7]!;
    out[13] = hi[k0]! ^ hi[k1]! ^ hi[k2]! ^ hi[k3]! ^ hi[k4]! ^ hi[k5]! ^ hi[k6]! ^ hi[k7]!;
  }
  {
    const k0 = (h0 >>> 24), k1 = (256 | (h1 >>> 24)), k2 = (512 | (h2 >>> 24)), k3 = (768 | (h3 >>> 24));
    const k4 = (1024 | (h4 >>> 24)), k5 = (1280 | (h5 >>> 24)), k6 = (1536 | (h6 >>> 24)), k7 = (1792 | (h7 >>> 24));
    out[14] = lo[k0]! ^ lo[k1]! ^ lo[k2]! ^ lo[k3]! ^ lo[k4]! ^ lo[k5]! ^ lo[k6]! ^ lo[k7]!;
    out[15] = hi[k0]! ^ hi[k1]! ^ hi[k2]! ^ hi[k3]! ^ hi[k4]! ^ hi[k5]! ^ hi[k6]! ^ hi[k7]!;
  }
}

const ZERO = new Uint32Array(16);

/** Streaming Streebog; `update` may be called any number of times before `digest`. */
export class StreebogJs {
  readonly outputBits: 256 | 512;
  private readonly h = new Uint32Array(16);
  private readonly n = new Uint32Array(16);
  private readonly sigma = new Uint32Array(16);
  private readonly buf = new Uint8Array(BLOCK);
  private readonly bufWords = new Uint32Array(16);
  private bufLen = 0;
  private finished = false;
  // Scratch space reused by every compression.
  private readonly k = new Uint32Array(16);
  private readonly data = new Uint32Array(16);

  constructor(outputBits: 256 | 512) {
    this.outputBits = outputBits;
    if (outputBits === 256) this.h.fill(0x01010101);
  }

  private g(n: Uint32Array, m: Uint32Array): void {
    const { h, k, data } = this;
    xlps(h, n, k);
    xlps(k, m, data);
    for (let i = 0; i < 11; i++) {
      xlps(k, ROUND_CONSTANTS[i]!, k);
      xlps(k, data, data);
    }
    xlps(k, ROUND_CONSTANTS[11]!, k);
    for (let i = 0; i < 16; i++) h[i] = h[i]! ^ k[i]! ^ data[i]! ^ m[i]!;
  }

  private loadWords(src: Uint8Array, off: number, into: Uint32Array): void {
    for (let i = 0; i < 16; i++) {
      const p = off + 4 * i;
      into[i] = (src[p]! | (src[p + 1]! << 8) | (src[p + 2]! << 16) | (src[p + 3]! << 24)) >>> 0;
    }
  }

  private compressBlock(words: Uint32Array): void {
    this.g(this.n, words);
    addSmall(this.n, 0, 512);
    add512(this.sigma, 0, words, 0);
  }

  update(data: Uint8Array): this {
    if (this.finished) throw new Error('Streebog: update after digest');
    let off = 0;
    const len = data.length;
    if (this.bufLen > 0) {
      const take = Math.min(BLOCK - this.bufLen, len);
      this.buf.set(data.subarray(0, take), this.bufLen);
      this.bufLen += take;
      off = take;
      // A full buffer is kept until more data arrives: the final block must never be empty-handed.
      if (this.bufLen === BLOCK && off < len) {
        this.loadWords(this.buf, 0, this.bufWords);
        this.compressBlock(this.bufWords);
        this.bufLen = 0;
      }
    }
    const words = this.bufWords;
    while (len - off > BLOCK) {
      this.loadWords(data, off, words);
      this.compressBlock(words);
      off += BLOCK;
    }
    if (off < len) {
      this.buf.set(data.subarray(off), this.bufLen);
      this.bufLen += len - off;
    }
    return this;
  }

  digest(): Uint8Array {
    if (this.finished) throw new Error('Streebog: digest called twice');
    this.finished = true;
    if (this.bufLen === BLOCK) {
      this.loadWords(this.buf, 0, this.bufWords);
      this.compressBlock(this.bufWords);
      this.bufLen = 0;
    }
    const last = new Uint8Array(BLOCK);
    last.set(this.buf.subarray(0, this.bufLen));
    last[this.bufLen] = 1;
    const m = new Uint32Array(16);
    this.loadWords(last, 0, m);
    this.g(this.n, m);
    addSmall(this.n, 0, this.bufLen * 8);
    add512(this.sigma, 0, m, 0);
    this.g(ZERO, this.n);
    this.g(ZERO, this.sigma);
    const out = new Uint8Array(BLOCK);
    for (let i = 0; i < 16; i++) {
      const w = this.h[i]!;
      out[4 * i] = w & 255;
      out[4 * i + 1] = (w >>> 8) & 255;
      out[4 * i + 2] = (w >>> 16) & 255;
      out[4 * i + 3] = w >>> 24;
    }
    return this.outputBits === 512 ? out : out.slice(32);
  }
}
