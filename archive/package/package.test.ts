import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { memoryTree } from '../ocfl/tree.ts';
import { writeObjectToDir } from '../ocfl/write.ts';
import { generateDocument } from '../pdfa/produce/produce.ts';
import { buildPackage, buildPackageAsync, packageZip, type PackageInput } from './build.ts';
import { hasOpenssl, opensslTsa, signedLetter } from './testSupport.ts';
import { createEvidenceRecords, renewEvidenceRecord } from '../ers/evidence.ts';
import { addEvidenceRecord } from './evidence.ts';
import { verifyTree } from './verify.ts';
import { hashWorkersRunning, stopHashWorkers } from '../ocfl/hashPool.ts';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../../bin/kartoteka', import.meta.url));
const enc = new TextEncoder();
const openssl = hasOpenssl();
if (!openssl) console.warn('signature parts of the package tests skipped: openssl is not installed');

let input: PackageInput;

beforeAll(async () => {
  const letter = enc.encode('%PDF-1.4\n% входящее письмо, как получено\n');
  const pdfa = await generateDocument(
    { title: 'Письмо № 15', author: 'Канцелярия', created: '2026-01-15T09:00:00+03:00', documentId: 'card-15' },
    [{ text: 'Входящее письмо № 15 от 14.01.2026. Копия в PDF/A-2b.' }],
  );
  input = {
    id: 'urn:kartoteka:card:15',
    kind: 'card',
    created: '2026-01-15T09:00:00+03:00',
    agent: { name: 'Архивист', address: 'mailto:archive@example.org' },
    descriptive: { number: '15', date: '2026-01-14', correspondent: 'ООО «Ромашка»', accessMark: 'public', case: '01-15', retention: '5 лет, ст. 154' },
    originals: [{ name: 'letter.pdf', bytes: letter, mime: 'application/pdf' }],
    pdfa: [{ name: 'letter.pdf', bytes: pdfa, mime: 'application/pdf', conversion: { method: 'lossless', reason: 'added XMP identification', from: 'letter.pdf' } }],
    signatures: openssl ? [await signedLetter(letter, 'letter.pdf.p7s', 'letter.pdf')] : [],
    events: [{ type: 'registration', at: '2026-01-14T10:00:00+03:00', agent: 'Канцелярия', outcome: 'success', detail: 'card 15 registered' }],
  };
});

