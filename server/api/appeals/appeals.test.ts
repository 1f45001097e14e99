import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPdfa } from '../../../archive/index.ts';
import { startTestServer, type TestClient, type TestServer } from '../../testing/testServer.ts';
import { today } from '../../records/today.ts';
import { addDays } from '../../records/calendar/workingDays.ts';
import { gatherCard } from '../../archive/packages/gatherCard.ts';
import ExcelJS from 'exceljs';

const SLUG = 'appeals-59fz';

interface Problem {
  code: string;
  messages: { ru: string; en: string };
  lastDay?: string;
  latestDeadline?: string;
}
interface Appeal {
  cardId: string;
  deadline: string | null;
  regDate: string;
  forwardLastDay: string;
  extension: { oldDeadline: string; newDeadline: string; reason: string; extendedBy: string; noticeFileId: string } | null;
  forwarding: { correspondentName: string; forwardedOn: string; outNumber: string | null; lateReason: string | null; noticeFileId: string } | null;
  result: { result: string; ground: { code: string; reference: string } | null; comment: string | null; decidedOn: string; decidedBy: string; corrected: boolean; corrections: unknown[] } | null;
  actions: { extend: boolean; forward: boolean; forwardLate: boolean; decide: boolean; correct: boolean };
}
interface Submitted {
  regNumber: string;
  statusCode: string;
  deadline: string;
}

let srv: TestServer;
let admin: TestClient;
let clerk: TestClient;
let manager: TestClient;

async function submitAppeal(lastName: string): Promise<Submitted & { cardId: string }> {
  const form = new FormData();
  form.append('appeal', JSON.stringify({ lastName, firstName: 'Анна', email: 'citizen@example.ru', postalAddress: 'г. Заречный, ул. Лесная, д. 5', text: 'Прошу проверить начисления за вывоз мусора.', consent: true }));
  const res = await fetch(`${srv.url}/api/public/reception/${SLUG}/appeals`, { method: 'POST', body: form });
  expect(res.status).toBe(201);
  const submitted = (await res.json()) as Submitted;
  const row = (await srv.rt.knex('cards').where({ reg_number: submitted.regNumber, kind: 'appeal' }).first('id')) as { id: string };
  return { ...submitted, cardId: row.id };
}

async function publicStatus(s: Submitted): Promise<Record<string, unknown>> {
  const res = await fetch(`${srv.url}/api/public/reception/${SLUG}/status`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ number: s.regNumber, code: s.statusCode }) });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

async function versionOf(client: TestClient, cardId: string): Promise<string> {
  return (await client.get(`/api/cards/${cardId}`)).headers.get('etag') ?? '';
}

