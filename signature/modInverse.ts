// Modular inverse by Lehmer's extended Euclid (Knuth, TAOCP vol. 2, 4.5.2, algorithm L): the quotients
// are found on the leading 50 bits as ordinary numbers, and the BigInt pair is updated once per run of
// quotients instead of once per quotient. A cold GOST verification inverts 4–7 times (e mod q per
// signature, one per new key table); with noble's one-quotient-per-step Euclid that was ≈10 % of it.
// Variable time, which is fine here: verification handles public values only.

const bitLength = (x: bigint): number => x.toString(16).length * 4;
const WORD_BITS = 50; // leading parts and cofactors stay below 2^51, exact in a double

/** a⁻¹ mod m for 0 < a < m, gcd(a, m) = 1; throws otherwise. */
export function modInverse(a: bigint, m: bigint): bigint {
  if (a <= 0n || a >= m) throw new RangeError('modInverse: expected 0 < a < m');
  // u ≡ x0·a and v ≡ x1·a (mod m) throughout.
  let u = m;
  let v = a;
  let x0 = 0n;
  let x1 = 1n;
  while (v !== 0n) {
    const shift = bitLength(u) - WORD_BITS;
    if (shift <= 0) break;
    const s = BigInt(shift);
    let uh = Number(u >> s);
    let vh = Number(v >> s);
    let A = 1, B = 0, C = 0, D = 1;
    for (;;) {
      if (vh + C === 0 || vh + D === 0) break;
      const q = Math.floor((uh + A) / (vh + C));
      if (q !== Math.floor((uh + B) / (vh + D))) break;
      [A, C] = [C, A - q * C];
      [B, D] = [D, B - q * D];
      [uh, vh] = [vh, uh - q * vh];
    }
    if (B === 0) {
      // The leading parts did not settle a single quotient: one full-precision step.
      const q = u / v;
      [u, v] = [v, u - q * v];
      [x0, x1] = [x1, x0 - q * x1];
    } else {
      const [bA, bB, bC, bD] = [BigInt(A), BigInt(B), BigInt(C), BigInt(D)];
      [u, v] = [bA * u + bB * v, bC * u + bD * v];
      [x0, x1] = [bA * x0 + bB * x1, bC * x0 + bD * x1];
    }
  }
  while (v !== 0n) {
    const q = u / v;
    [u, v] = [v, u - q * v];
    [x0, x1] = [x1, x0 - q * x1];
  }
  if (u !== 1n) throw new RangeError('modInverse: not invertible');
  const r = x0 % m;
  return r < 0n ? r + m : r;
}
