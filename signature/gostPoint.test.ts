import { describe, expect, it } from 'vitest';
import { gostCurve, knownParamSets } from './gostCurves.ts';
import { checkShamir, oddMultiples, W_Q_KNOWN, W_Q_NEW, wnaf, type Affine, type CurveArith } from './gostPoint.ts';
import { wasmCheckShamir, wasmCurve, wasmFieldOp, wasmOddMultiples } from './gostWasm.ts';
import { buildGostWasm } from './gostWasmGen.ts';
import { GOST_WASM_BASE64 } from './gostWasmModule.ts';

// The Jacobian Strauss–Shamir check, in BigInt (gostPoint.ts) and on WebAssembly (gostWasm.ts),
// against noble's complete formulas, on every parameter set.
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

/** One implementation of the check: a key table and x(z1·G + z2·Q) ≡ r. */
interface Impl {
  table(P: Affine, w: number): unknown;
  check(z1: bigint, z2: bigint, table: unknown, w: number, r: bigint): boolean;
}

function implementations(c: CurveArith, q: bigint): [string, Impl][] {
  const wc = wasmCurve(c.Fp, c.p, c.a, c.aIsMinus3, c.G)!;
  return [
    ['BigInt', { table: (P, w) => oddMultiples(c, P, w), check: (z1, z2, t, w, r) => checkShamir(c, z1, z2, t as Affine[], w, r, q) }],
    ['WebAssembly', { table: (P, w) => wasmOddMultiples(wc, P, w), check: (z1, z2, t, w, r) => wasmCheckShamir(wc, z1, z2, t as BigInt64Array, w, r, q)! }],
  ];
}

describe.each(knownParamSets())('GOST Jacobian verification arithmetic (%s)', (oid) => {
  const { c, q, noble } = arith(oid);
  const G = noble.Point.BASE;

  describe.each(implementations(c, q))('%s', (_name, impl) => {
    it('x(z1·G + z2·Q) mod q agrees with noble for random keys and scalars, in both table widths', () => {
      const [d, ...zs] = scalars(q, oid.length + Number(oid.split('.').pop()), 7);
      const Q = G.multiplyUnsafe(d!).toAffine();
      for (const w of [W_Q_NEW, W_Q_KNOWN]) {
        const table = impl.table(Q, w);
        for (let i = 0; i + 1 < zs.length; i += 2) {
          const z1 = zs[i]!;
          const z2 = zs[i + 1]!;
          const r = G.multiplyUnsafe(z1).add(G.multiplyUnsafe(d!).multiplyUnsafe(z2)).toAffine().x % q;
          expect(impl.check(z1, z2, table, w, r)).toBe(true);
          expect(impl.check(z1, z2, table, w, (r + 1n) % q)).toBe(false);
        }
      }
    });

    it('handles zero scalars, equal points in the chain (Q = G), a sum at infinity and q − 1', () => {
      const [z] = scalars(q, 5, 1);
      const gTable = impl.table(c.G, W_Q_NEW);
      const xOf = (P: typeof G): bigint => P.toAffine().x % q;
      // Q = G, z1 = z2: every addition meets the same point (the doubling branch).
      expect(impl.check(z!, z!, gTable, W_Q_NEW, xOf(G.multiplyUnsafe((2n * z!) % q)))).toBe(true);
      expect(impl.check(0n, z!, gTable, W_Q_NEW, xOf(G.multiplyUnsafe(z!)))).toBe(true);
      expect(impl.check(z!, 0n, gTable, W_Q_NEW, xOf(G.multiplyUnsafe(z!)))).toBe(true);
      // Both zero: the point at infinity, never a valid signature.
      for (let r = 1n; r < 4n; r++) expect(impl.check(0n, 0n, gTable, W_Q_NEW, r)).toBe(false);
      // z1·G + (q − z1)·G = O: never a valid signature.
      for (let r = 1n; r < 4n; r++) expect(impl.check(z!, q - z!, gTable, W_Q_NEW, r)).toBe(false);
      // (q − 1)·G = −G: the largest scalar, whose signed digits end in a carry.
      expect(impl.check(q - 1n, 0n, gTable, W_Q_NEW, c.G.x % q)).toBe(true);
      expect(impl.check(1n, 1n, gTable, W_Q_NEW, xOf(G.multiplyUnsafe(2n)))).toBe(true);
    });
  });

  it('WebAssembly table of odd multiples equals noble’s multiples', () => {
    const wc = wasmCurve(c.Fp, c.p, c.a, c.aIsMinus3, c.G)!;
    const [d] = scalars(q, 3, 1);
    const Q = G.multiplyUnsafe(d!);
    const t = wasmOddMultiples(wc, Q.toAffine(), W_Q_NEW)!;
    // Table limbs are in the field's internal form: read them back through a multiplication by one.
    const read = (i: number): bigint => {
      let v = 0n;
      for (let k = wc.n - 1; k >= 0; k--) v = (v << 29n) | t[i + k]!;
      return (v * c.Fp.inv(wc.rModP)) % c.p;
    };
    for (let j = 0; j < 1 << (W_Q_NEW - 2); j++) {
      const want = Q.multiplyUnsafe(BigInt(2 * j + 1)).toAffine();
      expect([read(2 * wc.n * j), read(2 * wc.n * j + wc.n)]).toEqual([want.x, want.y]);
    }
  });

  it('WebAssembly field operations agree with BigInt arithmetic, edge values included', () => {
    const wc = wasmCurve(c.Fp, c.p, c.a, c.aIsMinus3, c.G)!;
    const p = c.p;
    const bits = BigInt(p.toString(2).length);
    const edges = [0n, 1n, 2n, p - 1n, p - 2n, p >> 1n, (1n << (bits - 1n)) % p, ((1n << bits) - 1n) % p];
    const values = [...edges, ...scalars(p, 11, 12).map((v) => v % p)];
    const mod = (x: bigint): bigint => ((x % p) + p) % p;
    for (const x of values) {
      for (const y of values) {
        expect(wasmFieldOp(wc, 'mul', x, y)).toBe(mod(x * y));
        expect(wasmFieldOp(wc, 'add', x, y)).toBe(mod(x + y));
        expect(wasmFieldOp(wc, 'sub', x, y)).toBe(mod(x - y));
      }
      expect(wasmFieldOp(wc, 'sqr', x, 0n)).toBe(mod(x * x));
    }
  });
});

describe('GOST WebAssembly module', () => {
  it('is the generator’s output (regenerate with npx tsx signature/gostWasmGen.ts)', () => {
    expect(GOST_WASM_BASE64).toBe(Buffer.from(buildGostWasm()).toString('base64'));
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
