import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, usingPostgres, type TestClient, type TestServer } from '../../testing/testServer.ts';
import { today } from '../../records/today.ts';

let srv: TestServer;
let clerk: TestClient;
let admin: TestClient;

interface CardBody {
  id: string;
  status: string;
  regNumber: string | null;
  regDate: string | null;
  version: number;
  deadline: string | null;
  links: { type: string; direction: string; cardId: string }[];
  correspondent: { name: string } | null;
}
interface Problem {
  code: string;
  messages: { ru: string; en: string };
}

beforeAll(async () => {
  srv = await startTestServer();
  clerk = await srv.login('clerk');
  admin = await srv.login('admin');
});
afterAll(async () => srv?.close());

const year = today().slice(0, 4);

describe('registration cards', () => {
  it('registers an incoming letter with the next number of the journal and today’s date', async () => {
    const corr = await clerk.post<{ id: string }>('/api/correspondents', { type: 'company', name: 'ООО «Северный ветер»', inn: '7707083893', kpp: '773601001' });
    expect(corr.status).toBe(201);
    const a = await clerk.post<CardBody>('/api/cards', { kind: 'incoming', register: true, summary: 'О ремонте кровли', correspondentId: corr.body.id, outNumber: '01-08/1123', outDate: '2026-11-20', sheets: 2 });
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({ status: 'registered', regDate: today() });
    expect(a.body.correspondent?.name).toBe('ООО «Северный ветер»');
    const b = await clerk.post<CardBody>('/api/cards', { kind: 'incoming', register: true, summary: 'О вывозе мусора' });
    const seqA = Number(/Вх-(\d+)\//.exec(a.body.regNumber ?? '')?.[1]);
    expect(a.body.regNumber).toBe(`Вх-${seqA}/${year}`);
    expect(b.body.regNumber).toBe(`Вх-${seqA + 1}/${year}`);
  });

  it('keeps drafts unnumbered until registered; register needs If-Match', async () => {
    const draft = await clerk.post<CardBody>('/api/cards', { kind: 'outgoing', summary: 'Ответ на запрос' });
    expect(draft.body).toMatchObject({ status: 'draft', regNumber: null });
    expect((await clerk.post<Problem>(`/api/cards/${draft.body.id}/register`, {})).status).toBe(428);
    const reg = await clerk.post<CardBody>(`/api/cards/${draft.body.id}/register`, {}, { 'if-match': `"v${draft.body.version}"` });
    expect(reg.status).toBe(200);
    expect(reg.body.regNumber).toMatch(new RegExp(`^Исх-\\d+/${year}$`));
    const again = await clerk.post<Problem>(`/api/cards/${draft.body.id}/register`, {}, { 'if-match': `"v${reg.body.version}"` });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('CARD_TRANSITION_FORBIDDEN');
    expect(again.body.messages.ru).toMatch(/зарегистрирован/);
  });

  it('cancelling keeps the number with the reason; the number is never reused', async () => {
    const card = await clerk.post<CardBody>('/api/cards', { kind: 'internal', register: true, summary: 'Служебная записка' });
    const cancelled = await clerk.post<CardBody & { cancelReason: string }>(`/api/cards/${card.body.id}/cancel`, { reason: 'Зарегистрирована ошибочно' }, { 'if-match': `"v${card.body.version}"` });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', regNumber: card.body.regNumber, cancelReason: 'Зарегистрирована ошибочно' });
    const next = await clerk.post<CardBody>('/api/cards', { kind: 'internal', register: true, summary: 'Следующая' });
    expect(next.body.regNumber).not.toBe(card.body.regNumber);
  });

  it('validates per-kind fields against the JSON Schema an administrator edits', async () => {
    const bad = await clerk.post<Problem & { errors: { path: string }[] }>('/api/cards', { kind: 'appeal', register: true, summary: 'Жалоба', fields: { form: 'телепатическое', unknown: 1 } });
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('CARD_FIELDS_INVALID');
    expect(bad.body.errors.map((e) => e.path)).toEqual(expect.arrayContaining(['/body/fields/form', '/body/fields/unknown']));
    const ok = await clerk.post<CardBody>('/api/cards', { kind: 'appeal', register: true, summary: 'Жалоба на шум', fields: { form: 'письменное', citizenAddress: 'ул. Ленина, 1' } });
    expect(ok.status).toBe(201);
    // The administrator adds a required field without touching code.
    const kinds = await admin.get<{ items: { kind: string; schema: { properties: Record<string, unknown> }; version: number }[] }>('/api/card-kinds');
    const appeal = kinds.body.items.find((k) => k.kind === 'appeal');
    if (!appeal) throw new Error('appeal kind missing');
    const schema = { ...appeal.schema, properties: { ...appeal.schema.properties, district: { type: 'string', title: 'Район' } }, required: ['district'] };
    const put = await admin.request<{ version: number }>('PUT', '/api/card-kinds/appeal/schema', { schema }, { 'if-match': `"v${appeal.version}"` });
    expect(put.status).toBe(200);
    expect((await clerk.post<Problem>('/api/cards', { kind: 'appeal', summary: 'Без района', fields: {} })).body.code).toBe('CARD_FIELDS_INVALID');
    expect((await clerk.post('/api/cards', { kind: 'appeal', summary: 'С районом', fields: { district: 'Центральный' } })).status).toBe(201);
    const broken = await admin.request<Problem>('PUT', '/api/card-kinds/appeal/schema', { schema: { type: 'object', properties: { x: { type: 'nonsense' } } } }, { 'if-match': `"v${put.body.version}"` });
    expect(broken.body.code).toBe('SCHEMA_INVALID');
  });

  it('computes deadlines in working days across holidays', async () => {
    const card = await clerk.post<CardBody>('/api/cards', { kind: 'service_application', register: true, summary: 'Заявление о выдаче разрешения', deadlineIn: { days: 10, type: 'working' } });
    expect(card.body.deadline).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const check = await clerk.get<{ deadline: string }>('/api/calendar/deadline?from=2025-12-30&days=1&type=working');
    expect(check.body.deadline).toBe('2026-01-12');
    const cal = await clerk.get<{ deadline: string }>('/api/calendar/deadline?from=2025-12-02&days=30&type=calendar');
    expect(cal.body.deadline).toBe('2026-01-12');
  });

  it('links related cards both ways and records the history of changes', async () => {
    const first = await clerk.post<CardBody>('/api/cards', { kind: 'incoming', register: true, summary: 'Запрос информации' });
    const reply = await clerk.post<CardBody>('/api/cards', { kind: 'outgoing', register: true, summary: 'Ответ', links: [{ type: 'in_reply_to', cardId: first.body.id }] });
    expect(reply.body.links).toEqual([expect.objectContaining({ type: 'in_reply_to', direction: 'outgoing', cardId: first.body.id })]);
    const firstNow = await clerk.get<CardBody>(`/api/cards/${first.body.id}`);
    expect(firstNow.body.links).toEqual([expect.objectContaining({ type: 'in_reply_to', direction: 'incoming', cardId: reply.body.id })]);
    const edited = await clerk.patch<CardBody>(`/api/cards/${first.body.id}`, { summary: 'Запрос информации о кадровом составе' }, { 'if-match': firstNow.headers.get('etag') ?? '' });
    expect(edited.status).toBe(200);
    const stale = await clerk.patch<Problem>(`/api/cards/${first.body.id}`, { summary: 'Чужая правка' }, { 'if-match': firstNow.headers.get('etag') ?? '' });
    expect(stale.status).toBe(412);
    const history = await clerk.get<{ items: { action: string; actor: string; payload: { diff?: Record<string, { from: unknown; to: unknown }> } }[] }>(`/api/cards/${first.body.id}/history`);
    expect(history.body.items.map((h) => h.action)).toEqual(['card.registered', 'card.updated']);
    expect(history.body.items[1]?.payload.diff?.summary).toEqual({ from: 'Запрос информации', to: 'Запрос информации о кадровом составе' });
    expect(history.body.items[1]?.actor).toBe('clerk');
  });

  it('fills {dept} and {case} placeholders and refuses a card that lacks them', async () => {
    const journals = await admin.get<{ items: { id: string; kind: string }[] }>('/api/journals');
    const depts = await admin.get<{ items: { id: string; code: string }[] }>('/api/departments');
    const dept = depts.body.items.find((d) => d.code === '03');
    const journal = await admin.post<{ id: string }>('/api/journals', { kind: 'internal', name: 'Приказы по ЖКХ', prefix: 'П', numberTemplate: '{seq:3}-{dept}/{case}' });
    expect(journal.status).toBe(201);
    expect(journals.body.items.length).toBeGreaterThan(0);
    const ok = await clerk.post<CardBody>('/api/cards', { kind: 'internal', journalId: journal.body.id, register: true, summary: 'Приказ', departmentId: dept?.id, caseIndex: '03-01' });
    expect(ok.body.regNumber).toBe('001-03/03-01');
    const missing = await clerk.post<Problem>('/api/cards', { kind: 'internal', journalId: journal.body.id, register: true, summary: 'Без дела', departmentId: dept?.id });
    expect(missing.body.code).toBe('NUMBER_TEMPLATE_INVALID');
    const bad = await admin.post<Problem>('/api/journals', { kind: 'internal', name: 'Плохой', prefix: '', numberTemplate: '{nothing}' });
    expect(bad.status).toBe(422);
    // The refused registration gave its number back.
    const after = await clerk.post<CardBody>('/api/cards', { kind: 'internal', journalId: journal.body.id, register: true, summary: 'Приказ 2', departmentId: dept?.id, caseIndex: '03-02' });
    expect(after.body.regNumber).toBe('002-03/03-02');
  });

  it('the registering clerk may not register into a journal of another kind', async () => {
    const journals = await admin.get<{ items: { id: string; kind: string }[] }>('/api/journals');
    const outgoing = journals.body.items.find((j) => j.kind === 'outgoing');
    const res = await clerk.post<Problem>('/api/cards', { kind: 'incoming', journalId: outgoing?.id, register: true, summary: 'x' });
    expect(res.body.code).toBe('JOURNAL_NOT_FOUND');
  });
});

describe('correspondents registry', () => {
  it('refuses bad checksums and returns the existing record for the same INN', async () => {
    const bad = await clerk.post<Problem>('/api/correspondents', { type: 'company', name: 'ООО «Ошибка»', inn: '7707083894' });
    expect(bad.status).toBe(400);
    expect(bad.body.messages.ru).toMatch(/ИНН/);
    const first = await clerk.post<{ id: string }>('/api/correspondents', { type: 'company', name: 'АО «Водоканал»', inn: '6639002098' });
    const again = await clerk.post<{ id: string }>('/api/correspondents', { type: 'company', name: 'Водоканал АО', inn: '6639002098' });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
  });

  it('searches by fragment, by INN, and tolerates typos', async () => {
    for (const name of ['МУП «Городские тепловые сети»', 'ГБУЗ «Центральная городская больница»', 'Министерство строительства и развития инфраструктуры']) {
      await clerk.post('/api/correspondents', { type: 'government', name });
    }
    const byFragment = await clerk.get<{ items: { name: string }[] }>(`/api/correspondents?q=${encodeURIComponent('тепловые')}`);
    expect(byFragment.body.items.map((c) => c.name)).toContain('МУП «Городские тепловые сети»');
    const byInn = await clerk.get<{ items: { name: string }[] }>('/api/correspondents?q=6639002098');
    expect(byInn.body.items.map((c) => c.name)).toEqual(['АО «Водоканал»']);
    const typo = await clerk.get<{ items: { name: string }[] }>(`/api/correspondents?q=${encodeURIComponent('Министерство строитльства')}`);
    expect(typo.body.items[0]?.name).toBe('Министерство строительства и развития инфраструктуры');
    await clerk.post('/api/correspondents', { type: 'citizen', name: 'Фёдоров Семён Петрович' });
    const yo = await clerk.get<{ items: { name: string }[] }>(`/api/correspondents?q=${encodeURIComponent('федоров семен')}`);
    expect(yo.body.items.map((c) => c.name)).toContain('Фёдоров Семён Петрович');
    const oneWordTypo = await clerk.get<{ items: { name: string }[] }>(`/api/correspondents?q=${encodeURIComponent('тепловыее')}`);
    expect(oneWordTypo.body.items.map((c) => c.name)).toContain('МУП «Городские тепловые сети»');
    // One wrong letter in a short word scores below pg_trgm's default threshold against the whole name.
    const substituted = await clerk.get<{ items: { name: string }[] }>(`/api/correspondents?q=${encodeURIComponent('водоконал')}`);
    expect(substituted.body.items.map((c) => c.name)).toEqual(['АО «Водоканал»']);
    const twoWords = await clerk.get<{ items: { name: string }[] }>(`/api/correspondents?q=${encodeURIComponent('городская больнеца')}`);
    expect(twoWords.body.items.map((c) => c.name)).toEqual(['ГБУЗ «Центральная городская больница»']);
    const nothingClose = await clerk.get<{ items: unknown[] }>(`/api/correspondents?q=${encodeURIComponent('ъъъыыы')}`);
    expect(nothingClose.body.items).toEqual([]);
  });
});

describe.skipIf(!usingPostgres())('numbering under concurrency (PostgreSQL)', () => {
  it('200 concurrent registrations into one journal, some forced to fail: no duplicates, no gaps', async () => {
    const knex = srv.rt.knex;
    // Fault injection: a card whose summary says FAIL is refused by the database after it got its number.
    await knex.raw(`CREATE FUNCTION fail_marked_cards() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.summary LIKE 'FAIL%' AND NEW.reg_seq IS NOT NULL THEN RAISE EXCEPTION 'forced failure'; END IF; RETURN NEW; END $$`);
    await knex.raw(`CREATE TRIGGER fail_marked_cards BEFORE INSERT OR UPDATE ON cards FOR EACH ROW EXECUTE FUNCTION fail_marked_cards()`);
    try {
      const journal = await admin.post<{ id: string }>('/api/journals', { kind: 'incoming', name: 'Нагрузочный', prefix: 'Н', numberTemplate: '{prefix}-{seq}' });
      const clients = await Promise.all(Array.from({ length: 8 }, () => srv.login('clerk')));
      const results = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          (clients[i % clients.length] as TestClient).post<CardBody>('/api/cards', { kind: 'incoming', journalId: journal.body.id, register: true, summary: i % 7 === 0 ? `FAIL ${i}` : `Письмо ${i}` }),
        ),
      );
      const failed = results.filter((r) => r.status !== 201);
      const ok = results.filter((r) => r.status === 201);
      expect(failed.length).toBe(Math.ceil(200 / 7));
      expect(failed.every((r) => r.status === 500)).toBe(true);
      const seqs = ok.map((r) => Number(r.body.regNumber?.split('-')[1])).sort((a, b) => a - b);
      expect(seqs).toEqual(Array.from({ length: ok.length }, (_, i) => i + 1));
      const rows = (await knex('cards').where({ journal_id: journal.body.id }).count('* as n').first()) as { n: number };
      expect(rows.n).toBe(ok.length);
    } finally {
      await knex.raw('DROP TRIGGER fail_marked_cards ON cards');
      await knex.raw('DROP FUNCTION fail_marked_cards()');
    }
  }, 180_000);
});

