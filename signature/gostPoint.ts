// z1·G + z2·Q for GOST signature verification, in Jacobian coordinates over the curve's fast field.
//
// noble's Weierstrass points use complete projective formulas (≈14 multiplications per doubling,
// ≈18 per addition, the `a` and `3b` products included) and allocate a point per step. Verification
// handles public values only, so the classic incomplete Jacobian formulas are safe here (the special
// cases P = ±Q and the point at infinity are handled explicitly): 3M+5S per doubling when a = −3 (every
// CryptoPro and TC26 set except 256-A and 512-C), 1M+8S otherwise, and 7M+4S per mixed addition with
// an affine table point. One doubling chain is shared by both scalars (Strauss–Shamir) with signed
// windows: a width-7 table of G built once per curve and a width-5 table of Q (width 7 for keys seen
// repeatedly). The final comparison x(R) mod q = r needs no inversion: r·Z² = X (mod p).
// noble remains the curve definition (parameters, field, on-curve checks) and the test reference.
import type { IField } from '@noble/curves/abstract/modular.js';

export interface Affine {
  x: bigint;
  y: bigint;
}

export interface CurveArith {
  Fp: IField<bigint>;
  p: bigint;
  a: bigint;
  aIsMinus3: boolean;
  G: Affine;
  /** Odd multiples G, 3G, …, (2^(W_G−1) − 1)G, affine, built on first use. */
  gTable?: Affine[];
}

export const W_G = 7;
export const W_Q_NEW = 5;
export const W_Q_KNOWN = 7;

interface Jac {
  X: bigint;
  Y: bigint;
  Z: bigint; // 0 = point at infinity
}

function double(c: CurveArith, P: Jac): Jac {
  const F = c.Fp;
  const { X, Y, Z } = P;
  if (Z === 0n || Y === 0n) return { X: 1n, Y: 1n, Z: 0n };
  if (c.aIsMinus3) {
    // dbl-2001-b, with 8β and 8γ² formed as 2·(X·2γ)·2 and 2·(2γ)² to save additions.
    const delta = F.sqr(Z);
    const gamma = F.sqr(Y);
    const gamma2 = F.add(gamma, gamma);
    const beta2 = F.mul(X, gamma2);
    const beta4 = F.add(beta2, beta2);
    const t = F.mul(F.sub(X, delta), F.add(X, delta));
    const alpha = F.add(F.add(t, t), t);
    const X3 = F.sub(F.sqr(alpha), F.add(beta4, beta4));
    const Z3 = F.sub(F.sub(F.sqr(F.add(Y, Z)), gamma), delta);
    const g4 = F.sqr(gamma2);
    const Y3 = F.sub(F.sub(F.mul(alpha, F.sub(beta4, X3)), g4), g4);
    return { X: X3, Y: Y3, Z: Z3 };
  }
  // dbl-2007-bl
  const XX = F.sqr(X);
  const YY = F.sqr(Y);
  const YYYY = F.sqr(YY);
  const ZZ = F.sqr(Z);
  const s0 = F.sub(F.sub(F.sqr(F.add(X, YY)), XX), YYYY);
  const S = F.add(s0, s0);
  const M = F.add(F.add(F.add(XX, XX), XX), F.mul(c.a, F.sqr(ZZ)));
  const X3 = F.sub(F.sqr(M), F.add(S, S));
  const y8 = F.add(F.add(F.add(YYYY, YYYY), F.add(YYYY, YYYY)), F.add(F.add(YYYY, YYYY), F.add(YYYY, YYYY)));
  const Y3 = F.sub(F.mul(M, F.sub(S, X3)), y8);
  const Z3 = F.sub(F.sub(F.sqr(F.add(Y, Z)), YY), ZZ);
  return { X: X3, Y: Y3, Z: Z3 };
}

/** P + (x2, y2) with an affine second point (madd-2007-bl). */
function addAffine(c: CurveArith, P: Jac, x2: bigint, y2: bigint): Jac {
  const F = c.Fp;
  const { X: X1, Y: Y1, Z: Z1 } = P;
  if (Z1 === 0n) return { X: x2, Y: y2, Z: 1n };
  const Z1Z1 = F.sqr(Z1);
  const U2 = F.mul(x2, Z1Z1);
  const S2 = F.mul(y2, F.mul(Z1, Z1Z1));
  const H = F.sub(U2, X1);
  const r0 = F.sub(S2, Y1);
  if (H === 0n) {
    if (r0 === 0n) return double(c, P);
    return { X: 1n, Y: 1n, Z: 0n };
  }
  const HH = F.sqr(H);
  const I = F.add(F.add(HH, HH), F.add(HH, HH));
  const J = F.mul(H, I);
  const r = F.add(r0, r0);
  const V = F.mul(X1, I);
  const X3 = F.sub(F.sub(F.sqr(r), J), F.add(V, V));
  const YJ = F.mul(Y1, J);
  const Y3 = F.sub(F.mul(r, F.sub(V, X3)), F.add(YJ, YJ));
  const Z3 = F.sub(F.sub(F.sqr(F.add(Z1, H)), Z1Z1), HH);
  return { X: X3, Y: Y3, Z: Z3 };
}

