// GOST R 34.10-2001/2012 signature verification over @noble/curves point arithmetic.
//
// Canonical encodings (RFC 4491, RFC 9215): the public key is an OCTET STRING holding X||Y, each
// little-endian; the digest is read as a little-endian integer; the signature is s||r, each
// big-endian. Some signers emit other byte orders; verifyGost tries them only after the canonical
// reading fails and reports which one matched so the report can warn about it.
import type { WeierstrassPoint } from '@noble/curves/abstract/weierstrass.js';
import { bytesToBigBE, hex } from './asn1.ts';
import type { GostCurve } from './gostCurves.ts';

export type GostVariant = 'canonical' | string;

function bigLE(b: Uint8Array): bigint {
  return bytesToBigBE(Uint8Array.from(b).reverse());
}

interface CachedKey {
  point: WeierstrassPoint<bigint> | null;
  uses: number;
}

const keyCache = new Map<string, CachedKey>();

export function clearGostKeyCache(): void {
  keyCache.clear();
}

// A key seen twice (one official signing many documents, a CA signing many certificates) gets a
// precomputed window table: it costs about three verifications and makes later ones several times faster.
const PRECOMPUTE_AFTER_USES = 3;
const BASE_TABLE_AFTER = 16;

function pointFrom(curve: GostCurve, x: bigint, y: bigint, cacheKey: string): WeierstrassPoint<bigint> | null {
  const hit = keyCache.get(cacheKey);
  if (hit !== undefined) {
    if (hit.point && ++hit.uses === PRECOMPUTE_AFTER_USES) hit.point.precompute(4, false);
    return hit.point;
  }
  // On-curve check only: noble's assertValidity also multiplies by q on the cofactor-4 curves (TC26 256-A,
  // 512-C), a whole extra scalar multiplication that adds nothing to verifying a public key's signature.
  const Fp = curve.Point.Fp;
  const { a, b } = curve.Point.CURVE();
  let p: WeierstrassPoint<bigint> | null = null;
  if (Fp.isValid(x) && Fp.isValid(y) && !(x === 0n && y === 0n)) {
    const lhs = Fp.sqr(y);
    const rhs = Fp.add(Fp.add(Fp.mul(Fp.sqr(x), x), Fp.mul(a, x)), b);
    if (Fp.eql(lhs, rhs)) p = curve.Point.fromAffine({ x, y });
  }
  if (keyCache.size > 2000) keyCache.clear();
  keyCache.set(cacheKey, { point: p, uses: 1 });
  return p;
}

/** Key readings: canonical LE halves, big-endian halves, and the whole buffer reversed (BE Y||X). */
function keyCandidates(curve: GostCurve, pub: Uint8Array): { name: string; point: WeierstrassPoint<bigint> }[] {
  const n = curve.size;
  const a = pub.subarray(0, n);
  const b = pub.subarray(n, 2 * n);
  const id = `${curve.name}:${hex(pub)}`;
  const readings: [string, bigint, bigint][] = [
    ['key-le', bigLE(a), bigLE(b)],
    ['key-be', bytesToBigBE(a), bytesToBigBE(b)],
    ['key-reversed', bytesToBigBE(b), bytesToBigBE(a)],
  ];
  const out: { name: string; point: WeierstrassPoint<bigint> }[] = [];
  for (const [name, x, y] of readings) {
    const point = pointFrom(curve, x, y, `${id}:${name}`);
    if (point) out.push({ name, point });
  }
  return out;
}

function sigCandidates(curve: GostCurve, sig: Uint8Array): { name: string; r: bigint; s: bigint }[] {
  const n = curve.size;
  const first = sig.subarray(0, n);
  const second = sig.subarray(n, 2 * n);
  return [
    { name: 'sig-s-r', s: bytesToBigBE(first), r: bytesToBigBE(second) },
    { name: 'sig-r-s', r: bytesToBigBE(first), s: bytesToBigBE(second) },
    { name: 'sig-reversed', r: bigLE(first), s: bigLE(second) },
    { name: 'sig-le-s-r', s: bigLE(first), r: bigLE(second) },
  ];
}

function verifyOnce(curve: GostCurve, Q: WeierstrassPoint<bigint>, e0: bigint, r: bigint, s: bigint): boolean {
  const q = curve.q;
  if (r <= 0n || r >= q || s <= 0n || s >= q) return false;
  let e = e0 % q;
  if (e === 0n) e = 1n;
  const v = curve.Point.Fn.inv(e);
  const z1 = (s * v) % q;
  const z2 = ((q - r) * v) % q;
  // Verification handles only public values, so the variable-time paths are fine. A one-off CLI run
  // would spend more on a base-point table (0.2–0.6 s) than it saves, so the table is built after a
  // few verifications; until then one Strauss–Shamir chain computes z1·G + z2·Q.
  if (++curve.uses === BASE_TABLE_AFTER) curve.Point.BASE.precompute(8, false);
  const c = curve.uses >= BASE_TABLE_AFTER ? curve.Point.BASE.multiplyUnsafe(z1).add(Q.multiplyUnsafe(z2)) : curve.Point.BASE.mulAddUnsafe(z1, Q, z2);
  if (c.is0()) return false;
  return c.toAffine().x % q === r;
}

export interface GostResult {
  valid: boolean;
  /** Empty when the canonical encodings matched; otherwise the non-canonical readings that did. */
  nonCanonical: string[];
}

export function verifyGost(curve: GostCurve, publicKey: Uint8Array, digest: Uint8Array, signature: Uint8Array): GostResult {
  if (signature.length !== 2 * curve.size || publicKey.length !== 2 * curve.size) return { valid: false, nonCanonical: [] };
  const keys = keyCandidates(curve, publicKey);
  const sigs = sigCandidates(curve, signature);
  const digests: [string, bigint][] = [
    ['digest-le', bigLE(digest)],
    ['digest-be', bytesToBigBE(digest)],
  ];
  for (const k of keys) {
    for (const [dn, e] of digests) {
      for (const sg of sigs) {
        if (verifyOnce(curve, k.point, e, sg.r, sg.s)) {
          const nonCanonical = [k.name !== 'key-le' ? k.name : '', dn !== 'digest-le' ? dn : '', sg.name !== 'sig-s-r' ? sg.name : ''].filter(Boolean);
          return { valid: true, nonCanonical };
        }
      }
    }
  }
  return { valid: false, nonCanonical: [] };
}
