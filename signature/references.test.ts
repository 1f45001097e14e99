// CAdES-C references against the data of a validation (fixture ext/cades-c.p7s: references to the
// issuing and root CA certificates and to ext/crl-current.crl and ext/root.crl).
import { describe, expect, it } from 'vitest';
import { loadManifest, readFixture } from './fixtures/manifest.ts';
import { verifySignatures } from './index.ts';

const c = loadManifest().find((x) => x.name === 'ext-cades-c');
if (!c) console.warn('[skip] CAdES-C reference tests: the ext- fixtures are missing (signature/fixtures/generate-ext.sh)');

describe.skipIf(!c)('complete certificate and revocation references', () => {
  const verify = (crls: string[]) =>
    verifySignatures(
      { data: readFixture(c!.data!), signature: readFixture(c!.signature!) },
      { trustAnchors: c!.trust.map(readFixture), crls: crls.map(readFixture), validationTime: new Date(c!.at) },
    );

  it('match the path and the CRLs used (SHA-1 and Streebog-256 references)', async () => {
    const s = (await verify(c!.crl)).signatures[0]!;
    expect(s.format).toBe('CAdES-C');
    expect(s.indication).toBe('TOTAL_PASSED');
    expect(s.references).toEqual({ certificates: { referenced: 2, matched: 2 }, revocation: { referenced: 2, matched: 2, usedButUnreferenced: 0 }, provenAt: null });
    expect(s.warnings.filter((w) => w.includes('references'))).toEqual([]);
  });

  it('report a referenced CRL that is not available and a CRL used that is not referenced', async () => {
    const s = (await verify(['ext/crl-one-day.crl', 'ext/root.crl'])).signatures[0]!;
    expect(s.indication).toBe('TOTAL_PASSED');
    expect(s.references?.revocation).toEqual({ referenced: 2, matched: 1, usedButUnreferenced: 1 });
    expect(s.warnings).toEqual(
      expect.arrayContaining([expect.stringMatching(/1 referenced CRL\/OCSP response\(s\) are not available/), expect.stringMatching(/1 CRL\/OCSP response\(s\) used .* are not referenced/)]),
    );
  });
});
