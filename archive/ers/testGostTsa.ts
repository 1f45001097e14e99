// Test support: an independent TSA that signs with GOST R 34.10-2012 and accepts Streebog imprints, as the TSAs
// accredited in Russia do — `openssl ts -reply` with Debian's gost engine (libengine-gost-openssl).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TimestampAuthority } from './tsp.ts';

const ENGINE_CONF = 'openssl_conf = openssl_def\n[openssl_def]\nengines = engine_section\n[engine_section]\ngost = gost_section\n[gost_section]\nengine_id = gost\ndefault_algorithms = ALL\n';

function withConf<T>(run: (env: NodeJS.ProcessEnv, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'kartoteka-gost-tsa-'));
  writeFileSync(join(dir, 'openssl.cnf'), ENGINE_CONF);
  return run({ ...process.env, OPENSSL_CONF: join(dir, 'openssl.cnf') }, dir);
}

export function gostEngineAvailable(): boolean {
  try {
    return withConf((env, dir) => {
      try {
        execFileSync('openssl', ['engine', 'gost'], { env, stdio: 'ignore' });
        return true;
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  } catch {
    return false;
  }
}

export function opensslGostTsa(): { tsa: TimestampAuthority; certificate: Uint8Array; close(): void } {
  return withConf((env, dir) => {
    const p = (f: string): string => join(dir, f);
    writeFileSync(p('serial'), '01\n');
    writeFileSync(
      p('openssl.cnf'),
      `${ENGINE_CONF}[ tsa ]\ndefault_tsa = t\n[ t ]\nserial = ${p('serial')}\ncrypto_device = builtin\nsigner_cert = ${p('tsa.pem')}\nsigner_key = ${p('tsa.key')}\n` +
        'signer_digest = md_gost12_256\ndefault_policy = 1.2.3.4.1\ndigests = md_gost12_256, md_gost12_512, sha256, sha512\naccuracy = secs:1\nordering = yes\ntsa_name = no\ness_cert_id_chain = no\ness_cert_id_alg = sha256\n',
    );
    const run = (args: string[]): void => void execFileSync('openssl', args, { env, stdio: 'ignore' });
    run(['genpkey', '-algorithm', 'gost2012_256', '-pkeyopt', 'paramset:A', '-out', p('tsa.key')]);
    run(['req', '-x509', '-new', '-key', p('tsa.key'), '-md_gost12_256', '-out', p('tsa.pem'), '-days', '30', '-subj', '/C=RU/O=Kartoteka Test/CN=Independent GOST test TSA',
      '-addext', 'extendedKeyUsage=critical,timeStamping', '-addext', 'keyUsage=critical,digitalSignature']);
    run(['x509', '-in', p('tsa.pem'), '-outform', 'DER', '-out', p('tsa.der')]);
    const tsa: TimestampAuthority = async (request) => {
      writeFileSync(p('q.der'), request);
      run(['ts', '-reply', '-config', p('openssl.cnf'), '-queryfile', p('q.der'), '-out', p('r.der')]);
      return new Uint8Array(readFileSync(p('r.der')));
    };
    return { tsa, certificate: new Uint8Array(readFileSync(p('tsa.der'))), close: () => rmSync(dir, { recursive: true, force: true }) };
  });
}
