import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fsTree } from './tree.ts';
import { validateObject } from './validate.ts';

const FIXTURES = fileURLToPath(new URL('../../../shared/ocfl-fixtures/1.1/', import.meta.url));
const present = existsSync(FIXTURES);
if (!present) console.warn(`skipped: OCFL fixtures are absent (${FIXTURES})`);
const dirs = (kind: string): string[] => (present ? readdirSync(`${FIXTURES}${kind}`, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name) : []);

describe.skipIf(!present)('OCFL 1.1 validator on the official fixtures', () => {
  it.each(dirs('good-objects'))('accepts good object %s', async (name) => {
    const r = await validateObject(fsTree(`${FIXTURES}good-objects/${name}`));
    expect(r.errors).toEqual([]);
    expect(r.valid).toBe(true);
  });

  it.each(dirs('bad-objects'))('rejects bad object %s with its code', async (name) => {
    const r = await validateObject(fsTree(`${FIXTURES}bad-objects/${name}`));
    expect(r.valid).toBe(false);
    const expected = name.match(/E\d{3}/g) ?? [];
    const got = new Set(r.errors.map((e) => e.code));
    expect(expected.some((c) => got.has(c)), `expected one of ${expected.join(',')}, got ${[...got].join(',')}`).toBe(true);
  });

  it.each(dirs('warn-objects'))('warns about %s', async (name) => {
    const r = await validateObject(fsTree(`${FIXTURES}warn-objects/${name}`));
    expect(r.errors).toEqual([]);
    const expected = name.match(/W\d{3}/g) ?? [];
    const got = new Set(r.warnings.map((w) => w.code));
    for (const c of expected) expect(got.has(c), `expected ${c}, got ${[...got].join(',')}`).toBe(true);
  });
});

describe.skipIf(!present)('blocking and promise-based trees', () => {
  const all = ['good-objects', 'bad-objects', 'warn-objects'].flatMap((kind) => dirs(kind).map((name) => `${kind}/${name}`));
  it('give the same validation result on every fixture', async () => {
    for (const name of all) {
      const viaPromises = await validateObject(fsTree(`${FIXTURES}${name}`));
      const blocking = await validateObject(fsTree(`${FIXTURES}${name}`, { sync: true }));
      expect({ name, errors: blocking.errors, warnings: blocking.warnings }).toEqual({ name, errors: viaPromises.errors, warnings: viaPromises.warnings });
    }
  });
});
