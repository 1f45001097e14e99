import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { PDFDocument } from 'pdf-lib';
import fontkit from '@pdf-lib/fontkit';
import { startTestServer, type TestClient, type TestServer } from '../testing/testServer.ts';
import { JobWorker } from '../jobs/worker.ts';
import { today } from '../records/today.ts';

let srv: TestServer;
let clerk: TestClient;
let worker: JobWorker;

// A born-digital letter: its text layer is read directly, so the test needs no tesseract run.
async function letter(): Promise<Uint8Array<ArrayBuffer>> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(fs.readFileSync(new URL('../../archive/fonts/PTSerif-Regular.ttf', import.meta.url)));
  const page = doc.addPage([595, 842]);
  const lines: [string, number, number][] = [
    ['Общество с ограниченной ответственностью «Северный ветер»', 60, 790],
    ['ИНН 7707083893  КПП 773601001', 60, 772],
    ['Исх. № 12-34/567 от 05.03.2026', 60, 720],
    ['Главе городского округа Заречный', 330, 700],
    ['А. Н. Сергееву', 330, 684],
    ['О ремонте кровли дома № 5 по ул. Ленина', 60, 640],
    ['Уважаемый Алексей Николаевич!', 120, 610],
    ['Просим рассмотреть вопрос о ремонте кровли многоквартирного дома.', 60, 590],
    ['Генеральный директор', 60, 520],
    ['И. И. Петров', 420, 520],
  ];
  for (const [text, x, y] of lines) page.drawText(text, { x, y, size: 11, font });
  return new Uint8Array(await doc.save());
}

beforeAll(async () => {
  srv = await startTestServer();
  clerk = await srv.login('clerk');
  worker = new JobWorker(srv.rt.knex, srv.rt.blobs, pino({ level: 'silent' }), { kinds: ['file.autofill', 'executor.learn'] });
});
afterAll(async () => srv?.close());

