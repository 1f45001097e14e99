// Black-box tests of `bin/kartoteka verify`: exit codes, JSON shape, messages on unusable input.
import { execFile } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturePath, loadManifest } from './fixtures/manifest.ts';

const BIN = new URL('../bin/kartoteka', import.meta.url).pathname;

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, 'verify', ...args], { cwd: fixturePath('.') }, (err, stdout, stderr) => {
      const code = err && typeof err.code === 'number' ? err.code : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const byName = new Map(loadManifest().map((c) => [c.name, c]));
function argsOf(name: string): string[] {
  const c = byName.get(name)!;
  const files = c.pdf ? [c.pdf] : c.signature ? [c.data!, c.signature] : [c.data!];
  return [...files, ...c.trust.flatMap((t) => ['--trust', t]), ...c.crl.flatMap((f) => ['--crl', f]), ...c.ocsp.flatMap((f) => ['--ocsp', f]), '--at', c.at];
}

interface JsonReport {
  signatures: { indication: string; subIndication: string | null; signer: { subject: string } | null; signingTime: string | null; bestSignatureTime: string; certificateChain: unknown[]; timestamps: unknown[] }[];
  documentHash: string | null;
}

describe('kartoteka verify', () => {
  it('exit 0 and the JSON contract for a valid GOST CAdES-T signature', async () => {
    const r = await run([...argsOf('gost256A-cades-t'), '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as JsonReport;
    const s = j.signatures[0]!;
    expect(s.indication).toBe('TOTAL_PASSED');
    expect(s.subIndication).toBeNull();
    expect(s.signer?.subject).toContain('Иванов');
    expect(s.certificateChain).toHaveLength(3);
    expect(s.timestamps).toHaveLength(1);
    // The time-stamp is the proof of existence, so it sets the best signature time.
    expect(s.bestSignatureTime).toBe((s.timestamps[0] as { genTime: string }).genTime);
    expect(j.documentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('exit 1 when a signature failed', async () => {
    const r = await run(argsOf('gost512A-tampered'));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('HASH_FAILURE');
  });

  it('exit 2 when indeterminate, with a trust directory', async () => {
    const c = argsOf('rsa-untrusted');
    const r = await run(c);
    expect(r.code).toBe(2);
    const dirArgs = argsOf('p256-detached-der').map((a) => (a === 'trust/p256-root.pem' ? 'trust' : a));
    expect((await run(dirArgs)).code).toBe(0);
  });

  it('checks a PDF given alone and reports appended changes', async () => {
    const r = await run([...argsOf('pades-gost256A-appended'), '--json']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('"coversWholeFile": false');
  });

  it('exit 3 with a bilingual message and no stack trace on unusable input', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kartoteka-verify-'));
    const junk = join(dir, 'junk.p7s');
    writeFileSync(junk, 'this is not a signature');
    for (const args of [['doc.txt', junk, '--trust', 'trust'], ['doc.txt', 'missing.p7s', '--trust', 'trust'], ['doc.txt'], ['doc.txt', 'rsa/detached.p7s', '--trust', 'trust', '--at', 'yesterday']]) {
      const r = await run(args);
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(/Ошибка/);
      expect(r.stderr).toMatch(/Error/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
