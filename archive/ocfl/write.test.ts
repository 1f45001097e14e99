import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addVersion, buildObject, OcflError, writeObjectToDir, type VersionInput } from './write.ts';
import { fsTree, memoryTree } from './tree.ts';
import { validateObject } from './validate.ts';

const enc = new TextEncoder();
const v1: VersionInput = {
  created: '2026-01-15T09:00:00Z',
  message: 'ingest',
  user: { name: 'Архивист', address: 'mailto:archive@example.org' },
  files: new Map([
    ['representations/rep-original/letter.pdf', enc.encode('%PDF-1.7 original')],
    ['metadata/descriptive/card.json', enc.encode('{"number":"01-15/7"}')],
  ]),
};

describe('OCFL writer', () => {
  it('writes a valid object with sha256 and Streebog-256 fixity, byte-identical on repeat', async () => {
    const a = buildObject('urn:kartoteka:card:7', [v1]);
    const b = buildObject('urn:kartoteka:card:7', [v1]);
    expect([...a.keys()]).toEqual([...b.keys()]);
    for (const [k, x] of a) expect(Buffer.from(b.get(k)!).equals(Buffer.from(x))).toBe(true);
    const inv = JSON.parse(new TextDecoder().decode(a.get('inventory.json')!));
    expect(Object.keys(inv.fixity).sort()).toEqual(['sha256', 'streebog-256']);
    const r = await validateObject(memoryTree(a));
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
  });

  it('adds versions without touching earlier ones and stores unchanged content once', async () => {
    const a = buildObject('urn:kartoteka:card:7', [v1]);
    const files = new Map(v1.files);
    files.set('metadata/preservation/events.json', enc.encode('[]'));
    const b = addVersion(a, { ...v1, created: '2026-02-01T10:00:00+03:00', message: 'fixity', files });
    for (const [k, x] of a) if (k.startsWith('v1/')) expect(b.get(k)).toEqual(x);
    expect([...b.keys()].filter((k) => k.startsWith('v2/content/'))).toEqual(['v2/content/metadata/preservation/events.json']);
    expect((await validateObject(memoryTree(b))).errors).toEqual([]);
  });

  it('refuses to rewrite a version on disk', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ocfl-'));
    try {
      const a = buildObject('urn:kartoteka:card:7', [v1]);
      await writeObjectToDir(dir, a);
      expect((await validateObject(fsTree(dir))).valid).toBe(true);
      await writeFile(join(dir, 'v1/content/metadata/descriptive/card.json'), 'tampered');
      await expect(writeObjectToDir(dir, a)).rejects.toBeInstanceOf(OcflError);
      const r = await validateObject(fsTree(dir));
      expect(r.errors.map((e) => e.code)).toContain('E092');
      expect((await readFile(join(dir, 'inventory.json'))).length).toBeGreaterThan(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
