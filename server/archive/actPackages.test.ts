// Destruction acts as archival packages: approving an act packages its frozen JSON and PDF/A with its cases'
// packages as members (pinned by anchor); executing it adds the tombstone list as a new OCFL version, each entry
// pinned by the hash of its `card.purged` audit entry. Each purged card's own package gets a version that records the
// destruction and holds no document content any more (the earlier versions untouched); the verifier reports it as
// destroyed. The objects verify offline with the CLI, the storage root as a collection, and a flipped byte is caught.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyCollection } from '../../archive/index.ts';
import { JobWorker } from '../jobs/worker.ts';
import { today } from '../records/today.ts';
import { hashedObjectPath } from './packages/ocflStore.ts';
import { opensslAvailable } from './packages/timestamping.ts';
import { startTestServer, type TestClient, type TestServer } from '../testing/testServer.ts';

const openssl = opensslAvailable();
if (!openssl) console.warn('[skip] destruction act packages: openssl is needed for the local test TSA (openssl ts -reply)');

const BIN = fileURLToPath(new URL('../../bin/kartoteka', import.meta.url));
const ifMatch = (v: number) => ({ 'if-match': `"v${v}"` });

interface CliOut {
  valid: boolean;
  checks: { name: string; ok: boolean; detail: string }[];
  destroyed?: { at: string; detail: string };
}

function cliVerify(path: string): Promise<{ code: number; out: CliOut }> {
  return new Promise((resolve) => {
    execFile(BIN, ['archive', 'verify', path, '--json'], (error, stdout) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, out: JSON.parse(stdout) as CliOut });
    });
  });
}

interface Pkg {
  id: string;
  objectId: string;
  status: string;
  currentVersion: number;
  notes: unknown[];
  files: { path: string; role: string }[];
  destruction: { act: string; actId: string; version: string | null; auditSeq: number } | null;
  card: { regNumber: string | null } | null;
}

