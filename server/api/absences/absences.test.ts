// Absences and deputies (замещение), on PGlite by default and on PostgreSQL with DATABASE_URL (npm run test:pg).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestClient, type TestServer } from '../../testing/testServer.ts';
import { today } from '../../records/today.ts';
import { addDays } from '../../records/calendar/workingDays.ts';
import { extractText } from '../../files/extractText.ts';

let srv: TestServer;
const as: Record<string, TestClient> = {};
const staff: Record<string, string> = {};
const users: Record<string, string> = {};

interface Absence {
  id: string;
  staff: { staffId: string; name: string };
  deputy: { staffId: string; name: string };
  startsOn: string;
  endsOn: string;
  status: string;
  version: number;
}
interface Problem {
  code: string;
  messages: { ru: string; en: string };
}
interface Principal {
  staffId: string;
  name: string;
}
interface Visa {
  staffId: string;
  name: string;
  decision: string | null;
  deputy: { staffId: string; name: string; position: string | null } | null;
}
interface Route {
  id: string;
  status: string;
  version: number;
  stages: { approvers: Visa[] }[];
}

const ifMatch = (r: { version: number }) => ({ 'if-match': `"v${r.version}"` });
const day = (n: number) => addDays(today(), n);

beforeAll(async () => {
  srv = await startTestServer();
  for (const login of ['admin', 'clerk', 'lawyer', 'manager', 'executor', 'auditor', 'archivist']) {
    as[login] = await srv.login(login);
    const row = (await srv.rt.knex('users').where({ login }).first('id', 'staff_id')) as { id: string; staff_id: string };
    staff[login] = row.staff_id;
    users[login] = row.id;
  }
});
afterAll(async () => srv?.close());

async function record(who: string, body: Record<string, unknown>) {
  return as[who]!.post<Absence & Problem>('/api/absences', { reason: 'vacation', ...body });
}

