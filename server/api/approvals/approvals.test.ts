import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestClient, type TestServer } from '../../testing/testServer.ts';
import { checkPdfa } from '../../../archive/index.ts';
import { today } from '../../records/today.ts';
import { loadCalendar } from '../../records/calendar/loadCalendar.ts';
import { addWorkingDays } from '../../records/calendar/workingDays.ts';

let srv: TestServer;
const as: Record<string, TestClient> = {};
const staff: Record<string, string> = {};

interface Visa {
  staffId: string;
  name: string;
  position: string | null;
  decision: string | null;
  comment: string | null;
  decidedAt: string | null;
}
interface Route {
  id: string;
  round: number;
  status: string;
  currentStage: number | null;
  sheetFileId: string | null;
  version: number;
  initiator: { name: string };
  stages: { position: number; status: string; dueOn: string | null; deadlineDays: number | null; approvers: Visa[] }[];
}
interface Problem {
  code: string;
  messages: { ru: string; en: string };
}

beforeAll(async () => {
  srv = await startTestServer();
  for (const login of ['clerk', 'lawyer', 'manager', 'executor', 'auditor', 'archivist']) {
    as[login] = await srv.login(login);
    const row = (await srv.rt.knex('users').where({ login }).first('staff_id')) as { staff_id: string };
    staff[login] = row.staff_id;
  }
});
afterAll(async () => srv?.close());

async function draftCard(summary: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await as.clerk!.post<{ id: string }>('/api/cards', { kind: 'draft', summary, ...extra });
  expect(res.status).toBe(201);
  return res.body.id;
}

const ifMatch = (r: { version: number }) => ({ 'if-match': `"v${r.version}"` });

async function auditActions(cardId: string): Promise<string[]> {
  return (await srv.rt.knex('audit_log').where({ object_type: 'card', object_id: cardId }).where('action', 'like', 'approval.%').orderBy('seq').pluck('action')) as string[];
}