describe('autofill from a scan', () => {
  it('proposes fields, matches the known correspondent by INN, and measures what the clerk accepted', async () => {
    const known = await clerk.post<{ id: string; name: string }>('/api/correspondents', { type: 'company', name: 'ООО «Северный ветер»', inn: '7707083893', kpp: '773601001' });
    const file = (await clerk.upload(await letter(), 'письмо.pdf')).body;

    const req = await clerk.post<{ status: string }>(`/api/files/${file.id}/autofill`, {});
    expect(req.status).toBe(202);
    expect((await clerk.get<{ status: string }>(`/api/files/${file.id}/autofill`)).body.status).toBe('pending');
    await worker.drain();
    const proposal = await clerk.get<{ status: string; fields: Record<string, unknown>; confidence: Record<string, number>; sources: unknown; correspondent: { id: string } | null; error: string | null }>(`/api/files/${file.id}/autofill`);
    expect(proposal.body.error).toBeNull();
    expect(proposal.body.status).toBe('done');
    expect(proposal.body.fields.inn).toBe('7707083893');
    expect(proposal.body.correspondent?.id).toBe(known.body.id);
    expect(proposal.body.fields.correspondent).not.toMatch(/Заречный/);
    // Each source box also comes as fractions of the page as supplied, for drawing over its preview:
    // the «О ремонте кровли…» line is drawn 640 pt above the bottom of an 842 pt page.
    const subject = (proposal.body.sources as Record<string, { page: number; rel: { x0: number; y0: number; x1: number; y1: number } | null } | null>).subject;
    expect(subject?.page).toBe(1);
    expect(subject?.rel?.x0).toBeCloseTo(60 / 595, 1);
    expect(subject?.rel?.y0).toBeGreaterThan((842 - 640 - 14) / 842);
    expect(subject?.rel?.y1).toBeLessThan((842 - 640 + 6) / 842);

    const fields = proposal.body.fields;
    // The clerk accepted the printed addressee («А. Н. Сергееву») as the staff member it names.
    const head = (await srv.rt.knex('staff').where({ last_name: 'Сергеев', first_name: 'Алексей' }).first('id', 'last_name', 'first_name', 'middle_name')) as { id: string; last_name: string; first_name: string; middle_name: string };
    const card = await clerk.post<{ id: string }>('/api/cards', {
      kind: 'incoming',
      register: true,
      autofillFileId: file.id,
      fileIds: [file.id],
      correspondentId: known.body.id,
      addressee: `${head.last_name} ${head.first_name} ${head.middle_name}`,
      addresseeStaffId: head.id,
      summary: typeof fields.subject === 'string' ? fields.subject : 'О ремонте кровли',
      outNumber: typeof fields.outNumber === 'string' ? fields.outNumber : '12-34/567',
      outDate: '2026-03-05',
    });
    expect(card.status).toBe(201);
    const metrics = await clerk.get<{ cards: number; fields: { field: string; total: number; correct: number }[]; overall: number | null; months: { month: string; cards: number; overall: number | null }[] }>('/api/autofill/metrics');
    expect(metrics.body.cards).toBe(1);
    // The month is the organisation's (today() is in its time zone), and one month holds the whole figure.
    expect(metrics.body.months).toEqual([{ month: today().slice(0, 7), cards: 1, overall: metrics.body.overall }]);
    const lastYear = await clerk.get<{ cards: number; months: unknown[] }>(`/api/autofill/metrics?from=2000-01-01&to=2000-12-31`);
    expect(lastYear.body).toMatchObject({ cards: 0, months: [] });
    expect(metrics.body.fields.find((f) => f.field === 'outNumber')?.total).toBe(1);
    expect(fields.addressee).toMatch(/Сергееву/);
    expect(metrics.body.fields.find((f) => f.field === 'addressee')).toMatchObject({ total: 1, correct: 1 });
    expect(metrics.body.overall).not.toBeNull();

    // The same letter scanned again is recognised as a duplicate of the registered card.
    const file2 = (await clerk.upload(await letter(), 'письмо-повторно.pdf')).body;
    await clerk.post(`/api/files/${file2.id}/autofill`, { langs: 'rus' });
    await worker.drain();
    const dup = await clerk.get<{ duplicateOf: { id: string; score: number } | null }>(`/api/files/${file2.id}/autofill`);
    expect(dup.body.duplicateOf?.id).toBe(card.body.id);
  });

  it('suggests executors learned from the organisation’s own resolutions, and abstains without history', async () => {
    const manager = await srv.login('manager');
    const executorStaff = ((await srv.rt.knex('users').where({ login: 'executor' }).first('staff_id')) as { staff_id: string }).staff_id;
    const corr = await clerk.post<{ id: string }>('/api/correspondents', { type: 'municipal', name: 'МУП «Горводоканал»' });
    const fresh = await clerk.post<{ id: string }>('/api/cards', { kind: 'incoming', register: true, summary: 'Об аварии на водопроводе', correspondentId: corr.body.id });
    const none = await manager.get<{ abstain: boolean; executors: unknown[] }>(`/api/cards/${fresh.body.id}/suggestions`);
    expect(none.body.abstain).toBe(true);
    for (const summary of ['Об аварии на водопроводе по ул. Мира', 'О ремонте водопровода на ул. Садовой', 'Об отключении водоснабжения', 'О замене водопроводных сетей']) {
      const c = await clerk.post<{ id: string }>('/api/cards', { kind: 'incoming', register: true, summary, correspondentId: corr.body.id });
      await manager.post(`/api/cards/${c.body.id}/resolutions`, { text: 'Организовать устранение аварии и доложить', assignments: [{ executorStaffId: executorStaff, deadlineIn: { days: 3, type: 'working' } }] });
    }
    await worker.drain();
    const model = await srv.rt.knex('executor_models').first('trained');
    expect(model?.trained).toBe(4);
    const next = await clerk.post<{ id: string }>('/api/cards', { kind: 'incoming', register: true, summary: 'Об аварии водопровода на ул. Лесной', correspondentId: corr.body.id });
    const s = await manager.get<{ abstain: boolean; executors: { staffId: string }[]; resolution: { text: string } | null }>(`/api/cards/${next.body.id}/suggestions`);
    expect(s.body.abstain).toBe(false);
    expect(s.body.executors[0]?.staffId).toBe(executorStaff);
    expect(s.body.resolution?.text).toBe('Организовать устранение аварии и доложить');

    // A model stored by an older version of the library is retrained from the resolutions, not an error.
    await srv.rt.knex('executor_models').update({ state: JSON.stringify({ version: 1, text: {}, byCorrespondent: {} }), updated_at: new Date() });
    const again = await manager.get<{ abstain: boolean; executors: { staffId: string }[] }>(`/api/cards/${next.body.id}/suggestions`);
    expect(again.body.executors[0]?.staffId).toBe(executorStaff);
    const c5 = await clerk.post<{ id: string }>('/api/cards', { kind: 'incoming', register: true, summary: 'О течи водопровода', correspondentId: corr.body.id });
    await manager.post(`/api/cards/${c5.body.id}/resolutions`, { text: 'Устранить течь', assignments: [{ executorStaffId: executorStaff, deadlineIn: { days: 3, type: 'working' } }] });
    await worker.drain();
    const relearned = (await srv.rt.knex('executor_models').first('trained', 'state')) as { trained: number; state: unknown };
    expect(relearned.trained).toBe(5);
    expect((typeof relearned.state === 'string' ? (JSON.parse(relearned.state) as { version: number }) : (relearned.state as { version: number })).version).toBe(2);

    // The executor goes on leave today: a colleague who has handled such letters is proposed first, while the
    // absence lasts; cancelled, the executor comes back.
    const colleague = ((await srv.rt.knex('users').where({ login: 'lawyer' }).first('staff_id')) as { staff_id: string }).staff_id;
    for (const summary of ['О порыве водопровода', 'Об аварии на водоводе']) {
      const c = await clerk.post<{ id: string }>('/api/cards', { kind: 'incoming', register: true, summary, correspondentId: corr.body.id });
      await manager.post(`/api/cards/${c.body.id}/resolutions`, { text: 'Устранить аварию', assignments: [{ executorStaffId: colleague, deadlineIn: { days: 3, type: 'working' } }] });
    }
    await worker.drain();
    const ranked = async () => (await manager.get<{ executors: { staffId: string }[] }>(`/api/cards/${next.body.id}/suggestions`)).body.executors.map((e) => e.staffId);
    expect((await ranked())[0]).toBe(executorStaff);
    const executor = await srv.login('executor');
    const leave = await executor.post<{ id: string }>('/api/absences', { deputyStaffId: colleague, startsOn: today(), endsOn: today(), reason: 'sick_leave' });
    expect(leave.status).toBe(201);
    expect((await ranked()).slice(0, 2)).toEqual([colleague, executorStaff]);
    await srv.rt.knex('absences').where({ id: leave.body.id }).update({ cancelled_at: new Date() });
    expect((await ranked())[0]).toBe(executorStaff);
  });

  it('refuses an invalid language list', async () => {
    const res = await clerk.post<{ code: string }>('/api/files/00000000-0000-4000-8000-000000000000/autofill', { langs: 'rus;rm -rf' });
    expect(res.body.code).toBe('VALIDATION_FAILED');
  });
});

