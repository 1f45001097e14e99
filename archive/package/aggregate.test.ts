import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { digest } from '../ocfl/digest.ts';
import { StorageRoot } from '../ocfl/storageRoot.ts';
import { buildPackage, type PackageInput } from './build.ts';
import { verifyCollection } from './verify.ts';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../../bin/kartoteka', import.meta.url));
const enc = new TextEncoder();

const card = (n: number, note = ''): PackageInput => ({
  id: `urn:kartoteka:card:${n}`,
  kind: 'card',
  created: '2026-01-15T09:00:00+03:00',
  agent: { name: 'Архивист', address: 'mailto:archive@example.org' },
  descriptive: { number: String(n), note },
  originals: [{ name: `letter-${n}.txt`, bytes: enc.encode(`письмо ${n}`), mime: 'text/plain' }],
});

describe('aggregates across packages (case → cards)', () => {
  it('verifies a case against its member cards and catches a substituted card', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'collection-'));
    try {
      const root = await StorageRoot.open(dir);
      const cards = [card(1), card(2)].map(buildPackage);
      const anchorOf = (files: Map<string, Uint8Array>): string => digest('sha512', files.get('v1/content/package.json')!)!;
      const members = cards.map((c) => ({ id: c.manifest.id, anchor: anchorOf(c.files) }));
      const kase = buildPackage({ ...card(0), id: 'urn:kartoteka:case:01-15', kind: 'case', members });
      expect(kase.manifest.members).toEqual(members);
      for (const p of [...cards, kase]) await root.put(p.manifest.id, p.files);

      const ok = await verifyCollection(dir);
      expect(ok.checks.filter((c) => !c.ok)).toEqual([]);
      expect(ok.checks.some((c) => c.name.endsWith('aggregate-members') && c.ok)).toBe(true);
      const cli = JSON.parse((await run(BIN, ['archive', 'verify', dir, '--json'])).stdout) as { valid: boolean };
      expect(cli.valid).toBe(true);

      // A different but internally valid card under the same id: only the aggregate can tell.
      const other = await mkdtemp(join(tmpdir(), 'collection-'));
      try {
        const root2 = await StorageRoot.open(other);
        const swapped = buildPackage(card(2, 'подменённая карточка'));
        for (const p of [cards[0]!, swapped, kase]) await root2.put(p.manifest.id, p.files);
        const r = await verifyCollection(other);
        expect(r.valid).toBe(false);
        expect(r.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual([expect.stringMatching(/aggregate-members$/)]);
      } finally {
        await rm(other, { recursive: true, force: true });
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
