// Verifications per second per algorithm family, single-threaded, on the frozen fixtures, next to
// `openssl cms -verify` (with the gost engine) on the same files. Also Streebog throughput.
//   npx tsx bench/signature-verify.ts
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixturePath, readFixture } from '../signature/fixtures/manifest.ts';
import { clearVerificationCaches, streebog256, streebog512, verifySignatures } from '../signature/index.ts';
import { verifySignature, digest } from '../signature/algorithms.ts';
import { parseSignedData } from '../signature/cms.ts';
import { findSignerCert } from '../signature/validate.ts';
import { raw } from '../signature/asn1.ts';
import { cmsParts, rebuild } from '../signature/fixtures/der.ts';
import { parseCertificate } from '../signature/x509.ts';

const FAMILIES = [
  ['RSA-2048', 'rsa'],
  ['P-256', 'p256'],
  ['GOST-256', 'gost256A'],
  ['GOST-512', 'gost512A'],
] as const;

// The machine is shared, so each figure is the best of several short batches (the mean per call of the
// least disturbed batch) — the same statistic as the OpenSSL column's best of five runs.
const BATCHES = 8;

function timeIt(minMs: number, fn: () => unknown): number {
  for (let i = 0; i < 3; i++) fn();
  let best = Infinity;
  for (let b = 0; b < BATCHES; b++) {
    let n = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < minMs / BATCHES) {
      fn();
      n++;
    }
    best = Math.min(best, (performance.now() - t0) / n);
  }
  return best;
}

async function timeAsync(minMs: number, fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 3; i++) await fn();
  let best = Infinity;
  for (let b = 0; b < BATCHES; b++) {
    let n = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < minMs / BATCHES) {
      await fn();
      n++;
    }
    best = Math.min(best, (performance.now() - t0) / n);
  }
  return best;
}

function opensslAvailable(): boolean {
  const r = spawnSync('openssl', ['engine', 'gost'], { env: opensslEnv(), encoding: 'utf8' });
  return r.status === 0;
}

let confPath = '';
function opensslEnv(): NodeJS.ProcessEnv {
  if (!confPath) {
    const dir = mkdtempSync(join(tmpdir(), 'sigbench-'));
    confPath = join(dir, 'openssl.cnf');
    writeFileSync(
      confPath,
      'openssl_conf = d\n[d]\nengines = e\n[e]\ngost = g\n[g]\nengine_id = gost\ndefault_algorithms = ALL\n',
    );
  }
  return { ...process.env, OPENSSL_CONF: confPath };
}

/**
 * OpenSSL's cost per verification without its process start-up: one `openssl cms -verify` run on a
 * CMS whose signer info is repeated N times (every copy is verified, chain included), compared with
 * the same run on the single-signer file.
 */
function opensslMsPerVerification(family: string, copies: number): number {
  const env = opensslEnv();
  const dir = mkdtempSync(join(tmpdir(), 'sigbench-'));
  const one = readFixture(`${family}/detached.p7s`);
  const parts = cmsParts(one);
  const si = raw(parts.signerInfos[0]!);
  const many = rebuild(parts, si, Array.from({ length: copies - 1 }, () => si));
  writeFileSync(join(dir, 'one.p7s'), one);
  writeFileSync(join(dir, 'many.p7s'), many);
  // The root and the issuing CA's CRL, so that OpenSSL checks the signer's revocation like we do (-crl_check).
  const crlPem = `-----BEGIN X509 CRL-----\n${(Buffer.from(readFixture(`${family}/inter.crl`)).toString('base64').match(/.{1,64}/g) ?? []).join('\n')}\n-----END X509 CRL-----\n`;
  writeFileSync(join(dir, 'ca-crl.pem'), new TextDecoder().decode(readFixture(`${family}/root.pem`)) + crlPem);
  const run = (file: string): number => {
    const args = ['cms', '-verify', '-binary', '-inform', 'DER', '-in', join(dir, file), '-content', fixturePath('doc.txt'), '-CAfile', join(dir, 'ca-crl.pem'), '-crl_check', '-purpose', 'any', '-out', '/dev/null'];
    let best = Infinity;
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      execFileSync('openssl', args, { env, stdio: 'ignore' });
      best = Math.min(best, performance.now() - t0);
    }
    return best;
  };
  return (run('many.p7s') - run('one.p7s')) / (copies - 1);
}

