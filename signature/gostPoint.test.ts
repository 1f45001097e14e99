import { describe, expect, it } from 'vitest';
import { gostCurve, knownParamSets } from './gostCurves.ts';
import { checkShamir, oddMultiples, W_Q_KNOWN, W_Q_NEW, wnaf, type CurveArith } from './gostPoint.ts';

// The Jacobian Strauss–Shamir check against noble's complete formulas, on every parameter set.
function arith(oid: string): { c: CurveArith; q: bigint; noble: NonNullable<ReturnType<typeof gostCurve>> } {
  const noble = gostCurve(oid)!;
  const { p, a, Gx, Gy } = noble.Point.CURVE();
  return { c: { Fp: noble.Point.Fp, p, a, aIsMinus3: a === p - 3n, G: { x: Gx, y: Gy } }, q: noble.q, noble };
}

// Deterministic pseudo-random scalars below q.
function scalars(q: bigint, seed: number, count: number): bigint[] {
  const out: bigint[] = [];
  let x = BigInt(seed) * 0x9e3779b97f4a7c15n;
  for (let i = 0; i < count; i++) {
    let v = 0n;
    for (let j = 0; j < 9; j++) {
      x = (x * 6364136223846793005n + 1442695040888963407n) & ((1n << 64n) - 1n);
      v = (v << 64n) | x;
    }
    out.push((v % (q - 1n)) + 1n);
  }
  return out;
}

describe.each(knownParamSets())('GOST Jacobian verification arithmetic (%s)', (oid) => {
  const { c, q, noble } = arith(oid);
  const G = noble.Point.BASE;

  it('x(z1·G + z2·Q) mod q agrees with noble for random keys and scalars, in both table widths', () => {
    const [d, ...zs] = scalars(q, oid.length + Number(oid.split('.').pop()), 7);
    const Q = G.multiplyUnsafe(d!).toAffine();
    for (const w of [W_Q_NEW, W_Q_KNOWN]) {
      const table = oddMultiples(c, Q, w)!;
      for (let i = 0; i + 1 < zs.length; i += 2) {
        const z1 = zs[i]!;
        const z2 = zs[i + 1]!;
        const r = G.multiplyUnsafe(z1).add(G.multiplyUnsafe(d!).multiplyUnsafe(z2)).toAffine().x % q;
        expect(checkShamir(c, z1, z2, table, w, r, q)).toBe(true);
        expect(checkShamir(c, z1, z2, table, w, (r + 1n) % q, q)).toBe(false);
      }
    }
  });

  it('handles zero scalars, equal points in the chain (Q = G) and a sum at infinity', () => {
    const [z] = scalars(q, 5, 1);
    const gTable = oddMultiples(c, c.G, W_Q_NEW)!;
    const xOf = (P: typeof G): bigint => P.toAffine().x % q;
    // Q = G, z1 = z2: every addition meets the same point (the doubling branch).
    expect(checkShamir(c, z!, z!, gTable, W_Q_NEW, xOf(G.multiplyUnsafe((2n * z!) % q)), q)).toBe(true);
    expect(checkShamir(c, 0n, z!, gTable, W_Q_NEW, xOf(G.multiplyUnsafe(z!)), q)).toBe(true);
    expect(checkShamir(c, z!, 0n, gTable, W_Q_NEW, xOf(G.multiplyUnsafe(z!)), q)).toBe(true);
    // z1·G + (q − z1)·G = O: never a valid signature.
    for (let r = 1n; r < 4n; r++) expect(checkShamir(c, z!, q - z!, gTable, W_Q_NEW, r, q)).toBe(false);
  });
});

describe('width-w NAF recoding', () => {
  it('sums back to the scalar, with odd digits below 2^(w−1) in magnitude and w−1 zeros after each', () => {
    const ks = [1n, 2n, 3n, 255n, 256n, (1n << 255n) - 1n, (1n << 512n) - 12345n, ...scalars((1n << 512n) - 569n, 9, 20)];
    for (const w of [4, 5, 7]) {
      for (const k of ks) {
        const d = wnaf(k, w);
        expect(d.reduce((acc, x, i) => acc + BigInt(x) * (1n << BigInt(i)), 0n)).toBe(k);
        d.forEach((x, i) => {
          if (x === 0) return;
          expect(Math.abs(x) % 2).toBe(1);
          expect(Math.abs(x)).toBeLessThan(1 << (w - 1));
          for (let j = 1; j < w && i + j < d.length; j++) expect(d[i + j]).toBe(0);
        });
      }
    }
  });
});
