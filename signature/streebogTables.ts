// Precomputed tables of GOST R 34.11-2012 shared by the WebAssembly and the pure-JS compression.
//
// A 64-bit lane is stored as two 32-bit halves (low first), so that byte k of a message block is byte k
// of the state, as in the reference implementation. The S, P and L steps are folded into eight
// 256-entry tables (one per input lane): LPS(x)[i] = XOR_j T[j][byte i of x[j]].
import { A, C, PI } from './streebogConstants.ts';

function hex64(h: string): [number, number] {
  return [parseInt(h.slice(8, 16), 16) >>> 0, parseInt(h.slice(0, 8), 16) >>> 0];
}

/** LPS_TABLE[(j*256 + v)*2] / [+1] = low / high half of ℓ(π(v) << 8j). */
export const LPS_TABLE: Uint32Array = (() => {
  const rows = A.map(hex64);
  const t = new Uint32Array(8 * 256 * 2);
  for (let j = 0; j < 8; j++) {
    for (let v = 0; v < 256; v++) {
      const s = PI[v]!;
      let lo = 0;
      let hi = 0;
      for (let b = 0; b < 8; b++) {
        if ((s >>> b) & 1) {
          // Bit p of the 64-bit lane (0 = least significant) selects matrix row 63 - p.
          const row = rows[63 - (8 * j + b)]!;
          lo ^= row[0];
          hi ^= row[1];
        }
      }
      t[(j * 256 + v) * 2] = lo >>> 0;
      t[(j * 256 + v) * 2 + 1] = hi >>> 0;
    }
  }
  return t;
})();

/** The twelve round constants C1..C12, sixteen 32-bit words each (low half of lane 0 first). */
export const ROUND_CONSTANTS: Uint32Array[] = C.map((words) => {
  const out = new Uint32Array(16);
  words.forEach((w, i) => {
    const [lo, hi] = hex64(w);
    out[2 * i] = lo;
    out[2 * i + 1] = hi;
  });
  return out;
});

/** dst[at..at+16) += src[from..from+16) modulo 2^512 (sixteen 32-bit words, least significant first). */
export function add512(dst: Uint32Array, at: number, src: Uint32Array, from: number): void {
  let carry = 0;
  for (let i = 0; i < 16; i++) {
    const s = dst[at + i]! + src[from + i]! + carry;
    dst[at + i] = s >>> 0;
    carry = s > 0xffffffff ? 1 : 0;
  }
}

/** dst[at..at+16) += a small non-negative number, modulo 2^512. */
export function addSmall(dst: Uint32Array, at: number, value: number): void {
  let carry = value;
  for (let i = 0; i < 16 && carry !== 0; i++) {
    const s = dst[at + i]! + carry;
    dst[at + i] = s >>> 0;
    carry = s > 0xffffffff ? 1 : 0;
  }
}
