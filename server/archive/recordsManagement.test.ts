// Records management through the HTTP API: nomenclature, cases, filing, closing, retention, inventories,
// destruction with legal holds and the transfer export.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { unzipSync } from 'fflate';
import { PDFDocument } from 'pdf-lib';
import { startTestServer, type TestClient, type TestServer } from '../testing/testServer.ts';
import { JobWorker } from '../jobs/worker.ts';
import { today } from '../records/today.ts';
import { destructionDueOn, inventoryKindOf } from './retention.ts';
import { extractText } from '../files/extractText.ts';

let srv: TestServer;
let archivist: TestClient;
let clerk: TestClient;
let lawyer: TestClient;
let executor: TestClient;

interface Item {
  id: string;
  year: number;
  caseIndex: string;
  title: string;
  retentionKind: string;
  retentionYears: number | null;
  retention: { ru: string };
  version: number;
}
interface CaseBody {
  id: string;
  caseIndex: string;
  year: number;
  status: string;
  closedOn: string | null;
  documentsCount: number;
  sheets: number;
  startDate: string | null;
  endDate: string | null;
  destructionDueOn: string | null;
  inventoryKind: string | null;
  legalHold: boolean;
  version: number;
  cards?: { id: string; regNumber: string }[];
}
interface CardBody {
  id: string;
  status: string;
  regNumber: string | null;
  version: number;
  caseIndex: string | null;
}
interface Problem {
  code: string;
  messages: { ru: string; en: string };
}
interface InventoryBody {
  id: string;
  status: string;
  number: number;
  version: number;
  approvedByName: string | null;
  pdfSha256: string | null;
  cases: CaseBody[];
}
interface ActBody {
  id: string;
  status: string;
  version: number;
  purgedCards: number | null;
  cases: CaseBody[];
}

const year = Number(today().slice(0, 4));
const ifMatch = (v: number) => ({ 'if-match': `"v${v}"` });

beforeAll(async () => {
  srv = await startTestServer();
  archivist = await srv.login('archivist');
  clerk = await srv.login('clerk');
  lawyer = await srv.login('lawyer');
  executor = await srv.login('executor');
});
afterAll(async () => srv?.close());

