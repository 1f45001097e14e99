// The transfer export reuses the stored OCFL packages: a case whose package is complete and current goes into the
// SIP as the very bytes of the stored object, with its documents' packages; a case with a document not archived
// is built from the database instead. The export stays byte-identical between downloads, and the SIP's packages
// verify offline as a collection (inventory → cases → cards, pinned by anchor).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
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
if (!openssl) console.warn('[skip] transfer from stored packages: openssl is needed for the local test TSA (openssl ts -reply)');

const ifMatch = (v: number) => ({ 'if-match': `"v${v}"` });
const year = Number(today().slice(0, 4)) - 1;

describe.skipIf(!openssl)('transfer export from the stored packages', () => {
  let srv: TestServer;
  let clerk: TestClient;
  let archivist: TestClient;
  let worker: JobWorker;
  let scratch = '';
  const storedCase = { id: '', cards: [] as string[] };
  let builtCase = '';
  let inventoryId = '';

  async function letter(text: string): Promise<string> {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    doc.addPage([595, 842]).drawText(text, { x: 50, y: 780, size: 12, font });
    return (await clerk.upload(await doc.save(), 'письмо.pdf')).body.id;
  }
  async function caseWith(index: string, title: string, summaries: string[], archive: boolean): Promise<{ id: string; cards: string[] }> {
    const item = await archivist.post<{ id: string }>('/api/nomenclature', { year, caseIndex: index, title, retentionKind: 'permanent' });
    const id = (await archivist.post<{ id: string }>('/api/cases', { nomenclatureItemId: item.body.id })).body.id;
    const cards: string[] = [];
    for (const summary of summaries) {
      const card = await clerk.post<{ id: string }>('/api/cards', { kind: 'incoming', register: true, summary, fileIds: [await letter(`Letter: ${summary.length}`)] });
      await srv.rt.knex('cards').where({ id: card.body.id }).update({ reg_year: year, reg_date: `${year}-03-03` });
      const fresh = await clerk.get<{ version: number }>(`/api/cards/${card.body.id}`);
      expect((await clerk.post(`/api/cards/${card.body.id}/file-in-case`, { caseId: id }, ifMatch(fresh.body.version))).status).toBe(200);
      if (archive) {
        const filed = await clerk.get<{ version: number }>(`/api/cards/${card.body.id}`);
        expect((await archivist.post(`/api/cards/${card.body.id}/archive`, {}, ifMatch(filed.body.version))).status).toBe(202);
      }
      cards.push(card.body.id);
    }
    await worker.drain();
    const c = await archivist.get<{ version: number }>(`/api/cases/${id}`);
    expect((await archivist.post(`/api/cases/${id}/close`, { closedOn: `${year}-12-31` }, ifMatch(c.body.version))).status).toBe(200);
    await worker.drain();
    return { id, cards };
  }
  const download = async (path: string): Promise<Uint8Array> => {
    const res = await fetch(srv.url + path, { headers: { cookie: [...archivist.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    expect(res.status).toBe(200);
    return new Uint8Array(await res.arrayBuffer());
  };

  beforeAll(async () => {
    srv = await startTestServer();
    clerk = await srv.login('clerk');
    archivist = await srv.login('archivist');
    scratch = mkdtempSync(join(tmpdir(), 'kartoteka-transfer-'));
    worker = new JobWorker(srv.rt.knex, srv.rt.blobs, pino({ level: 'silent' }), { kinds: ['archive.package_card', 'archive.package_aggregate', 'archive.evidence', 'search.index_card'] });
    Object.assign(storedCase, await caseWith('01-01', 'Постановления главы', ['О бюджете', 'О тарифах'], true));
    // One document of this case is never archived: its stored package is incomplete, so the transfer builds it.
    builtCase = (await caseWith('01-02', 'Распоряжения главы', ['О субботнике'], false)).id;
    const draft = await archivist.post<{ id: string; version: number }>('/api/inventories', { kind: 'permanent', year });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    inventoryId = draft.body.id;
    const submitted = await archivist.post<{ version: number }>(`/api/inventories/${inventoryId}/expert-review`, {}, ifMatch(draft.body.version));
    const agreed = await archivist.post<{ version: number }>(`/api/inventories/${inventoryId}/expert-review/decision`, { decision: 'agreed', protocolNumber: '1', protocolDate: today() }, ifMatch(submitted.body.version));
    // A permanent inventory is agreed by the archive's commission too.
    const sent = await archivist.post<{ version: number }>(`/api/inventories/${inventoryId}/archive-review`, {}, ifMatch(agreed.body.version));
    const archiveAgreed = await archivist.post<{ version: number }>(`/api/inventories/${inventoryId}/archive-review/decision`, { decision: 'agreed', protocolNumber: 'А-1', protocolDate: today() }, ifMatch(sent.body.version));
    expect((await archivist.post(`/api/inventories/${inventoryId}/approve`, {}, ifMatch(archiveAgreed.body.version))).status).toBe(200);
    await worker.drain();
  });
  afterAll(async () => {
    await srv?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('copies the stored case and card objects byte for byte; builds the incomplete case; same bytes twice', async () => {
    const first = await download(`/api/inventories/${inventoryId}/transfer`);
    const second = await download(`/api/inventories/${inventoryId}/transfer`);
    expect(Buffer.compare(Buffer.from(first), Buffer.from(second))).toBe(0);
    const entries = unzipSync(first);
    const names = Object.keys(entries);

    const stored = [`urn:kartoteka:case:${storedCase.id}`, ...storedCase.cards.map((id) => `urn:kartoteka:card:${id}`)];
    for (const ocflId of stored) {
      const folder = `/representations/${ocflId.replace(/[^A-Za-z0-9._-]+/g, '_')}/data/`;
      const inZip = names.filter((n) => n.includes(folder));
      expect(inZip.length, `${ocflId} is in the SIP`).toBeGreaterThan(3);
      // Every file of the object, as stored: same paths, same bytes.
      const root = join(srv.dataDir, 'ocfl', hashedObjectPath(ocflId));
      for (const name of inZip) {
        const path = name.slice(name.indexOf(folder) + folder.length);
        expect(Buffer.compare(Buffer.from(entries[name] ?? new Uint8Array()), readFileSync(join(root, path))), `${ocflId}: ${path}`).toBe(0);
      }
      expect(inZip.some((n) => n.endsWith('/inventory.json'))).toBe(true);
    }
    // The case with an unarchived document is the package built from the database, with its document's original.
    expect(names.some((n) => n.includes(`/representations/case-${builtCase}/data/`) && n.endsWith('письмо.pdf'))).toBe(true);
    expect(names.some((n) => n.includes(`urn_kartoteka_case_${builtCase}`))).toBe(false);

    // Unpacked, the SIP's packages verify as a collection: the inventory pins both cases, the stored case its cards.
    for (const [name, bytes] of Object.entries(entries)) {
      const target = join(scratch, name);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, bytes);
    }
    const representations = join(scratch, names.find((n) => n.includes('/representations/'))?.replace(/\/representations\/.*$/, '/representations') ?? '');
    const result = await verifyCollection(representations);
    expect(result.checks.filter((c) => !c.ok)).toEqual([]);
    const aggregates = result.checks.filter((c) => c.name.endsWith('aggregate-members'));
    expect(aggregates.map((c) => c.detail).sort()).toEqual(['2 member package(s) present and unchanged', '2 member package(s) present and unchanged']);
  });
});
