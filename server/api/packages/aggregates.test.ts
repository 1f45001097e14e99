// Aggregate packages through the API: closing a case packages it with its archived documents as members,
// approving an inventory packages it with its cases; a member archived later makes a new version of the case
// (and so of the inventory); the storage root verifies offline as a collection, members pinned by anchor.
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyCollection } from '../../../archive/index.ts';
import { JobWorker } from '../../jobs/worker.ts';
import { today } from '../../records/today.ts';
import { opensslAvailable } from '../../archive/packages/timestamping.ts';
import { startTestServer, type TestClient, type TestServer } from '../../testing/testServer.ts';

const openssl = opensslAvailable();
if (!openssl) console.warn('[skip] aggregate packages: openssl is needed for the local test TSA (openssl ts -reply)');

interface Pkg {
  id: string;
  objectType: string;
  objectId: string;
  status: string;
  currentVersion: number;
  notes: { file: string; kind: string }[];
  versions: { version: string; message: string }[];
}

const year = Number(today().slice(0, 4));
const ifMatch = (v: number) => ({ 'if-match': `"v${v}"` });

describe.skipIf(!openssl)('case and inventory packages', () => {
  let srv: TestServer;
  let clerk: TestClient;
  let archivist: TestClient;
  let worker: JobWorker;
  let caseId = '';
  const cards: string[] = [];

  const drain = () => worker.drain();
  const packagesOf = async (objectType: string): Promise<Pkg[]> => {
    const list = await archivist.get<{ items: { id: string }[] }>(`/api/packages?objectType=${objectType}`);
    return Promise.all(list.body.items.map(async (i) => (await archivist.get<Pkg>(`/api/packages/${i.id}`)).body));
  };
  const archive = async (cardId: string) => {
    const v = (await clerk.get<{ version: number }>(`/api/cards/${cardId}`)).body.version;
    expect((await archivist.post(`/api/cards/${cardId}/archive`, {}, ifMatch(v))).status).toBe(202);
  };

  beforeAll(async () => {
    srv = await startTestServer();
    clerk = await srv.login('clerk');
    archivist = await srv.login('archivist');
    worker = new JobWorker(srv.rt.knex, srv.rt.blobs, pino({ level: 'silent' }), { kinds: ['archive.package_card', 'archive.package_aggregate', 'archive.evidence', 'search.index_card'] });
    const item = await archivist.post<{ id: string }>('/api/nomenclature', { year, caseIndex: '01-05', title: 'Переписка с организациями', retentionKind: 'permanent' });
    expect(item.status, JSON.stringify(item.body)).toBe(201);
    const opened = await archivist.post<{ id: string }>('/api/cases', { nomenclatureItemId: item.body.id });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    caseId = opened.body.id;
    for (const summary of ['О ремонте кровли', 'О вывозе снега']) {
      const doc = await PDFDocument.create();
      const font = await doc.embedFont(StandardFonts.Helvetica);
      doc.addPage([595, 842]).drawText(`Letter: ${summary.length} words about the municipal works`, { x: 50, y: 780, size: 12, font });
      const file = (await clerk.upload(await doc.save(), 'письмо.pdf')).body.id;
      const card = await clerk.post<{ id: string; version: number }>('/api/cards', { kind: 'incoming', register: true, summary, fileIds: [file] });
      const filed = await clerk.post(`/api/cards/${card.body.id}/file-in-case`, { caseId }, ifMatch(card.body.version));
      expect(filed.status, JSON.stringify(filed.body)).toBe(200);
      cards.push(card.body.id);
    }
  });
  afterAll(async () => srv?.close());

  it('closing the case packages it with its archived documents as members, the others noted', async () => {
    await archive(cards[0]!);
    await drain();
    const current = await archivist.get<{ version: number }>(`/api/cases/${caseId}`);
    expect((await archivist.post(`/api/cases/${caseId}/close`, {}, ifMatch(current.body.version))).status).toBe(200);
    await drain();
    const [casePkg] = await packagesOf('case');
    expect(casePkg).toMatchObject({ objectId: caseId, status: 'packaged' });
    expect(casePkg?.notes).toHaveLength(1);
  });

  it('a document archived later makes a new case version; the inventory lists the case; the root verifies as a collection', async () => {
    const before = (await packagesOf('case'))[0]!;
    await archive(cards[1]!);
    await drain();
    const after = (await packagesOf('case'))[0]!;
    expect(after.notes).toEqual([]);
    expect(after.versions.some((v) => v.message.startsWith('update of case'))).toBe(true);
    expect(after.currentVersion).toBeGreaterThan(before.currentVersion);

    const draft = await archivist.post<{ id: string; version: number }>('/api/inventories', { kind: 'permanent', year, caseIds: [caseId] });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    // The expert commission (ЭПК) agrees the draft before it is approved.
    const submitted = await archivist.post<{ version: number }>(`/api/inventories/${draft.body.id}/expert-review`, {}, ifMatch(draft.body.version));
    const agreed = await archivist.post<{ version: number }>(`/api/inventories/${draft.body.id}/expert-review/decision`, { decision: 'agreed', protocolNumber: '1', protocolDate: today() }, ifMatch(submitted.body.version));
    // A permanent inventory is agreed by the archive's commission (ЭПК архивного учреждения) too.
    const sent = await archivist.post<{ version: number }>(`/api/inventories/${draft.body.id}/archive-review`, {}, ifMatch(agreed.body.version));
    const archiveAgreed = await archivist.post<{ version: number }>(`/api/inventories/${draft.body.id}/archive-review/decision`, { decision: 'agreed', protocolNumber: 'А-1', protocolDate: today() }, ifMatch(sent.body.version));
    expect((await archivist.post(`/api/inventories/${draft.body.id}/approve`, {}, ifMatch(archiveAgreed.body.version))).status).toBe(200);
    await drain();
    const [inventory] = await packagesOf('inventory');
    expect(inventory).toMatchObject({ objectId: draft.body.id, status: 'packaged', notes: [] });

    // Archive search by inventory: the documents of its cases.
    const found = await archivist.get<{ items: { id: string }[] }>(`/api/archive/search?inventoryId=${draft.body.id}`);
    expect(found.body.items.map((i) => i.id).sort()).toEqual([...cards].sort());

    const result = await verifyCollection(join(srv.dataDir, 'ocfl'));
    const aggregates = result.checks.filter((c) => c.name.endsWith('aggregate-members'));
    expect(aggregates).toHaveLength(2);
    expect(aggregates.every((c) => c.ok)).toBe(true);
    expect(result.checks.filter((c) => !c.ok)).toEqual([]);
  });
});
