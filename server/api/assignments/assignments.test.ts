import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, TEST_PASSWORD, type TestClient, type TestServer } from '../../testing/testServer.ts';
import { today } from '../../records/today.ts';
import { addDays } from '../../records/calendar/workingDays.ts';

let srv: TestServer;
let clerk: TestClient;
let manager: TestClient;
let executor: TestClient;
let helper: TestClient;
let admin: TestClient;
const staff: Record<string, string> = {};

interface AssignmentView {
  id: string;
  status: string;
  deadline: string | null;
  overdue: boolean;
  version: number;
  executor: { id: string; name: string };
  controller: { id: string } | null;
}
interface Problem {
  code: string;
}

beforeAll(async () => {
  srv = await startTestServer();
  clerk = await srv.login('clerk');
  manager = await srv.login('manager');
  executor = await srv.login('executor');
  admin = await srv.login('admin');
  for (const login of ['manager', 'executor', 'clerk']) {
    const row = (await srv.rt.knex('users').where({ login }).first('staff_id')) as { staff_id: string };
    staff[login] = row.staff_id;
  }
  // A second executor in the same department, with an account, for the sub-assignment.
  const dept = (await srv.rt.knex('staff').where({ id: staff.executor }).first('department_id')) as { department_id: string };
  const person = await admin.post<{ id: string }>('/api/staff', { lastName: 'Фёдоров', firstName: 'Павел', middleName: 'Ильич', departmentId: dept.department_id });
  staff.helper = person.body.id;
  await admin.post('/api/users', { login: 'fedorov', fullName: 'Фёдоров Павел Ильич', password: TEST_PASSWORD, roles: ['executor'], staffId: person.body.id });
  helper = await srv.login('fedorov');
});
afterAll(async () => srv?.close());

async function registerLetter(summary: string): Promise<string> {
  const res = await clerk.post<{ id: string }>('/api/cards', { kind: 'incoming', register: true, summary, addresseeStaffId: staff.manager });
  return res.body.id;
}

