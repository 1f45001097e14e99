import { describe, expect, it } from 'vitest';
import { children, contents, oid, parseAll } from './asn1.ts';
import { digest } from './algorithms.ts';
import { parseSignedData } from './cms.ts';
import { readFixture } from './fixtures/manifest.ts';
import { verifyGost } from './gost.ts';
import { gostCurve, knownParamSets } from './gostCurves.ts';
import { findSignerCert } from './validate.ts';
import { parseCertificate } from './x509.ts';

describe('GOST curve parameter sets', () => {
  it.each(knownParamSets())('%s: the base point lies on the curve and has order q', (oid) => {
    const c = gostCurve(oid)!;
    expect(c).toBeDefined();
    expect(() => c.Point.BASE.assertValidity()).not.toThrow();
    // Scalars must be below q, so check (q-1)·G + G = O.
    expect(c.Point.BASE.multiplyUnsafe(c.q - 1n).add(c.Point.BASE).is0()).toBe(true);
  });
});

function material(family: string): { curveOid: string; pub: Uint8Array; e: Uint8Array; sig: Uint8Array } {
  const sd = parseSignedData(readFixture(`${family}/detached.p7s`));
  const si = sd.signers[0]!;
  const cert = findSignerCert(si, sd.certificates.map(parseCertificate))!;
  const curveOid = oid(children(cert.keyAlgorithm.params!)[0]!);
  const pub = contents(parseAll(cert.publicKey));
  const e = digest(family.startsWith('gost512') ? 'streebog512' : 'streebog256', si.signedAttrsDer!);
  return { curveOid, pub, e, sig: si.signature };
}

const rev = (b: Uint8Array): Uint8Array => Uint8Array.from(b).reverse();
const halves = (b: Uint8Array): [Uint8Array, Uint8Array] => [b.subarray(0, b.length / 2), b.subarray(b.length / 2)];
const join = (a: Uint8Array, b: Uint8Array): Uint8Array => Uint8Array.from([...a, ...b]);

describe.each(['gost256A', 'gost512A', 'gost256TCA', 'gost512C'])('GOST byte orders (%s)', (family) => {
  const m = material(family);
  const curve = gostCurve(m.curveOid)!;

  it('verifies the canonical encodings (LE key, LE digest, s||r big-endian)', () => {
    expect(verifyGost(curve, m.pub, m.e, m.sig)).toEqual({ valid: true, nonCanonical: [] });
  });

  it('accepts r||s, a wholly reversed signature and reports them', () => {
    const [s, r] = halves(m.sig);
    expect(verifyGost(curve, m.pub, m.e, join(r, s))).toEqual({ valid: true, nonCanonical: ['sig-r-s'] });
    expect(verifyGost(curve, m.pub, m.e, rev(m.sig))).toEqual({ valid: true, nonCanonical: ['sig-reversed'] });
  });

  it('accepts big-endian and wholly reversed public keys', () => {
    const [x, y] = halves(m.pub);
    expect(verifyGost(curve, join(rev(x), rev(y)), m.e, m.sig).nonCanonical).toEqual(['key-be']);
    expect(verifyGost(curve, rev(m.pub), m.e, m.sig).nonCanonical).toEqual(['key-reversed']);
  });

  it('accepts a digest read big-endian', () => {
    expect(verifyGost(curve, m.pub, rev(m.e), m.sig)).toEqual({ valid: true, nonCanonical: ['digest-be'] });
  });

  it('rejects a changed digest or signature in every reading', () => {
    const e2 = Uint8Array.from(m.e);
    e2[0]! ^= 1;
    expect(verifyGost(curve, m.pub, e2, m.sig).valid).toBe(false);
    const s2 = Uint8Array.from(m.sig);
    s2[s2.length - 1]! ^= 1;
    expect(verifyGost(curve, m.pub, m.e, s2).valid).toBe(false);
  });
});