describe('access marks', () => {
  it('a ДСП card is invisible to staff not working on it, visible to the office and its executor', async () => {
    const card = await clerk.post<CardBody>('/api/cards', { kind: 'incoming', register: true, summary: 'О мобилизационном плане', accessMark: 'ДСП' });
    const lawyer = await srv.login('lawyer');
    expect((await lawyer.get(`/api/cards/${card.body.id}`)).status).toBe(404);
    expect((await lawyer.get<{ items: { id: string }[] }>('/api/cards?limit=200')).body.items.map((c) => c.id)).not.toContain(card.body.id);
    expect((await clerk.get(`/api/cards/${card.body.id}`)).status).toBe(200);
    const lawyerStaff = ((await srv.rt.knex('users').where({ login: 'lawyer' }).first('staff_id')) as { staff_id: string }).staff_id;
    const manager = await srv.login('manager');
    await manager.post(`/api/cards/${card.body.id}/resolutions`, { text: 'Дать заключение', assignments: [{ executorStaffId: lawyerStaff }] });
    expect((await lawyer.get(`/api/cards/${card.body.id}`)).status).toBe(200);
  });

  it("a ДСП card's files are as invisible as the card, unless another visible card holds the same file", async () => {
    const upload = await clerk.upload(new TextEncoder().encode('План эвакуации, для служебного пользования'), 'план.txt');
    const fileId = upload.body.id;
    const card = await clerk.post<CardBody>('/api/cards', { kind: 'incoming', register: true, summary: 'О плане эвакуации', accessMark: 'ДСП', fileIds: [fileId] });
    expect(card.status).toBe(201);
    const lawyer = await srv.login('lawyer');
    for (const path of ['', '/content', '/text']) expect((await lawyer.get(`/api/files/${fileId}${path}`)).status).toBe(404);
    expect((await clerk.get(`/api/files/${fileId}/content`)).status).toBe(200);
    await clerk.post<CardBody>('/api/cards', { kind: 'incoming', register: true, summary: 'Сопроводительное письмо', fileIds: [fileId] });
    expect((await lawyer.get(`/api/files/${fileId}/content`)).status).toBe(200);
  });
});

