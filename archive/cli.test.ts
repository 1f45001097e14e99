import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDocument } from './pdfa/produce/produce.ts';

const BIN = fileURLToPath(new URL('../bin/kartoteka', import.meta.url));
const exec = promisify(execFile);
const run = (args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
  exec(BIN, args).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pdfa-cli-'));
  await writeFile(join(dir, 'good.pdf'), await generateDocument({ title: 'Акт', author: 'Архив', created: '2026-01-15T12:00:00Z', documentId: 'act-1' }, [{ text: 'Акт о выделении к уничтожению' }]));
  const plain = await PDFDocument.create();
  plain.addPage();
  await writeFile(join(dir, 'plain.pdf'), await plain.save());
  await writeFile(join(dir, 'junk.pdf'), 'not a pdf at all');
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('kartoteka pdfa check', () => {
  it('exits 0 with a conformant JSON report for our PDF/A output', async () => {
    const r = await run(['pdfa', 'check', join(dir, 'good.pdf'), '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ conformant: true, profile: 'PDF/A-2B', errors: [] });
  });

  it('exits 1 and lists rule ids and clauses for a non-conformant file', async () => {
    const r = await run(['pdfa', 'check', join(dir, 'plain.pdf'), '--json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { conformant: boolean; errors: { rule: string; clause: string; message: string }[] };
    expect(report.conformant).toBe(false);
    expect(report.errors).toContainEqual(expect.objectContaining({ rule: '6.6.2.1-1', clause: '6.6.2.1' }));
  });

  it('exits 3 with a message, not a stack trace, for unreadable input', async () => {
    for (const f of ['junk.pdf', 'missing.pdf']) {
      const r = await run(['pdfa', 'check', join(dir, f)]);
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(/unreadable|cannot read/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
