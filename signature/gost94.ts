// GOST R 34.11-94 with the CryptoPro S-box (RFC 5831, RFC 4357 §11.2), needed only to verify
// GOST R 34.10-2001 signatures, whose digest it is. Byte order follows the reference
// implementation: blocks are little-endian, the digest is output least significant byte first.

// S-box rows k8 … k1 (row k_i substitutes nibble i−1 of the 32-bit word).
const SBOX_CRYPTOPRO: readonly (readonly number[])[] = [
  [0x1, 0x3, 0xa, 0x9, 0x5, 0xb, 0x4, 0xf, 0x8, 0x6, 0x7, 0xe, 0xd, 0x0, 0x2, 0xc],
  [0xd, 0xe, 0x4, 0x1, 0x7, 0x0, 0x5, 0xa, 0x3, 0xc, 0x8, 0xf, 0x6, 0x2, 0x9, 0xb],
  [0x7, 0x6, 0x2, 0x4, 0xd, 0x9, 0xf, 0x0, 0xa, 0x1, 0x5, 0xb, 0x8, 0xe, 0xc, 0x3],
  [0x7, 0x6, 0x4, 0xb, 0x9, 0xc, 0x2, 0xa, 0x1, 0x8, 0x0, 0xe, 0xf, 0xd, 0x3, 0x5],
  [0x4, 0xa, 0x7, 0xc, 0x0, 0xf, 0x2, 0x8, 0xe, 0x1, 0x6, 0x5, 0xd, 0xb, 0x9, 0x3],
  [0x7, 0xf, 0xc, 0xe, 0x9, 0x4, 0x1, 0x0, 0x3, 0xb, 0x5, 0x2, 0x6, 0xa, 0x8, 0xd],
  [0x5, 0xf, 0x4, 0x0, 0x2, 0xd, 0xb, 0x9, 0x1, 0x7, 0x6, 0x3, 0xc, 0xe, 0xa, 0x8],
  [0xa, 0x4, 0x5, 0x6, 0x8, 0x1, 0x3, 0x7, 0xd, 0xc, 0xe, 0x0, 0x9, 0x2, 0xb, 0xf],
];

/** Byte-wise substitution tables for the four bytes of a word, rotation by 11 applied later. */
const BYTE_SUB: Uint32Array[] = (() => {
  const k = (i: number): readonly number[] => SBOX_CRYPTOPRO[8 - i]!; // k1 … k8
  const out: Uint32Array[] = [];
  for (let b = 0; b < 4; b++) {
    const t = new Uint32Array(256);
    const lo = k(2 * b + 1);
    const hi = k(2 * b + 2);
    for (let v = 0; v < 256; v++) t[v] = ((hi[v >> 4]! << 4) | lo[v & 15]!) << (8 * b);
    out.push(t);
  }
  return out;
})();

function f(x: number): number {
  const y = BYTE_SUB[0]![x & 255]! | BYTE_SUB[1]![(x >>> 8) & 255]! | BYTE_SUB[2]![(x >>> 16) & 255]! | BYTE_SUB[3]![x >>> 24]!;
  return ((y << 11) | (y >>> 21)) >>> 0;
}

function readLE(b: Uint8Array, o: number): number {
  return (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
}

function writeLE(b: Uint8Array, o: number, v: number): void {
  b[o] = v & 255;
  b[o + 1] = (v >>> 8) & 255;
  b[o + 2] = (v >>> 16) & 255;
  b[o + 3] = v >>> 24;
}

/** GOST 28147-89 encryption of one 8-byte block (ECB), 32 rounds. */
function encrypt(key: Uint8Array, input: Uint8Array, inOff: number, out: Uint8Array, outOff: number): void {
  const k = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => readLE(key, 4 * i));
  let n1 = readLE(input, inOff);
  let n2 = readLE(input, inOff + 4);
  // Key order k0…k7 three times, then k7…k0. The loop swaps halves after every round; writing n2
  // first undoes the swap the last round must not have.
  for (let r = 0; r < 32; r++) {
    const ki = r < 24 ? k[r & 7]! : k[7 - (r & 7)]!;
    const nn = (n2 ^ f((n1 + ki) >>> 0)) >>> 0;
    n2 = n1;
    n1 = nn;
  }
  writeLE(out, outOff, n2);
  writeLE(out, outOff + 4, n1);
}

