// GOST R 34.10-2001/2012 signature verification over @noble/curves point arithmetic.
//
// Canonical encodings (RFC 4491, RFC 9215): the public key is an OCTET STRING holding X||Y, each
// little-endian; the digest is read as a little-endian integer; the signature is s||r, each
// big-endian. Some signers emit other byte orders; verifyGost tries them only after the canonical
// reading fails and reports which one matched so the report can warn about it.
import { bytesToBigBE, hex } from './asn1.ts';
import type { GostCurve } from './gostCurves.ts';
import { checkShamir, oddMultiples, W_Q_KNOWN, W_Q_NEW, type Affine, type CurveArith } from './gostPoint.ts';
import { wasmCheckShamir, wasmCurve, wasmOddMultiples, type WasmCurve } from './gostWasm.ts';
import { modInverse } from './modInverse.ts';

export type GostVariant = 'canonical' | string;

function bigLE(b: Uint8Array): bigint {
  return bytesToBigBE(Uint8Array.from(b).reverse());
}

interface CachedKey {
  point: Affine | null;
  uses: number;
  /** Odd multiples of the key for the shared doubling chain (BigInt or WebAssembly limbs), and their window width. */
  table?: Affine[] | BigInt64Array | null;
  w?: number;
}

const keyCache = new Map<string, CachedKey>();
const arith = new Map<GostCurve, { c: CurveArith; wasm: WasmCurve | null }>();

export function clearGostKeyCache(): void {
  keyCache.clear();
  // The per-curve G tables are fixed constants (built once in ≈0.1–0.3 ms); a cold verification is one
  // with a new key, so they stay.
}

function curveArith(curve: GostCurve): { c: CurveArith; wasm: WasmCurve | null } {
  let entry = arith.get(curve);
  if (!entry) {
    const { p, a, Gx, Gy } = curve.Point.CURVE();
    const c: CurveArith = { Fp: curve.Point.Fp, p, a, aIsMinus3: a === p - 3n, G: { x: Gx, y: Gy } };
    entry = { c, wasm: wasmCurve(c.Fp, p, a, c.aIsMinus3, c.G) };
    arith.set(curve, entry);
  }
  return entry;
}

function pointFrom(curve: GostCurve, read: () => [bigint, bigint], cacheKey: string): CachedKey {
  const hit = keyCache.get(cacheKey);
  if (hit !== undefined) {
    hit.uses++;
    return hit;
  }
  const [x, y] = read();
  // On-curve check only: noble's assertValidity also multiplies by q on the cofactor-4 curves (TC26 256-A,
  // 512-C), a whole extra scalar multiplication that adds nothing to verifying a public key's signature.
  const Fp = curve.Point.Fp;
  const { a, b } = curve.Point.CURVE();
  let p: Affine | null = null;
  if (Fp.isValid(x) && Fp.isValid(y) && !(x === 0n && y === 0n)) {
    const lhs = Fp.sqr(y);
    const rhs = Fp.add(Fp.add(Fp.mul(Fp.sqr(x), x), Fp.mul(a, x)), b);
    if (Fp.eql(lhs, rhs)) p = { x, y };
  }
  if (keyCache.size > 2000) keyCache.clear();
  const entry: CachedKey = { point: p, uses: 1 };
  keyCache.set(cacheKey, entry);
  return entry;
}

/**
 * Key readings: canonical LE halves, big-endian halves, and the whole buffer reversed (BE Y||X) —
 * lazily, since the canonical one almost always matches.
 */
function* keyCandidates(curve: GostCurve, pub: Uint8Array): Generator<{ name: string; key: CachedKey }> {
  const n = curve.size;
  const a = pub.subarray(0, n);
  const b = pub.subarray(n, 2 * n);
  const id = `${curve.name}:${hex(pub)}`;
  const readings: [string, () => [bigint, bigint]][] = [
    ['key-le', () => [bigLE(a), bigLE(b)]],
    ['key-be', () => [bytesToBigBE(a), bytesToBigBE(b)]],
    ['key-reversed', () => [bytesToBigBE(b), bytesToBigBE(a)]],
  ];
  for (const [name, read] of readings) {
    const key = pointFrom(curve, read, `${id}:${name}`);
    if (key.point) yield { name, key };
  }
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

// A key used for the third time (one official signs many documents, a CA many certificates and CRLs)
// gets a wider table: 32 instead of 8 odd multiples, ≈11 fewer additions per verification. (A CA key
// used twice in one cold verification — its certificate and its CRL — would not repay the table.)
function keyTable(arith: { c: CurveArith; wasm: WasmCurve | null }, key: CachedKey): { table: Affine[] | BigInt64Array | null; w: number } {
  const want = key.uses > 2 ? W_Q_KNOWN : W_Q_NEW;
  if (key.table === undefined || (key.w !== want && key.table !== null)) {
    key.table = arith.wasm ? wasmOddMultiples(arith.wasm, key.point!, want) : oddMultiples(arith.c, key.point!, want);
    key.w = want;
  }
  return { table: key.table, w: key.w! };
}

function verifyOnce(curve: GostCurve, key: CachedKey, e0: bigint, r: bigint, s: bigint): boolean {
  const q = curve.q;
  if (r <= 0n || r >= q || s <= 0n || s >= q) return false;
  let e = e0 % q;
  if (e === 0n) e = 1n;
  const v = modInverse(e, q);
  const z1 = (s * v) % q;
  const z2 = ((q - r) * v) % q;
  // Verification handles only public values, so the variable-time paths are fine.
  const ar = curveArith(curve);
  const { table, w } = keyTable(ar, key);
  if (table instanceof BigInt64Array) {
    const ok = wasmCheckShamir(ar.wasm!, z1, z2, table, w, r, q);
    if (ok !== null) return ok;
  } else if (table) {
    return checkShamir(ar.c, z1, z2, table, w, r, q);
  }
  // A point of tiny order (never a real key): noble's complete formulas.
  const Q = curve.Point.fromAffine(key.point!);
  const R = curve.Point.BASE.multiplyUnsafe(z1).add(Q.multiplyUnsafe(z2));
  return !R.is0() && R.toAffine().x % q === r;
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
        if (verifyOnce(curve, k.key, e, sg.r, sg.s)) {
          const nonCanonical = [k.name !== 'key-le' ? k.name : '', dn !== 'digest-le' ? dn : '', sg.name !== 'sig-s-r' ? sg.name : ''].filter(Boolean);
          return { valid: true, nonCanonical };
        }
      }
    }
  }
  return { valid: false, nonCanonical: [] };
}
