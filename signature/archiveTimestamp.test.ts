// Archive and CAdES-X time-stamps beyond the manifest cases: which later changes keep them valid and
// which do not, and what each proves.
import { describe, expect, it } from 'vitest';
import { children, concat, raw, tlv } from './asn1.ts';
import { cmsParts, oidDer, rebuild } from './fixtures/der.ts';
import { loadManifest, readFixture } from './fixtures/manifest.ts';
import { verifySignatures } from './index.ts';

const base = loadManifest().find((c) => c.name === 'ext-ats-v3-long-term');
if (!base) console.warn('[skip] archive time-stamp tests: the ext- fixtures are missing (signature/fixtures/generate-ext.sh)');

describe.skipIf(!base)('archive-time-stamp-v3', () => {
  const c = base!;
  const cms = (): Uint8Array => readFixture(c.signature!);
  const verify = (signature: Uint8Array, intermediates: Uint8Array[] = []) =>
    verifySignatures(
      { data: readFixture(c.data!), signature },
      { trustAnchors: c.trust.map(readFixture), crls: c.crl.map(readFixture), intermediates, validationTime: new Date(c.at) },
    );

  it('is validated and gives the proof of existence that carries the signature past the certificate expiry', async () => {
    const s = (await verify(cms())).signatures[0]!;
    expect(s.format).toBe('CAdES-A');
    expect(s.timestamps).toEqual([expect.objectContaining({ type: 'archive-time-stamp', valid: true })]);
    expect(s.bestSignatureTime).toBe(s.timestamps[0]!.genTime);
    expect(s.indication).toBe('TOTAL_PASSED');
  });

  it('stays valid when unsigned data is added after it (a later attribute is not in its hash index)', async () => {
    const p = cmsParts(cms());
    const fields = children(p.signerInfos[0]!);
    const unsigned = fields[fields.length - 1]!;
    const extra = tlv(0x30, concat(oidDer('1.2.840.113549.1.9.16.2.23'), tlv(0x31, tlv(0x30, new Uint8Array()))));
    const signer = tlv(0x30, concat(...fields.slice(0, -1).map(raw), tlv(0xa1, concat(...children(unsigned).map(raw), extra))));
    const s = (await verify(rebuild(p, signer))).signatures[0]!;
    expect(s.timestamps.find((t) => t.type === 'archive-time-stamp')?.valid).toBe(true);
    expect(s.indication).toBe('TOTAL_PASSED');
  });

  it('fails when a certificate it covered is removed, even if the path can still be built from elsewhere', async () => {
    const p = cmsParts(cms());
    const certsAt = p.sd.findIndex((n) => n.tag === 0xa0);
    const certs = children(p.sd[certsAt]!).map(raw);
    // Keep one of the two certificates in the CMS; the other now comes from the caller.
    const sdNodes = p.sd.map((n, i) => (i === certsAt ? tlv(0xa0, concat(...certs.slice(0, 1))) : raw(n)));
    const rebuilt = tlv(0x30, concat(raw(p.ci[0]!), tlv(0xa0, tlv(0x30, concat(...sdNodes)))));
    const s = (await verify(rebuilt, certs.slice(1))).signatures[0]!;
    const ats = s.timestamps.find((t) => t.type === 'archive-time-stamp')!;
    expect(ats.valid).toBe(false);
    expect(ats.problem).toMatch(/certificate .* removed or changed/);
    expect(s.subIndication).toBe('OUT_OF_BOUNDS_NO_POE');
  });
});

const esc = loadManifest().find((c) => c.name === 'ext-cades-x');