describe('approval routes', () => {
  it('two stages: parallel visas, a rejection, a new round, approval with the sheet stored on the card', async () => {
    const cardId = await draftCard('О внесении изменений в правила благоустройства');
    const body = { stages: [{ approverStaffIds: [staff.lawyer, staff.executor] }, { approverStaffIds: [staff.manager], deadlineDays: 3 }] };

    // An executor may not build routes; a lawyer may.
    expect((await as.executor!.post<Problem>(`/api/cards/${cardId}/approvals`, body)).body.code).toBe('FORBIDDEN');
    const created = await as.lawyer!.post<Route>(`/api/cards/${cardId}/approvals`, body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ round: 1, status: 'draft', currentStage: null });
    expect(created.body.stages.map((s) => s.approvers.map((v) => v.staffId))).toEqual([[staff.lawyer, staff.executor], [staff.manager]]);
    expect(created.body.stages[0]?.approvers[0]?.position).toBe('Начальник юридического отдела');
    expect((await as.clerk!.post<Problem>(`/api/cards/${cardId}/approvals`, body)).body.code).toBe('APPROVAL_ROUTE_OPEN');

    // Starting needs If-Match.
    expect((await as.lawyer!.post<Problem>(`/api/approval-routes/${created.body.id}/start`)).status).toBe(428);
    const started = await as.lawyer!.post<Route>(`/api/approval-routes/${created.body.id}/start`, {}, ifMatch(created.body));
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ status: 'in_progress', currentStage: 1 });
    expect(started.body.stages.map((s) => s.status)).toEqual(['active', 'waiting']);
    const stale = await as.lawyer!.request<Problem>('PUT', `/api/approval-routes/${created.body.id}`, body, ifMatch(started.body));
    expect(stale.body.code).toBe('APPROVAL_ROUTE_STATE');

    // The second stage's approver cannot decide yet.
    const early = await as.manager!.post<Problem>(`/api/approval-routes/${created.body.id}/decision`, { decision: 'approved' });
    expect(early.status).toBe(403);
    expect(early.body.code).toBe('APPROVAL_NOT_CURRENT_APPROVER');
    expect((await as.manager!.get<{ items: { routeId: string }[] }>('/api/inbox/approvals')).body.items.map((i) => i.routeId)).not.toContain(created.body.id);
    expect((await as.lawyer!.get<{ items: { routeId: string; card: { id: string } }[] }>('/api/inbox/approvals')).body.items.map((i) => i.card.id)).toContain(cardId);

    // Remarks are required with "approved with remarks"; a visa is given once.
    const bare = await as.lawyer!.post<Problem>(`/api/approval-routes/${created.body.id}/decision`, { decision: 'approved_with_remarks', comment: '  ' });
    expect(bare.status).toBe(422);
    expect(bare.body.code).toBe('APPROVAL_COMMENT_REQUIRED');
    const remarks = await as.lawyer!.post<Route>(`/api/approval-routes/${created.body.id}/decision`, { decision: 'approved_with_remarks', comment: 'Уточнить ссылку на статью 16 131-ФЗ' });
    expect(remarks.body.stages[0]?.status).toBe('active');
    expect((await as.lawyer!.post<Problem>(`/api/approval-routes/${created.body.id}/decision`, { decision: 'approved' })).body.code).toBe('APPROVAL_NOT_CURRENT_APPROVER');
    const passed = await as.executor!.post<Route>(`/api/approval-routes/${created.body.id}/decision`, { decision: 'approved' });
    expect(passed.body.currentStage).toBe(2);
    expect(passed.body.stages.map((s) => s.status)).toEqual(['approved', 'active']);
    expect(passed.body.stages[1]?.dueOn).toBe(addWorkingDays(await loadCalendar(srv.rt.knex), today(), 3));
    expect((await as.manager!.get<{ items: { routeId: string; stage: number }[] }>('/api/inbox/approvals')).body.items).toContainEqual(expect.objectContaining({ routeId: created.body.id, stage: 2 }));
    expect((await as.manager!.get<{ awaitingApproval: number }>('/api/inbox/counts')).body.awaitingApproval).toBe(1);
    const waiting = (await as.manager!.get<{ items: { routeId: string; dueOn: string; overdue: boolean }[] }>('/api/inbox/approvals')).body.items.find((i) => i.routeId === created.body.id);
    expect(waiting).toMatchObject({ dueOn: passed.body.stages[1]?.dueOn, overdue: false });
    const forManager = await as.manager!.get<{ actions: Record<string, boolean> }>(`/api/cards/${cardId}/approvals`);
    expect(forManager.body.actions).toEqual({ build: false, edit: false, start: false, newRound: false, withdraw: false, decide: true, decideFor: [] });
    expect((await as.lawyer!.get<{ actions: Record<string, boolean> }>(`/api/cards/${cardId}/approvals`)).body.actions.decide).toBe(false);

    // A rejection needs its reason and ends the round.
    expect((await as.manager!.post<Problem>(`/api/approval-routes/${created.body.id}/decision`, { decision: 'rejected' })).body.code).toBe('APPROVAL_COMMENT_REQUIRED');
    const rejected = await as.manager!.post<Route>(`/api/approval-routes/${created.body.id}/decision`, { decision: 'rejected', comment: 'Нет финансово-экономического обоснования' });
    expect(rejected.body).toMatchObject({ status: 'rejected', sheetFileId: null });
    expect((await as.manager!.post<Problem>(`/api/approval-routes/${created.body.id}/decision`, { decision: 'approved' })).body.code).toBe('APPROVAL_ROUTE_STATE');

    // Only the initiator starts the next round; it copies the stages, and the first round stays as decided.
    expect((await as.manager!.get<{ actions: Record<string, boolean> }>(`/api/cards/${cardId}/approvals`)).body.actions.newRound).toBe(false);
    expect((await as.lawyer!.get<{ actions: Record<string, boolean> }>(`/api/cards/${cardId}/approvals`)).body.actions.newRound).toBe(true);
    expect((await as.manager!.post<Problem>(`/api/approval-routes/${created.body.id}/rounds`)).body.code).toBe('APPROVAL_NOT_INITIATOR');
    const round2 = await as.lawyer!.post<Route>(`/api/approval-routes/${created.body.id}/rounds`);
    expect(round2.status).toBe(201);
    expect(round2.body).toMatchObject({ round: 2, status: 'draft' });
    expect(round2.body.stages.map((s) => s.approvers.map((v) => v.staffId))).toEqual([[staff.lawyer, staff.executor], [staff.manager]]);
    const shorter = await as.lawyer!.request<Route>('PUT', `/api/approval-routes/${round2.body.id}`, { stages: [{ approverStaffIds: [staff.manager] }] }, ifMatch(round2.body));
    expect(shorter.status).toBe(200);
    expect((await as.lawyer!.post<Problem>(`/api/approval-routes/${round2.body.id}/start`, {}, ifMatch(round2.body))).status).toBe(412);
    await as.lawyer!.post<Route>(`/api/approval-routes/${round2.body.id}/start`, {}, ifMatch(shorter.body));
    const approved = await as.manager!.post<Route>(`/api/approval-routes/${round2.body.id}/decision`, { decision: 'approved' });
    expect(approved.body.status).toBe('approved');
    expect(approved.body.sheetFileId).toBeTruthy();

    const history = await as.clerk!.get<{ items: Route[] }>(`/api/cards/${cardId}/approvals`);
    expect(history.body.items.map((r) => [r.round, r.status])).toEqual([
      [1, 'rejected'],
      [2, 'approved'],
    ]);
    const first = history.body.items[0]!;
    expect(first.stages[0]?.approvers.map((v) => [v.decision, v.comment])).toEqual([
      ['approved_with_remarks', 'Уточнить ссылку на статью 16 131-ФЗ'],
      ['approved', null],
    ]);
    expect(first.stages[1]?.approvers[0]).toMatchObject({ decision: 'rejected', comment: 'Нет финансово-экономического обоснования', position: 'Глава городского округа', name: 'Сергеев Алексей Николаевич' });

    // The sheet is a file of the card, a valid PDF/A.
    const card = await as.clerk!.get<{ files: { id: string; role: string; name: string }[] }>(`/api/cards/${cardId}`);
    const sheetFile = card.body.files.find((f) => f.role === 'approval_sheet');
    expect(sheetFile?.id).toBe(approved.body.sheetFileId);
    const sha = (await srv.rt.knex('files').where({ id: sheetFile?.id }).first('sha256')) as { sha256: string };
    const chunks: Buffer[] = [];
    for await (const chunk of await srv.rt.blobs.get(sha.sha256)) chunks.push(Buffer.from(chunk as Uint8Array));
    const stored = Buffer.concat(chunks);
    expect(checkPdfa(new Uint8Array(stored)).conformant).toBe(true);

    const download = await as.lawyer!.get<string>(`/api/cards/${cardId}/approval-sheet.pdf`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toMatch(/^attachment;.*filename\*=UTF-8''/);
    const res = await fetch(`${srv.url}/api/cards/${cardId}/approval-sheet.pdf`, { headers: { cookie: [...as.lawyer!.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    const report = checkPdfa(bytes);
    expect(report.errors).toEqual([]);
    expect(report.conformant).toBe(true);

    expect(await auditActions(cardId)).toEqual([
      'approval.route_created',
      'approval.started',
      'approval.decided',
      'approval.decided',
      'approval.stage_passed',
      'approval.decided',
      'approval.rejected',
      'approval.route_created',
      'approval.route_updated',
      'approval.started',
      'approval.decided',
      'approval.approved',
      'approval.sheet_stored',
    ]);
    // An approved document is not routed again.
    expect((await as.lawyer!.post<Problem>(`/api/cards/${cardId}/approvals`, body)).body.code).toBe('APPROVAL_ROUTE_STATE');
  });

  it('parallel approvers deciding at the same moment move the route on exactly once', async () => {
    const cardId = await draftCard('Об установлении тарифов на перевозки');
    const route = await as.clerk!.post<Route>(`/api/cards/${cardId}/approvals`, { stages: [{ approverStaffIds: [staff.lawyer, staff.executor, staff.archivist] }, { approverStaffIds: [staff.manager] }] });
    await as.clerk!.post(`/api/approval-routes/${route.body.id}/start`, {}, ifMatch(route.body));
    const answers = await Promise.all(['lawyer', 'executor', 'archivist'].map((login) => as[login]!.post<Route>(`/api/approval-routes/${route.body.id}/decision`, { decision: 'approved' })));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    const now = (await as.clerk!.get<Route>(`/api/approval-routes/${route.body.id}`)).body;
    expect(now.currentStage).toBe(2);
    expect(now.stages.map((s) => s.status)).toEqual(['approved', 'active']);
    expect((await auditActions(cardId)).filter((a) => a === 'approval.stage_passed')).toHaveLength(1);
    // A stage past its deadline is flagged in the approver's list.
    await srv.rt.knex('approval_stages').where({ route_id: route.body.id, position: 2 }).update({ due_on: '2020-01-09' });
    const waiting = (await as.manager!.get<{ items: { routeId: string; overdue: boolean }[] }>('/api/inbox/approvals')).body.items;
    expect(waiting.find((i) => i.routeId === route.body.id)?.overdue).toBe(true);
  });

  it('the initiator withdraws a running route with a reason; its visas stay and a new round follows', async () => {
    const cardId = await draftCard('О порядке предоставления субсидий');
    const route = await as.lawyer!.post<Route>(`/api/cards/${cardId}/approvals`, { stages: [{ approverStaffIds: [staff.executor] }, { approverStaffIds: [staff.manager] }] });
    const started = await as.lawyer!.post<Route>(`/api/approval-routes/${route.body.id}/start`, {}, ifMatch(route.body));
    await as.executor!.post(`/api/approval-routes/${route.body.id}/decision`, { decision: 'approved' });
    const current = (await as.lawyer!.get<Route>(`/api/approval-routes/${route.body.id}`)).body;
    expect((await as.lawyer!.get<{ actions: Record<string, boolean> }>(`/api/cards/${cardId}/approvals`)).body.actions.withdraw).toBe(true);
    // Only the initiator withdraws, with If-Match and a reason.
    expect((await as.clerk!.post<Problem>(`/api/approval-routes/${route.body.id}/withdraw`, { reason: 'Изменился текст' }, ifMatch(current))).body.code).toBe('APPROVAL_NOT_INITIATOR');
    expect((await as.lawyer!.post(`/api/approval-routes/${route.body.id}/withdraw`, { reason: 'Изменился текст' }, ifMatch(started.body))).status).toBe(412);
    const withdrawn = await as.lawyer!.post<Route & { withdrawReason: string }>(`/api/approval-routes/${route.body.id}/withdraw`, { reason: 'Изменился текст проекта' }, ifMatch(current));
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', withdrawReason: 'Изменился текст проекта' });
    expect(withdrawn.body.stages[0]?.approvers[0]?.decision).toBe('approved');
    // The head is no longer asked.
    expect((await as.manager!.get<{ items: { routeId: string }[] }>('/api/inbox/approvals')).body.items.map((i) => i.routeId)).not.toContain(route.body.id);
    expect((await as.manager!.post<Problem>(`/api/approval-routes/${route.body.id}/decision`, { decision: 'approved' })).body.code).toBe('APPROVAL_ROUTE_STATE');
    const next = await as.lawyer!.post<Route>(`/api/approval-routes/${route.body.id}/rounds`);
    expect(next.body).toMatchObject({ round: 2, status: 'draft' });
    expect((await auditActions(cardId)).filter((a) => a === 'approval.withdrawn')).toHaveLength(1);
  });

  it('a card cancelled during approval takes no more visas and leaves the approver’s list', async () => {
    const created = await as.clerk!.post<{ id: string; version: number }>('/api/cards', { kind: 'outgoing', register: true, summary: 'Ответ на запрос прокуратуры' });
    const route = await as.clerk!.post<Route>(`/api/cards/${created.body.id}/approvals`, { stages: [{ approverStaffIds: [staff.lawyer] }] });
    await as.clerk!.post(`/api/approval-routes/${route.body.id}/start`, {}, ifMatch(route.body));
    expect((await as.lawyer!.get<{ items: { routeId: string }[] }>('/api/inbox/approvals')).body.items.map((i) => i.routeId)).toContain(route.body.id);
    const card = await as.clerk!.get<{ version: number }>(`/api/cards/${created.body.id}`);
    expect((await as.clerk!.post(`/api/cards/${created.body.id}/cancel`, { reason: 'Запрос отозван' }, ifMatch(card.body))).status).toBe(200);
    expect((await as.lawyer!.get<{ items: { routeId: string }[] }>('/api/inbox/approvals')).body.items.map((i) => i.routeId)).not.toContain(route.body.id);
    expect((await as.lawyer!.post<Problem>(`/api/approval-routes/${route.body.id}/decision`, { decision: 'approved' })).body.code).toBe('APPROVAL_CARD_CLOSED');
    const current = (await as.clerk!.get<Route>(`/api/approval-routes/${route.body.id}`)).body;
    expect((await as.clerk!.post<Route>(`/api/approval-routes/${route.body.id}/withdraw`, { reason: 'Документ отменён' }, ifMatch(current))).body.status).toBe('withdrawn');
  });

  it('refuses an approver who has no account allowed to give visas', async () => {
    const cardId = await draftCard('О муниципальной программе');
    const admin = await srv.login('admin');
    const person = await admin.post<{ id: string }>('/api/staff', { lastName: 'Безучётная', firstName: 'Анна' });
    const refused = await as.clerk!.post<Problem>(`/api/cards/${cardId}/approvals`, { stages: [{ approverStaffIds: [person.body.id] }] });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('APPROVAL_APPROVER_NO_ACCOUNT');
    // An auditor's account cannot give visas either.
    expect((await as.clerk!.post<Problem>(`/api/cards/${cardId}/approvals`, { stages: [{ approverStaffIds: [staff.auditor] }] })).body.code).toBe('APPROVAL_APPROVER_NO_ACCOUNT');
  });

  it('refuses kinds that are not approved by route, and answers in Russian and English', async () => {
    const incoming = await as.clerk!.post<{ id: string }>('/api/cards', { kind: 'incoming', register: true, summary: 'Письмо' });
    const res = await as.clerk!.post<Problem>(`/api/cards/${incoming.body.id}/approvals`, { stages: [{ approverStaffIds: [staff.lawyer] }] });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('APPROVAL_CARD_KIND');
    expect(res.body.messages.ru).toMatch(/проектов НПА/);
    expect(res.body.messages.en).toMatch(/drafts/);
  });

  it('a restricted card’s route is seen only by those who may see the card; approvers may once it starts', async () => {
    const cardId = await draftCard('О мобилизационной подготовке', { accessMark: 'ДСП' });
    // A lawyer does not see a ДСП card they do not work on: for them it does not exist.
    expect((await as.lawyer!.post<Problem>(`/api/cards/${cardId}/approvals`, { stages: [{ approverStaffIds: [staff.executor] }] })).status).toBe(404);
    const route = await as.clerk!.post<Route>(`/api/cards/${cardId}/approvals`, { stages: [{ approverStaffIds: [staff.executor] }] });
    expect(route.status).toBe(201);
    expect((await as.executor!.get(`/api/cards/${cardId}/approvals`)).status).toBe(404);
    expect((await as.executor!.get(`/api/approval-routes/${route.body.id}`)).status).toBe(404);
    await as.clerk!.post(`/api/approval-routes/${route.body.id}/start`, {}, ifMatch(route.body));
    expect((await as.executor!.get(`/api/cards/${cardId}`)).status).toBe(200);
    expect((await as.executor!.get(`/api/approval-routes/${route.body.id}`)).status).toBe(200);
    expect((await as.executor!.get<{ items: { card: { id: string } }[] }>('/api/inbox/approvals')).body.items.map((i) => i.card.id)).toContain(cardId);
    for (const path of [`/api/cards/${cardId}/approvals`, `/api/approval-routes/${route.body.id}`, `/api/cards/${cardId}/approval-sheet.pdf`]) {
      expect((await as.auditor!.get(path)).status, path).toBe(404);
    }
    expect((await as.auditor!.post(`/api/approval-routes/${route.body.id}/decision`, { decision: 'approved' })).status).toBe(403);
    expect((await as.archivist!.post<Problem>(`/api/approval-routes/${route.body.id}/decision`, { decision: 'approved' })).body.code).toBe('APPROVAL_NOT_CURRENT_APPROVER');
  });
});