describe('registration number in the audit chain', () => {
  it('is recorded as the entry label and a changed number breaks the chain', async () => {
    const card = await clerk.post<CardBody>('/api/cards', { kind: 'incoming', register: true, summary: 'Проверка цепочки' });
    const history = await clerk.get<{ items: { action: string; label: string | null }[] }>(`/api/cards/${card.body.id}/history`);
    expect(history.body.items.find((h) => h.action === 'card.registered')?.label).toBe(card.body.regNumber);
    const { verifyAudit } = await import('../../audit/verifyAudit.ts');
    expect((await verifyAudit(srv.rt.knex)).ok).toBe(true);
    await srv.rt.knex.raw('ALTER TABLE audit_log DISABLE TRIGGER USER');
    try {
      await srv.rt.knex('audit_log').where({ object_id: card.body.id, action: 'card.registered' }).update({ label: 'Вх-1/1999' });
    } finally {
      await srv.rt.knex.raw('ALTER TABLE audit_log ENABLE TRIGGER USER');
    }
    const result = await verifyAudit(srv.rt.knex);
    expect(result.ok).toBe(false);
    expect(result.problems[0]?.kind).toBe('hash_mismatch');
    // Put it back so that later tests see an intact chain.
    await srv.rt.knex.raw('ALTER TABLE audit_log DISABLE TRIGGER USER');
    await srv.rt.knex('audit_log').where({ object_id: card.body.id, action: 'card.registered' }).update({ label: card.body.regNumber });
    await srv.rt.knex.raw('ALTER TABLE audit_log ENABLE TRIGGER USER');
    expect((await verifyAudit(srv.rt.knex)).ok).toBe(true);
  });
});
