// Shared fixtures for the package tests: a detached RSA CMS signature made with openssl, verified
// by the signature library, so package evidence is real rather than invented.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifySignatures } from '../../signature/index.ts';
import type { SignatureInput } from './build.ts';
import type { TimestampAuthority } from '../ers/tsp.ts';

export function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export async function signedLetter(data: Uint8Array, name: string, signs: string): Promise<SignatureInput> {
  const dir = mkdtempSync(join(tmpdir(), 'kartoteka-sig-'));
  try {
    const p = (f: string): string => join(dir, f);
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', p('key.pem'), '-out', p('cert.pem'), '-days', '3650',
      '-subj', '/CN=Test Signer/O=Kartoteka test', '-addext', 'keyUsage=critical,digitalSignature,nonRepudiation,keyCertSign',
      '-addext', 'basicConstraints=critical,CA:TRUE'], { stdio: 'ignore' });
    writeFileSync(p('doc'), data);
    execFileSync('openssl', ['cms', '-sign', '-binary', '-in', p('doc'), '-signer', p('cert.pem'), '-inkey', p('key.pem'), '-outform', 'DER', '-out', p('sig'), '-md', 'sha256'], { stdio: 'ignore' });
    execFileSync('openssl', ['x509', '-in', p('cert.pem'), '-outform', 'DER', '-out', p('cert.der')], { stdio: 'ignore' });
    const signature = new Uint8Array(readFileSync(p('sig')));
    const anchor = new Uint8Array(readFileSync(p('cert.der')));
    // Validated right after signing: the throw-away certificate starts its validity now.
    const report = await verifySignatures({ data, signature }, { trustAnchors: [anchor], validationTime: new Date() });
    return { name, bytes: signature, signs, report, trustAnchors: [anchor] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** An independent RFC 3161 TSA: OpenSSL (`openssl ts -reply`) answers our requests with a throw-away key. */
export function opensslTsa(): { tsa: TimestampAuthority; certificate: Uint8Array; close(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'kartoteka-tsa-'));
  const p = (f: string): string => join(dir, f);
  writeFileSync(p('serial'), '01\n');
  writeFileSync(
    p('tsa.cnf'),
    `[ tsa ]\ndefault_tsa = t\n[ t ]\nserial = ${p('serial')}\ncrypto_device = builtin\nsigner_cert = ${p('tsa.pem')}\nsigner_key = ${p('tsa.key')}\n` +
      'signer_digest = sha256\ndefault_policy = 1.2.3.4.1\nother_policies = 1.2.3.4.2\ndigests = sha256, sha512\naccuracy = secs:1\nordering = yes\ntsa_name = no\ness_cert_id_chain = no\ness_cert_id_alg = sha256\n',
  );
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', p('tsa.key'), '-out', p('tsa.pem'), '-days', '30',
    '-subj', '/CN=Independent test TSA', '-addext', 'extendedKeyUsage=critical,timeStamping', '-addext', 'keyUsage=critical,digitalSignature'], { stdio: 'ignore' });
  execFileSync('openssl', ['x509', '-in', p('tsa.pem'), '-outform', 'DER', '-out', p('tsa.der')], { stdio: 'ignore' });
  const tsa: TimestampAuthority = async (request) => {
    writeFileSync(p('q.der'), request);
    execFileSync('openssl', ['ts', '-reply', '-config', p('tsa.cnf'), '-queryfile', p('q.der'), '-out', p('r.der')], { stdio: 'ignore' });
    return new Uint8Array(readFileSync(p('r.der')));
  };
  return { tsa, certificate: new Uint8Array(readFileSync(p('tsa.der'))), close: () => rmSync(dir, { recursive: true, force: true }) };
}
