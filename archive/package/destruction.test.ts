// A package whose documents were destroyed: a new version without content, recording the destruction; earlier
// versions untouched; the verifier accepts it, says it is destroyed, and refuses one that claims a destruction but
// still carries the documents.
import { describe, expect, it } from 'vitest';
import { memoryTree } from '../ocfl/tree.ts';
import { addVersion } from '../ocfl/write.ts';
import { buildPackage, type PackageInput } from './build.ts';
import { addDestructionVersion, withoutEarlierVersions } from './destruction.ts';
import { headFiles } from './evidence.ts';
import { verifyTree } from './verify.ts';

const enc = new TextEncoder();
const letter: PackageInput = {
  id: 'urn:kartoteka:card:7',
  kind: 'card',
  created: '2020-03-02T09:00:00Z',
  agent: { name: 'Kartoteka', address: 'https://kartoteka.example/archive' },
  descriptive: { card: { regNumber: '01-07/15', summary: 'О вывозе снега' } },
  originals: [{ name: 'letter.txt', bytes: enc.encode('Письмо о вывозе снега'), mime: 'text/plain' }],
};
const destruction = {
  created: '2026-11-24T10:00:00Z',
  agent: letter.agent,
  descriptive: { destroyed: true, card: { regNumber: '01-07/15' } },
  event: { at: '2026-11-24T09:59:00Z', agent: 'Kartoteka', outcome: 'success' as const, detail: 'destroyed under destruction act № 1/2026' },
};

describe('destroyed packages', () => {
  it('adds a content-free version recording the destruction; the verifier accepts it and reports it destroyed', async () => {
    const built = buildPackage(letter);
    const files = addDestructionVersion(built.files, destruction);
    const head = headFiles(files);
    expect([...head.keys()].filter((p) => p.startsWith('representations/'))).toEqual([]);
    const events = JSON.parse(new TextDecoder().decode(head.get('metadata/preservation/events.json'))) as { type: string }[];
    expect(events.map((e) => e.type)).toEqual(['ingest', 'destruction']);
    // v1 is untouched and still holds the original.
    for (const [path, bytes] of built.files) if (path.startsWith('v1/')) expect(files.get(path)).toEqual(bytes);

    const result = await verifyTree(memoryTree(files));
    expect(result.checks.filter((c) => !c.ok)).toEqual([]);
    expect(result.destroyed).toEqual({ at: destruction.event.at, detail: destruction.event.detail });
    expect(result.checks.find((c) => c.name === 'destruction')?.detail).toContain('no document content');
    // Not destroyed: no such check.
    expect((await verifyTree(memoryTree(built.files))).checks.some((c) => c.name === 'destruction')).toBe(false);
  });

  it('refuses a package that records a destruction but still carries the documents', async () => {
    const built = buildPackage(letter);
    const destroyedHead = headFiles(addDestructionVersion(built.files, destruction));
    // A forged head: the destruction's events, yet the original is still listed in package.json.
    const forged = buildPackage({ ...letter, events: (JSON.parse(new TextDecoder().decode(destroyedHead.get('metadata/preservation/events.json'))) as PackageInput['events'])?.filter((e) => e.type !== 'ingest') ?? [] });
    const files = addVersion(built.files, { created: destruction.created, message: 'forged', user: letter.agent, files: headFiles(forged.files) });
    const result = await verifyTree(memoryTree(files));
    expect(result.valid).toBe(false);
    expect(result.checks.find((c) => c.name === 'destruction')).toMatchObject({ ok: false, detail: expect.stringContaining('representations/rep-original/letter.txt') });
  });

  it('rewrites the destroyed package as one version: nothing of the documents is left in any version, the anchor is kept', async () => {
    const built = buildPackage(letter);
    const destroyed = addDestructionVersion(built.files, destruction);
    const { files, erased } = withoutEarlierVersions(destroyed);
    expect(erased).toBe(1);
    expect([...files.keys()].filter((p) => /^v\d+\/inventory\.json$/.test(p))).toEqual(['v1/inventory.json']);
    const original = Buffer.from(letter.originals[0]!.bytes);
    for (const [path, bytes] of files) expect(Buffer.from(bytes).includes(original), path).toBe(false);
    expect(headFiles(files).get('package.json')).toEqual(headFiles(destroyed).get('package.json'));
    const inventory = JSON.parse(new TextDecoder().decode(files.get('inventory.json'))) as { id: string; versions: Record<string, { created: string; message: string }> };
    expect(inventory.id).toBe(letter.id);
    expect(inventory.versions.v1).toMatchObject({ created: destruction.created, message: expect.stringContaining('1 earlier version(s), which held the destroyed documents, erased') });
    const result = await verifyTree(memoryTree(files));
    expect(result.checks.filter((c) => !c.ok)).toEqual([]);
    expect(result.destroyed?.detail).toBe(destruction.event.detail);
  });
});