describe.skipIf(!esc)('CAdES-C time-stamp (CAdES-X type 1)', () => {
  const c = esc!;
  const verify = (signature: Uint8Array) =>
    verifySignatures({ data: readFixture(c.data!), signature }, { trustAnchors: c.trust.map(readFixture), crls: c.crl.map(readFixture), validationTime: new Date(c.at) });

  it('is validated over the signature value, the signature time-stamp and the complete references', async () => {
    const s = (await verify(readFixture(c.signature!))).signatures[0]!;
    expect(s.format).toBe('CAdES-X');
    expect(s.timestamps.map((t) => [t.type, t.valid])).toEqual([
      ['signature-time-stamp', true],
      ['esc-time-stamp', true],
    ]);
    // It covers the references too: their proof of existence is its genTime.
    expect(s.references?.provenAt).toBe(s.timestamps[1]!.genTime);
  });

  it('fails when the references it covered are removed afterwards', async () => {
    const s = (await verify(withoutRevocationRefs(readFixture(c.signature!)))).signatures[0]!;
    expect(s.timestamps.find((t) => t.type === 'esc-time-stamp')).toMatchObject({ valid: false, problem: 'message imprint does not match' });
    expect(s.indication).toBe('TOTAL_PASSED');
  });
});

/** The CMS with its complete-revocation-references attribute dropped (the signer info rebuilt). */
function withoutRevocationRefs(cms: Uint8Array): Uint8Array {
  const p = cmsParts(cms);
  const fields = children(p.signerInfos[0]!);
  const unsigned = fields[fields.length - 1]!;
  const revRefs = oidDer('1.2.840.113549.1.9.16.2.22');
  const kept = children(unsigned).filter((a) => !Buffer.from(raw(children(a)[0]!)).equals(Buffer.from(revRefs)));
  return rebuild(p, tlv(0x30, concat(...fields.slice(0, -1).map(raw), tlv(0xa1, concat(...kept.map(raw))))));
}

const x2 = loadManifest().find((c) => c.name === 'ext-cades-x2');
const x2NoPoe = loadManifest().find((c) => c.name === 'ext-cades-x2-no-poe');

describe.skipIf(!x2 || !x2NoPoe)('time-stamp over the complete references (CAdES-X type 2)', () => {
  const verifyCase = (c: NonNullable<typeof x2>, signature = readFixture(c.signature!)) =>
    verifySignatures({ data: readFixture(c.data!), signature }, { trustAnchors: c.trust.map(readFixture), crls: c.crl.map(readFixture), validationTime: new Date(c.at) });

  it('is validated over the two references and proves them, not the signature', async () => {
    const s = (await verifyCase(x2!)).signatures[0]!;
    expect(s.format).toBe('CAdES-X');
    expect(s.attributes.unsigned).toContain('time-stamped-certs-crls-references');
    expect(s.timestamps.map((t) => [t.type, t.valid])).toEqual([
      ['signature-time-stamp', true],
      ['cert-crl-time-stamp', true],
    ]);
    const [sigTs, refsTs] = s.timestamps;
    expect(s.references?.provenAt).toBe(refsTs!.genTime);
    // The best signature time comes from the signature time-stamp alone.
    expect(s.bestSignatureTime).toBe(new Date(sigTs!.genTime).toISOString());
  });

  it('fails when a reference it covered is removed afterwards', async () => {
    const s = (await verifyCase(x2!, withoutRevocationRefs(readFixture(x2!.signature!)))).signatures[0]!;
    expect(s.timestamps.find((t) => t.type === 'cert-crl-time-stamp')).toMatchObject({ valid: false, problem: 'message imprint does not match' });
    expect(s.indication).toBe('TOTAL_PASSED');
    expect(s.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/CAdES-X type 2\) not usable/)]));
  });

  it('gives an expired signer no proof of existence without a signature time-stamp', async () => {
    const s = (await verifyCase(x2NoPoe!)).signatures[0]!;
    expect(s.timestamps).toEqual([expect.objectContaining({ type: 'cert-crl-time-stamp', valid: true })]);
    expect(s.references?.provenAt).toBe(s.timestamps[0]!.genTime);
    expect(s.bestSignatureTime).toBe(new Date(x2NoPoe!.at).toISOString());
    expect(s.subIndication).toBe('OUT_OF_BOUNDS_NO_POE');
  });
});