describe('resolutions and assignment trees', () => {
  it('resolution → two assignments → sub-assignment → reports → controller accepts → card executed', async () => {
    const cardId = await registerLetter('О благоустройстве дворовой территории');
    expect((await manager.get<{ awaitingResolution: number }>('/api/inbox/counts')).body.awaitingResolution).toBeGreaterThanOrEqual(1);

    const deadline = addDays(today(), 20);
    const res = await manager.post<{ onBehalf: boolean; assignments: AssignmentView[] }>(`/api/cards/${cardId}/resolutions`, {
      text: 'Рассмотреть и подготовить ответ',
      assignments: [
        { executorStaffId: staff.executor, deadline, onControl: true },
        { executorStaffId: staff.clerk, deadlineIn: { days: 5, type: 'working' } },
      ],
    });
    expect(res.status).toBe(201);
    expect(res.body.onBehalf).toBe(false);
    const [main, second] = res.body.assignments;
    if (!main || !second) throw new Error('assignments missing');
    expect(main.controller?.id).toBe(staff.manager);
    expect((await clerk.get<{ status: string }>(`/api/cards/${cardId}`)).body.status).toBe('in_work');

    // The executor sees it in the inbox and hands part of it down.
    const todo = await executor.get<{ items: AssignmentView[] }>('/api/inbox/assignments?view=todo');
    expect(todo.body.items.map((a) => a.id)).toContain(main.id);
    const late = await executor.post<Problem>(`/api/assignments/${main.id}/subassignments`, { text: 'Подготовить смету', assignments: [{ executorStaffId: staff.helper, deadline: addDays(deadline, 1) }] });
    expect(late.body.code).toBe('DEADLINE_AFTER_PARENT');
    const sub = await executor.post<{ items: AssignmentView[] }>(`/api/assignments/${main.id}/subassignments`, { text: 'Подготовить смету', assignments: [{ executorStaffId: staff.helper, deadline: addDays(today(), 10), onControl: true }] });
    expect(sub.status).toBe(201);
    const subId = sub.body.items[0]?.id as string;
    const deeper = await helper.post<{ items: AssignmentView[] }>(`/api/assignments/${subId}/subassignments`, { text: 'Собрать фотографии', assignments: [{ executorStaffId: staff.executor }] });
    expect(deeper.status).toBe(201);
    const deepId = deeper.body.items[0]?.id as string;

    // Someone else may not report on it.
    expect((await helper.post<Problem>(`/api/assignments/${main.id}/report`, { text: 'не моё' })).body.code).toBe('NOT_ASSIGNMENT_PARTICIPANT');

    expect((await executor.post<AssignmentView>(`/api/assignments/${deepId}/report`, { text: 'Фотографии собраны' })).body.status).toBe('accepted');
    expect((await helper.post<AssignmentView>(`/api/assignments/${subId}/report`, { text: 'Смета готова' })).body.status).toBe('reported');
    // The controller of the sub-assignment is its author, the executor: returns once, then accepts.
    const returned = await executor.post<AssignmentView>(`/api/assignments/${subId}/return`, { reason: 'Уточнить объёмы работ' });
    expect(returned.body.status).toBe('open');
    await helper.post(`/api/assignments/${subId}/report`, { text: 'Смета уточнена' });
    expect((await executor.post<AssignmentView>(`/api/assignments/${subId}/accept`, {})).body.status).toBe('accepted');

    expect((await executor.post<AssignmentView>(`/api/assignments/${main.id}/report`, { text: 'Ответ подготовлен' })).body.status).toBe('reported');
    expect((await clerk.post<AssignmentView>(`/api/assignments/${second.id}/report`, { text: 'Исполнено' })).body.status).toBe('accepted');
    expect((await manager.get<{ onControl: number }>('/api/inbox/counts')).body.onControl).toBeGreaterThanOrEqual(1);
    expect((await executor.post<Problem>(`/api/assignments/${main.id}/accept`, {})).body.code).toBe('NOT_ASSIGNMENT_PARTICIPANT');
    expect((await manager.post<AssignmentView>(`/api/assignments/${main.id}/accept`, { comment: 'Снять с контроля' })).body.status).toBe('accepted');

    const card = await clerk.get<{ status: string }>(`/api/cards/${cardId}`);
    expect(card.body.status).toBe('executed');
    const tree = await clerk.get<{ items: { parentAssignmentId: string | null; assignments: { id: string }[] }[] }>(`/api/cards/${cardId}/assignments`);
    expect(tree.body.items).toHaveLength(3);
    expect(tree.body.items.map((r) => r.parentAssignmentId)).toEqual([null, main.id, subId]);
    const history = await clerk.get<{ items: { action: string }[] }>(`/api/cards/${cardId}/history`);
    expect(history.body.items.map((h) => h.action)).toEqual(expect.arrayContaining(['resolution.issued', 'assignment.subassigned', 'card.in_work', 'card.executed']));
    const events = await clerk.get<{ events: { type: string }[] }>(`/api/assignments/${subId}`);
    expect(events.body.events.map((e) => e.type)).toEqual(['created', 'reported', 'returned', 'reported', 'accepted']);

    // Executed documents are filed in their case by the nomenclature index.
    const current = await clerk.get<{ version: number }>(`/api/cards/${cardId}`);
    const filed = await clerk.post<{ status: string; caseIndex: string }>(`/api/cards/${cardId}/file-in-case`, { caseIndex: '01-08' }, { 'if-match': `"v${current.body.version}"` });
    expect(filed.body).toMatchObject({ status: 'filed', caseIndex: '01-08' });
  });

  it('a clerk enters a manager’s paper resolution, marked as such; executors cannot', async () => {
    const cardId = await registerLetter('О ремонте дороги');
    const res = await clerk.post<{ onBehalf: boolean; author: { id: string } }>(`/api/cards/${cardId}/resolutions`, {
      text: 'Прошу рассмотреть',
      authorStaffId: staff.manager,
      assignments: [{ executorStaffId: staff.executor, deadline: addDays(today(), 7) }],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ onBehalf: true, author: { id: staff.manager } });
    expect((await executor.post<Problem>(`/api/cards/${cardId}/resolutions`, { text: 'x', assignments: [{ executorStaffId: staff.clerk }] })).status).toBe(403);
  });

  it('deadline change: the executor asks with a reason, the resolution’s author approves', async () => {
    const cardId = await registerLetter('О вывозе снега');
    const res = await manager.post<{ assignments: AssignmentView[] }>(`/api/cards/${cardId}/resolutions`, { text: 'Организовать', assignments: [{ executorStaffId: staff.executor, deadline: addDays(today(), 3), onControl: true }] });
    const a = res.body.assignments[0] as AssignmentView;
    const newDeadline = addDays(today(), 14);
    expect((await executor.post(`/api/assignments/${a.id}/extend`, { newDeadline, reason: 'Ожидается техника' })).status).toBe(201);
    expect((await executor.post<Problem>(`/api/assignments/${a.id}/extend`, { newDeadline, reason: 'Ещё раз' })).status).toBe(409);
    expect((await executor.post<Problem>(`/api/assignments/${a.id}/extend/decision`, { approve: true })).body.code).toBe('NOT_ASSIGNMENT_PARTICIPANT');
    const decided = await manager.post<AssignmentView>(`/api/assignments/${a.id}/extend/decision`, { approve: true, comment: 'Согласовано' });
    expect(decided.body.deadline).toBe(newDeadline);
    const events = await manager.get<{ events: { type: string }[] }>(`/api/assignments/${a.id}`);
    expect(events.body.events.map((e) => e.type)).toEqual(['created', 'extension_requested', 'extension_approved']);
  });

  it('overdue assignments show in the inbox and in the discipline report, with drill-down and exports', async () => {
    const cardId = await registerLetter('О содержании детской площадки');
    const res = await manager.post<{ assignments: AssignmentView[] }>(`/api/cards/${cardId}/resolutions`, { text: 'Проверить', assignments: [{ executorStaffId: staff.executor, deadline: addDays(today(), 5) }] });
    const a = res.body.assignments[0] as AssignmentView;
    // Time passes: the deadline moves into the past.
    await srv.rt.knex('assignments').where({ id: a.id }).update({ deadline: addDays(today(), -2) });
    const overdue = await executor.get<{ items: AssignmentView[] }>('/api/inbox/assignments?view=overdue');
    expect(overdue.body.items.find((x) => x.id === a.id)?.overdue).toBe(true);
    expect((await executor.get<{ overdue: number }>('/api/inbox/counts')).body.overdue).toBeGreaterThanOrEqual(1);

    const from = addDays(today(), -30);
    const to = addDays(today(), 60);
    const report = await manager.get<{ rows: { key: string; name: string; assigned: number; overdueOpen: number; doneOnTime: number }[]; total: { assigned: number } }>(
      `/api/reports/discipline?from=${from}&to=${to}&groupBy=executor`,
    );
    expect(report.status).toBe(200);
    const mine = report.body.rows.find((r) => r.key === staff.executor);
    expect(mine?.overdueOpen).toBeGreaterThanOrEqual(1);
    expect(report.body.total.assigned).toBe(report.body.rows.reduce((s, r) => s + r.assigned, 0));
    const drill = await manager.get<{ items: { assignmentId: string }[] }>(`/api/reports/discipline/items?from=${from}&to=${to}&groupBy=executor&key=${staff.executor}&metric=overdueOpen`);
    expect(drill.body.items.map((i) => i.assignmentId)).toContain(a.id);
    const xlsx = await manager.get(`/api/reports/discipline?from=${from}&to=${to}&format=xlsx`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    expect(xlsx.text.startsWith('PK')).toBe(true);
    const pdf = await manager.get(`/api/reports/discipline?from=${from}&to=${to}&format=pdf`);
    expect(pdf.text.startsWith('%PDF-')).toBe(true);
    expect((await executor.get(`/api/reports/discipline?from=${from}&to=${to}`)).status).toBe(403);
  });

  it('refuses resolutions on drafts', async () => {
    const draft = await clerk.post<{ id: string }>('/api/cards', { kind: 'incoming', summary: 'Черновик' });
    const res = await manager.post<Problem>(`/api/cards/${draft.body.id}/resolutions`, { text: 'x', assignments: [{ executorStaffId: staff.executor }] });
    expect(res.body.code).toBe('CARD_NOT_IN_WORK');
  });
});