/** Jacobian points → affine with one inversion (Montgomery's trick); none may be at infinity. */
function toAffineAll(c: CurveArith, pts: Jac[]): Affine[] {
  const F = c.Fp;
  const prefix: bigint[] = [];
  let acc = 1n;
  for (const P of pts) {
    prefix.push(acc);
    acc = F.mul(acc, P.Z);
  }
  let inv = F.inv(acc);
  const out: Affine[] = new Array(pts.length);
  for (let i = pts.length - 1; i >= 0; i--) {
    const P = pts[i]!;
    const zInv = F.mul(inv, prefix[i]!);
    inv = F.mul(inv, P.Z);
    const z2 = F.sqr(zInv);
    out[i] = { x: F.mul(P.X, z2), y: F.mul(P.Y, F.mul(z2, zInv)) };
  }
  return out;
}

/**
 * Odd multiples P, 3P, …, (2^(w−1) − 1)P in affine form, or null when one of them is the point at
 * infinity (only for a point of tiny order — never a valid key; the caller falls back to noble).
 */
export function oddMultiples(c: CurveArith, P: Affine, w: number): Affine[] | null {
  const count = 1 << (w - 2);
  const first: Jac = { X: P.x, Y: P.y, Z: 1n };
  const P2 = double(c, first);
  if (P2.Z === 0n) return null;
  const jac: Jac[] = [first];
  for (let i = 1; i < count; i++) {
    const next = addJacobian(c, jac[i - 1]!, P2);
    if (next.Z === 0n) return null;
    jac.push(next);
  }
  return toAffineAll(c, jac);
}

/** P1 + P2, both Jacobian (add-2007-bl); only for building tables, so no doubling branch is needed: P1 ≠ P2 there. */
function addJacobian(c: CurveArith, P1: Jac, P2: Jac): Jac {
  const F = c.Fp;
  const Z1Z1 = F.sqr(P1.Z);
  const Z2Z2 = F.sqr(P2.Z);
  const U1 = F.mul(P1.X, Z2Z2);
  const U2 = F.mul(P2.X, Z1Z1);
  const S1 = F.mul(P1.Y, F.mul(P2.Z, Z2Z2));
  const S2 = F.mul(P2.Y, F.mul(P1.Z, Z1Z1));
  const H = F.sub(U2, U1);
  const r0 = F.sub(S2, S1);
  if (H === 0n) return r0 === 0n ? double(c, P1) : { X: 1n, Y: 1n, Z: 0n };
  const H2 = F.add(H, H);
  const I = F.sqr(H2);
  const J = F.mul(H, I);
  const r = F.add(r0, r0);
  const V = F.mul(U1, I);
  const X3 = F.sub(F.sub(F.sqr(r), J), F.add(V, V));
  const SJ = F.mul(S1, J);
  const Y3 = F.sub(F.mul(r, F.sub(V, X3)), F.add(SJ, SJ));
  const Z3 = F.mul(F.sub(F.sub(F.sqr(F.add(P1.Z, P2.Z)), Z1Z1), Z2Z2), H);
  return { X: X3, Y: Y3, Z: Z3 };
}

/**
 * Signed-digit (width-w NAF) recoding, least significant digit first. Works on the scalar's bits
 * with a carry instead of BigInt arithmetic per bit: an odd position takes the w-bit window v as the
 * digit, or v − 2^w (which clears the window and carries one into the next) when v ≥ 2^(w−1).
 */
export function wnaf(k: bigint, w: number): Int8Array {
  const s = k.toString(2);
  const n = s.length;
  const bit = (i: number): number => (i < n && s.charCodeAt(n - 1 - i) === 49 ? 1 : 0);
  const out = new Int8Array(n + 1);
  const full = 1 << w;
  const half = full >> 1;
  let carry = 0;
  let last = -1;
  for (let i = 0; i < n || carry; ) {
    const b = bit(i) + carry;
    if ((b & 1) === 0) {
      carry = b >> 1;
      i++;
      continue;
    }
    let v = 1;
    for (let j = 1; j < w; j++) v |= bit(i + j) << j;
    const d = v >= half ? v - full : v;
    out[i] = d;
    last = i;
    carry = d < 0 ? 1 : 0;
    i += w;
  }
  return out.subarray(0, last + 1);
}

/** x(z1·G + z2·Q) ≡ r (mod q)?  `qTable` = oddMultiples(Q, w). Scalars in [0, q). */
export function checkShamir(c: CurveArith, z1: bigint, z2: bigint, qTable: Affine[], wQ: number, r: bigint, q: bigint): boolean {
  const F = c.Fp;
  const gTable = (c.gTable ??= oddMultiples(c, c.G, W_G)!);
  const dG = wnaf(z1, W_G);
  const dQ = wnaf(z2, wQ);
  let R: Jac = { X: 1n, Y: 1n, Z: 0n };
  for (let i = Math.max(dG.length, dQ.length) - 1; i >= 0; i--) {
    if (R.Z !== 0n) R = double(c, R);
    const a = dG[i] ?? 0;
    if (a !== 0) {
      const t = gTable[Math.abs(a) >> 1]!;
      R = addAffine(c, R, t.x, a > 0 ? t.y : F.neg(t.y));
    }
    const b = dQ[i] ?? 0;
    if (b !== 0) {
      const t = qTable[Math.abs(b) >> 1]!;
      R = addAffine(c, R, t.x, b > 0 ? t.y : F.neg(t.y));
    }
  }
  if (R.Z === 0n) return false;
  // x = X/Z² ∈ [0, p) and x mod q = r  ⇔  X = r'·Z² for r' = r or r + q, … below p.
  const zz = F.sqr(R.Z);
  for (let cand = r; cand < c.p; cand += q) {
    if (F.mul(cand, zz) === R.X) return true;
  }
  return false;
}
