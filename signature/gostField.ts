// Faster prime-field arithmetic for the GOST curves. Most GOST primes are pseudo-Mersenne
// (2^k − c or 2^k + c with a small c), so a product reduces with shifts and one small multiplication
// instead of a BigInt division; add and sub need only one conditional correction. Everything else
// (inversion, square roots, encoding) is noble's Field.
import { Field, type IField } from '@noble/curves/abstract/modular.js';

function bitLength(n: bigint): number {
  return n.toString(2).length;
}

export function gostField(p: bigint): IField<bigint> {
  const base = Field(p);
  const bits = bitLength(p);
  // p = 2^k − c (k = bits) or p = 2^k + c (k = bits − 1), c small.
  const kMinus = BigInt(bits);
  const cMinus = (1n << kMinus) - p;
  const kPlus = BigInt(bits - 1);
  const cPlus = p - (1n << kPlus);
  const SMALL = 1n << 32n;
  let reduce: (x: bigint) => bigint;
  if (cMinus > 0n && cMinus < SMALL) {
    const k = kMinus;
    const c = cMinus;
    const mask = (1n << k) - 1n;
    reduce = (x) => {
      x = (x & mask) + (x >> k) * c;
      x = (x & mask) + (x >> k) * c;
      return x >= p ? x - p : x;
    };
  } else if (cPlus > 0n && cPlus < SMALL) {
    const k = kPlus;
    const c = cPlus;
    const mask = (1n << k) - 1n;
    reduce = (x) => {
      // x = hi·2^k + lo ≡ lo − hi·c; a third round brings the value near [−p, 2p).
      x = (x & mask) - (x >> k) * c;
      x = (x & mask) - (x >> k) * c;
      x = (x & mask) - (x >> k) * c;
      while (x < 0n) x += p;
      while (x >= p) x -= p;
      return x;
    };
  } else {
    reduce = (x) => base.create(x);
  }
  const fast = Object.create(base, {
    mul: { value: (a: bigint, b: bigint): bigint => reduce(a * b), enumerable: true },
    sqr: { value: (a: bigint): bigint => reduce(a * a), enumerable: true },
    add: {
      value: (a: bigint, b: bigint): bigint => {
        const r = a + b;
        return r >= p ? r - p : r;
      },
      enumerable: true,
    },
    sub: {
      value: (a: bigint, b: bigint): bigint => {
        const r = a - b;
        return r < 0n ? r + p : r;
      },
      enumerable: true,
    },
  }) as IField<bigint>;
  return fast;
}
