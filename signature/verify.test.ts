// API-level behaviour not covered by the fixture manifest: inputs, trust stores, evidence, OID variants.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { children, concat, equalBytes, parseAll, raw, tlv } from './asn1.ts';
import { cmsParts, oidDer, rebuild } from './fixtures/der.ts';
import { parseCertificate } from './x509.ts';
import { fixturePath, loadManifest, readFixture } from './fixtures/manifest.ts';
import { clearVerificationCaches, SignatureError, TrustStore, verifySignatures } from './index.ts';

const AT = new Date(loadManifest()[0]!.at);
const doc = readFixture('doc.txt');

function gostOpts(): { trustAnchors: Uint8Array[]; crls: Uint8Array[]; validationTime: Date } {
  return { trustAnchors: [readFixture('trust/gost256A-root.pem')], crls: [readFixture('gost256A/inter.crl')], validationTime: AT };
}

describe('verifySignatures', () => {
  it('reports the qualified-certificate details of a GOST signer', async () => {
    const r = await verifySignatures({ data: doc, signature: readFixture('gost256A/detached.p7s') }, gostOpts());
    const s = r.signatures[0]!;
    expect(s.indication).toBe('TOTAL_PASSED');
    expect(s.signer?.qualified).toMatchObject({
      ownerName: 'Иванов Иван Иванович',
      position: 'Начальник отдела',
      organisation: 'ГКУ Тестовое учреждение',
      inn: '007712345678',
      innle: '7712345678',
      ogrn: '1027700132195',
      snils: '12345678901',
      subjectSignTool: 'Kartoteka test signer',
      signToolClasses: ['КС1', 'КС2'],
    });
    expect(s.signatureAlgorithm).toContain('GOST R 34.10-2012 256 (CryptoPro-A)');
    expect(s.attributes.signed).toEqual(expect.arrayContaining(['content-type', 'message-digest', 'signing-time', 'signing-certificate-v2']));
    expect(s.signingTime).not.toBeNull();
  });

  it('puts the exact bytes of the CRL and certificates used into the evidence bundle', async () => {
    const crl = readFixture('gost256A/inter.crl');
    const r = await verifySignatures({ data: doc, signature: readFixture('gost256A/cades-t.p7s') }, { ...gostOpts(), streebogDocumentHash: true });
    const types = r.evidence.map((e) => e.type).sort();
    expect(types).toEqual(expect.arrayContaining(['certificate', 'crl', 'timestamp']));
    expect(r.evidence.some((e) => e.type === 'crl' && equalBytes(e.der, crl))).toBe(true);
    expect(r.documentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(r.documentHashStreebog).toMatch(/^[0-9a-f]{64}$/);
  });

  it('says SIGNED_DATA_NOT_FOUND for a detached signature given without its document', async () => {
    const r = await verifySignatures({ data: readFixture('gost256A/detached.p7s') }, gostOpts());
    expect(r.signatures[0]!.subIndication).toBe('SIGNED_DATA_NOT_FOUND');
  });

  it('accepts the signature-with-digest OID where OpenSSL writes the bare key OID', async () => {
    const der = Uint8Array.from(readFixture('gost256A/detached.p7s'));
    const sd = children(children(children(parseAll(der))[1]!)[0]!);
    const si = children(children(sd[sd.length - 1]!)[0]!);
    const sigAlg = si.find((n, i) => i > 2 && n.tag === 0x30)!;
    const oidNode = children(sigAlg)[0]!;
    // id-tc26-gost3410-12-256 (…1.1.1) → id-tc26-signwithdigest-gost3410-12-256 (…3.2), same length.
    expect(der[oidNode.cend - 2]).toBe(1);
    der[oidNode.cend - 2] = 3;
    der[oidNode.cend - 1] = 2;
    const r = await verifySignatures({ data: doc, signature: der }, gostOpts());
    expect(r.signatures[0]!.indication).toBe('TOTAL_PASSED');
  });

  it('reads detached signatures as PEM and as base64 with CRLF', async () => {
    for (const f of ['rsa/detached.pem', 'rsa/detached.b64']) {
      const r = await verifySignatures({ data: doc, signature: readFixture(f) }, { trustAnchors: [readFixture('trust/rsa-root.pem')], crls: [readFixture('rsa/inter.crl')], validationTime: AT });
      expect(r.signatures[0]!.indication).toBe('TOTAL_PASSED');
    }
  });

  it('rejects unusable input with stable codes', async () => {
    await expect(verifySignatures({ data: doc, signature: new TextEncoder().encode('garbage!') }, gostOpts())).rejects.toMatchObject({ code: 'SIGNATURE_INPUT_UNREADABLE' });
    await expect(verifySignatures({ pdf: new TextEncoder().encode('%PDF-1.7\n%%EOF\n') }, gostOpts())).rejects.toMatchObject({ code: 'SIGNATURE_NO_SIGNATURES' });
    await expect(verifySignatures({}, gostOpts())).rejects.toBeInstanceOf(SignatureError);
  });
});

describe('ECDSA signature encodings', () => {
  it('accepts a raw r||s ECDSA signature value with a warning', async () => {
    const p = cmsParts(readFixture('p256/detached.p7s'));
    const parts = children(p.signerInfos[0]!);
    const sigIndex = parts.findIndex((n, i) => i > 3 && n.tag === 0x04);
    const sigNode = parts[sigIndex]!;
    const [r, s] = children(parseAll(sigNode.buf.subarray(sigNode.cstart, sigNode.cend))).map((n) => {
      const v = n.buf.subarray(n.cstart, n.cend);
      const trimmed = v[0] === 0 ? v.subarray(1) : v;
      return concat(new Uint8Array(32 - trimmed.length), trimmed);
    });
    const rebuilt = parts.map((n, i) => (i === sigIndex ? tlv(0x04, concat(r!, s!)) : raw(n)));
    const cms = rebuild(p, tlv(0x30, concat(...rebuilt)));
    const res = await verifySignatures({ data: doc, signature: cms }, { trustAnchors: [readFixture('trust/p256-root.pem')], crls: [readFixture('p256/inter.crl')], validationTime: AT });
    expect(res.signatures[0]!.indication).toBe('TOTAL_PASSED');
    expect(res.signatures[0]!.warnings.join(' ')).toContain('raw r||s');
  });
});

describe('CAdES-X-L values', () => {
  it('uses a CRL carried in the revocationValues attribute', async () => {
    const der = readFixture('gost256A/detached.p7s');
    const p = cmsParts(der);
    const si = p.signerInfos[0]!;
    const values = tlv(0x30, tlv(0xa0, tlv(0x30, readFixture('gost256A/inter.crl'))));
    const attr = tlv(0x30, concat(oidDer('1.2.840.113549.1.9.16.2.24'), tlv(0x31, values)));
    const xl = rebuild(p, tlv(0x30, concat(...children(si).map(raw), tlv(0xa1, attr))));
    const r = await verifySignatures({ data: doc, signature: xl }, { trustAnchors: [readFixture('trust/gost256A-root.pem')], validationTime: AT });
    const s = r.signatures[0]!;
    expect(s.indication).toBe('TOTAL_PASSED');
    expect(s.format).toBe('CAdES-X-L');
    expect(s.revocation[0]!.source).toBe('signature');
  });
});

describe('intermediate CA cache', () => {
  it('completes a path with a CA certificate remembered from an earlier verified signature', async () => {
    clearVerificationCaches();
    const der = readFixture('p256/detached.p7s');
    const p = cmsParts(der);
    const certsNode = p.sd.find((n) => n.tag === 0xa0)!;
    const leafOnly = children(certsNode)
      .filter((c) => !parseCertificate(raw(c)).basicConstraints?.ca)
      .map(raw);
    const sdBody = concat(...p.sd.map((n) => (n === certsNode ? tlv(0xa0, concat(...leafOnly)) : raw(n))));
    const stripped = tlv(0x30, concat(raw(p.ci[0]!), tlv(0xa0, tlv(0x30, sdBody))));
    const opts = { trustAnchors: [readFixture('trust/p256-root.pem')], crls: [readFixture('p256/inter.crl')], validationTime: AT };
    const before = await verifySignatures({ data: doc, signature: stripped }, opts);
    expect(before.signatures[0]!.subIndication).toBe('NO_CERTIFICATE_CHAIN_FOUND');
    await verifySignatures({ data: doc, signature: der }, opts);
    const after = await verifySignatures({ data: doc, signature: stripped }, opts);
    expect(after.signatures[0]!.indication).toBe('TOTAL_PASSED');
    clearVerificationCaches();
  });
});

describe('signer certificates in the trust store', () => {
  function signerCert(file: string): Uint8Array {
    const sd = cmsParts(readFixture(file));
    const certs = children(sd.sd.find((n) => n.tag === 0xa0)!).map(raw);
    return certs.find((c) => !parseCertificate(c).basicConstraints?.ca)!;
  }

  it('are still checked for revocation when their CA is known', async () => {
    const opts = { trustAnchors: [readFixture('trust/rsa-root.pem'), signerCert('rsa/revoked-crl.p7s')], crls: [readFixture('rsa/inter.crl')], validationTime: AT };
    const r = await verifySignatures({ data: doc, signature: readFixture('rsa/revoked-crl.p7s') }, opts);
    expect(r.signatures[0]!.subIndication).toBe('REVOKED');
  });

  it('locate and directly trust the signer of a CMS without certificates', async () => {
    const opts = { trustAnchors: [signerCert('rsa/detached.p7s')], validationTime: AT };
    const r = await verifySignatures({ data: doc, signature: readFixture('rsa/nocerts.p7s') }, opts);
    expect(r.signatures[0]!.indication).toBe('TOTAL_PASSED');
    expect(r.signatures[0]!.signer?.trustAnchor).toBe(true);
  });
});

describe('TrustStore', () => {
  it('loads a directory, a PEM bundle and DER files, and can be administered', async () => {
    const dir = await TrustStore.load([fixturePath('trust')]);
    expect(dir.size).toBeGreaterThanOrEqual(20);
    const tmp = mkdtempSync(join(tmpdir(), 'kartoteka-trust-'));
    const bundle = join(tmp, 'bundle.pem');
    writeFileSync(bundle, Buffer.concat([readFixture('trust/rsa-root.pem'), readFixture('trust/gost512A-root.pem')]));
    const b = await TrustStore.load([bundle]);
    expect(b.size).toBe(2);
    const [first] = b.list();
    expect(TrustStore.fromCertificates([new TextEncoder().encode(b.exportPem())]).size).toBe(2);
    expect(b.remove(first!.sha256)).toBe(true);
    expect(b.size).toBe(1);
    await expect(TrustStore.load([join(tmp, 'missing')])).rejects.toMatchObject({ code: 'SIGNATURE_TRUST_STORE_INVALID' });
  });
});

describe('input forms', () => {
  it('accepts DER with a trailing line break and base64 with a BOM and leading blank line', async () => {
    const der = readFixture('rsa/detached.p7s');
    const opts = { trustAnchors: [readFixture('trust/rsa-root.pem')], crls: [readFixture('rsa/inter.crl')], validationTime: AT };
    const withNewline = concat(der, new TextEncoder().encode('\r\n'));
    const bomB64 = concat(Uint8Array.of(0xef, 0xbb, 0xbf), new TextEncoder().encode('\r\n' + Buffer.from(der).toString('base64') + '\r\n'));
    for (const signature of [withNewline, bomB64]) {
      const r = await verifySignatures({ data: doc, signature }, opts);
      expect(r.signatures[0]!.indication).toBe('TOTAL_PASSED');
    }
  });
});