async function noticePdf(client: TestClient, fileId: string): Promise<Uint8Array> {
  const res = await fetch(`${srv.url}/api/files/${fileId}/content`, { headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
  expect(res.status).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
}

beforeAll(async () => {
  srv = await startTestServer({ env: { RECEPTION_SUBMISSIONS_PER_HOUR: '1000', RECEPTION_WRONG_CODES_PER_HOUR: '1000' } });
  admin = await srv.login('admin');
  clerk = await srv.login('clerk');
  manager = await srv.login('manager');
  const journals = await admin.get<{ items: { id: string; kind: string }[] }>('/api/journals');
  const staff = await admin.get<{ items: { id: string }[] }>('/api/staff?q=Сергеев');
  const body = { enabled: true, slug: SLUG, journalId: journals.body.items.find((j) => j.kind === 'appeal')?.id, addresseeStaffId: staff.body.items[0]?.id, allowedTypes: ['pdf'], maxFiles: 5, maxFileBytes: 1024 * 1024 };
  expect((await admin.request('PUT', '/api/org/reception', body, { 'if-match': '"v0"' })).status).toBe(200);
});
afterAll(async () => srv?.close());

describe('extension of the term (59-FZ art. 12 part 2)', () => {
  let appeal: Submitted & { cardId: string };

  beforeAll(async () => {
    appeal = await submitAppeal('Продлеваемая');
  });

  it('is offered to the head only, and refused to a clerk', async () => {
    const asManager = await manager.get<Appeal>(`/api/cards/${appeal.cardId}/appeal`);
    expect(asManager.status).toBe(200);
    expect(asManager.body).toMatchObject({ deadline: appeal.deadline, extension: null, forwarding: null, result: null, actions: { extend: true, forward: true, forwardLate: false, decide: true } });
    expect((await clerk.get<Appeal>(`/api/cards/${appeal.cardId}/appeal`)).body.actions).toMatchObject({ extend: false, forward: true });
    const refused = await clerk.post<Problem>(`/api/cards/${appeal.cardId}/appeal/extension`, { newDeadline: addDays(appeal.deadline, 10), reason: 'Запрошены документы' }, { 'if-match': await versionOf(clerk, appeal.cardId) });
    expect(refused.status).toBe(403);
  });

  it('needs If-Match and refuses more than 30 days or an earlier date, in Russian and English', async () => {
    expect((await manager.post(`/api/cards/${appeal.cardId}/appeal/extension`, { newDeadline: addDays(appeal.deadline, 10), reason: 'Запрошены документы' })).status).toBe(428);
    const etag = await versionOf(manager, appeal.cardId);
    for (const newDeadline of [addDays(appeal.deadline, 40), appeal.deadline]) {
      const res = await manager.post<Problem>(`/api/cards/${appeal.cardId}/appeal/extension`, { newDeadline, reason: 'Запрошены документы' }, { 'if-match': etag });
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.code).toBe('APPEAL_EXTENSION_TOO_LONG');
      expect(res.body.messages.ru).toContain('30 дней');
      expect(res.body.messages.en).toContain('30 days');
    }
  });

  it('moves the card’s deadline, records who, when, the dates and the reason, audits, and stores a PDF/A notice', async () => {
    const wanted = addDays(appeal.deadline, 30);
    const res = await manager.post<Appeal>(`/api/cards/${appeal.cardId}/appeal/extension`, { newDeadline: wanted, reason: 'Направлен запрос в управляющую организацию' }, { 'if-match': await versionOf(manager, appeal.cardId) });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const ext = res.body.extension;
    expect(ext).toMatchObject({ oldDeadline: appeal.deadline, reason: 'Направлен запрос в управляющую организацию', extendedBy: expect.stringMatching(/\S/) as unknown });
    // A 30th day that falls on a day off moves to the next working day (the calendar decides, not the client).
    expect(ext?.newDeadline && ext.newDeadline >= wanted).toBe(true);
    expect(res.body.deadline).toBe(ext?.newDeadline);
    expect(res.body.actions.extend).toBe(false);
    const card = await manager.get<{ deadline: string; files: { id: string; role: string; name: string }[] }>(`/api/cards/${appeal.cardId}`);
    expect(card.body.deadline).toBe(ext?.newDeadline);
    expect(card.headers.get('etag')).toBe(res.headers.get('etag'));
    const notice = card.body.files.find((f) => f.id === ext?.noticeFileId);
    expect(notice).toMatchObject({ role: 'appeal_notice', name: expect.stringContaining('Уведомление о продлении срока') as unknown });
    const pdf = await noticePdf(manager, ext?.noticeFileId ?? '');
    expect(checkPdfa(pdf).errors).toEqual([]);
    const history = await manager.get<{ action: string; actor: { login: string } | null }[] | { items: { action: string }[] }>(`/api/cards/${appeal.cardId}/history`);
    expect(history.text).toContain('appeal.term_extended');
    const audit = await admin.get<{ items: { action: string; actor: { login: string } | null; payload: { oldDeadline: string; newDeadline: string; reason: string } }[] }>('/api/audit?action=appeal.term_extended');
    expect(audit.body.items[0]).toMatchObject({ actor: { login: 'manager' }, payload: { oldDeadline: appeal.deadline, newDeadline: ext?.newDeadline } });
  });

  it('travels into the card’s archival package: the notice among the originals, the record in the metadata', async () => {
    const card = (await srv.rt.knex('cards').where({ id: appeal.cardId }).first('org_id')) as { org_id: string };
    const gathered = await gatherCard(srv.rt.knex, srv.rt.blobs, { orgId: card.org_id, cardId: appeal.cardId, ocflId: `urn:kartoteka:card:${appeal.cardId}`, created: new Date(), renditions: { ocr: false } });
    expect(gathered.input.descriptive.appeal).toMatchObject({ extension: { oldDeadline: appeal.deadline, reason: 'Направлен запрос в управляющую организацию' }, forwarding: null, result: null });
    expect(gathered.input.originals.some((f) => f.name.startsWith('Уведомление о продлении срока'))).toBe(true);
  });

  it('is given once', async () => {
    const again = await manager.post<Problem>(`/api/cards/${appeal.cardId}/appeal/extension`, { newDeadline: addDays(appeal.deadline, 31), reason: 'Ещё раз' }, { 'if-match': await versionOf(manager, appeal.cardId) });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('APPEAL_ALREADY_EXTENDED');
  });

  it('shows the citizen the new deadline and that it was extended, nothing more', async () => {
    const view = await publicStatus(appeal);
    const record = (await manager.get<Appeal>(`/api/cards/${appeal.cardId}/appeal`)).body;
    expect(view).toEqual({ regNumber: appeal.regNumber, regDate: record.regDate, status: 'registered', deadline: record.extension?.newDeadline, extended: true, answeredOn: null, forwarding: null });
    expect(JSON.stringify(view)).not.toContain('управляющую');
  });
});

describe('the card’s assignments follow an extended term', () => {
  it('moves the open assignments set to the old term, audited as deadline changes; earlier and closed ones stay', async () => {
    const appeal = await submitAppeal('Поручения');
    const staffOf = async (login: string): Promise<string> => ((await srv.rt.knex('users').where({ login }).first('staff_id')) as { staff_id: string }).staff_id;
    const executorStaff = await staffOf('executor');
    const earlier = addDays(appeal.deadline, -5);
    const resolution = await manager.post<{ assignments: { id: string }[] }>(`/api/cards/${appeal.cardId}/resolutions`, {
      text: 'Рассмотреть и подготовить ответ заявителю',
      assignments: [
        { executorStaffId: executorStaff, deadline: appeal.deadline, onControl: true },
        { executorStaffId: await staffOf('clerk'), deadline: earlier },
        { executorStaffId: executorStaff, deadline: appeal.deadline },
      ],
    });
    expect(resolution.status, JSON.stringify(resolution.body)).toBe(201);
    const [following, ownTerm, done] = resolution.body.assignments.map((a) => a.id);
    // The third is reported without control, so it is closed before the extension.
    const executor = await srv.login('executor');
    expect((await executor.post(`/api/assignments/${done}/report`, { text: 'Справка подготовлена' })).status).toBe(200);

    const res = await manager.post<Appeal>(`/api/cards/${appeal.cardId}/appeal/extension`, { newDeadline: addDays(appeal.deadline, 20), reason: 'Запрошены сведения в управляющей организации' }, { 'if-match': await versionOf(manager, appeal.cardId) });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const newDeadline = res.body.extension?.newDeadline;
    const deadlines = await Promise.all([following, ownTerm, done].map(async (id) => (await manager.get<{ deadline: string; status: string }>(`/api/assignments/${id}`)).body));
    expect(deadlines.map((a) => a.deadline)).toEqual([newDeadline, earlier, appeal.deadline]);
    expect(deadlines[2]?.status).toBe('accepted');

    const moved = await manager.get<{ events: { type: string; text: string | null; payload: { from: string; to: string } }[] }>(`/api/assignments/${following}`);
    expect(moved.body.events.at(-1)).toMatchObject({ type: 'deadline_changed', text: 'продление срока рассмотрения обращения', payload: { from: appeal.deadline, to: newDeadline } });
    const audit = await admin.get<{ items: { objectId: string; actor: { login: string } | null; payload: { cardId: string; from: string; to: string; text: string } }[] }>('/api/audit?action=assignment.deadline_changed');
    const entries = audit.body.items.filter((e) => e.payload.cardId === appeal.cardId);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor: { login: 'manager' }, payload: { from: appeal.deadline, to: newDeadline, text: 'продление срока рассмотрения обращения' } });
  });
});

