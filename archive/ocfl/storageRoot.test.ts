import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StorageRoot } from './storageRoot.ts';
import { addVersion, buildObject } from './write.ts';

const enc = new TextEncoder();

describe('OCFL storage root', () => {
  it('lays objects out by hashed n-tuple and appends versions', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ocfl-root-'));
    try {
      const root = await StorageRoot.open(dir);
      expect(await readFile(join(dir, '0=ocfl_1.1'), 'utf8')).toBe('ocfl_1.1\n');
      const id = 'urn:kartoteka:card:1';
      expect(root.objectPath(id)).toMatch(/^[0-9a-f]{3}\/[0-9a-f]{3}\/[0-9a-f]{3}\/[0-9a-f]{64}$/);
      const v1 = buildObject(id, [{ created: '2026-01-01T00:00:00Z', message: 'ingest', user: { name: 'A', address: 'mailto:a@example.org' }, files: new Map([['a.txt', enc.encode('a')]]) }]);
      await root.put(id, v1);
      const v2 = addVersion(v1, { created: '2026-02-01T00:00:00Z', message: 'evidence renewal', user: { name: 'A', address: 'mailto:a@example.org' }, files: new Map([['a.txt', enc.encode('a')], ['b.txt', enc.encode('b')]]) });
      await root.put(id, v2);
      const r = await root.validate(id);
      expect(r.errors).toEqual([]);
      expect(r.inventory?.head).toBe('v2');
      expect((await StorageRoot.open(dir)).objectPath(id)).toBe(root.objectPath(id));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
