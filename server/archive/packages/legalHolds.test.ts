// Legal holds mirrored at the storage level: a case's hold puts every stored version of its packages (the case's own
// and its documents') under S3 Object Legal Hold through the job archive.legal_hold; a document archived into a held
// case is written held; the last hold lifted lets go; an erasure of a held object is refused clearly; on a filesystem
// store nothing is done and the hold's audit entry says so. On s3rver with the Object Lock emulation
// (objectLockShim.ts); the storage calls themselves are checked on a real server by testing/objectLockSuite.ts.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobWorker } from '../../jobs/worker.ts';
import { startS3rver, type RunningS3rver } from '../../storage/testing/startS3rver.ts';
import { startTestServer, type TestClient, type TestServer } from '../../testing/testServer.ts';
import { today } from '../../records/today.ts';
import { archiveStore } from './archiveConfig.ts';
import { fixturePackageFiles } from './fixturePackage.ts';

const BUCKET = 'kartoteka-held';
const year = Number(today().slice(0, 4));
const ifMatch = (v: number): Record<string, string> => ({ 'if-match': `"v${v}"` });

interface Versioned {
  id: string;
  version: number;
}
interface AuditRow {
  action: string;
  object_id: string;
  payload: Record<string, unknown>;
}

async function openHeldCase(archivist: TestClient, caseIndex: string): Promise<Versioned> {
  const item = await archivist.post<Versioned>('/api/nomenclature', { year, caseIndex, title: 'Претензионная работа', retentionKind: 'years', retentionYears: 5, listArticle: 'ст. 70' });
  expect(item.status, JSON.stringify(item.body)).toBe(201);
  const c = await archivist.post<Versioned>('/api/cases', { nomenclatureItemId: item.body.id });
  expect(c.status, JSON.stringify(c.body)).toBe(201);
  return c.body;
}

/** A registered card with a file, filed in the case and archived (its package job queued). */
async function archivedCard(clerk: TestClient, archivist: TestClient, caseIndex: string, text: string): Promise<string> {
  const file = (await clerk.upload(new TextEncoder().encode(text), 'претензия.txt')).body.id;
  const card = await clerk.post<Versioned>('/api/cards', { kind: 'incoming', register: true, summary: text, fileIds: [file] });
  expect(card.status).toBe(201);
  const filed = await clerk.post<Versioned>(`/api/cards/${card.body.id}/file-in-case`, { caseIndex }, ifMatch(card.body.version));
  expect(filed.status, JSON.stringify(filed.body)).toBe(200);
  expect((await archivist.post(`/api/cards/${card.body.id}/archive`, {}, ifMatch(filed.body.version))).status).toBe(202);
  return card.body.id;
}

