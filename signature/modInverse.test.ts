import { invert } from '@noble/curves/abstract/modular.js';
import { describe, expect, it } from 'vitest';
import { gostCurve, knownParamSets } from './gostCurves.ts';
import { modInverse } from './modInverse.ts';

// Lehmer's inverse against noble's plain extended Euclid, modulo every GOST prime p and order q.
describe('modular inverse (Lehmer)', () => {
  const moduli = [...new Set(knownParamSets().flatMap((oid) => [gostCurve(oid)!.Point.CURVE().p, gostCurve(oid)!.q]))];

  it('agrees with noble for pseudo-random values and the edges 1, 2 and m − 1', () => {
    for (const m of moduli) {
      let x = 0x9e3779b97f4a7c15n;
      const values = [1n, 2n, m - 1n, m - 2n, (m >> 1n) + 1n];
      for (let i = 0; i < 40; i++) {
        x = (x * 6364136223846793005n + 1442695040888963407n) % m;
        if (x !== 0n) values.push(x);
      }
      for (const v of values) {
        const r = modInverse(v, m);
        expect(r).toBe(invert(v, m));
        expect((r * v) % m).toBe(1n);
      }
    }
  });

  it('rejects zero, values out of range and non-invertible values', () => {
    expect(() => modInverse(0n, 97n)).toThrow(RangeError);
    expect(() => modInverse(97n, 97n)).toThrow(RangeError);
    expect(() => modInverse(6n, 9n)).toThrow(RangeError);
    // A composite modulus large enough for the leading-part steps.
    const m = (1n << 127n) - 1n;
    expect(() => modInverse(3n * ((m * 2n) / 3n / 2n), 3n * m)).toThrow(RangeError);
    expect(modInverse(5n, 3n * m)).toBe(invert(5n, 3n * m));
  });
});