describe('result of consideration', () => {
  it('needs a ground of art. 11 to leave an appeal unanswered, is recorded once, audited and shown', async () => {
    const appeal = await submitAppeal('Разъяснённая');
    const dictionary = await clerk.get<{ grounds: { code: string; reference: string }[]; results: { code: string; recordable: boolean }[] }>('/api/appeals/dictionary');
    expect(dictionary.body.grounds.map((g) => g.reference)).toEqual(['1', '2', '3', '4', '4.1', '5', '5.1', '6'].map((part) => `ч. ${part} ст. 11`));
    expect(dictionary.body.results.filter((r) => r.recordable).map((r) => r.code)).toEqual(['supported', 'not_supported', 'explained', 'left_unanswered']);
    const etag = await versionOf(clerk, appeal.cardId);
    const noGround = await clerk.post<Problem>(`/api/cards/${appeal.cardId}/appeal/result`, { result: 'left_unanswered' }, { 'if-match': etag });
    expect(noGround.status).toBe(422);
    expect(noGround.body.code).toBe('APPEAL_GROUND_REQUIRED');
    const unknownGround = await clerk.post<Problem>(`/api/cards/${appeal.cardId}/appeal/result`, { result: 'left_unanswered', ground: 'no_such_ground' }, { 'if-match': etag });
    expect(unknownGround.body.code).toBe('APPEAL_GROUND_REQUIRED');
    const bad = await clerk.post(`/api/cards/${appeal.cardId}/appeal/result`, { result: 'forwarded' }, { 'if-match': etag });
    expect(bad.status).toBe(400);

    const recorded = await clerk.post<Appeal>(`/api/cards/${appeal.cardId}/appeal/result`, { result: 'left_unanswered', ground: 'illegible', comment: 'Текст скана не читается' }, { 'if-match': etag });
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(200);
    expect(recorded.body.result).toMatchObject({ result: 'left_unanswered', ground: { code: 'illegible', reference: 'ч. 4 ст. 11' }, comment: 'Текст скана не читается' });
    expect(recorded.body.actions).toMatchObject({ extend: false, forward: false, decide: false });
    const again = await clerk.post<Problem>(`/api/cards/${appeal.cardId}/appeal/result`, { result: 'explained' }, { 'if-match': recorded.headers.get('etag') ?? '' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('APPEAL_NOT_OPEN');
    const audit = await admin.get<{ items: { actor: { login: string } | null; payload: { result: string; ground: string } }[] }>('/api/audit?action=appeal.result_recorded');
    expect(audit.body.items[0]).toMatchObject({ actor: { login: 'clerk' }, payload: { result: 'left_unanswered', ground: 'illegible' } });
  });

  it('is corrected by the head with a reason; the earlier result is kept, audited, and the package says so', async () => {
    const appeal = await submitAppeal('Исправленная');
    const recorded = await clerk.post<Appeal>(`/api/cards/${appeal.cardId}/appeal/result`, { result: 'not_supported', comment: 'Оснований нет' }, { 'if-match': await versionOf(clerk, appeal.cardId) });
    expect(recorded.status).toBe(200);
    expect(recorded.body.result).toMatchObject({ corrected: false, corrections: [] });
    expect(recorded.body.actions.correct).toBe(false);
    const etag = recorded.headers.get('etag') ?? '';
    const correction = { result: 'supported', comment: 'Перерасчёт произведён', reason: 'Итог внесён ошибочно: требование удовлетворено' };
    expect((await clerk.post(`/api/cards/${appeal.cardId}/appeal/result/correction`, correction, { 'if-match': etag })).status).toBe(403);
    expect((await manager.post(`/api/cards/${appeal.cardId}/appeal/result/correction`, { result: 'supported' }, { 'if-match': etag })).status).toBe(400);
    expect((await manager.post(`/api/cards/${appeal.cardId}/appeal/result/correction`, correction)).status).toBe(428);
    expect((await manager.get<Appeal>(`/api/cards/${appeal.cardId}/appeal`)).body.actions.correct).toBe(true);
    const noGround = await manager.post<Problem>(`/api/cards/${appeal.cardId}/appeal/result/correction`, { result: 'left_unanswered', reason: 'Ошибка' }, { 'if-match': etag });
    expect(noGround.body.code).toBe('APPEAL_GROUND_REQUIRED');

    const corrected = await manager.post<Appeal>(`/api/cards/${appeal.cardId}/appeal/result/correction`, correction, { 'if-match': etag });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(200);
    expect(corrected.headers.get('etag')).not.toBe(etag);
    expect(corrected.body.result).toMatchObject({
      result: 'supported',
      comment: 'Перерасчёт произведён',
      corrected: true,
      corrections: [{ previous: { result: 'not_supported', comment: 'Оснований нет', decidedOn: recorded.body.result?.decidedOn }, reason: correction.reason }],
    });
    expect(corrected.body.result?.decidedBy).not.toBe(recorded.body.result?.decidedBy);
    // A stale version is refused: the correction the head read is the one replaced.
    expect((await manager.post(`/api/cards/${appeal.cardId}/appeal/result/correction`, { ...correction, result: 'explained' }, { 'if-match': etag })).status).toBe(412);

    const audit = await admin.get<{ items: { objectId: string; actor: { login: string } | null; payload: unknown }[] }>('/api/audit?action=appeal.result_corrected');
    expect(audit.body.items[0]).toMatchObject({ objectId: appeal.cardId, actor: { login: 'manager' }, payload: { from: { result: 'not_supported' }, to: { result: 'supported' }, reason: correction.reason } });
    const history = await manager.get(`/api/cards/${appeal.cardId}/history`);
    expect(history.text).toContain('appeal.result_corrected');

    const report = await manager.get<{ byResult: Record<string, number> }>(`/api/reports/appeals?from=${addDays(today(), -30)}&to=${today()}`);
    expect(report.body.byResult.not_supported).toBe(0);
    expect(report.body.byResult.supported).toBe(1);

    const card = (await srv.rt.knex('cards').where({ id: appeal.cardId }).first('org_id')) as { org_id: string };
    const gathered = await gatherCard(srv.rt.knex, srv.rt.blobs, { orgId: card.org_id, cardId: appeal.cardId, ocflId: `urn:kartoteka:card:${appeal.cardId}`, created: new Date(), renditions: { ocr: false } });
    expect(gathered.input.descriptive.appeal).toMatchObject({ result: { result: 'supported', corrected: true, corrections: [{ previous: { result: 'not_supported' }, reason: correction.reason }] } });
  });

  it('is not corrected when nothing was recorded', async () => {
    const appeal = await submitAppeal('Неисправимая');
    const res = await manager.post<Problem>(`/api/cards/${appeal.cardId}/appeal/result/correction`, { result: 'explained', reason: 'Ошибка' }, { 'if-match': await versionOf(manager, appeal.cardId) });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('APPEAL_RESULT_NOT_CORRECTABLE');
    expect(res.body.messages.ru).toContain('архив');
  });

  it('is refused for a card that is not an appeal', async () => {
    const journals = await admin.get<{ items: { id: string; kind: string }[] }>('/api/journals');
    const incoming = await clerk.post<{ id: string; version: number }>('/api/cards', { kind: 'incoming', journalId: journals.body.items.find((j) => j.kind === 'incoming')?.id, summary: 'Письмо', register: true });
    expect(incoming.status, JSON.stringify(incoming.body)).toBe(201);
    const res = await clerk.post<Problem>(`/api/cards/${incoming.body.id}/appeal/result`, { result: 'explained' }, { 'if-match': await versionOf(clerk, incoming.body.id) });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('APPEAL_NOT_OPEN');
  });
});

describe('forwarding by competence (59-FZ art. 8 part 3)', () => {
  let ministryId: string;

  beforeAll(async () => {
    const created = await clerk.post<{ id: string }>('/api/correspondents', { type: 'government', name: 'Министерство ЖКХ области', fullName: 'Министерство жилищно-коммунального хозяйства Заречной области' });
    ministryId = created.body.id;
  });

  it('finds the competent body by the server-side search', async () => {
    const found = await clerk.get<{ items: { id: string; name: string }[] }>(`/api/correspondents?q=${encodeURIComponent('министерство жкх')}`);
    expect(found.body.items.map((c) => c.id)).toContain(ministryId);
  });

  it('is refused after 7 days without a reason, to a citizen, and then forwards with the reason given, closing the card', async () => {
    const appeal = await submitAppeal('Переадресуемая');
    // Registered ten days ago: the 7 days of art. 8 part 3 have passed.
    const regDate = addDays(today(), -10);
    await srv.rt.knex('cards').where({ id: appeal.cardId }).update({ reg_date: regDate });
    const view = await clerk.get<Appeal>(`/api/cards/${appeal.cardId}/appeal`);
    expect(view.body).toMatchObject({ forwardLastDay: addDays(regDate, 7), actions: { forward: true, forwardLate: true } });
    const etag = await versionOf(clerk, appeal.cardId);

    const late = await clerk.post<Problem>(`/api/cards/${appeal.cardId}/appeal/forwarding`, { correspondentId: ministryId, outNumber: '01-15/77' }, { 'if-match': etag });
    expect(late.status).toBe(409);
    expect(late.headers.get('content-type')).toContain('application/problem+json');
    expect(late.body).toMatchObject({ code: 'APPEAL_FORWARD_LATE', lastDay: addDays(regDate, 7) });
    expect(late.body.messages.ru).toContain('7 дней');
    expect(late.body.messages.en).toContain('7 days');

    const citizenRow = (await srv.rt.knex('cards').where({ id: appeal.cardId }).first('correspondent_id')) as { correspondent_id: string };
    const toCitizen = await clerk.post<Problem>(`/api/cards/${appeal.cardId}/appeal/forwarding`, { correspondentId: citizenRow.correspondent_id, lateReason: 'Поздно поступило' }, { 'if-match': etag });
    expect(toCitizen.body.code).toBe('APPEAL_FORWARD_TARGET');

    const forwarded = await clerk.post<Appeal>(
      `/api/cards/${appeal.cardId}/appeal/forwarding`,
      { correspondentId: ministryId, outNumber: '01-15/77', lateReason: 'Обращение передано исполнителю после отпуска' },
      { 'if-match': etag },
    );
    expect(forwarded.status, JSON.stringify(forwarded.body)).toBe(200);
    expect(forwarded.body.forwarding).toMatchObject({ correspondentName: 'Министерство ЖКХ области', forwardedOn: today(), outNumber: '01-15/77', lateReason: 'Обращение передано исполнителю после отпуска' });
    expect(forwarded.body.result).toMatchObject({ result: 'forwarded' });
    expect(forwarded.body.actions).toMatchObject({ extend: false, forward: false, decide: false });
    const card = await clerk.get<{ status: string; files: { id: string; role: string }[] }>(`/api/cards/${appeal.cardId}`);
    expect(card.body.status).toBe('executed');
    expect(card.body.files.find((f) => f.id === forwarded.body.forwarding?.noticeFileId)?.role).toBe('appeal_notice');
    expect(checkPdfa(await noticePdf(clerk, forwarded.body.forwarding?.noticeFileId ?? '')).errors).toEqual([]);
    const audit = await admin.get<{ items: { actor: { login: string } | null; payload: { to: string; lateReason: string } }[] }>('/api/audit?action=appeal.forwarded');
    expect(audit.body.items[0]).toMatchObject({ actor: { login: 'clerk' }, payload: { to: 'Министерство ЖКХ области', lateReason: 'Обращение передано исполнителю после отпуска' } });

    // The citizen learns where it went and when — not the clerk, the reason or the outgoing number.
    const status = await publicStatus(appeal);
    expect(status).toMatchObject({ status: 'forwarded', extended: false, forwarding: { to: 'Министерство жилищно-коммунального хозяйства Заречной области', on: today() } });
    expect(JSON.stringify(status)).not.toMatch(/01-15|отпуска|clerk/);

    const twice = await clerk.post<Problem>(`/api/cards/${appeal.cardId}/appeal/forwarding`, { correspondentId: ministryId }, { 'if-match': card.headers.get('etag') ?? '' });
    expect(twice.body.code).toBe('APPEAL_NOT_OPEN');
  });

  it('forwards within 7 days without a reason', async () => {
    const appeal = await submitAppeal('Своевременная');
    const res = await clerk.post<Appeal>(`/api/cards/${appeal.cardId}/appeal/forwarding`, { correspondentId: ministryId }, { 'if-match': await versionOf(clerk, appeal.cardId) });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.forwarding).toMatchObject({ outNumber: null, lateReason: null });
  });
});

describe('appeals report', () => {
  it('counts the period’s appeals by result, overdue, extended and forwarded', async () => {
    // One more appeal, open and past its deadline.
    const overdue = await submitAppeal('Просроченная');
    await srv.rt.knex('cards').where({ id: overdue.cardId }).update({ deadline: addDays(today(), -1) });
    const res = await manager.get<{ registered: number; pending: number; byResult: Record<string, number>; overdue: number; extended: number; forwarded: number; forwardedLate: number }>(
      `/api/reports/appeals?from=${addDays(today(), -30)}&to=${today()}`,
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ registered: 8, pending: 4, extended: 2, forwarded: 2, forwardedLate: 1, overdue: 1 });
    expect(res.body.byResult).toEqual({ supported: 1, not_supported: 0, explained: 0, left_unanswered: 1, forwarded: 2 });
    expect((await manager.get(`/api/reports/appeals?from=${today()}&to=${addDays(today(), -1)}`)).status).toBe(400);

    // The same report as XLSX, read back: Russian headers and the same numbers.
    const period = `from=${addDays(today(), -30)}&to=${today()}`;
    const file = await fetch(`${srv.url}/api/reports/appeals?${period}&format=xlsx`, { headers: { cookie: [...manager.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('spreadsheetml');
    expect(decodeURIComponent(file.headers.get('content-disposition') ?? '')).toContain('Обращения граждан');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await file.arrayBuffer());
    const sheet = book.getWorksheet('Обращения граждан');
    // Rows and cells are 1-based in exceljs; the blank line after the title is not returned.
    const rows: unknown[][] = (sheet?.getRows(1, sheet.rowCount) ?? []).map((row) => (Array.isArray(row.values) ? row.values.slice(1) : [])).filter((cells) => cells.length > 0);
    expect(String(rows[0]?.[0])).toContain(`с ${addDays(today(), -30)} по ${today()}`);
    expect(rows[1]).toEqual(['Показатель', 'Количество']);
    const value = Object.fromEntries(rows.slice(2).map((r) => [r[0], r[1]]));
    expect(value).toMatchObject({ Зарегистрировано: res.body.registered, 'С нарушением срока': res.body.overdue, 'Срок продлён': res.body.extended, 'из них позже 7 дней': res.body.forwardedLate });
    expect(value['оставлено без ответа']).toBe(res.body.byResult.left_unanswered);
    expect(value['переадресовано']).toBe(res.body.byResult.forwarded);
    expect((await (await srv.login('executor')).get('/api/reports/appeals?from=2026-01-01&to=2026-12-31')).status).toBe(403);
  });
});
