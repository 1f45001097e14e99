// The RFC 3161 time-stamp authority for evidence records: the TSA at TSA_URL, or — when none is configured —
// a local test TSA whose key and certificate are made on first use under DATA_DIR/archive-tsa. The local TSA is
// answered by `openssl ts -reply` (the same independent implementation the library tests use) and is labelled
// untrusted everywhere it appears: its time-stamps prove nothing to a third party.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { randomBytes, X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import { Certificate, ContentInfo, SignedData, TSTInfo, TimeStampResp } from 'pkijs';
import { httpTimestampAuthority, type TimestampAuthority } from '../../../archive/index.ts';
import { archiveSettings } from './archiveConfig.ts';

const run = promisify(execFile);

export const LOCAL_TSA = 'local-untrusted';
export const LOCAL_TSA_LABEL = 'Локальная тестовая служба штампов времени — НЕ ДОВЕРЕННАЯ / local test TSA — UNTRUSTED';

export interface Stamper {
  /** TSA URL, or LOCAL_TSA */
  source: string;
  trusted: boolean;
  tsa: TimestampAuthority;
  /** the responses received, in order (tokens and certificates are read from them) */
  responses: Uint8Array[];
}

const buf = (u: Uint8Array): ArrayBuffer => Uint8Array.from(u).buffer;

export interface TokenFacts {
  token: Uint8Array;
  genTime: Date;
  /** hex of the time-stamped digest: the hash-tree root (or, for a renewal, the previous token's hash) */
  imprint: string;
  /** the TSA's signing certificate as sent in the token, DER */
  certificate: Uint8Array;
  notAfter: Date;
}

/** The token, its time and the TSA certificate of a granted RFC 3161 response (certReq was set). */
export function tokenFacts(response: Uint8Array): TokenFacts {
  const resp = new TimeStampResp({ schema: asn1js.fromBER(buf(response)).result });
  if (!resp.timeStampToken) throw new Error('the TSA answer has no token');
  const token = new Uint8Array(resp.timeStampToken.toSchema().toBER(false));
  const signed = new SignedData({ schema: new ContentInfo({ schema: asn1js.fromBER(buf(token)).result }).content });
  const cert = (signed.certificates ?? []).find((c): c is Certificate => c instanceof Certificate);
  if (!cert) throw new Error('the TSA did not include its certificate in the token');
  const eContent = signed.encapContentInfo.eContent;
  if (!eContent) throw new Error('the token has no TSTInfo');
  const info = new TSTInfo({ schema: asn1js.fromBER(eContent.getValue()).result });
  const imprint = Buffer.from(info.messageImprint.hashedMessage.valueBlock.valueHexView).toString('hex');
  return { token, genTime: info.genTime, imprint, certificate: new Uint8Array(cert.toSchema().toBER(false)), notAfter: cert.notAfter.value };
}

/** Whether the local test TSA can run here (it needs the openssl command). */
export function opensslAvailable(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

let localQueue: Promise<unknown> = Promise.resolve();

const LOCAL_TSA_DAYS = 365;

/**
 * The local TSA's key and certificate, made on first use and replaced (the old pair kept beside) once the
 * certificate has less than `minValidMs` left: a renewal time-stamp must come from a certificate that outlives
 * the one it renews.
 */
async function localTsaDir(dataDir: string, minValidMs: number): Promise<string> {
  const dir = join(dataDir, 'archive-tsa');
  const p = (f: string): string => join(dir, f);
  if (existsSync(p('tsa.pem')) && existsSync(p('tsa.cnf'))) {
    const notAfter = new Date(new X509Certificate(await readFile(p('tsa.pem'))).validTo).getTime();
    if (notAfter - Date.now() > minValidMs) return dir;
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    await rename(p('tsa.pem'), p(`tsa-${stamp}.pem`));
    await rename(p('tsa.key'), p(`tsa-${stamp}.key`));
  } else {
    await mkdir(dir, { recursive: true });
    await writeFile(p('serial'), '01\n');
    await writeFile(
      p('tsa.cnf'),
      `[ tsa ]\ndefault_tsa = t\n[ t ]\nserial = ${p('serial')}\ncrypto_device = builtin\nsigner_cert = ${p('tsa.pem')}\nsigner_key = ${p('tsa.key')}\n` +
        'signer_digest = sha256\ndefault_policy = 1.3.6.1.4.1.99999.1\nother_policies = 1.3.6.1.4.1.99999.2\ndigests = sha256, sha512\naccuracy = secs:1\nordering = yes\ntsa_name = yes\ness_cert_id_chain = no\ness_cert_id_alg = sha256\n',
    );
  }
  await run('openssl', [
    'req', '-x509', '-newkey', 'rsa:3072', '-nodes', '-keyout', p('tsa.key'), '-out', p('tsa.pem'), '-days', String(LOCAL_TSA_DAYS),
    '-subj', '/CN=Kartoteka local test TSA - UNTRUSTED/O=Kartoteka (not for production)',
    '-addext', 'extendedKeyUsage=critical,timeStamping', '-addext', 'keyUsage=critical,digitalSignature',
  ]);
  return dir;
}

/** The local test TSA keeping its key under `dataDir/archive-tsa` (also usable behind HTTP in tests). */
export function localTsa(dataDir: string, minValidMs = 120 * 86_400_000): TimestampAuthority {
  return (request) => {
    // openssl advances one serial file: requests of this process go one at a time.
    const next = localQueue.then(async () => {
      const dir = await localTsaDir(dataDir, minValidMs);
      const id = randomBytes(6).toString('hex');
      const q = join(dir, `q-${id}.der`);
      const r = join(dir, `r-${id}.der`);
      try {
        await writeFile(q, request);
        await run('openssl', ['ts', '-reply', '-config', join(dir, 'tsa.cnf'), '-queryfile', q, '-out', r]);
        return new Uint8Array(await readFile(r));
      } finally {
        await rm(q, { force: true });
        await rm(r, { force: true });
      }
    });
    localQueue = next.catch(() => undefined);
    return next;
  };
}

export function stamper(): Stamper {
  const s = archiveSettings();
  // The local certificate must outlive the renewal window by a margin, or renewals would stamp with a dying key.
  const inner = s.tsaUrl ? httpTimestampAuthority(s.tsaUrl) : localTsa(s.dataDir, Math.min(s.renewDays + 30, LOCAL_TSA_DAYS - 30) * 86_400_000);
  const responses: Uint8Array[] = [];
  return {
    source: s.tsaUrl ?? LOCAL_TSA,
    trusted: s.tsaUrl !== null,
    responses,
    tsa: async (request) => {
      const response = await inner(request);
      responses.push(response);
      return response;
    },
  };
}