async function nomenclature(body: Record<string, unknown>): Promise<Item> {
  const res = await archivist.post<Item>('/api/nomenclature', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function openCase(itemId: string): Promise<CaseBody> {
  const res = await archivist.post<CaseBody>('/api/cases', { nomenclatureItemId: itemId });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function register(summary: string, sheets?: number): Promise<CardBody> {
  const res = await clerk.post<CardBody>('/api/cards', { kind: 'incoming', register: true, summary, ...(sheets ? { sheets } : {}) });
  expect(res.status).toBe(201);
  return res.body;
}

async function closeCase(c: CaseBody, closedOn?: string): Promise<CaseBody> {
  const current = await archivist.get<CaseBody>(`/api/cases/${c.id}`);
  const res = await archivist.post<CaseBody>(`/api/cases/${c.id}/close`, closedOn ? { closedOn } : {}, ifMatch(current.body.version));
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

interface Reviewed {
  id: string;
  status: string;
  version: number;
  review: { status: string; protocolNumber: string | null; protocolDate: string | null; decidedByName: string | null; remarks: string | null } | null;
  archiveReviewRequired?: boolean;
  reviewStage?: string;
  archiveReview?: { status: string; commission: string; protocolNumber: string | null; protocolDate: string | null; remarks: string | null } | null;
}

/** The expert commission's step before the head's approval: submitted, then agreed by protocol. */
async function agreeWithExperts<T extends { id: string; version: number }>(kind: 'inventories' | 'destruction-acts', doc: T, protocolNumber = '7'): Promise<T & Reviewed> {
  const submitted = await archivist.post<T & Reviewed>(`/api/${kind}/${doc.id}/expert-review`, {}, ifMatch(doc.version));
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
  const agreed = await archivist.post<T & Reviewed>(`/api/${kind}/${doc.id}/expert-review/decision`, { decision: 'agreed', protocolNumber, protocolDate: today() }, ifMatch(submitted.body.version));
  expect(agreed.status, JSON.stringify(agreed.body)).toBe(200);
  expect(agreed.body.review).toMatchObject({ status: 'agreed', protocolNumber });
  if (!agreed.body.archiveReviewRequired) return agreed.body;
  // Permanent and personnel inventories: the archive's commission agrees them next.
  const sent = await archivist.post<T & Reviewed>(`/api/${kind}/${doc.id}/archive-review`, {}, ifMatch(agreed.body.version));
  expect(sent.status, JSON.stringify(sent.body)).toBe(200);
  const archived = await archivist.post<T & Reviewed>(`/api/${kind}/${doc.id}/archive-review/decision`, { decision: 'agreed', protocolNumber: `А-${protocolNumber}`, protocolDate: today() }, ifMatch(sent.body.version));
  expect(archived.status, JSON.stringify(archived.body)).toBe(200);
  expect(archived.body.reviewStage).toBe('archive_agreed');
  return archived.body;
}

/** The year's permanent inventory listing `caseIds`, through both commissions and approved by the head. */
async function approvePermanentInventory(forYear: number, caseIds: string[]): Promise<InventoryBody> {
  const draft = await archivist.post<InventoryBody>('/api/inventories', { kind: 'permanent', year: forYear, caseIds });
  expect(draft.status, JSON.stringify(draft.body)).toBe(201);
  const agreed = await agreeWithExperts('inventories', draft.body);
  const approved = await archivist.post<InventoryBody>(`/api/inventories/${draft.body.id}/approve`, {}, ifMatch(agreed.version));
  expect(approved.status, JSON.stringify(approved.body)).toBe(200);
  return approved.body;
}

/** Documents registered years ago: the registration year and date are moved back as if they had been. */
async function backdate(cardId: string, date: string): Promise<void> {
  await srv.rt.knex('cards').where({ id: cardId }).update({ reg_year: Number(date.slice(0, 4)), reg_date: date });
}

describe('retention rules', () => {
  it('counts N years from 1 January after closing; permanent never; ДМН from the superseded day', () => {
    const base = { status: 'closed', personnel: false, supersededOn: null };
    expect(destructionDueOn({ ...base, retentionKind: 'years', retentionYears: 5, closedOn: '2020-12-31' })).toBe('2026-01-01');
    expect(destructionDueOn({ ...base, retentionKind: 'years', retentionYears: 5, closedOn: '2020-03-01' })).toBe('2026-01-01');
    expect(destructionDueOn({ ...base, retentionKind: 'years', retentionYears: 1, closedOn: null })).toBeNull();
    expect(destructionDueOn({ ...base, retentionKind: 'permanent', retentionYears: null, closedOn: '2000-12-31' })).toBeNull();
    expect(destructionDueOn({ ...base, retentionKind: 'until_superseded', retentionYears: null, closedOn: '2020-12-31' })).toBeNull();
    expect(destructionDueOn({ ...base, retentionKind: 'until_superseded', retentionYears: null, closedOn: '2020-12-31', supersededOn: '2023-05-04' })).toBe('2023-05-04');
    expect(inventoryKindOf({ retentionKind: 'permanent', retentionYears: null, personnel: false })).toBe('permanent');
    expect(inventoryKindOf({ retentionKind: 'years', retentionYears: 75, personnel: true })).toBe('personnel');
    expect(inventoryKindOf({ retentionKind: 'years', retentionYears: 15, personnel: false })).toBe('long_term');
    expect(inventoryKindOf({ retentionKind: 'years', retentionYears: 10, personnel: false })).toBeNull();
  });
});

describe('nomenclature of cases', () => {
  it('creates, edits, refuses a duplicate index, deletes an unused line; every change is audited', async () => {
    const item = await nomenclature({ year: 2031, caseIndex: '02-01', title: 'Переписка с гражданами', retentionKind: 'years', retentionYears: 5, listArticle: 'ст. 154' });
    expect(item.retention.ru).toBe('5 лет');
    const dup = await archivist.post<Problem>('/api/nomenclature', { year: 2031, caseIndex: '02-01', title: 'Ещё раз', retentionKind: 'permanent' });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('NOMENCLATURE_INDEX_TAKEN');
    const bad = await archivist.post<Problem>('/api/nomenclature', { year: 2031, caseIndex: '02-02', title: 'Без срока', retentionKind: 'years' });
    expect(bad.body.code).toBe('RETENTION_TERM_INVALID');
    const edited = await archivist.patch<Item>(`/api/nomenclature/${item.id}`, { retentionKind: 'until_superseded', title: 'Переписка с гражданами (ДМН)' }, ifMatch(item.version));
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ retentionKind: 'until_superseded', retentionYears: null, retention: { ru: 'ДМН' } });
    expect((await archivist.patch(`/api/nomenclature/${item.id}`, { title: 'x' }, ifMatch(item.version))).status).toBe(412);
    expect((await clerk.post('/api/nomenclature', { year: 2031, caseIndex: '09-09', title: 'x', retentionKind: 'permanent' })).status).toBe(403);
    expect((await archivist.delete(`/api/nomenclature/${item.id}`, ifMatch(edited.body.version))).status).toBe(204);
    expect((await archivist.get(`/api/nomenclature/${item.id}`)).status).toBe(404);
    const admin = await srv.login('admin');
    const audit = await admin.get<{ items: { action: string; objectId: string }[] }>(`/api/audit?objectId=${item.id}`);
    expect(audit.body.items.map((e) => e.action)).toEqual(expect.arrayContaining(['nomenclature.created', 'nomenclature.updated', 'nomenclature.deleted']));
  });

  it('copies a year to the next, keeping lines that already exist there', async () => {
    await nomenclature({ year: 2032, caseIndex: '01-01', title: 'Приказы по основной деятельности', retentionKind: 'permanent', listArticle: 'ст. 19а' });
    await nomenclature({ year: 2032, caseIndex: '01-02', title: 'Журнал регистрации входящих', retentionKind: 'years', retentionYears: 5 });
    await nomenclature({ year: 2033, caseIndex: '01-02', title: 'Уже заведено', retentionKind: 'years', retentionYears: 3 });
    const copy = await archivist.post<{ items: Item[]; skipped: string[] }>('/api/nomenclature/copy', { fromYear: 2032, toYear: 2033 });
    expect(copy.status).toBe(200);
    expect(copy.body.items.map((i) => i.caseIndex)).toEqual(['01-01']);
    expect(copy.body.skipped).toEqual(['01-02']);
    const { checkPdfa } = await import('../../archive/index.ts');
    const cookie = { cookie: [...archivist.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
    const printed = new Uint8Array(await (await fetch(`${srv.url}/api/nomenclature/pdf?year=2033`, { headers: cookie })).arrayBuffer());
    expect(checkPdfa(printed).conformant).toBe(true);
    const again = new Uint8Array(await (await fetch(`${srv.url}/api/nomenclature/pdf?year=2033`, { headers: cookie })).arrayBuffer());
    expect(Buffer.compare(Buffer.from(printed), Buffer.from(again))).toBe(0);
    const list = await archivist.get<{ items: Item[] }>('/api/nomenclature?year=2033');
    expect(list.body.items.map((i) => [i.caseIndex, i.title])).toEqual([
      ['01-01', 'Приказы по основной деятельности'],
      ['01-02', 'Уже заведено'],
    ]);
  });
});

describe('cases: filing and closing', () => {
  it('files a card by index into the open case of its year, refuses a closed case, and closing computes ranges', async () => {
    const item = await nomenclature({ year, caseIndex: '05-01', title: 'Обращения граждан', retentionKind: 'years', retentionYears: 5 });
    const c = await openCase(item.id);
    expect(c).toMatchObject({ status: 'open', caseIndex: '05-01', year, destructionDueOn: null });
    expect((await archivist.post<Problem>('/api/cases', { nomenclatureItemId: item.id })).body.code).toBe('CASE_ALREADY_OPENED');

    const a = await register('Жалоба на освещение', 3);
    const b = await register('Жалоба на дороги');
    const filedA = await clerk.post<CardBody>(`/api/cards/${a.id}/file-in-case`, { caseIndex: '05-01' }, ifMatch(a.version));
    expect(filedA.status, JSON.stringify(filedA.body)).toBe(200);
    expect(filedA.body).toMatchObject({ status: 'filed', caseIndex: '05-01' });
    const filedB = await clerk.post<CardBody>(`/api/cards/${b.id}/file-in-case`, { caseId: c.id }, ifMatch(b.version));
    expect(filedB.status).toBe(200);
    // A free-text index without a case keeps working as before.
    const d = await register('Без дела');
    const free = await clerk.post<CardBody>(`/api/cards/${d.id}/file-in-case`, { caseIndex: '99-99' }, ifMatch(d.version));
    expect(free.body).toMatchObject({ status: 'filed', caseIndex: '99-99' });

    const detail = await archivist.get<CaseBody>(`/api/cases/${c.id}`);
    expect(detail.body.cards?.map((k) => k.id).sort()).toEqual([a.id, b.id].sort());

    const closed = await closeCase(c);
    expect(closed).toMatchObject({ status: 'closed', closedOn: today(), documentsCount: 2, sheets: 4, startDate: today(), endDate: today() });
    expect(closed.destructionDueOn).toBe(`${year + 6}-01-01`);

    const e = await register('Поздняя жалоба');
    const refused = await clerk.post<Problem>(`/api/cards/${e.id}/file-in-case`, { caseIndex: '05-01' }, ifMatch(e.version));
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('CASE_CLOSED');
    expect(refused.body.messages.ru).toMatch(/Дело 05-01 .* закрыто/);
    expect((await clerk.get<CardBody>(`/api/cards/${e.id}`)).body.status).toBe('registered');
  });

  it('lets the archivist find the year’s unfiled documents of a case and file one', async () => {
    const item = await nomenclature({ year, caseIndex: '06-01', title: 'Переписка с прокуратурой', retentionKind: 'years', retentionYears: 5 });
    const c = await openCase(item.id);
    const card = await register('Представление прокурора о нарушениях 50%_ведения');
    const found = await archivist.get<{ items: { id: string; version: number }[] }>(`/api/cases/${c.id}/fileable?q=${encodeURIComponent('50%_')}`);
    expect(found.body.items.map((k) => k.id)).toEqual([card.id]);
    expect((await archivist.get<{ items: unknown[] }>(`/api/cases/${c.id}/fileable?q=${encodeURIComponent('5_%')}`)).body.items).toEqual([]);
    const filed = await archivist.post<CardBody>(`/api/cards/${card.id}/file-in-case`, { caseId: c.id }, ifMatch(found.body.items[0]?.version ?? 0));
    expect(filed.status).toBe(200);
    expect((await archivist.get<{ items: unknown[] }>(`/api/cases/${c.id}/fileable?q=${encodeURIComponent('50%_')}`)).body.items).toEqual([]);
    expect((await executor.post(`/api/cards/${card.id}/file-in-case`, { caseId: c.id }, ifMatch(filed.body.version))).status).toBe(403);
  });

  it('refuses filing into a case of another year and a case id that does not exist', async () => {
    const item = await nomenclature({ year: 2019, caseIndex: '05-01', title: 'Обращения граждан', retentionKind: 'years', retentionYears: 5 });
    const old = await openCase(item.id);
    const card = await register('Текущее письмо');
    const wrongYear = await clerk.post<Problem>(`/api/cards/${card.id}/file-in-case`, { caseId: old.id }, ifMatch(card.version));
    expect(wrongYear.body.code).toBe('CASE_YEAR_MISMATCH');
    const missing = await clerk.post<Problem>(`/api/cards/${card.id}/file-in-case`, { caseId: '00000000-0000-4000-8000-000000000000' }, ifMatch(card.version));
    expect(missing.body.code).toBe('CASE_NOT_FOUND');
    expect((await clerk.post<Problem>(`/api/cards/${card.id}/file-in-case`, {}, ifMatch(card.version))).body.code).toBe('CASE_REFERENCE_REQUIRED');
  });

  it('closes every open case of a year at year end; ДМН becomes due when superseded', async () => {
    await nomenclature({ year: 2021, caseIndex: '07-01', title: 'Акты проверок', retentionKind: 'years', retentionYears: 3 });
    await nomenclature({ year: 2021, caseIndex: '07-02', title: 'Графики отпусков', retentionKind: 'until_superseded' });
    const opened = await archivist.post<{ items: CaseBody[] }>('/api/cases/open-year', { year: 2021 });
    expect(opened.body.items.map((c) => c.caseIndex)).toEqual(['07-01', '07-02']);
    const closed = await archivist.post<{ items: CaseBody[] }>('/api/cases/close-year', { year: 2021 });
    expect(closed.body.items.map((c) => [c.caseIndex, c.status, c.closedOn, c.documentsCount, c.startDate])).toEqual([
      ['07-01', 'closed', '2021-12-31', 0, null],
      ['07-02', 'closed', '2021-12-31', 0, null],
    ]);
    const [threeYears, dmn] = closed.body.items as [CaseBody, CaseBody];
    expect(threeYears.destructionDueOn).toBe('2025-01-01');
    expect(dmn.destructionDueOn).toBeNull();
    const superseded = await archivist.patch<CaseBody>(`/api/cases/${dmn.id}`, { supersededOn: '2024-02-01' }, ifMatch(dmn.version));
    expect(superseded.body.destructionDueOn).toBe('2024-02-01');
    expect((await archivist.patch<Problem>(`/api/cases/${threeYears.id}`, { supersededOn: '2024-02-01' }, ifMatch(threeYears.version))).body.code).toBe('RETENTION_TERM_INVALID');
    const proposal = await archivist.get<{ items: CaseBody[] }>('/api/destruction-acts/proposal');
    expect(proposal.body.items.map((c) => c.id)).toEqual(expect.arrayContaining([threeYears.id, dmn.id]));
  });
});

describe('inventories', () => {
  it('builds from closed permanent cases, previews as PDF/A, approves (frozen), exports a deterministic transfer', async () => {
    const { checkPdfa } = await import('../../archive/index.ts');
    const orders = await nomenclature({ year, caseIndex: '01-01', title: 'Приказы главы по основной деятельности', retentionKind: 'permanent', listArticle: 'ст. 19а' });
    const minutes = await nomenclature({ year, caseIndex: '01-03', title: 'Протоколы заседаний комиссии', retentionKind: 'permanent', listArticle: 'ст. 18' });
    const temp = await nomenclature({ year, caseIndex: '01-04', title: 'Журнал учёта посетителей', retentionKind: 'years', retentionYears: 3 });
    const c1 = await openCase(orders.id);
    const c2 = await openCase(minutes.id);
    const c3 = await openCase(temp.id);
    const card = await register('Приказ об утверждении номенклатуры дел', 2);
    const pdf = await PDFDocument.create();
    pdf.addPage([595, 842]);
    const upload = await clerk.upload(await pdf.save(), 'приказ.pdf');
    expect(upload.status).toBe(201);
    expect((await clerk.post(`/api/cards/${card.id}/files`, { fileIds: [upload.body.id] })).status).toBe(200);
    await clerk.post(`/api/cards/${card.id}/file-in-case`, { caseIndex: '01-01' }, ifMatch(card.version));
    for (const c of [c1, c2, c3]) await closeCase(c);

    const candidates = await archivist.get<{ items: CaseBody[] }>(`/api/inventories/candidates?kind=permanent&year=${year}`);
    expect(candidates.body.items.map((c) => c.caseIndex)).toEqual(['01-01', '01-03']);
    const wrong = await archivist.post<Problem>('/api/inventories', { kind: 'permanent', year, caseIds: [c3.id] });
    expect(wrong.body.code).toBe('INVENTORY_CASES_INVALID');
    const draft = await archivist.post<InventoryBody>('/api/inventories', { kind: 'permanent', year, caseIds: [c2.id, c1.id] });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    expect(draft.body.cases.map((c) => c.caseIndex)).toEqual(['01-01', '01-03']);

    const cookie = { cookie: [...archivist.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
    const bytesOf = async (path: string): Promise<Uint8Array> => {
      const res = await fetch(srv.url + path, { headers: cookie });
      expect(res.status).toBe(200);
      return new Uint8Array(await res.arrayBuffer());
    };
    const preview = await archivist.get(`/api/inventories/${draft.body.id}/pdf`);
    expect(preview.headers.get('content-type')).toBe('application/pdf');
    const previewBytes = await bytesOf(`/api/inventories/${draft.body.id}/pdf`);
    const report = checkPdfa(previewBytes);
    expect(report.errors).toEqual([]);
    expect(report.conformant).toBe(true);

    const agreed = await agreeWithExperts('inventories', draft.body);
    expect((await clerk.post(`/api/inventories/${draft.body.id}/approve`, {}, ifMatch(agreed.version))).status).toBe(403);
    const approved = await archivist.post<InventoryBody>(`/api/inventories/${draft.body.id}/approve`, {}, ifMatch(agreed.version));
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', approvedByName: 'Белова Наталья Андреевна' });
    expect(approved.body.cases.every((c) => c.status === 'in_inventory')).toBe(true);
    const frozen = await archivist.patch<Problem>(`/api/inventories/${draft.body.id}`, { title: 'Другое' }, ifMatch(approved.body.version));
    expect(frozen.body.code).toBe('INVENTORY_NOT_DRAFT');
    expect((await archivist.post<Problem>(`/api/inventories/${draft.body.id}/approve`, {}, ifMatch(approved.body.version))).body.code).toBe('INVENTORY_NOT_DRAFT');

    const approvedPdf = await bytesOf(`/api/inventories/${draft.body.id}/pdf`);
    expect(checkPdfa(approvedPdf).conformant).toBe(true);
    const held = await srv.rt.knex('blob_holds').where({ sha256: approved.body.pdfSha256 }).whereNull('released_at').first();
    expect(held).toBeTruthy();
    const content = await archivist.get<{ approval: { by: string }; cases: { caseIndex: string; documents: number; sheets: number }[]; totals: { cases: number } }>(`/api/inventories/${draft.body.id}/content`);
    expect(content.body.approval.by).toBe('Белова Наталья Андреевна');
    expect(content.body.cases).toEqual([expect.objectContaining({ caseIndex: '01-01', documents: 1, sheets: 2 }), expect.objectContaining({ caseIndex: '01-03', documents: 0 })]);
    // A case listed in an approved inventory is not proposed again.
    expect((await archivist.get<{ items: CaseBody[] }>(`/api/inventories/candidates?kind=permanent&year=${year}`)).body.items).toEqual([]);

    const first = await bytesOf(`/api/inventories/${draft.body.id}/transfer`);
    const second = await bytesOf(`/api/inventories/${draft.body.id}/transfer`);
    expect(first.length).toBeGreaterThan(1000);
    expect(Buffer.compare(Buffer.from(first), Buffer.from(second))).toBe(0);
    const entries = Object.keys(unzipSync(first));
    expect(entries.some((e) => e.endsWith('/bagit.txt'))).toBe(true);
    expect(entries.some((e) => e.endsWith('/METS.xml'))).toBe(true);
    expect(entries.some((e) => e.includes(`inventory-${draft.body.id}`) && e.endsWith('inventory.pdf'))).toBe(true);
    expect(entries.some((e) => e.includes(`case-${c1.id}`) && e.endsWith('приказ.pdf'))).toBe(true);

    expect((await archivist.post<Problem>('/api/inventories', { kind: 'permanent', year, caseIds: [] })).body.code).toBe('INVENTORY_EMPTY');

    // The handover is recorded once; the cases are then transferred and leave the archive's care.
    const handed = await archivist.post<InventoryBody & { transferredTo: string }>(`/api/inventories/${draft.body.id}/transferred`, { archive: 'Архивный отдел администрации' }, ifMatch(approved.body.version));
    expect(handed.status, JSON.stringify(handed.body)).toBe(200);
    expect(handed.body.transferredTo).toBe('Архивный отдел администрации');
    expect(handed.body.cases.every((c) => c.status === 'transferred')).toBe(true);
    expect((await archivist.post<Problem>(`/api/inventories/${draft.body.id}/transferred`, {}, ifMatch(handed.body.version))).body.code).toBe('INVENTORY_TRANSFERRED');
  });
});

describe('destruction', () => {
  it('is blocked by a legal hold; executed, it purges cards and files, leaving tombstones, and the audit chain verifies', async () => {
    const item = await nomenclature({ year: 2015, caseIndex: '03-05', title: 'Переписка по благоустройству', retentionKind: 'years', retentionYears: 5, listArticle: 'ст. 70' });
    const c = await openCase(item.id);
    const cards: CardBody[] = [];
    const pdf = await PDFDocument.create();
    pdf.addPage([595, 842]);
    pdf.setTitle(`Письмо ${Date.now()}`);
    const upload = await clerk.upload(await pdf.save(), 'письмо.pdf');
    const sha = (await srv.rt.knex('files').where({ id: upload.body.id }).first('sha256')) as { sha256: string };
    for (const summary of ['О ремонте сквера', 'О вывозе снега']) {
      const card = await register(summary);
      await backdate(card.id, '2015-06-01');
      const fresh = (await clerk.get<CardBody>(`/api/cards/${card.id}`)).body;
      if (cards.length === 0) await clerk.post(`/api/cards/${card.id}/files`, { fileIds: [upload.body.id] });
      const filed = await clerk.post<CardBody>(`/api/cards/${card.id}/file-in-case`, { caseIndex: '03-05' }, ifMatch(fresh.version));
      expect(filed.status, JSON.stringify(filed.body)).toBe(200);
      cards.push(filed.body);
    }
    const early = await archivist.post<Problem>(`/api/cases/${c.id}/close`, { closedOn: '2014-12-31' }, ifMatch(c.version));
    expect(early.body.code).toBe('CASE_CLOSE_DATE_INVALID');
    const closed = await closeCase(c, '2015-12-31');
    expect(closed).toMatchObject({ documentsCount: 2, startDate: '2015-06-01', endDate: '2015-06-01', destructionDueOn: '2021-01-01' });

    const proposal = await archivist.get<{ items: CaseBody[] }>('/api/destruction-acts/proposal');
    expect(proposal.body.items.map((x) => x.id)).toContain(c.id);

    // Legal hold: a lawyer places it with a reason; the case leaves the proposal and cannot be put in an act.
    expect((await lawyer.post<Problem>(`/api/cases/${c.id}/legal-hold`, {})).body.code).toBe('LEGAL_HOLD_REASON_REQUIRED');
    expect((await executor.post(`/api/cases/${c.id}/legal-hold`, { reason: 'x' })).status).toBe(403);
    const held = await lawyer.post<CaseBody>(`/api/cases/${c.id}/legal-hold`, { reason: 'Судебный спор, дело № А40-1/2026' });
    expect(held.body.legalHold).toBe(true);
    const afterHold = await archivist.get<{ items: CaseBody[]; held: CaseBody[] }>('/api/destruction-acts/proposal');
    expect(afterHold.body.items.map((x) => x.id)).not.toContain(c.id);
    expect(afterHold.body.held.map((x) => x.id)).toContain(c.id);
    const blocked = await archivist.post<Problem>('/api/destruction-acts', { caseIds: [c.id] });
    expect(blocked.status).toBe(409);
    expect(blocked.body.code).toBe('CASE_LEGAL_HOLD');

    // Released, the case goes into an act; a hold placed again after approval still blocks execution.
    await lawyer.post(`/api/cases/${c.id}/legal-hold/release`, { reason: 'Спор завершён' });
    const permanent = await nomenclature({ year: 2015, caseIndex: '01-01', title: 'Приказы', retentionKind: 'permanent' });
    const permanentCase = await openCase(permanent.id);
    await closeCase(permanentCase, '2015-12-31');
    expect((await archivist.post<Problem>('/api/destruction-acts', { caseIds: [permanentCase.id] })).body.code).toBe('DESTRUCTION_CASES_INVALID');
    const act = await archivist.post<ActBody>('/api/destruction-acts', { caseIds: [c.id], reason: 'Истечение сроков хранения' });
    expect(act.status, JSON.stringify(act.body)).toBe(201);
    expect((await archivist.post<Problem>(`/api/destruction-acts/${act.body.id}/execute`, {}, ifMatch(act.body.version))).body.code).toBe('DESTRUCTION_ACT_STATE');
    const agreed = await agreeWithExperts('destruction-acts', act.body);
    // 2015 has a permanent case: the act waits for that year's permanent inventory, agreed by both commissions.
    const beforeInventory = await archivist.post<Problem>(`/api/destruction-acts/${act.body.id}/approve`, {}, ifMatch(agreed.version));
    expect(beforeInventory.status).toBe(409);
    expect(beforeInventory.body.code).toBe('DESTRUCTION_NEEDS_PERMANENT_INVENTORY');
    await approvePermanentInventory(2015, [permanentCase.id]);
    const approved = await archivist.post<ActBody & { pdfSha256: string }>(`/api/destruction-acts/${act.body.id}/approve`, {}, ifMatch(agreed.version));
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.status).toBe('approved');
    const { checkPdfa } = await import('../../archive/index.ts');
    const actPdf = await fetch(`${srv.url}/api/destruction-acts/${act.body.id}/pdf`, { headers: { cookie: [...archivist.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    expect(actPdf.headers.get('content-type')).toBe('application/pdf');
    const actReport = checkPdfa(new Uint8Array(await actPdf.arrayBuffer()));
    expect(actReport.errors).toEqual([]);
    expect(actReport.conformant).toBe(true);
    expect(await srv.rt.knex('blob_holds').where({ sha256: approved.body.pdfSha256 }).first()).toBeTruthy();
    await lawyer.post(`/api/cases/${c.id}/legal-hold`, { reason: 'Запрос прокуратуры' });
    const refused = await archivist.post<Problem>(`/api/destruction-acts/${approved.body.id}/execute`, {}, ifMatch(approved.body.version));
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('CASE_LEGAL_HOLD');
    expect((await clerk.get(`/api/cards/${cards[0]?.id}`)).status).toBe(200);
    await lawyer.post(`/api/cases/${c.id}/legal-hold/release`, { reason: 'Запрос исполнен' });

    const executed = await archivist.post<ActBody>(`/api/destruction-acts/${approved.body.id}/execute`, {}, ifMatch(approved.body.version));
    expect(executed.status, JSON.stringify(executed.body)).toBe(200);
    expect(executed.body).toMatchObject({ status: 'executed', purgedCards: 2 });
    expect(executed.body.cases[0]?.status).toBe('destroyed');
    for (const card of cards) expect((await clerk.get(`/api/cards/${card.id}`)).status).toBe(404);
    expect((await clerk.get(`/api/files/${upload.body.id}`)).status).toBe(404);

    const admin = await srv.login('admin');
    for (const card of cards) {
      const tomb = await admin.get<{ items: { action: string; payload: { regNumber: string; requisitesSha256: string; reason: string } }[] }>(`/api/audit?objectId=${card.id}`);
      const entry = tomb.body.items.find((e) => e.action === 'card.purged');
      expect(entry?.payload).toMatchObject({ regNumber: card.regNumber, reason: 'Истечение сроков хранения' });
      expect(entry?.payload.requisitesSha256).toMatch(/^[0-9a-f]{64}$/);
    }
    const verify = await admin.get<{ ok: boolean; problems: unknown[] }>('/api/audit/verify');
    expect(verify.body).toMatchObject({ ok: true, problems: [] });

    // The blob goes once the job runs, since nothing references it and no hold protects it.
    expect(await srv.rt.blobs.stat(sha.sha256)).not.toBeNull();
    await new JobWorker(srv.rt.knex, srv.rt.blobs, pino({ level: 'silent' }), { kinds: ['archive.purge_blobs'] }).drain();
    expect(await srv.rt.blobs.stat(sha.sha256)).toBeNull();
  });

  it('keeps a file that a surviving card still uses', async () => {
    const item = await nomenclature({ year: 2017, caseIndex: '03-07', title: 'Переписка', retentionKind: 'years', retentionYears: 1 });
    const c = await openCase(item.id);
    const pdf = await PDFDocument.create();
    pdf.addPage([300, 300]);
    pdf.setTitle(`Общий ${Date.now()}`);
    const upload = await clerk.upload(await pdf.save(), 'общий.pdf');
    const doomed = await register('Уничтожаемое письмо');
    const survivor = await register('Остающееся письмо');
    await backdate(doomed.id, '2017-04-04');
    for (const card of [doomed, survivor]) await clerk.post(`/api/cards/${card.id}/files`, { fileIds: [upload.body.id] });
    const fresh = (await clerk.get<CardBody>(`/api/cards/${doomed.id}`)).body;
    await clerk.post(`/api/cards/${doomed.id}/file-in-case`, { caseId: c.id }, ifMatch(fresh.version));
    await closeCase(c, '2017-12-31');
    const act = await archivist.post<ActBody>('/api/destruction-acts', { caseIds: [c.id] });
    const agreed = await agreeWithExperts('destruction-acts', act.body);
    const approved = await archivist.post<ActBody>(`/api/destruction-acts/${act.body.id}/approve`, {}, ifMatch(agreed.version));
    expect((await archivist.post<ActBody>(`/api/destruction-acts/${act.body.id}/execute`, {}, ifMatch(approved.body.version))).body.purgedCards).toBe(1);
    expect((await clerk.get(`/api/cards/${doomed.id}`)).status).toBe(404);
    expect((await clerk.get(`/api/files/${upload.body.id}`)).status).toBe(200);
    expect((await clerk.get<{ files: { id: string }[] }>(`/api/cards/${survivor.id}`)).body.files.map((f) => f.id)).toEqual([upload.body.id]);
  });

  it('keeps a blob that is under a retention hold', async () => {
    const item = await nomenclature({ year: 2016, caseIndex: '03-06', title: 'Переписка', retentionKind: 'years', retentionYears: 1 });
    const c = await openCase(item.id);
    const pdf = await PDFDocument.create();
    pdf.addPage([300, 300]);
    pdf.setTitle(`Удерживаемый ${Date.now()}`);
    const upload = await clerk.upload(await pdf.save(), 'удерживаемый.pdf');
    const { sha256 } = (await srv.rt.knex('files').where({ id: upload.body.id }).first('sha256')) as { sha256: string };
    const org = (await srv.rt.knex('organisations').first('id')) as { id: string };
    await srv.rt.knex('blob_holds').insert({ org_id: org.id, sha256, reason: 'экспертиза' });
    const card = await register('Письмо с удерживаемым файлом');
    await backdate(card.id, '2016-02-02');
    await clerk.post(`/api/cards/${card.id}/files`, { fileIds: [upload.body.id] });
    const fresh = (await clerk.get<CardBody>(`/api/cards/${card.id}`)).body;
    await clerk.post(`/api/cards/${card.id}/file-in-case`, { caseId: c.id }, ifMatch(fresh.version));
    await closeCase(c, '2016-12-31');
    const act = await archivist.post<ActBody>('/api/destruction-acts', { caseIds: [c.id] });
    const agreed = await agreeWithExperts('destruction-acts', act.body);
    const approved = await archivist.post<ActBody>(`/api/destruction-acts/${act.body.id}/approve`, {}, ifMatch(agreed.version));
    const executed = await archivist.post<ActBody>(`/api/destruction-acts/${act.body.id}/execute`, {}, ifMatch(approved.body.version));
    expect(executed.body.purgedCards).toBe(1);
    await new JobWorker(srv.rt.knex, srv.rt.blobs, pino({ level: 'silent' }), { kinds: ['archive.purge_blobs'] }).drain();
    expect(await srv.rt.blobs.stat(sha256)).not.toBeNull();
    const admin = await srv.login('admin');
    const log = await admin.get<{ items: { action: string; payload: { kept: { sha256: string; why: string }[] } }[] }>(`/api/audit?objectId=${act.body.id}`);
    expect(log.body.items.find((e) => e.action === 'blobs.purged')?.payload.kept).toEqual([{ sha256, why: 'held' }]);
  });
});

describe('destruction after the permanent inventories of the same years (Правила 2020)', () => {
  async function closedCase(body: Record<string, unknown>): Promise<CaseBody> {
    const item = await nomenclature({ year: 2012, ...body });
    return closeCase(await openCase(item.id), `${String(body.year ?? 2012)}-12-31`);
  }
  async function agreedAct(caseIds: string[]): Promise<ActBody & Reviewed> {
    const act = await archivist.post<ActBody>('/api/destruction-acts', { caseIds });
    expect(act.status, JSON.stringify(act.body)).toBe(201);
    return agreeWithExperts('destruction-acts', act.body);
  }
  type Shortfall = Problem & { years: number[]; shortfall: { year: number; permanentCases: number; notInAgreedInventory: number }[] };

  it('waits for every permanent case of the act’s years to be in an approved inventory agreed by both commissions; a year without permanent cases needs nothing', async () => {
    const expired2012 = await closedCase({ caseIndex: '11-05', title: 'Переписка о работе транспорта', retentionKind: 'years', retentionYears: 1 });
    const orders = await closedCase({ caseIndex: '11-01', title: 'Постановления администрации', retentionKind: 'permanent', listArticle: 'ст. 4а' });
    const minutes = await closedCase({ caseIndex: '11-02', title: 'Протоколы заседаний коллегии', retentionKind: 'permanent', listArticle: 'ст. 18' });
    // A permanent personnel case goes into the personnel inventory, not this one, and is not waited for here.
    await closedCase({ caseIndex: '11-03', title: 'Приказы по личному составу', retentionKind: 'permanent', personnel: true, listArticle: 'ст. 434' });
    // An open permanent case has no inventory to be in yet.
    await openCase((await nomenclature({ year: 2012, caseIndex: '11-04', title: 'Решения комиссии', retentionKind: 'permanent' })).id);
    const expired2013 = await closedCase({ year: 2013, caseIndex: '11-05', title: 'Переписка о работе транспорта', retentionKind: 'years', retentionYears: 1 });
    const other2013 = await closedCase({ year: 2013, caseIndex: '11-06', title: 'Журнал учёта посетителей', retentionKind: 'years', retentionYears: 1 });

    // 2013 has no permanent cases: its act is approved with no inventory at all.
    const only2013 = await agreedAct([expired2013.id]);
    const approved2013 = await archivist.post<ActBody>(`/api/destruction-acts/${only2013.id}/approve`, {}, ifMatch(only2013.version));
    expect(approved2013.status, JSON.stringify(approved2013.body)).toBe(200);

    // An act over 2012 and 2013 is refused for 2012 alone, naming how many of its permanent cases are outstanding.
    const act = await agreedAct([expired2012.id, other2013.id]);
    const approve = () => archivist.post<ActBody & Shortfall>(`/api/destruction-acts/${act.id}/approve`, {}, ifMatch(act.version));
    const none = await approve();
    expect(none.status).toBe(409);
    expect(none.body).toMatchObject({ code: 'DESTRUCTION_NEEDS_PERMANENT_INVENTORY', years: [2012], shortfall: [{ year: 2012, permanentCases: 2, notInAgreedInventory: 2 }] });
    expect(none.body.messages.ru).toContain('описей дел постоянного хранения');
    expect(none.body.messages.ru).toContain('за 2012 год — 2 дела из 2');
    expect(none.body.messages.ru).not.toContain('2013');
    expect(none.body.messages.en).toContain('2012: 2 of 2 cases');

    // One case in an approved, agreed inventory; the other's inventory agreed by both commissions but not yet approved.
    await approvePermanentInventory(2012, [orders.id]);
    const pending = await archivist.post<InventoryBody>('/api/inventories', { kind: 'permanent', year: 2012, caseIds: [minutes.id] });
    expect(pending.status, JSON.stringify(pending.body)).toBe(201);
    const archiveAgreed = await agreeWithExperts('inventories', pending.body);
    const one = await approve();
    expect(one.body).toMatchObject({ code: 'DESTRUCTION_NEEDS_PERMANENT_INVENTORY', shortfall: [{ year: 2012, permanentCases: 2, notInAgreedInventory: 1 }] });
    expect(one.body.messages.ru).toContain('за 2012 год — 1 дело из 2');

    const approvedInventory = await archivist.post<InventoryBody>(`/api/inventories/${pending.body.id}/approve`, {}, ifMatch(archiveAgreed.version));
    expect(approvedInventory.status, JSON.stringify(approvedInventory.body)).toBe(200);
    const approved = await approve();
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.status).toBe('approved');
  });
});

describe('expert commission (ЭПК) before the head’s approval', () => {
  it('an inventory is submitted, returned with remarks, edited, agreed by protocol and only then approved; each step audited', async () => {
    const department = (await srv.rt.knex('departments').join('organisations', 'organisations.id', 'departments.org_id').where('departments.code', '07').first('departments.id', 'departments.name')) as { id: string; name: string };
    const item = await nomenclature({ year: 2024, caseIndex: '08-01', title: 'Личные дела уволенных работников', retentionKind: 'years', retentionYears: 50, personnel: true, listArticle: 'ст. 445', departmentId: department.id });
    await closeCase(await openCase(item.id), '2024-12-31');
    const draft = await archivist.post<InventoryBody & Reviewed>('/api/inventories', { kind: 'personnel', year: 2024, fundNumber: 'Р-123' });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    expect(draft.body.review).toBeNull();
    const id = draft.body.id;
    const early = await archivist.post<Problem>(`/api/inventories/${id}/approve`, {}, ifMatch(draft.body.version));
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('EXPERT_REVIEW_REQUIRED');
    expect(early.body.messages.ru).toMatch(/ЭПК/);
    const decide = (version: number, body: Record<string, unknown>, who = archivist) => who.post<InventoryBody & Reviewed & Problem>(`/api/inventories/${id}/expert-review/decision`, body, ifMatch(version));
    expect((await decide(draft.body.version, { decision: 'agreed', protocolNumber: '1', protocolDate: today() })).body.code).toBe('EXPERT_REVIEW_STATE');

    const submitted = await archivist.post<InventoryBody & Reviewed>(`/api/inventories/${id}/expert-review`, {}, ifMatch(draft.body.version));
    expect(submitted.body.review).toMatchObject({ status: 'submitted', protocolNumber: null });
    // Under review the draft is frozen: what the commission sees is what it decides on.
    expect((await archivist.patch<Problem>(`/api/inventories/${id}`, { title: 'Иначе' }, ifMatch(submitted.body.version))).body.code).toBe('EXPERT_REVIEW_STATE');
    expect((await archivist.delete<Problem>(`/api/inventories/${id}`, ifMatch(submitted.body.version))).body.code).toBe('EXPERT_REVIEW_STATE');
    expect((await archivist.post<Problem>(`/api/inventories/${id}/expert-review`, {}, ifMatch(submitted.body.version))).body.code).toBe('EXPERT_REVIEW_STATE');
    expect((await decide(submitted.body.version, { decision: 'agreed', protocolNumber: '1', protocolDate: today() }, clerk)).status).toBe(403);
    const noRemarks = await decide(submitted.body.version, { decision: 'returned', protocolNumber: '3', protocolDate: today() });
    expect(noRemarks.status).toBe(422);
    expect(noRemarks.body.code).toBe('EXPERT_REMARKS_REQUIRED');
    expect((await decide(submitted.body.version, { decision: 'agreed', protocolNumber: '3', protocolDate: `${year + 1}-01-01` })).body.code).toBe('EXPERT_PROTOCOL_INVALID');
    expect((await decide(submitted.body.version, { decision: 'agreed', protocolNumber: '  ', protocolDate: today() })).body.code).toBe('EXPERT_PROTOCOL_INVALID');

    const returned = await decide(submitted.body.version, { decision: 'returned', protocolNumber: '3', protocolDate: today(), remarks: 'Уточнить заголовок описи' });
    expect(returned.status, JSON.stringify(returned.body)).toBe(200);
    expect(returned.body.review).toMatchObject({ status: 'returned', protocolNumber: '3', remarks: 'Уточнить заголовок описи', decidedByName: 'Белова Наталья Андреевна' });
    expect((await archivist.post<Problem>(`/api/inventories/${id}/approve`, {}, ifMatch(returned.body.version))).body.code).toBe('EXPERT_REVIEW_REQUIRED');
    const edited = await archivist.patch<InventoryBody & Reviewed>(`/api/inventories/${id}`, { title: 'Опись № 1 дел по личному составу за 2024 год (уволенные)' }, ifMatch(returned.body.version));
    expect(edited.status).toBe(200);
    const resubmitted = await archivist.post<InventoryBody & Reviewed>(`/api/inventories/${id}/expert-review`, {}, ifMatch(edited.body.version));
    expect(resubmitted.body.review).toMatchObject({ status: 'submitted', protocolNumber: null, remarks: null });

    const manager = await srv.login('manager');
    const agreed = await decide(resubmitted.body.version, { decision: 'agreed', protocolNumber: '5', protocolDate: today() }, manager);
    expect(agreed.status, JSON.stringify(agreed.body)).toBe(200);
    expect((await archivist.patch<Problem>(`/api/inventories/${id}`, { title: 'x' }, ifMatch(agreed.body.version))).body.code).toBe('EXPERT_REVIEW_STATE');
    expect(agreed.body).toMatchObject({ archiveReviewRequired: true, reviewStage: 'agreed', archiveReview: null });

    // A personnel inventory is agreed by the archive's commission (ЭПК архивного учреждения) too, before approval.
    const notYet = await manager.post<Problem>(`/api/inventories/${id}/approve`, {}, ifMatch(agreed.body.version));
    expect(notYet.body.code).toBe('EXPERT_REVIEW_REQUIRED');
    expect(notYet.body.messages.ru).toContain('ЭПК архивного учреждения');
    expect(notYet.body.messages.en).toContain('archive’s expert commission');
    const decideArchive = (version: number, body: Record<string, unknown>, who = archivist) => who.post<InventoryBody & Reviewed & Problem>(`/api/inventories/${id}/archive-review/decision`, body, ifMatch(version));
    expect((await decideArchive(agreed.body.version, { decision: 'agreed', protocolNumber: '1', protocolDate: today() })).body.code).toBe('EXPERT_REVIEW_STATE');
    const COMMISSION = 'ЭПК Архивного отдела администрации городского округа Заречный';
    expect((await clerk.post(`/api/inventories/${id}/archive-review`, {}, ifMatch(agreed.body.version))).status).toBe(403);
    const sent = await archivist.post<InventoryBody & Reviewed>(`/api/inventories/${id}/archive-review`, { commission: COMMISSION }, ifMatch(agreed.body.version));
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(sent.body).toMatchObject({ reviewStage: 'archive_submitted', review: { status: 'agreed', protocolNumber: '5' }, archiveReview: { status: 'submitted', commission: COMMISSION } });
    expect((await archivist.patch<Problem>(`/api/inventories/${id}`, { title: 'x' }, ifMatch(sent.body.version))).body.code).toBe('EXPERT_REVIEW_STATE');
    const archiveReturned = await decideArchive(sent.body.version, { decision: 'returned', protocolNumber: 'А-2', protocolDate: today(), remarks: 'Дополнить описью уволенных 2023 года' });
    expect(archiveReturned.status, JSON.stringify(archiveReturned.body)).toBe(200);
    expect(archiveReturned.body).toMatchObject({ reviewStage: 'archive_returned', archiveReview: { status: 'returned', remarks: 'Дополнить описью уволенных 2023 года' } });
    expect((await manager.post<Problem>(`/api/inventories/${id}/approve`, {}, ifMatch(archiveReturned.body.version))).body.code).toBe('EXPERT_REVIEW_REQUIRED');
    // Returned by the archive: edited, then through both commissions again.
    const reworked = await archivist.patch<InventoryBody & Reviewed>(`/api/inventories/${id}`, { fundNumber: 'Р-123' }, ifMatch(archiveReturned.body.version));
    expect(reworked.status, JSON.stringify(reworked.body)).toBe(200);
    const again = await archivist.post<InventoryBody & Reviewed>(`/api/inventories/${id}/expert-review`, {}, ifMatch(reworked.body.version));
    expect(again.body).toMatchObject({ reviewStage: 'submitted', archiveReview: null });
    const agreedAgain = await decide(again.body.version, { decision: 'agreed', protocolNumber: '5', protocolDate: today() }, manager);
    const sentAgain = await archivist.post<InventoryBody & Reviewed>(`/api/inventories/${id}/archive-review`, { commission: COMMISSION }, ifMatch(agreedAgain.body.version));
    const yesterday = new Date(Date.parse(`${today()}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const early2 = await decideArchive(sentAgain.body.version, { decision: 'agreed', protocolNumber: 'А-4', protocolDate: yesterday }, manager);
    expect(early2.status).toBe(422);
    expect(early2.body.code).toBe('EXPERT_PROTOCOL_INVALID');
    const archiveAgreed = await decideArchive(sentAgain.body.version, { decision: 'agreed', protocolNumber: 'А-4', protocolDate: today() }, manager);
    expect(archiveAgreed.status, JSON.stringify(archiveAgreed.body)).toBe(200);
    expect(archiveAgreed.body).toMatchObject({ reviewStage: 'archive_agreed', archiveReview: { status: 'agreed', protocolNumber: 'А-4', decidedByName: expect.any(String) } });
    const approved = await manager.post<InventoryBody & Reviewed>(`/api/inventories/${id}/approve`, {}, ifMatch(archiveAgreed.body.version));
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.review).toMatchObject({ status: 'agreed', protocolNumber: '5', protocolDate: today() });
    const content = await archivist.get<{ fund: string; expertReview: { protocolNumber: string; protocolDate: string; recordedBy: string }; archiveReview: { commission: string; protocolNumber: string }; approval: { position: string } }>(
      `/api/inventories/${id}/content`,
    );
    expect(content.body.fund).toBe('Р-123');
    expect(content.body.archiveReview).toMatchObject({ commission: COMMISSION, protocolNumber: 'А-4' });
    expect(content.body.expertReview).toMatchObject({ protocolNumber: '5', protocolDate: today() });
    expect(content.body.approval.position).toBe('Глава городского округа');
    // The printed form: header requisites, the ruled table under its department, the final entry, the ЭПК block.
    const cookie = { cookie: [...archivist.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
    const pdf = new Uint8Array(await (await fetch(`${srv.url}/api/inventories/${id}/pdf`, { headers: cookie })).arrayBuffer());
    const { checkPdfa } = await import('../../archive/index.ts');
    expect(checkPdfa(pdf).errors).toEqual([]);
    const printed = (await extractText(pdf, 'application/pdf')).text.replace(/\s+/g, ' ');
    for (const expected of [
      'УТВЕРЖДАЮ',
      'Глава городского округа',
      'Фонд № Р-123',
      'ОПИСЬ № 1',
      'дел по личному составу',
      'за 2024 год',
      '№ п/п',
      'Индекс дела',
      'Заголовок дела (тома, части)',
      'Крайние даты',
      'Срок хранения',
      'Количество листов',
      'Примечание',
      department.name,
      '50 лет, ст. 445',
      'В данный раздел описи внесено 1 (одно) дело с № 1 по № 1',
      'СОГЛАСОВАНО',
      `от ${today().split('-').reverse().join('.')} № 5`,
      `Протокол ${COMMISSION}`,
      `от ${today().split('-').reverse().join('.')} № А-4`,
      'литерные номера: —',
      'пропущенные номера: —',
    ]) {
      expect(printed).toContain(expected);
    }

    const admin = await srv.login('admin');
    const log = await admin.get<{ items: { action: string; payload: { protocolNumber: string | null; remarks: string | null } }[] }>(`/api/audit?objectId=${id}`);
    const actions = log.body.items.map((e) => e.action);
    expect(actions.filter((a) => a === 'inventory.review_submitted')).toHaveLength(3);
    expect(actions.filter((a) => a === 'inventory.archive_review_submitted')).toHaveLength(2);
    expect(actions).toEqual(expect.arrayContaining(['inventory.review_returned', 'inventory.review_agreed', 'inventory.archive_review_returned', 'inventory.archive_review_agreed', 'inventory.approved']));
    expect(log.body.items.find((e) => e.action === 'inventory.archive_review_agreed')?.payload).toMatchObject({ protocolNumber: 'А-4' });
    expect(log.body.items.find((e) => e.action === 'inventory.review_returned')?.payload).toMatchObject({ protocolNumber: '3', remarks: 'Уточнить заголовок описи' });
    expect((await admin.get<{ ok: boolean }>('/api/audit/verify')).body.ok).toBe(true);
  });

  it('a long-term inventory needs no archive agreement; lettered and skipped case numbers are printed in the certification entry', async () => {
    const items = await Promise.all(
      ['09-01', '09-02', '09-03', '09-04'].map((caseIndex, i) => nomenclature({ year: 2023, caseIndex, title: `Договоры аренды муниципального имущества, том ${i + 1}`, retentionKind: 'years', retentionYears: 15, listArticle: 'ст. 436' })),
    );
    const cases: CaseBody[] = [];
    for (const item of items) cases.push(await closeCase(await openCase(item.id), '2023-12-31'));
    const [a, b, c, d] = cases.map((x) => x.id) as [string, string, string, string];
    const bad = await archivist.post<Problem>('/api/inventories', { kind: 'long_term', year: 2023, caseIds: [a, b], caseNumbers: [{ caseId: a, number: '5' }, { caseId: b, number: '3' }] });
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('INVENTORY_NUMBERING_INVALID');
    expect(bad.body.messages.ru).toMatch(/больше предыдущего/);
    // 09-01 → 1, 09-02 → 1а (put in after numbering), 09-03 → 4 (2 and 3 withdrawn), 09-04 → 5.
    const draft = await archivist.post<InventoryBody & Reviewed & { lines: { caseId: string; number: string; given: string | null }[]; numbering: { first: string; last: string; lettered: string[]; skipped: number[] } }>(
      '/api/inventories',
      { kind: 'long_term', year: 2023, caseIds: [a, b, c, d], caseNumbers: [{ caseId: b, number: '1А' }, { caseId: c, number: '4' }] },
    );
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    expect(draft.body.lines.map((l) => l.number)).toEqual(['1', '1а', '4', '5']);
    expect(draft.body.numbering).toEqual({ first: '1', last: '5', lettered: ['1а'], skipped: [2, 3] });
    expect(draft.body.archiveReviewRequired).toBe(false);
    const agreed = await agreeWithExperts('inventories', draft.body);
    const archiveStep = await archivist.post<Problem>(`/api/inventories/${draft.body.id}/archive-review`, {}, ifMatch(agreed.version));
    expect(archiveStep.status).toBe(409);
    expect(archiveStep.body.code).toBe('ARCHIVE_REVIEW_NOT_REQUIRED');
    expect(archiveStep.body.messages.en).toMatch(/permanent/);
    const approved = await archivist.post<InventoryBody>(`/api/inventories/${draft.body.id}/approve`, {}, ifMatch(agreed.version));
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    const content = await archivist.get<{ format: string; numbering: unknown; archiveReview: unknown; cases: { number: string }[] }>(`/api/inventories/${draft.body.id}/content`);
    expect(content.body).toMatchObject({ format: 'kartoteka-inventory/3', archiveReview: null, numbering: { lettered: ['1а'], skipped: [2, 3] } });
    expect(content.body.cases.map((x) => x.number)).toEqual(['1', '1а', '4', '5']);
    const cookie = { cookie: [...archivist.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
    const pdf = new Uint8Array(await (await fetch(`${srv.url}/api/inventories/${draft.body.id}/pdf`, { headers: cookie })).arrayBuffer());
    const { checkPdfa } = await import('../../archive/index.ts');
    expect(checkPdfa(pdf).errors).toEqual([]);
    const printed = (await extractText(pdf, 'application/pdf')).text.replace(/\s+/g, ' ');
    for (const expected of ['В данный раздел описи внесено 4 (четыре) дела с № 1 по № 5', 'литерные номера: 1а', 'пропущенные номера: 2, 3']) expect(printed).toContain(expected);
    expect(printed).not.toContain('ЭПК архивного учреждения');
  });

  it('a destruction act goes through the same step: a held case blocks submission, an act under review cannot be deleted', async () => {
    const item = await nomenclature({ year: 2018, caseIndex: '03-08', title: 'Переписка о проверках', retentionKind: 'years', retentionYears: 3, listArticle: 'ст. 42' });
    const c = await openCase(item.id);
    await closeCase(c, '2018-12-31');
    const act = await archivist.post<ActBody & Reviewed>('/api/destruction-acts', { caseIds: [c.id], fundNumber: '17' });
    expect(act.status, JSON.stringify(act.body)).toBe(201);
    expect((await archivist.post<Problem>(`/api/destruction-acts/${act.body.id}/approve`, {}, ifMatch(act.body.version))).body.code).toBe('EXPERT_REVIEW_REQUIRED');
    await lawyer.post(`/api/cases/${c.id}/legal-hold`, { reason: 'Проверка КСП' });
    expect((await archivist.post<Problem>(`/api/destruction-acts/${act.body.id}/expert-review`, {}, ifMatch(act.body.version))).body.code).toBe('CASE_LEGAL_HOLD');
    await lawyer.post(`/api/cases/${c.id}/legal-hold/release`, { reason: 'Проверка завершена' });
    const submitted = await archivist.post<ActBody & Reviewed>(`/api/destruction-acts/${act.body.id}/expert-review`, {}, ifMatch(act.body.version));
    expect(submitted.body.review?.status).toBe('submitted');
    expect((await archivist.delete<Problem>(`/api/destruction-acts/${act.body.id}`, ifMatch(submitted.body.version))).body.code).toBe('EXPERT_REVIEW_STATE');
    const agreed = await archivist.post<ActBody & Reviewed>(`/api/destruction-acts/${act.body.id}/expert-review/decision`, { decision: 'agreed', protocolNumber: '9', protocolDate: today() }, ifMatch(submitted.body.version));
    const approved = await archivist.post<ActBody & Reviewed>(`/api/destruction-acts/${act.body.id}/approve`, {}, ifMatch(agreed.body.version));
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.review).toMatchObject({ status: 'agreed', protocolNumber: '9' });
    const cookie = { cookie: [...archivist.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
    const pdf = new Uint8Array(await (await fetch(`${srv.url}/api/destruction-acts/${act.body.id}/pdf`, { headers: cookie })).arrayBuffer());
    const printed = (await extractText(pdf, 'application/pdf')).text.replace(/\s+/g, ' ');
    for (const expected of ['УТВЕРЖДАЮ', 'АКТ', 'о выделении к уничтожению документов, не подлежащих хранению', 'фонда № 17', 'Индекс дела по номенклатуре', '2018 год', 'Переписка о проверках', '3 года, ст. 42', 'Итого 1 (одно) дело за 2018 год', 'СОГЛАСОВАНО', '№ 9']) {
      expect(printed).toContain(expected);
    }
    const admin = await srv.login('admin');
    const log = await admin.get<{ items: { action: string; payload: { expertProtocol?: { protocolNumber: string } } }[] }>(`/api/audit?objectId=${act.body.id}`);
    expect(log.body.items.map((e) => e.action)).toEqual(expect.arrayContaining(['destruction_act.review_submitted', 'destruction_act.review_agreed', 'destruction_act.approved']));
    expect(log.body.items.find((e) => e.action === 'destruction_act.approved')?.payload.expertProtocol?.protocolNumber).toBe('9');
  });
});

describe('an organisation that is not a source of acquisition of an archive', () => {
  it('approves permanent inventories after its own commission, and destruction acts once they are approved; the setting is If-Match and audited', async () => {
    const admin = await srv.login('admin');
    const org = await admin.get<{ acquisitionSource: boolean; version: number }>('/api/org');
    expect(org.body.acquisitionSource).toBe(true);
    expect((await archivist.patch<Problem>('/api/org', { acquisitionSource: false }, ifMatch(org.body.version))).status).toBe(403);
    expect((await admin.patch<Problem>('/api/org', {}, ifMatch(org.body.version))).status).toBe(400);
    expect((await admin.patch<Problem>('/api/org', { acquisitionSource: false }, ifMatch(org.body.version + 1))).status).toBe(412);
    const off = await admin.patch<{ acquisitionSource: boolean; version: number }>('/api/org', { acquisitionSource: false }, ifMatch(org.body.version));
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    expect(off.body).toMatchObject({ acquisitionSource: false, version: org.body.version + 1 });
    try {
      const permanent = await closeCase(await openCase((await nomenclature({ year: 2009, caseIndex: '12-01', title: 'Постановления главы', retentionKind: 'permanent', listArticle: 'ст. 4а' })).id), '2009-12-31');
      const expired = await closeCase(await openCase((await nomenclature({ year: 2009, caseIndex: '12-02', title: 'Переписка по хозяйственным вопросам', retentionKind: 'years', retentionYears: 5 })).id), '2009-12-31');
      const draft = await archivist.post<InventoryBody & Reviewed>('/api/inventories', { kind: 'permanent', year: 2009, caseIds: [permanent.id] });
      expect(draft.status, JSON.stringify(draft.body)).toBe(201);
      expect(draft.body.archiveReviewRequired).toBe(false);
      const agreed = await agreeWithExperts('inventories', draft.body);
      expect(agreed.reviewStage).toBe('agreed');
      const archiveStep = await archivist.post<Problem>(`/api/inventories/${draft.body.id}/archive-review`, {}, ifMatch(agreed.version));
      expect(archiveStep.status).toBe(409);
      expect(archiveStep.body.code).toBe('ARCHIVE_REVIEW_NOT_REQUIRED');
      expect(archiveStep.body.messages.ru).toContain('не является источником комплектования');

      // The act over 2009 waits for the permanent inventory's approval, and the message asks for no archive agreement.
      const act = await archivist.post<ActBody>('/api/destruction-acts', { caseIds: [expired.id] });
      const agreedAct = await agreeWithExperts('destruction-acts', act.body);
      const early = await archivist.post<Problem>(`/api/destruction-acts/${act.body.id}/approve`, {}, ifMatch(agreedAct.version));
      expect(early.body.code).toBe('DESTRUCTION_NEEDS_PERMANENT_INVENTORY');
      expect(early.body.messages.ru).not.toContain('ЭПК архивного учреждения');
      const approvedInventory = await archivist.post<InventoryBody>(`/api/inventories/${draft.body.id}/approve`, {}, ifMatch(agreed.version));
      expect(approvedInventory.status, JSON.stringify(approvedInventory.body)).toBe(200);
      const approvedAct = await archivist.post<ActBody>(`/api/destruction-acts/${act.body.id}/approve`, {}, ifMatch(agreedAct.version));
      expect(approvedAct.status, JSON.stringify(approvedAct.body)).toBe(200);
      const cookie = { cookie: [...archivist.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
      const pdf = new Uint8Array(await (await fetch(`${srv.url}/api/inventories/${draft.body.id}/pdf`, { headers: cookie })).arrayBuffer());
      expect((await extractText(pdf, 'application/pdf')).text.replace(/\s+/g, ' ')).not.toContain('ЭПК архивного учреждения');
    } finally {
      const now = await admin.get<{ version: number }>('/api/org');
      expect((await admin.patch('/api/org', { acquisitionSource: true }, ifMatch(now.body.version))).status).toBe(200);
    }
    const log = await admin.get<{ items: { action: string; payload: { to: { acquisitionSource: boolean } } }[] }>('/api/audit?objectType=organisation');
    expect(log.body.items.filter((e) => e.action === 'organisation.settings_updated').map((e) => e.payload.to.acquisitionSource)).toEqual(expect.arrayContaining([false, true]));
  });
});