describe('absences', () => {
  it('records one absence per period with a present deputy, refuses overlaps and chains, shortens and cancels with an audit entry', async () => {
    const mine = await record('clerk', { deputyStaffId: staff.admin, startsOn: day(-1), endsOn: day(5), note: 'ежегодный отпуск' });
    expect(mine.status).toBe(201);
    expect(mine.body).toMatchObject({ staff: { staffId: staff.clerk, name: 'Иванова Мария Петровна' }, deputy: { staffId: staff.admin }, status: 'active', startsOn: day(-1), endsOn: day(5) });

    const overlap = await record('clerk', { deputyStaffId: staff.lawyer, startsOn: day(5), endsOn: day(9), reason: 'business_trip' });
    expect(overlap.status).toBe(409);
    expect(overlap.headers.get('content-type')).toContain('application/problem+json');
    expect(overlap.body.code).toBe('ABSENCE_OVERLAP');
    expect(overlap.body.messages.ru).toContain(`${day(-1)} — ${day(5)}`);
    expect(overlap.body.messages.en).toContain('already recorded');

    // The deputy must be present; and the absent person's own work must not pass on to a deputy who is away.
    const deputyAway = await record('lawyer', { deputyStaffId: staff.clerk, startsOn: day(3), endsOn: day(4) });
    expect(deputyAway.body.code).toBe('ABSENCE_DEPUTY_ABSENT');
    expect(deputyAway.body.messages.ru).toContain('Заместитель сам отсутствует');
    const chain = await record('admin', { deputyStaffId: staff.lawyer, startsOn: day(1), endsOn: day(2), reason: 'sick_leave' });
    expect(chain.body.code).toBe('ABSENCE_STANDS_IN');
    // The days after the clerk's return are free.
    expect((await record('lawyer', { deputyStaffId: staff.clerk, startsOn: day(6), endsOn: day(8) })).status).toBe(201);

    expect((await record('lawyer', { deputyStaffId: staff.lawyer, startsOn: day(20), endsOn: day(21) })).body.code).toBe('ABSENCE_DEPUTY_INVALID');
    expect((await record('lawyer', { deputyStaffId: staff.manager, startsOn: day(21), endsOn: day(20) })).body.code).toBe('ABSENCE_PERIOD_INVALID');
    expect((await record('lawyer', { deputyStaffId: staff.manager, startsOn: day(-5), endsOn: day(-1) })).body.code).toBe('ABSENCE_PERIOD_INVALID');
    expect((await record('lawyer', { deputyStaffId: staff.manager, startsOn: day(20), endsOn: day(21), reason: 'holiday' })).status).toBe(400);

    // Someone else's absence is the administrator's to record.
    expect((await record('lawyer', { staffId: staff.manager, deputyStaffId: staff.lawyer, startsOn: day(30), endsOn: day(31) })).body.code).toBe('FORBIDDEN');
    const planned = await record('admin', { staffId: staff.manager, deputyStaffId: staff.lawyer, startsOn: day(30), endsOn: day(31), reason: 'other' });
    expect(planned.status).toBe(201);
    expect(planned.body.status).toBe('planned');

    // Read by the person, the deputy and administrators; nobody else.
    expect((await as.lawyer!.get<Absence>(`/api/absences/${planned.body.id}`)).status).toBe(200);
    expect((await as.manager!.get<Absence>(`/api/absences/${planned.body.id}`)).status).toBe(200);
    expect((await as.executor!.get<Problem>(`/api/absences/${planned.body.id}`)).status).toBe(404);
    expect((await as.executor!.get<Problem>(`/api/absences?staffId=${staff.manager}`)).status).toBe(403);
    expect((await as.admin!.get<{ items: Absence[] }>(`/api/absences?staffId=${staff.manager}`)).body.items.map((a) => a.id)).toEqual([planned.body.id]);
    expect((await as.admin!.get<{ items: Absence[] }>('/api/absences?as=deputy')).body.items.map((a) => a.id)).toEqual([mine.body.id]);
    expect((await as.executor!.request<Problem>('PATCH', `/api/absences/${planned.body.id}`, { endsOn: day(30) }, ifMatch(planned.body))).status).toBe(404);

    // Begun: shortened, not cancelled; If-Match is required.
    const early = await as.clerk!.post<Problem>(`/api/absences/${mine.body.id}/cancel`, {}, ifMatch(mine.body));
    expect(early.body.code, early.text).toBe('ABSENCE_STATE');
    expect((await as.clerk!.request<Problem>('PATCH', `/api/absences/${mine.body.id}`, { endsOn: day(2) })).status).toBe(428);
    expect((await as.clerk!.request<Problem>('PATCH', `/api/absences/${mine.body.id}`, { endsOn: day(7) }, ifMatch(mine.body))).body.code).toBe('ABSENCE_PERIOD_INVALID');
    const shorter = await as.clerk!.request<Absence>('PATCH', `/api/absences/${mine.body.id}`, { endsOn: day(2) }, ifMatch(mine.body));
    expect(shorter.status).toBe(200);
    expect(shorter.body).toMatchObject({ endsOn: day(2), status: 'active' });
    // Not begun: cancelled by the administrator.
    const cancelled = await as.admin!.post<Absence>(`/api/absences/${planned.body.id}/cancel`, {}, ifMatch(planned.body));
    expect(cancelled.body.status).toBe('cancelled');
    expect((await as.admin!.get<{ items: Absence[] }>(`/api/absences?staffId=${staff.manager}`)).body.items).toEqual([]);

    const audit = (await srv.rt.knex('audit_log').where({ object_type: 'absence' }).whereIn('object_id', [mine.body.id, planned.body.id]).orderBy('seq').select('action', 'actor_id', 'payload')) as {
      action: string;
      actor_id: string;
      payload: Record<string, unknown>;
    }[];
    expect(audit.map((e) => [e.action, e.actor_id])).toEqual([
      ['absence.recorded', users.clerk],
      ['absence.recorded', users.admin],
      ['absence.shortened', users.clerk],
      ['absence.cancelled', users.admin],
    ]);
    expect(audit[2]?.payload).toMatchObject({ from: day(5), to: day(2), deputyStaffId: staff.admin });
  });

  it('a deputy gives the absent approver’s visa and reports their assignment only while the absence is in force', async () => {
    // A ДСП draft routed to the executor alone: nobody but the records office and the approver sees it.
    const card = await as.clerk!.post<{ id: string }>('/api/cards', { kind: 'draft', summary: 'О порядке замещения должностей', accessMark: 'ДСП' });
    const built = await as.clerk!.post<Route>(`/api/cards/${card.body.id}/approvals`, { stages: [{ approverStaffIds: [staff.executor] }] });
    const route = await as.clerk!.post<Route>(`/api/approval-routes/${built.body.id}/start`, {}, ifMatch(built.body));
    expect(route.body.status, route.text).toBe('in_progress');
    const letter = await as.clerk!.post<{ id: string }>('/api/cards', { kind: 'incoming', register: true, summary: 'О графике отпусков', addresseeStaffId: staff.manager });
    const resolution = await as.manager!.post<{ assignments: { id: string }[] }>(`/api/cards/${letter.body.id}/resolutions`, {
      text: 'Подготовить ответ',
      assignments: [{ executorStaffId: staff.executor, deadline: day(10) }, { executorStaffId: staff.executor, deadline: day(12) }],
    });
    const [first, second] = resolution.body.assignments;
    const deputy = as.lawyer!;
    const waiting = async () => (await deputy.get<{ items: { routeId: string; onBehalfOf: Principal | null }[] }>('/api/inbox/approvals')).body.items.filter((i) => i.routeId === route.body.id);
    const todo = async () => (await deputy.get<{ items: { id: string; onBehalfOf: Principal | null }[] }>('/api/inbox/assignments?view=todo')).body.items.filter((a) => a.id === first?.id || a.id === second?.id);

    // Before the period: nothing.
    const future = await record('executor', { deputyStaffId: staff.lawyer, startsOn: day(1), endsOn: day(3) });
    expect(future.status).toBe(201);
    expect(await waiting()).toEqual([]);
    expect(await todo()).toEqual([]);
    // The deputy's own badges (whatever the demo data gives them) are the baseline for what the absence adds.
    const own = (await deputy.get<{ awaitingApproval: number; todo: number }>('/api/inbox/counts')).body;
    expect((await deputy.get(`/api/cards/${card.body.id}`)).status).toBe(404);
    // The ДСП card is as hidden from them as from anyone else, so is its route.
    expect((await deputy.post<Problem>(`/api/approval-routes/${route.body.id}/decision`, { decision: 'approved', onBehalfOf: staff.executor })).body.code).toBe('NOT_FOUND');
    expect((await deputy.post<Problem>(`/api/assignments/${first?.id}/report`, { text: 'Готово' })).body.code).toBe('NOT_ASSIGNMENT_PARTICIPANT');
    await as.executor!.post(`/api/absences/${future.body.id}/cancel`, {}, ifMatch(future.body));

    // In force today: the deputy's inbox carries the absent person's work, marked «за …».
    const absence = await record('executor', { deputyStaffId: staff.lawyer, startsOn: day(0), endsOn: day(3), reason: 'sick_leave' });
    expect(absence.status).toBe(201);
    const principal = { staffId: staff.executor, name: 'Кузнецова Ольга Викторовна' };
    expect(await waiting()).toEqual([expect.objectContaining({ onBehalfOf: principal })]);
    expect((await todo()).map((a) => a.onBehalfOf)).toEqual([principal, principal]);
    const counts = (await deputy.get<{ awaitingApproval: number; todo: number }>('/api/inbox/counts')).body;
    expect(counts).toMatchObject({ awaitingApproval: own.awaitingApproval + 1, todo: own.todo + 2 });
    expect((await deputy.get(`/api/cards/${card.body.id}`)).status).toBe(200);
    expect((await deputy.get<{ actions: { decide: boolean; decideFor: Principal[] } }>(`/api/cards/${card.body.id}/approvals`)).body.actions).toMatchObject({ decide: false, decideFor: [principal] });
    // The absent person keeps their own access and list; someone else gets nothing.
    expect((await as.executor!.get(`/api/cards/${card.body.id}`)).status).toBe(200);
    expect((await as.executor!.get<{ items: { routeId: string; onBehalfOf: null }[] }>('/api/inbox/approvals')).body.items).toContainEqual(expect.objectContaining({ routeId: route.body.id, onBehalfOf: null }));
    expect((await as.manager!.get(`/api/cards/${card.body.id}`)).status).toBe(404);
    expect((await as.manager!.post<Problem>(`/api/approval-routes/${route.body.id}/decision`, { decision: 'approved', onBehalfOf: staff.executor })).body.code).toBe('NOT_FOUND');
    // Where the card is visible (the records office), acting for someone one does not stand in for is refused.
    expect((await as.clerk!.post<Problem>(`/api/approval-routes/${route.body.id}/decision`, { decision: 'approved', onBehalfOf: staff.executor })).body.code).toBe('APPROVAL_NOT_DEPUTY');
    expect((await as.manager!.post<Problem>(`/api/assignments/${first?.id}/report`, { text: 'Готово' })).body.code).toBe('NOT_ASSIGNMENT_PARTICIPANT');

    // The visa is the approver's, given by the deputy; the route ends approved.
    const decided = await deputy.post<Route>(`/api/approval-routes/${route.body.id}/decision`, { decision: 'approved_with_remarks', comment: 'Сверить с графиком', onBehalfOf: staff.executor });
    expect(decided.status).toBe(200);
    expect(decided.body.status).toBe('approved');
    expect(decided.body.stages[0]?.approvers[0]).toMatchObject({
      staffId: staff.executor,
      name: 'Кузнецова Ольга Викторовна',
      decision: 'approved_with_remarks',
      deputy: { staffId: staff.lawyer, name: 'Павлов Игорь Сергеевич', position: 'Начальник юридического отдела' },
    });
    const visaAudit = (await srv.rt.knex('audit_log').where({ object_id: card.body.id, action: 'approval.decided' }).first('actor_id', 'payload')) as { actor_id: string; payload: Record<string, unknown> };
    expect(visaAudit.actor_id).toBe(users.lawyer);
    expect(visaAudit.payload).toMatchObject({ onBehalfOf: principal, deputy: { staffId: staff.lawyer, name: 'Павлов Игорь Сергеевич' } });
    const pdf = await fetch(`${srv.url}/api/cards/${card.body.id}/approval-sheet.pdf`, { headers: { cookie: [...deputy.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    expect(pdf.status).toBe(200);
    const text = (await extractText(new Uint8Array(await pdf.arrayBuffer()), 'application/pdf')).text.replace(/\s+/g, ' ');
    expect(text).toContain('Павлов Игорь Сергеевич за Кузнецова Ольга');

    // A report for the executor names both.
    const reported = await deputy.post<{ status: string }>(`/api/assignments/${first?.id}/report`, { text: 'Ответ подготовлен' });
    expect(reported.status).toBe(200);
    expect(reported.body.status).toBe('accepted');
    const reportAudit = (await srv.rt.knex('audit_log').where({ object_id: first?.id, action: 'assignment.reported' }).first('actor_id', 'payload')) as { actor_id: string; payload: Record<string, unknown> };
    expect(reportAudit.actor_id).toBe(users.lawyer);
    expect(reportAudit.payload).toMatchObject({ onBehalfOf: principal, deputy: { staffId: staff.lawyer } });
    const reportEvent = (await srv.rt.knex('assignment_events').where({ assignment_id: first?.id, type: 'reported' }).first('actor_user_id', 'payload')) as { actor_user_id: string; payload: Record<string, unknown> };
    expect(reportEvent).toMatchObject({ actor_user_id: users.lawyer, payload: { onBehalfOf: principal } });

    // After the period (as if its days had passed): the deputy's rights end by themselves.
    await srv.rt.knex('absences').where({ id: absence.body.id }).update({ starts_on: day(-4), ends_on: day(-1) });
    expect(await todo()).toEqual([]);
    expect((await deputy.get(`/api/cards/${card.body.id}`)).status).toBe(404);
    expect((await deputy.post<Problem>(`/api/assignments/${second?.id}/report`, { text: 'Готово' })).body.code).toBe('NOT_ASSIGNMENT_PARTICIPANT');
    expect((await deputy.get<{ todo: number }>('/api/inbox/counts')).body.todo).toBe(own.todo);
  });
});