describe('the receiving organisation as the extractor sees it', () => {
  it('lists its staff as surname and initials, its position and department titles, and its own contacts', async () => {
    const { recipientProfile } = await import('./recipientProfile.ts');
    const org = (await srv.rt.knex('users').where({ login: 'clerk' }).first('org_id')) as { org_id: string };
    const staff = (await srv.rt.knex('staff').where({ org_id: org.org_id }).first('last_name', 'first_name', 'middle_name')) as { last_name: string; first_name: string; middle_name: string | null };
    const profile = await recipientProfile(srv.rt.knex, org.org_id);
    expect(profile.staff).toContain(`${staff.last_name} ${staff.first_name[0]}.${staff.middle_name ? `${staff.middle_name[0]}.` : ''}`);
    const department = (await srv.rt.knex('departments').where({ org_id: org.org_id }).first('name')) as { name: string };
    expect(profile.titles).toContain(department.name);
    expect(profile.inn === null || /^\d{10}$/.test(profile.inn ?? '')).toBe(true);
  });

  it('knows the organisations that wrote recently, not the citizens', async () => {
    const { knownCorrespondents } = await import('./recipientProfile.ts');
    const company = await clerk.post<{ id: string }>('/api/correspondents', { type: 'municipal', name: 'МУП «Горэлектросеть»' });
    const citizen = await clerk.post<{ id: string }>('/api/correspondents', { type: 'citizen', name: 'Лебедева Анна Сергеевна' });
    for (const c of [company, citizen]) await clerk.post('/api/cards', { kind: 'incoming', register: true, summary: 'О подключении', correspondentId: c.body.id });
    const org = (await srv.rt.knex('users').where({ login: 'clerk' }).first('org_id')) as { org_id: string };
    const known = await knownCorrespondents(srv.rt.knex, org.org_id);
    expect(known).toContainEqual({ name: 'МУП «Горэлектросеть»', type: 'municipal' });
    expect(known.map((k) => k.name)).not.toContain('Лебедева Анна Сергеевна');
  });
});