describe('legal holds mirrored by S3 Object Legal Hold', () => {
  let s3: RunningS3rver;
  let srv: TestServer;
  let worker: JobWorker;
  let clerk: TestClient;
  let archivist: TestClient;
  let lawyer: TestClient;
  beforeAll(async () => {
    s3 = await startS3rver({ objectLock: { bucket: BUCKET } });
    srv = await startTestServer({ env: { S3_ENDPOINT: s3.endpoint, S3_BUCKET: BUCKET, S3_ACCESS_KEY: s3.accessKey, S3_SECRET_KEY: s3.secretKey } });
    worker = new JobWorker(srv.rt.knex, srv.rt.blobs, pino({ level: 'silent' }), { kinds: ['archive.package_card', 'archive.legal_hold'] });
    [clerk, archivist, lawyer] = [await srv.login('clerk'), await srv.login('archivist'), await srv.login('lawyer')];
  });
  afterAll(async () => {
    await srv?.close();
    await s3?.stop();
  });

  /** the legal hold of every key of the card's package, as the emulation keeps it */
  async function holdsOf(cardId: string): Promise<boolean[]> {
    const { ocfl_id: ocflId } = (await srv.rt.knex('archive_packages').where({ object_type: 'card', object_id: cardId }).first('ocfl_id')) as { ocfl_id: string };
    const store = await archiveStore();
    const files = await store.read(ocflId);
    expect(files?.size ?? 0).toBeGreaterThan(0);
    return [...files!.keys()].map((p) => s3.objectLock!.legalHold(`ocfl/${store.objectPath(ocflId)}/${p}`));
  }
  const audits = async (action: string): Promise<AuditRow[]> => (await srv.rt.knex('audit_log').where({ action }).orderBy('seq').select('action', 'object_id', 'payload')) as AuditRow[];

  it('holds the packages of a held case, writes a document archived into it held, refuses their erasure, and lets go when the hold is lifted', async () => {
    const c = await openHeldCase(archivist, '05-01');
    const before = await archivedCard(clerk, archivist, '05-01', 'Претензия ООО «Ромашка»');
    await worker.drain();
    expect((await holdsOf(before)).every((h) => !h)).toBe(true);

    const held = await lawyer.post<Versioned>(`/api/cases/${c.id}/legal-hold`, { reason: 'Судебный спор, дело № А40-7/2026' });
    expect(held.status).toBe(200);
    const [placed] = await audits('case.legal_hold_placed');
    expect(placed?.payload).toMatchObject({ storageLegalHold: { mirrored: true } });
    await worker.drain();
    expect((await holdsOf(before)).every((h) => h)).toBe(true);
    const [set] = await audits('archive.legal_hold_set');
    expect(set?.payload).toMatchObject({ case: c.id, objectType: 'card', objectId: before, legalHold: 'ON' });
    expect(set?.payload.versions).toBe((await holdsOf(before)).length);

    const during = await archivedCard(clerk, archivist, '05-01', 'Вторая претензия ООО «Ромашка»');
    await worker.drain();
    expect((await holdsOf(during)).every((h) => h)).toBe(true);

    // The destruction's erasure meets the storage's hold (a hold lifted in the database, not yet in the storage):
    // a clear refusal, the object intact.
    const store = await archiveStore();
    const { ocfl_id: ocflId } = (await srv.rt.knex('archive_packages').where({ object_type: 'card', object_id: before }).first('ocfl_id')) as { ocfl_id: string };
    const stored = await store.read(ocflId);
    await expect(store.replace(ocflId, fixturePackageFiles(ocflId, 'Запись об уничтожении', '2026-11-25T10:00:00Z'))).rejects.toMatchObject({ code: 'OCFL_OBJECT_RETAINED', message: expect.stringMatching(/legal hold/) });
    expect([...((await store.read(ocflId)) ?? new Map()).keys()].sort()).toEqual([...stored!.keys()].sort());

    const current = (await lawyer.get<Versioned>(`/api/cases/${c.id}`)).body;
    expect((await lawyer.post(`/api/cases/${c.id}/legal-hold/release`, { reason: 'Спор завершён' }, ifMatch(current.version))).status).toBe(200);
    const [released] = await audits('case.legal_hold_released');
    expect(released?.payload).toMatchObject({ storageLegalHold: { mirrored: true } });
    await worker.drain();
    expect((await holdsOf(before)).some((h) => h)).toBe(false);
    expect((await holdsOf(during)).some((h) => h)).toBe(false);
    const lifted = await audits('archive.legal_hold_lifted');
    expect(lifted.map((a) => a.payload.objectId).sort()).toEqual([before, during].sort());
    expect(lifted.every((a) => a.payload.legalHold === 'OFF')).toBe(true);
  });
});

describe('legal holds on a filesystem store', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer();
  });
  afterAll(async () => srv?.close());

  it('does nothing at the storage level and says so once in the hold audit entry', async () => {
    const [archivist, lawyer] = [await srv.login('archivist'), await srv.login('lawyer')];
    const c = await openHeldCase(archivist, '05-02');
    expect((await lawyer.post(`/api/cases/${c.id}/legal-hold`, { reason: 'Запрос прокуратуры' })).status).toBe(200);
    const entry = (await srv.rt.knex('audit_log').where({ action: 'case.legal_hold_placed', object_id: c.id }).first('payload')) as { payload: Record<string, unknown> };
    expect(entry.payload).toMatchObject({ storageLegalHold: { mirrored: false, reason: 'filesystem' } });
    expect(await srv.rt.knex('jobs').where({ kind: 'archive.legal_hold' }).count<{ n: number }[]>({ n: '*' })).toEqual([{ n: 0 }]);
  });
});