const rows: string[] = [];
const cell = (ms: number): string => `${ms.toFixed(2)} ms (${(1000 / ms).toFixed(0)}/s)`;
const haveOpenssl = opensslAvailable();
if (!haveOpenssl) console.warn('openssl with the gost engine is absent (apt-get install libengine-gost-openssl): OpenSSL column skipped');
const at = new Date(JSON.parse(new TextDecoder().decode(readFixture('manifest.json'))).cases[0].at);

for (const [label, fam] of FAMILIES) {
  const data = readFixture('doc.txt');
  const sig = readFixture(`${fam}/detached.p7s`);
  const opts = { trustAnchors: [readFixture(`${fam}/root.pem`)], crls: [readFixture(`${fam}/inter.crl`)], validationTime: at };
  const full = await timeAsync(1500, () => verifySignatures({ data, signature: sig }, opts));
  // Cold: every certificate, CRL and key seen for the first time (a new signer under a new CA).
  const cold = await timeAsync(1500, () => {
    clearVerificationCaches();
    return verifySignatures({ data, signature: sig }, opts);
  });
  const sd = parseSignedData(sig);
  const si = sd.signers[0]!;
  const cert = findSignerCert(si, sd.certificates.map(parseCertificate))!;
  const core = timeIt(1500, () => {
    const ok = verifySignature(cert, si.signatureAlgorithm, si.signedAttrsDer!, si.signature, si.digestAlgorithm).valid;
    if (!ok) throw new Error('benchmark signature does not verify');
  });
  const coreCold = timeIt(1500, () => {
    clearVerificationCaches();
    if (!verifySignature(cert, si.signatureAlgorithm, si.signedAttrsDer!, si.signature, si.digestAlgorithm).valid) throw new Error('no');
  });
  let os = 'skipped (engine absent) | –';
  if (haveOpenssl) {
    const o = opensslMsPerVerification(fam, 41);
    os = `${cell(o)} | ${(cold / o).toFixed(2)}× / ${(full / o).toFixed(2)}×`;
  }
  rows.push(`| ${label} | ${cell(coreCold)} | ${cell(core)} | ${cell(cold)} | ${cell(full)} | ${os} |`);
}

const big = new Uint8Array(16 << 20).fill(0x5a);
const sb256 = timeIt(3000, () => streebog256(big));
const sb512 = timeIt(3000, () => streebog512(big));
const sha = timeIt(1000, () => digest('sha256', big));

console.log('| family | signature value, new key | signature value, known key | full verify, cold caches | full verify, warm caches | openssl cms -verify -crl_check, per signer (signature + chain + CRL) | ours / openssl (cold / warm) |');
console.log('|---|---|---|---|---|---|---|');
for (const r of rows) console.log(r);
console.log('');
const mbps = (ms: number): string => (big.length / 1e6 / (ms / 1000)).toFixed(1);
console.log(`Streebog-256: ${mbps(sb256)} MB/s; Streebog-512: ${mbps(sb512)} MB/s; SHA-256 (node): ${mbps(sha)} MB/s`);
if (haveOpenssl) {
  const f = join(mkdtempSync(join(tmpdir(), 'sigbench-')), 'big.bin');
  writeFileSync(f, big);
  const env = opensslEnv();
  const t0 = performance.now();
  execFileSync('openssl', ['dgst', '-md_gost12_256', f], { env, stdio: 'ignore' });
  console.log(`openssl dgst -md_gost12_256 (16 MiB, incl. process start): ${(16 / ((performance.now() - t0) / 1000)).toFixed(1)} MB/s`);
}