function swapBytes(w: Uint8Array): Uint8Array {
  const k = new Uint8Array(32);
  for (let i = 0; i < 4; i++) for (let j = 0; j < 8; j++) k[i + 4 * j] = w[8 * i + j]!;
  return k;
}

function circleXor8(w: Uint8Array): Uint8Array {
  const k = new Uint8Array(32);
  k.set(w.subarray(8, 32), 0);
  for (let i = 0; i < 8; i++) k[i + 24] = w[i]! ^ k[i]!;
  return k;
}

function transform3(d: Uint8Array): void {
  const a0 = d[0]! ^ d[2]! ^ d[4]! ^ d[6]! ^ d[24]! ^ d[30]!;
  const a1 = d[1]! ^ d[3]! ^ d[5]! ^ d[7]! ^ d[25]! ^ d[31]!;
  d.copyWithin(0, 2, 32);
  d[30] = a0;
  d[31] = a1;
}

function xor(a: Uint8Array, b: Uint8Array): Uint8Array {
  const r = new Uint8Array(32);
  for (let i = 0; i < 32; i++) r[i] = a[i]! ^ b[i]!;
  return r;
}

const C3_FLIP = [1, 3, 5, 7, 8, 10, 12, 14, 17, 18, 20, 23, 24, 28, 29, 31];

function step(H: Uint8Array, M: Uint8Array): void {
  const S = new Uint8Array(32);
  let U = H;
  let V = M;
  encrypt(swapBytes(xor(U, V)), H, 0, S, 0);
  U = circleXor8(U);
  V = circleXor8(circleXor8(V));
  encrypt(swapBytes(xor(U, V)), H, 8, S, 8);
  U = circleXor8(U);
  for (const i of C3_FLIP) U[i] = ~U[i]! & 255;
  V = circleXor8(circleXor8(V));
  encrypt(swapBytes(xor(U, V)), H, 16, S, 16);
  U = circleXor8(U);
  V = circleXor8(circleXor8(V));
  encrypt(swapBytes(xor(U, V)), H, 24, S, 24);
  for (let i = 0; i < 12; i++) transform3(S);
  for (let i = 0; i < 32; i++) S[i]! ^= M[i]!;
  transform3(S);
  for (let i = 0; i < 32; i++) S[i]! ^= H[i]!;
  for (let i = 0; i < 61; i++) transform3(S);
  H.set(S);
}

function addBlocks(left: Uint8Array, right: Uint8Array): void {
  let carry = 0;
  for (let i = 0; i < 32; i++) {
    const s = left[i]! + right[i]! + carry;
    left[i] = s & 255;
    carry = s >> 8;
  }
}

export function gostR3411_94(data: Uint8Array): Uint8Array {
  const H = new Uint8Array(32);
  const Sigma = new Uint8Array(32);
  let off = 0;
  for (; off + 32 <= data.length; off += 32) {
    const block = data.subarray(off, off + 32);
    step(H, block);
    addBlocks(Sigma, block);
  }
  const rest = data.length - off;
  if (rest > 0) {
    const buf = new Uint8Array(32);
    buf.set(data.subarray(off));
    step(H, buf);
    addBlocks(Sigma, buf);
  }
  const lenBuf = new Uint8Array(32);
  if (data.length === 0) step(H, lenBuf);
  let bits = BigInt(data.length) * 8n;
  for (let i = 0; bits > 0n; i++, bits >>= 8n) lenBuf[i] = Number(bits & 255n);
  step(H, lenBuf);
  step(H, Sigma);
  return H;
}
