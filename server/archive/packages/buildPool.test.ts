// The package build worker makes the same package as the job's own thread, byte for byte, and reports bad input as
// the PackageError the job records on the package.
import { afterAll, describe, expect, it } from 'vitest';
import { buildPackage, PackageError, type PackageInput } from '../../../archive/index.ts';
import type { PackageNote } from '../../models/ArchivePackage.ts';
import { buildOnWorker, stopBuildWorkers } from './buildPool.ts';
import { addCopies, type CopyRequest } from './renditions.ts';
import { scanPage, scanPdf } from './scanFixture.ts';

const meta = { title: 'скан.pdf', author: 'Kartoteka', created: '2026-11-20T09:00:00Z', documentId: 'urn:test:1/f1' };

async function gathered(scan: Uint8Array): Promise<{ input: PackageInput; notes: PackageNote[]; copies: CopyRequest[] }> {
  const input: PackageInput = {
    id: 'urn:kartoteka:card:test',
    kind: 'card',
    created: '2026-11-20T10:00:00Z',
    agent: { name: 'Kartoteka', address: 'https://kartoteka.example/archive' },
    descriptive: { card: { number: '1' } },
    originals: [
      { name: 'скан.pdf', bytes: scan, mime: 'application/pdf' },
      { name: 'архив.zip', bytes: new Uint8Array([0x50, 0x4b, 3, 4]), mime: 'application/zip' },
    ],
    pdfa: [],
  };
  const copies: CopyRequest[] = [
    { file: { name: 'скан.pdf', mime: 'application/pdf', bytes: scan, text: { text: '', pages: 2 } }, meta },
    { file: { name: 'архив.zip', mime: 'application/zip', bytes: input.originals[1]!.bytes }, meta },
  ];
  return { input, notes: [], copies };
}

afterAll(() => stopBuildWorkers());

describe('package build worker', () => {
  it('builds the same bytes as the job thread, with the same notes', async () => {
    // A scan large enough that its bytes move to the worker rather than being copied.
    const scan = await scanPdf([1, 2].map((n) => scanPage(n, { dpi: 150 })));
    expect(scan.length).toBeGreaterThan(64 * 1024);
    const here = await gathered(scan.slice());
    await addCopies(here, { ocr: false });
    const expected = buildPackage(here.input);

    const { built, notes } = await buildOnWorker(await gathered(scan.slice()), false);
    expect([...built.files.keys()]).toEqual([...expected.files.keys()]);
    for (const [p, b] of expected.files) expect(Buffer.from(built.files.get(p)!).equals(Buffer.from(b)), p).toBe(true);
    expect(built.anchor).toEqual(expected.anchor);
    expect(notes).toEqual(here.notes);
    expect(notes.map((n) => n.kind)).toEqual(['no-rendition']);
  });

  it('reports invalid input as a PackageError', async () => {
    const bad = await gathered(new Uint8Array([1, 2, 3]));
    bad.input.originals[0]!.name = '../x';
    await expect(buildOnWorker(bad, false)).rejects.toBeInstanceOf(PackageError);
  });
});