describe('archival package', () => {
  it('has the CSIP layout, a canonical anchor and identical bytes on rebuild', () => {
    const a = buildPackage(input);
    const b = buildPackage(input);
    expect(Buffer.from(packageZip(a.files)).equals(Buffer.from(packageZip(b.files)))).toBe(true);
    const paths = a.manifest.files.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining([
      'documentation/VERIFY.md', 'metadata/descriptive/card.json', 'metadata/preservation/events.json',
      'representations/rep-original/letter.pdf', 'representations/rep-pdfa/letter.pdf', 'evidence/pdfa/letter.pdf.report.json',
    ]));
    expect(a.manifest.pdfa[0]?.conformant).toBe(true);
    const events = JSON.parse(new TextDecoder().decode(a.files.get('v1/content/metadata/preservation/events.json')!)) as { type: string }[];
    expect(events.map((e) => e.type).sort()).toEqual(['conversion', 'ingest', 'registration', 'validation', ...(openssl ? ['signature-validation'] : [])].sort());
    expect(a.anchor.sha512).toMatch(/^[0-9a-f]{128}$/);
  });

  it('verifies offline: every check passes', async () => {
    const r = await verifyTree(memoryTree(buildPackage(input).files));
    expect(r.checks.filter((c) => !c.ok)).toEqual([]);
    expect(r.checks.map((c) => c.name)).toEqual(['ocfl-structure', 'ocfl-digests', 'package-anchor', 'ocfl-extensions', 'documentation', 'pdfa-reports', 'signatures', 'evidence-records']);
    expect(r.valid).toBe(true);
  });

  it('detects a flipped byte in every file of the package', async () => {
    const files = buildPackage(input).files;
    const missed: string[] = [];
    for (const [path, bytes] of files) {
      const copy = new Map(files);
      const t = Uint8Array.from(bytes);
      const i = Math.floor(t.length / 2);
      t[i] = t[i]! ^ 0x01;
      copy.set(path, t);
      if ((await verifyTree(memoryTree(copy))).valid) missed.push(path);
    }
    expect(missed).toEqual([]);
  });

  it('rejects a package.json with the same content that is not in RFC 8785 form', async () => {
    const files = buildPackage(input).files;
    const path = [...files.keys()].find((p) => p.endsWith('/package.json'))!;
    const manifest = JSON.parse(new TextDecoder().decode(files.get(path)!)) as Record<string, unknown>;
    // Same members, other order (RFC 8785 sorts them), and indented.
    const reordered = Object.fromEntries(Object.entries(manifest).reverse());
    for (const text of [JSON.stringify(manifest, null, 1), JSON.stringify(reordered)]) {
      const copy = new Map(files);
      copy.set(path, enc.encode(text));
      const anchor = (await verifyTree(memoryTree(copy))).checks.find((c) => c.name === 'package-anchor')!;
      expect(anchor.ok).toBe(false);
      expect(anchor.detail).toContain('not in RFC 8785 canonical form');
    }
  });

  it('detects a flipped byte in every file when large files are hashed on worker threads', async () => {
    // Two files above the pool's threshold, so their Streebog digests come from the workers, and the tampered copy
    // of each must still fail (a stale digest from the pristine bytes would let it through).
    const big = (seed: number): Uint8Array => Uint8Array.from({ length: 700_000 }, (_, i) => (i * 2654435761 + seed) >>> 24);
    const large = { ...input, originals: [...input.originals, { name: 'scan-1.bin', bytes: big(1), mime: 'application/octet-stream' }, { name: 'scan-2.bin', bytes: big(2), mime: 'application/octet-stream' }] };
    const files = buildPackage(large).files;
    try {
      const pooled = await buildPackageAsync(large);
      expect(Buffer.from(packageZip(pooled.files)).equals(Buffer.from(packageZip(files)))).toBe(true);
      const ok = await verifyTree(memoryTree(files), '', undefined, { workers: true });
      expect(ok.checks.filter((c) => !c.ok)).toEqual([]);
      expect(ok.bytes).toBe([...files.values()].reduce((n, b) => n + b.length, 0));
      expect(hashWorkersRunning()).toBe(true);
      const missed: string[] = [];
      for (const [path, bytes] of files) {
        for (const at of [0, 0.5, 1]) {
          const copy = new Map(files);
          const t = Uint8Array.from(bytes);
          const i = Math.min(t.length - 1, Math.floor(t.length * at));
          t[i] = t[i]! ^ 0x80;
          copy.set(path, t);
          const r = await verifyTree(memoryTree(copy), '', undefined, { workers: true });
          if (r.valid) missed.push(`${path} @${at}`);
        }
      }
      expect(missed).toEqual([]);
    } finally {
      await stopHashWorkers();
    }
  });

  it.skipIf(!openssl)('adds an RFC 4998 evidence record as a new version, renews it, and detects tampering', async () => {
    const t = opensslTsa();
    try {
      const built = buildPackage(input);
      const anchor = built.files.get('v1/content/package.json')!;
      const [record] = await createEvidenceRecords([anchor], t.tsa);
      const agent = { name: 'Архив', address: 'mailto:archive@example.org' };
      const v2 = addEvidenceRecord(built.files, { record: record!, tsaCertificates: [t.certificate], created: '2026-02-01T00:00:00Z', agent });
      for (const [k, b] of built.files) if (k.startsWith('v1/')) expect(v2.get(k)).toEqual(b);
      const r = await verifyTree(memoryTree(v2));
      expect(r.checks.filter((c) => !c.ok)).toEqual([]);
      expect(r.checks.find((c) => c.name === 'evidence-records')?.detail).toMatch(/1 time-stamp/);
      const renewed = await renewEvidenceRecord(record!, t.tsa);
      const v3 = addEvidenceRecord(v2, { record: renewed, tsaCertificates: [t.certificate], created: '2027-02-01T00:00:00Z', agent, renewal: true });
      const r3 = await verifyTree(memoryTree(v3));
      expect(r3.valid).toBe(true);
      expect(r3.checks.find((c) => c.name === 'evidence-records')?.detail).toMatch(/2 time-stamp/);
      const tampered = new Map(v3);
      const ers = Uint8Array.from(tampered.get('v3/content/evidence/records/package.json.ers')!);
      ers[ers.length - 10] = ers[ers.length - 10]! ^ 0x01;
      tampered.set('v3/content/evidence/records/package.json.ers', ers);
      expect((await verifyTree(memoryTree(tampered))).valid).toBe(false);
    } finally {
      t.close();
    }
  });

  it.skipIf(!openssl)('reports a signature that no longer matches its document', async () => {
    const other = { ...input, originals: [{ ...input.originals[0]!, bytes: enc.encode('%PDF-1.4\n% подмена\n') }] };
    const r = await verifyTree(memoryTree(buildPackage(other).files));
    expect(r.checks.find((c) => c.name === 'signatures')?.ok).toBe(false);
  });

  it('works through the CLI on a directory and a .zip', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pkg-'));
    try {
      const built = buildPackage(input);
      await writeObjectToDir(join(dir, 'obj'), built.files);
      const ok = await run(BIN, ['archive', 'verify', join(dir, 'obj'), '--json']);
      expect(JSON.parse(ok.stdout).valid).toBe(true);
      const zip = packageZip(built.files);
      await writeFile(join(dir, 'p.zip'), zip);
      expect(JSON.parse((await run(BIN, ['archive', 'verify', join(dir, 'p.zip'), '--json'])).stdout).valid).toBe(true);
      for (const at of [0.1, 0.33, 0.5, 0.9, 0.999]) {
        const bad = Uint8Array.from(zip);
        const i = Math.floor(bad.length * at);
        bad[i] = bad[i]! ^ 0xff;
        await writeFile(join(dir, 'bad.zip'), bad);
        const failed = await run(BIN, ['archive', 'verify', join(dir, 'bad.zip'), '--json']).then(
          () => ({ code: 0, stdout: '' }),
          (e: { code: number; stdout: string }) => e,
        );
        expect(failed.code, `byte at ${at}`).toBe(1);
        expect(JSON.parse(failed.stdout).valid).toBe(false);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