describe.skipIf(!openssl)('destruction act packages', () => {
  let srv: TestServer;
  let clerk: TestClient;
  let archivist: TestClient;
  let worker: JobWorker;
  let caseId = '';
  let cardId = '';
  let actId = '';
  /** 64 bytes from the middle of the card's original PDF: nothing in the destroyed package may hold them */
  let originalMarker = Buffer.alloc(0);
  let scratch = '';

  const drain = () => worker.drain();
  const actPackage = async (): Promise<Pkg> => {
    const list = await archivist.get<{ items: { id: string; objectId: string }[] }>('/api/packages?objectType=act');
    const row = list.body.items.find((i) => i.objectId === actId);
    expect(row, 'the act has a package').toBeTruthy();
    return (await archivist.get<Pkg>(`/api/packages/${row?.id ?? ''}`)).body;
  };
  const objectDir = (urn = `urn:kartoteka:act:${actId}`) => join(srv.dataDir, 'ocfl', hashedObjectPath(urn));
  /** Where the head version keeps a logical file (OCFL stores an unchanged file once, in the version that added it). */
  const headPath = (root: string, logical: string): string | null => {
    const inv = JSON.parse(readFileSync(join(root, 'inventory.json'), 'utf8')) as { head: string; manifest: Record<string, string[]>; versions: Record<string, { state: Record<string, string[]> }> };
    const state = inv.versions[inv.head]?.state ?? {};
    const digest = Object.keys(state).find((d) => state[d]?.includes(logical));
    const stored = digest ? inv.manifest[digest]?.[0] : undefined;
    return stored ? join(root, stored) : null;
  };
  const original = (name: string) => headPath(objectDir(), `representations/rep-original/${name}`);
  const headFile = (name: string): unknown => JSON.parse(readFileSync(original(name) ?? '', 'utf8'));

  beforeAll(async () => {
    srv = await startTestServer();
    clerk = await srv.login('clerk');
    archivist = await srv.login('archivist');
    scratch = mkdtempSync(join(tmpdir(), 'kartoteka-act-'));
    worker = new JobWorker(srv.rt.knex, srv.rt.blobs, pino({ level: 'silent' }), { kinds: ['archive.package_card', 'archive.package_aggregate', 'archive.package_destroyed', 'archive.evidence', 'search.index_card'] });
    // A case kept one year, closed in 2015, with one archived document.
    const item = await archivist.post<{ id: string }>('/api/nomenclature', { year: 2015, caseIndex: '02-07', title: 'Переписка о благоустройстве', retentionKind: 'years', retentionYears: 1, listArticle: 'ст. 70' });
    caseId = (await archivist.post<{ id: string }>('/api/cases', { nomenclatureItemId: item.body.id })).body.id;
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    doc.addPage([595, 842]).drawText('Letter about the park benches, 2015', { x: 50, y: 780, size: 12, font });
    const original = await doc.save();
    originalMarker = Buffer.from(original.subarray(Math.floor(original.length / 2) - 32, Math.floor(original.length / 2) + 32));
    const file = (await clerk.upload(original, 'письмо.pdf')).body.id;
    const card = await clerk.post<{ id: string }>('/api/cards', { kind: 'incoming', register: true, summary: 'О скамейках в парке', fileIds: [file] });
    cardId = card.body.id;
    await srv.rt.knex('cards').where({ id: cardId }).update({ reg_year: 2015, reg_date: '2015-05-05' });
    const fresh = await clerk.get<{ version: number }>(`/api/cards/${cardId}`);
    expect((await clerk.post(`/api/cards/${cardId}/file-in-case`, { caseId }, ifMatch(fresh.body.version))).status).toBe(200);
    const filed = await clerk.get<{ version: number }>(`/api/cards/${cardId}`);
    expect((await archivist.post(`/api/cards/${cardId}/archive`, {}, ifMatch(filed.body.version))).status).toBe(202);
    await drain();
    const c = await archivist.get<{ version: number }>(`/api/cases/${caseId}`);
    expect((await archivist.post(`/api/cases/${caseId}/close`, { closedOn: '2015-12-31' }, ifMatch(c.body.version))).status).toBe(200);
    await drain();
  });
  afterAll(async () => {
    await srv?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('approval packages the act (JSON, PDF/A, cases pinned); execution adds the tombstones as a new version', async () => {
    const act = await archivist.post<{ id: string; version: number }>('/api/destruction-acts', { caseIds: [caseId], fundNumber: '4' });
    expect(act.status, JSON.stringify(act.body)).toBe(201);
    actId = act.body.id;
    const submitted = await archivist.post<{ version: number }>(`/api/destruction-acts/${actId}/expert-review`, {}, ifMatch(act.body.version));
    const agreed = await archivist.post<{ version: number }>(`/api/destruction-acts/${actId}/expert-review/decision`, { decision: 'agreed', protocolNumber: '2', protocolDate: today() }, ifMatch(submitted.body.version));
    const approved = await archivist.post<{ version: number }>(`/api/destruction-acts/${actId}/approve`, {}, ifMatch(agreed.body.version));
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    await drain();

    const approvedPackage = await actPackage();
    expect(approvedPackage).toMatchObject({ status: 'packaged', notes: [] });
    const name = `akt-${today().slice(0, 4)}-1`;
    expect(original(`${name}.json`)).not.toBeNull();
    expect(original(`${name}.pdf`)).not.toBeNull();
    expect(original('tombstones.json')).toBeNull();
    const snapshotBefore = readFileSync(original(`${name}.json`) ?? '');
    const snapshot = headFile(`${name}.json`) as { format: string; fund: string; expertReview: { protocolNumber: string } };
    expect(snapshot).toMatchObject({ format: 'kartoteka-destruction-act/2', fund: '4', expertReview: { protocolNumber: '2' } });
    const manifest = JSON.parse(readFileSync(headPath(objectDir(), 'package.json') ?? '', 'utf8')) as { kind: string; members: { id: string }[] };
    expect(manifest.kind).toBe('act');
    expect(manifest.members.map((m) => m.id)).toEqual([`urn:kartoteka:case:${caseId}`]);
    const ok = await cliVerify(objectDir());
    expect(ok.out.checks.filter((c) => !c.ok)).toEqual([]);
    expect(ok.code).toBe(0);

    const executed = await archivist.post<{ status: string; purgedCards: number }>(`/api/destruction-acts/${actId}/execute`, {}, ifMatch(approved.body.version));
    expect(executed.body).toMatchObject({ status: 'executed', purgedCards: 1 });
    await drain();
    const executedPackage = await actPackage();
    expect(executedPackage.currentVersion).toBeGreaterThan(approvedPackage.currentVersion);
    const tombstones = headFile('tombstones.json') as { card: string; auditHash: string; regNumber: string; requisitesSha256: string }[];
    expect(tombstones.map((t) => t.card)).toEqual([cardId]);
    const entry = (await srv.rt.knex('audit_log').where({ action: 'card.purged', object_id: cardId }).first('hash')) as { hash: string };
    expect(tombstones[0]?.auditHash).toBe(entry.hash);
    expect(tombstones[0]?.requisitesSha256).toMatch(/^[0-9a-f]{64}$/);
    // The approved snapshot is the same bytes after execution: execution adds, it does not rewrite.
    expect(readFileSync(original(`${name}.json`) ?? '').equals(snapshotBefore)).toBe(true);

    const verified = await cliVerify(objectDir());
    expect(verified.code).toBe(0);
    const collection = await verifyCollection(join(srv.dataDir, 'ocfl'));
    expect(collection.checks.filter((c) => !c.ok)).toEqual([]);
    expect(collection.checks.filter((c) => c.name.endsWith('aggregate-members')).length).toBeGreaterThanOrEqual(2);
  });

  it('the purged card’s package gets a version that records the destruction and keeps no content; the verifier reports it destroyed', async () => {
    const list = await archivist.get<{ items: { id: string; objectId: string }[] }>('/api/packages?objectType=card');
    const row = list.body.items.find((i) => i.objectId === cardId);
    expect(row, 'the card package row stays after the card is purged').toBeTruthy();
    const destroyedOnly = await archivist.get<{ items: { objectId: string }[] }>('/api/packages?destroyed=true');
    expect(destroyedOnly.body.items.map((i) => i.objectId)).toEqual([cardId]);
    expect((await archivist.get<{ items: { objectId: string }[] }>('/api/packages?destroyed=false')).body.items.map((i) => i.objectId)).not.toContain(cardId);
    const pkg = (await archivist.get<Pkg & { versions: { version: string }[] }>(`/api/packages/${row?.id ?? ''}`)).body;
    expect(pkg.status).toBe('packaged');
    expect(pkg.destruction).toMatchObject({ act: `1/${today().slice(0, 4)}`, actId });
    expect(pkg.destruction?.version).toMatch(/^v\d+$/);
    expect(pkg.card?.regNumber).toBeTruthy();
    // The head holds no document content; metadata, events and VERIFY.md remain.
    expect(pkg.files.filter((f) => ['original', 'signature', 'pdfa', 'pdfa-report', 'signature-evidence', 'signature-report'].includes(f.role))).toEqual([]);
    expect(pkg.files.map((f) => f.path)).toEqual(expect.arrayContaining(['metadata/descriptive/card.json', 'metadata/preservation/events.json', 'documentation/VERIFY.md']));
    const cardDir = objectDir(`urn:kartoteka:card:${cardId}`);
    const events = JSON.parse(readFileSync(headPath(cardDir, 'metadata/preservation/events.json') ?? '', 'utf8')) as { type: string; detail: string }[];
    const destruction = events.find((e) => e.type === 'destruction');
    expect(destruction?.detail).toContain(`№ 1/${today().slice(0, 4)}`);
    expect(events.filter((e) => e.type === 'ingest')).toHaveLength(1);
    const described = JSON.parse(readFileSync(headPath(cardDir, 'metadata/descriptive/card.json') ?? '', 'utf8')) as { destroyed: boolean; destruction: { tombstone: { auditHash: string }; removedFromCurrentVersion: string[] } };
    const entry = (await srv.rt.knex('audit_log').where({ action: 'card.purged', object_id: cardId }).first('hash')) as { hash: string };
    expect(described.destroyed).toBe(true);
    expect(described.destruction.tombstone.auditHash).toBe(entry.hash);
    expect(described.destruction.removedFromCurrentVersion).toEqual(expect.arrayContaining(['representations/rep-original/письмо.pdf']));
    // No version keeps the destroyed documents: the object starts again from its destruction record (v1; the evidence
    // record of that is v2), and none of its files holds the original's bytes.
    const inv = JSON.parse(readFileSync(join(cardDir, 'inventory.json'), 'utf8')) as { head: string; versions: Record<string, { message: string; state: Record<string, string[]> }> };
    expect(Object.keys(inv.versions)).toEqual(['v1', 'v2']);
    expect(inv.versions.v1?.message).toMatch(/earlier version\(s\), which held the destroyed documents, erased/);
    expect(pkg.destruction?.version).toBe('v1');
    for (const v of Object.values(inv.versions)) expect(Object.values(v.state).flat()).not.toContain('representations/rep-original/письмо.pdf');
    const onDisk = readdirSync(cardDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(onDisk.length).toBeGreaterThan(3);
    for (const e of onDisk) expect(readFileSync(join(e.parentPath, e.name)).includes(originalMarker), e.name).toBe(false);
    expect(existsSync(`${cardDir}.replacement`) || existsSync(`${cardDir}.replaced`)).toBe(false);

    const verified = await cliVerify(cardDir);
    expect(verified.out.checks.filter((c) => !c.ok)).toEqual([]);
    expect(verified.code).toBe(0);
    expect(verified.out.checks.find((c) => c.name === 'destruction')?.ok).toBe(true);
    expect(verified.out.destroyed?.detail).toContain('destruction act');
    // The case package was rebuilt to pin the destroyed version, the act's to pin the case: the collection holds.
    await drain();
    const collection = await verifyCollection(join(srv.dataDir, 'ocfl'));
    expect(collection.checks.filter((c) => !c.ok)).toEqual([]);
    expect(collection.checks.some((c) => c.name.endsWith(': destruction') && c.ok)).toBe(true);
    const repackage = await archivist.post<{ code: string }>(`/api/packages/${pkg.id}/repackage`, {});
    expect(repackage.status).toBe(409);
    const log = await (await srv.login('admin')).get<{ items: { action: string }[] }>(`/api/audit?objectId=${pkg.id}`);
    expect(log.body.items.map((e) => e.action)).toEqual(expect.arrayContaining(['archive.package_marked_destroyed', 'archive.package_destroyed']));
  });

  it('a flipped byte in the tombstone list is caught by the offline verifier', async () => {
    const copy = join(scratch, 'act');
    cpSync(objectDir(), copy, { recursive: true });
    const target = headPath(copy, 'representations/rep-original/tombstones.json') ?? '';
    const bytes = readFileSync(target);
    bytes[10] = (bytes[10] ?? 0) ^ 0x01;
    writeFileSync(target, bytes);
    const tampered = await cliVerify(copy);
    expect(tampered.code).toBe(1);
    expect(tampered.out.valid).toBe(false);
    expect(tampered.out.checks.some((c) => !c.ok && /digest/.test(c.name))).toBe(true);
  });
});
