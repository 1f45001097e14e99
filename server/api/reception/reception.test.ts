import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { checkPdfa } from '../../../archive/index.ts';
import { startTestServer, TEST_PASSWORD, type TestClient, type TestServer } from '../../testing/testServer.ts';
import { createOtherOrganisation } from '../../testing/otherOrganisation.ts';
import { RECEPTION_ACTOR } from '../../reception/receptionActor.ts';
import { extractText } from '../../files/extractText.ts';
import { gatherCard } from '../../archive/packages/gatherCard.ts';
import { createHash } from 'node:crypto';

const SLUG = 'zarechny';
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

interface Problem {
  code: string;
  messages: { ru: string; en: string };
  errors?: { path: string }[];
}
interface Submitted {
  regNumber: string;
  regDate: string;
  deadline: string;
  statusCode: string;
  receipt: { name: string; size: number; sha256: string };
}

async function letterPdf(text: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.addPage([595, 842]);
  pdf.setTitle(text);
  return pdf.save();
}

const citizen = {
  lastName: 'Соколова',
  firstName: 'Анна',
  middleName: 'Игоревна',
  email: 'sokolova@example.ru',
  postalAddress: 'г. Заречный, ул. Лесная, д. 5, кв. 12',
  text: 'Прошу отремонтировать освещение во дворе дома № 5 по улице Лесной: фонари не горят с октября.',
  consent: true,
};

async function send(srv: TestServer, slug: string, appeal: unknown, files: { bytes: Uint8Array; name: string }[] = []): Promise<{ status: number; body: unknown; headers: Headers }> {
  const form = new FormData();
  if (appeal !== undefined) form.append('appeal', typeof appeal === 'string' ? appeal : JSON.stringify(appeal));
  for (const f of files) form.append('files', new Blob([new Uint8Array(f.bytes)]), f.name);
  const res = await fetch(`${srv.url}/api/public/reception/${slug}/appeals`, { method: 'POST', body: form });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null, headers: res.headers };
}

async function postJson(srv: TestServer, path: string, body: unknown): Promise<Response> {
  return fetch(`${srv.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

async function configure(admin: TestClient, body: Record<string, unknown>): Promise<{ status: number; body: unknown }> {
  const current = await admin.get<{ version: number }>('/api/org/reception');
  return admin.request('PUT', '/api/org/reception', body, { 'if-match': `"v${current.body.version}"` });
}

let srv: TestServer;
let admin: TestClient;
let clerk: TestClient;
let appealJournalId: string;
let incomingJournalId: string;
let addresseeId: string;
let settingsBody: Record<string, unknown>;

beforeAll(async () => {
  srv = await startTestServer({ env: { RECEPTION_SUBMISSIONS_PER_HOUR: '1000', RECEPTION_WRONG_CODES_PER_HOUR: '1000' } });
  admin = await srv.login('admin');
  clerk = await srv.login('clerk');
  const journals = await admin.get<{ items: { id: string; kind: string }[] }>('/api/journals');
  appealJournalId = journals.body.items.find((j) => j.kind === 'appeal')?.id ?? '';
  incomingJournalId = journals.body.items.find((j) => j.kind === 'incoming')?.id ?? '';
  const staff = await admin.get<{ items: { id: string }[] }>('/api/staff?q=Сергеев');
  addresseeId = staff.body.items[0]?.id ?? '';
  settingsBody = { enabled: true, slug: SLUG, journalId: appealJournalId, addresseeStaffId: addresseeId, allowedTypes: ['pdf', 'jpeg', 'png', 'tiff', 'docx', 'odt'], maxFiles: 5, maxFileBytes: 10 * 1024 * 1024 };
});
afterAll(async () => srv?.close());

describe('reception settings', () => {
  it('start unsaved with the defaults, are saved with If-Match "v0", and every save is audited', async () => {
    const before = await admin.get<{ version: number; enabled: boolean; allowedTypes: string[]; maxFiles: number; maxFileBytes: number }>('/api/org/reception');
    expect(before.body).toMatchObject({ version: 0, enabled: false, maxFiles: 5, maxFileBytes: 10 * 1024 * 1024 });
    expect(before.body.allowedTypes).toEqual(['pdf', 'jpeg', 'png', 'tiff', 'docx', 'odt']);
    expect((await admin.request('PUT', '/api/org/reception', settingsBody)).status).toBe(428);
    const saved = await admin.request<{ version: number; slug: string }>('PUT', '/api/org/reception', settingsBody, { 'if-match': '"v0"' });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ version: 1, slug: SLUG });
    expect(saved.headers.get('etag')).toBe('"v1"');
    const stale = await admin.request<Problem>('PUT', '/api/org/reception', settingsBody, { 'if-match': '"v0"' });
    expect(stale.status).toBe(412);
    const audit = await admin.get<{ items: { action: string; actor: { login: string } | null; payload: { to: { slug: string } } }[] }>('/api/audit?action=reception.settings_updated');
    expect(audit.body.items[0]).toMatchObject({ actor: { login: 'admin' }, payload: { to: { slug: SLUG } } });
  });

  it('refuse to enable without an active appeal journal, a journal of another kind, a bad slug, and a clerk', async () => {
    const noJournal = await configure(admin, { ...settingsBody, journalId: null });
    expect((noJournal.body as Problem).code).toBe('RECEPTION_NOT_CONFIGURED');
    const wrongKind = await configure(admin, { ...settingsBody, journalId: incomingJournalId });
    expect((wrongKind.body as Problem).code).toBe('RECEPTION_NOT_CONFIGURED');
    const badSlug = await configure(admin, { ...settingsBody, slug: 'Заречный!' });
    expect(badSlug.status).toBe(400);
    const tooManyFiles = await configure(admin, { ...settingsBody, maxFiles: 500 });
    expect(tooManyFiles.status).toBe(400);
    const asClerk = await clerk.request<Problem>('PUT', '/api/org/reception', settingsBody, { 'if-match': '"v1"' });
    expect(asClerk.status).toBe(403);
  });
});

describe('public form', () => {
  it('describes the organisation and the limits without a session', async () => {
    const res = await fetch(`${srv.url}/api/public/reception/${SLUG}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { organisation: { name: string }; enabled: boolean; limits: { maxFiles: number; allowedTypes: { type: string; mime: string }[] }; answerDays: number };
    expect(body.organisation.name).toContain('Заречный');
    expect(body.enabled).toBe(true);
    expect(body.limits.maxFiles).toBe(5);
    expect(body.limits.allowedTypes.map((t) => t.type)).toContain('pdf');
    expect(body.answerDays).toBe(30);
  });

  it('answers 404 RECEPTION_NOT_FOUND for an unknown slug and for a malformed one', async () => {
    for (const slug of ['no-such-org', 'A', '..%2F..']) {
      const res = await fetch(`${srv.url}/api/public/reception/${slug}`);
      expect(res.status).toBe(404);
      expect(((await res.json()) as Problem).code).toBe('RECEPTION_NOT_FOUND');
    }
    expect((await send(srv, 'no-such-org', citizen)).status).toBe(404);
  });
});

describe('sending an appeal', () => {
  let submitted: Submitted;
  let attachment: Uint8Array;

  it('registers an appeal card in the reception journal with a 30-day deadline, files, the citizen and a receipt', async () => {
    attachment = await letterPdf('Фото двора');
    const res = await send(srv, SLUG, { ...citizen, appealType: 'заявление' }, [
      { bytes: attachment, name: 'схема двора.pdf' },
      { bytes: PNG, name: 'фото.png' },
    ]);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    submitted = res.body as Submitted;
    expect(submitted.regNumber).toMatch(/^ОГ-\d+\/\d{4}$/);
    expect(submitted.statusCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const expected = await admin.get<{ deadline: string }>(`/api/calendar/deadline?from=${submitted.regDate}&days=30&type=calendar`);
    expect(submitted.deadline).toBe(expected.body.deadline);

    const list = await clerk.get<{ items: { id: string; regNumber: string }[] }>('/api/cards?kind=appeal');
    const found = list.body.items.find((c) => c.regNumber === submitted.regNumber);
    expect(found).toBeTruthy();
    const card = await clerk.get<{
      id: string; kind: string; status: string; journalId: string; deliveryMethod: string; addresseeStaffId: string; deadline: string; onControl: boolean;
      fields: Record<string, unknown>; correspondent: { name: string; type: string }; files: { name: string; mime: string; sha256: string; role: string }[];
    }>(`/api/cards/${found?.id ?? ''}`);
    expect(card.body).toMatchObject({
      kind: 'appeal', status: 'registered', journalId: appealJournalId, deliveryMethod: 'интернет-приёмная', addresseeStaffId: addresseeId, deadline: submitted.deadline, onControl: true,
      fields: { form: 'электронное', citizenEmail: citizen.email, citizenAddress: citizen.postalAddress, appealType: 'заявление' },
      correspondent: { name: 'Соколова Анна Игоревна', type: 'citizen' },
    });
    const files = card.body.files;
    expect(files.map((f) => f.mime)).toEqual(['application/pdf', 'application/pdf', 'image/png', 'application/pdf']);
    expect(files[0]?.name).toBe('Обращение Соколова Анна Игоревна.pdf');
    expect(files[0]?.role).toBe('main');
    expect(files[3]?.sha256).toBe(submitted.receipt.sha256);

    // The appeal text itself is kept as a PDF/A document, and the receipt passes our validator.
    for (const f of [files[0], files[3]]) {
      const bytes = new Uint8Array(await (await fetch(`${srv.url}/api/files/${(await fileId(card.body.id, f?.sha256 ?? ''))}/content`, { headers: { cookie: cookieOf(clerk) } })).arrayBuffer());
      expect(checkPdfa(bytes).conformant).toBe(true);
    }
  });

  it('puts the appeal, its attachments and the receipt into the card’s archival package', async () => {
    const cardId = await cardIdOf(submitted.regNumber);
    const orgId = ((await srv.rt.knex('cards').where({ id: cardId }).first('org_id')) as { org_id: string }).org_id;
    const gathered = await gatherCard(srv.rt.knex, srv.rt.blobs, { orgId, cardId, ocflId: `urn:kartoteka:card:${cardId}`, created: new Date(), renditions: { ocr: false } });
    const digests = gathered.input.originals.map((f) => createHash('sha256').update(f.bytes).digest('hex'));
    expect(digests).toContain(submitted.receipt.sha256);
    expect(digests).toContain(createHash('sha256').update(attachment).digest('hex'));
    expect(gathered.input.originals).toHaveLength(4);
  });

  it('writes the audit entries as the internet reception, not as any user, and queues the search entry', async () => {
    const cardId = await cardIdOf(submitted.regNumber);
    const rows = (await srv.rt.knex('audit_log').where({ object_type: 'card', object_id: cardId }).orderBy('seq').select('actor_id', 'actor_login', 'action', 'label')) as { actor_id: string | null; actor_login: string; action: string; label: string | null }[];
    expect(rows.map((r) => r.action)).toEqual(['card.registered', 'appeal.receipt_issued']);
    for (const r of rows) expect(r).toMatchObject({ actor_id: null, actor_login: RECEPTION_ACTOR.login });
    expect(rows[0]?.label).toBe(submitted.regNumber);
    const correspondent = await srv.rt.knex('audit_log').where({ action: 'correspondent.created', actor_login: RECEPTION_ACTOR.login }).first('id');
    expect(correspondent).toBeTruthy();
    const job = await srv.rt.knex('jobs').where({ kind: 'search.index_card', dedupe_key: cardId }).first('id');
    expect(job).toBeTruthy();
    const api = await admin.get<{ items: { actor: { id: string | null; login: string } | null }[] }>(`/api/audit?objectType=card&objectId=${cardId}`);
    expect(api.body.items[0]?.actor).toEqual({ id: null, login: RECEPTION_ACTOR.login });
    const verified = await admin.get<{ ok: boolean }>('/api/audit/verify');
    expect(verified.body.ok).toBe(true);
  });

  it('gives the receipt back for the number and the code, and refuses a wrong code', async () => {
    const res = await postJson(srv, `/api/public/reception/${SLUG}/receipt`, { number: submitted.regNumber, code: submitted.statusCode.toLowerCase() });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toContain('attachment');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(bytes.length).toBe(submitted.receipt.size);
    expect(checkPdfa(bytes).conformant).toBe(true);
    // What the receipt says: the number, the deadline, the citizen, the first words, each file with its SHA-256, the code.
    const text = (await extractText(bytes, 'application/pdf')).text.replace(/\s+/g, ' ');
    const [d, m, y] = [submitted.deadline.slice(8, 10), submitted.deadline.slice(5, 7), submitted.deadline.slice(0, 4)];
    for (const expected of [submitted.regNumber, `до ${d}.${m}.${y}`, 'Соколова Анна Игоревна', 'Прошу отремонтировать освещение', createHash('sha256').update(attachment).digest('hex'), createHash('sha256').update(PNG).digest('hex'), submitted.statusCode, 'Администрация городского округа Заречный']) {
      expect(text).toContain(expected);
    }
    const wrong = await postJson(srv, `/api/public/reception/${SLUG}/receipt`, { number: submitted.regNumber, code: 'AAAA-BBBB-CCCC' });
    expect(wrong.status).toBe(404);
  });

  it('issues the receipt on the citizen’s download when the step after the registration did not', async () => {
    const res = await send(srv, SLUG, { ...citizen, text: 'Прошу убрать сухое дерево у дома № 7 по улице Лесной.' });
    expect(res.status).toBe(201);
    const sent = res.body as Submitted;
    const cardId = await cardIdOf(sent.regNumber);
    // As if the receipt step had failed after the registration committed: no receipt recorded for the card.
    const receiptFile = ((await srv.rt.knex('reception_appeals').where({ card_id: cardId }).first('receipt_file_id')) as { receipt_file_id: string }).receipt_file_id;
    await srv.rt.knex('card_files').where({ card_id: cardId, file_id: receiptFile }).delete();
    await srv.rt.knex('reception_appeals').where({ card_id: cardId }).update({ receipt_file_id: null });
    const download = await postJson(srv, `/api/public/reception/${SLUG}/receipt`, { number: sent.regNumber, code: sent.statusCode.replaceAll('-', ' ') });
    expect(download.status).toBe(200);
    const bytes = new Uint8Array(await download.arrayBuffer());
    expect(checkPdfa(bytes).conformant).toBe(true);
    expect((await extractText(bytes, 'application/pdf')).text).toContain(sent.statusCode);
    const row = (await srv.rt.knex('reception_appeals').where({ card_id: cardId }).first('receipt_file_id')) as { receipt_file_id: string | null };
    expect(row.receipt_file_id).not.toBeNull();
    expect(await srv.rt.knex('card_files').where({ card_id: cardId, file_id: row.receipt_file_id }).first('file_id')).toBeTruthy();
  });

  it('shows the status by number and code only: registered, then in work', async () => {
    const ok = await postJson(srv, `/api/public/reception/${SLUG}/status`, { number: submitted.regNumber, code: submitted.statusCode });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ regNumber: submitted.regNumber, regDate: submitted.regDate, status: 'registered', deadline: submitted.deadline, extended: false, answeredOn: null, forwarding: null });
    for (const body of [{ number: submitted.regNumber, code: 'WRON-GCOD-E234' }, { number: 'ОГ-999/2026', code: submitted.statusCode }]) {
      const res = await postJson(srv, `/api/public/reception/${SLUG}/status`, body);
      expect(res.status).toBe(404);
      expect(((await res.json()) as Problem).code).toBe('RECEPTION_STATUS_NOT_FOUND');
    }
    const numberOnly = await postJson(srv, `/api/public/reception/${SLUG}/status`, { number: submitted.regNumber });
    expect(numberOnly.status).toBe(400);

    const manager = await srv.login('manager');
    const cardId = await cardIdOf(submitted.regNumber);
    const executorStaff = await admin.get<{ items: { id: string }[] }>('/api/staff?q=Кузнецова');
    const resolution = await manager.post(`/api/cards/${cardId}/resolutions`, { text: 'Рассмотреть и ответить заявителю', assignments: [{ executorStaffId: executorStaff.body.items[0]?.id }] });
    expect(resolution.status).toBe(201);
    const inWork = await postJson(srv, `/api/public/reception/${SLUG}/status`, { number: submitted.regNumber, code: submitted.statusCode });
    const view = (await inWork.json()) as Record<string, unknown>;
    expect(view.status).toBe('in_work');
    expect(Object.keys(view).sort()).toEqual(['answeredOn', 'deadline', 'extended', 'forwarding', 'regDate', 'regNumber', 'status']);

    // The executor reports, the controller accepts: the card is executed, the citizen reads «answered» and the day.
    const assignmentId = ((await srv.rt.knex('assignments').where({ card_id: cardId }).first('id')) as { id: string }).id;
    const executor = await srv.login('executor');
    const reported = await executor.post(`/api/assignments/${assignmentId}/report`, { text: 'Ответ направлен заявителю' });
    expect(reported.status, JSON.stringify(reported.body)).toBe(200);
    const assignment = await manager.get<{ status: string }>(`/api/assignments/${assignmentId}`);
    if (assignment.body.status === 'reported') expect((await manager.post(`/api/assignments/${assignmentId}/accept`, {})).status).toBe(200);
    const answered = (await (await postJson(srv, `/api/public/reception/${SLUG}/status`, { number: submitted.regNumber, code: submitted.statusCode })).json()) as { status: string; answeredOn: string | null };
    expect(answered.status).toBe('answered');
    expect(answered.answeredOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('refuses every invalid submission with its own problem code, in Russian and English', async () => {
    const cases: [unknown, { bytes: Uint8Array; name: string }[], number, string, string?][] = [
      [undefined, [], 400, 'VALIDATION_FAILED', '/body/appeal'],
      ['{not json', [], 400, 'MALFORMED_JSON'],
      [{ ...citizen, lastName: '' }, [], 400, 'VALIDATION_FAILED', '/body/lastName'],
      [{ ...citizen, firstName: '   ' }, [], 400, 'VALIDATION_FAILED', '/body/firstName'],
      [{ ...citizen, email: 'not-an-address' }, [], 400, 'VALIDATION_FAILED', '/body/email'],
      [{ ...citizen, text: 'Кратко' }, [], 400, 'VALIDATION_FAILED', '/body/text'],
      [{ ...citizen, unexpected: 1 }, [], 400, 'VALIDATION_FAILED'],
      [{ ...citizen, consent: false }, [], 422, 'RECEPTION_CONSENT_REQUIRED', '/body/consent'],
      [{ ...citizen, email: '', postalAddress: ' ' }, [], 422, 'RECEPTION_CONTACT_REQUIRED', '/body/email'],
      [{ ...citizen, website: 'http://spam.example' }, [], 400, 'RECEPTION_REJECTED'],
      [citizen, [{ bytes: new TextEncoder().encode('MZ this is not a PDF at all, whatever the name says'), name: 'договор.pdf' }], 415, 'RECEPTION_FILE_TYPE', '/body/files'],
      [citizen, Array.from({ length: 6 }, (_, i) => ({ bytes: PNG, name: `фото${i}.png` })), 413, 'RECEPTION_TOO_MANY_FILES'],
    ];
    const before = await srv.rt.knex('cards').where({ kind: 'appeal' }).count<{ count: string | number }[]>('id as count');
    for (const [appeal, files, status, code, path] of cases) {
      const res = await send(srv, SLUG, appeal, files);
      const problem = res.body as Problem;
      expect(res.status, `${code} ${JSON.stringify(problem)}`).toBe(status);
      expect(problem.code).toBe(code);
      expect(problem.messages.ru).toMatch(/[а-яё]/i);
      expect(problem.messages.en).toMatch(/[a-z]/);
      if (path) expect(problem.errors?.map((e) => e.path)).toContain(path);
    }
    const notMultipart = await postJson(srv, `/api/public/reception/${SLUG}/appeals`, citizen);
    expect(notMultipart.status).toBe(415);
    const after = await srv.rt.knex('cards').where({ kind: 'appeal' }).count<{ count: string | number }[]>('id as count');
    expect(Number(after[0]?.count)).toBe(Number(before[0]?.count));
  });

  it('refuses an appeal sent before its files without storing any of them', async () => {
    const unique = await letterPdf(`Фото ${Math.random()}`);
    const sha = createHash('sha256').update(unique).digest('hex');
    const res = await send(srv, SLUG, { ...citizen, consent: false }, [{ bytes: unique, name: 'фото.pdf' }]);
    expect((res.body as Problem).code).toBe('RECEPTION_CONSENT_REQUIRED');
    expect(await srv.rt.blobs.stat(sha)).toBeNull();
  });

  it('cuts a file off at the size limit', async () => {
    expect((await configure(admin, { ...settingsBody, maxFileBytes: 64 * 1024 })).status).toBe(200);
    const big = new Uint8Array(80 * 1024);
    big.set(PNG);
    const res = await send(srv, SLUG, citizen, [{ bytes: big, name: 'большое.png' }]);
    expect(res.status).toBe(413);
    expect((res.body as Problem).code).toBe('RECEPTION_FILE_TOO_LARGE');
    expect((await configure(admin, settingsBody)).status).toBe(200);
  });

  it('a disabled reception still describes itself but accepts nothing', async () => {
    expect((await configure(admin, { ...settingsBody, enabled: false })).status).toBe(200);
    const form = (await (await fetch(`${srv.url}/api/public/reception/${SLUG}`)).json()) as { enabled: boolean };
    expect(form.enabled).toBe(false);
    const res = await send(srv, SLUG, citizen);
    expect(res.status).toBe(403);
    expect((res.body as Problem).code).toBe('RECEPTION_DISABLED');
    // A status check still works: citizens keep following appeals sent before.
    const status = await postJson(srv, `/api/public/reception/${SLUG}/status`, { number: submitted.regNumber, code: submitted.statusCode });
    expect(status.status).toBe(200);
    expect((await configure(admin, settingsBody)).status).toBe(200);
  });

  it('another organisation’s reception reveals nothing of this one', async () => {
    const other = await createOtherOrganisation(srv.rt.knex, srv.rt.blobs, TEST_PASSWORD, 'rcp');
    const otherAdmin = await srv.login(other.login);
    const [journal] = (await srv.rt.knex('journals').insert({ org_id: other.orgId, kind: 'appeal', name: 'Обращения', prefix: 'ОГ', number_template: '{prefix}-{seq}/{year}' }).returning('id')) as { id: string }[];
    const taken = await otherAdmin.request<Problem>('PUT', '/api/org/reception', { ...settingsBody, journalId: journal?.id, addresseeStaffId: null }, { 'if-match': '"v0"' });
    expect(taken.body.code).toBe('RECEPTION_SLUG_TAKEN');
    // This organisation's journal and staff are not found from the other one.
    const foreign = await otherAdmin.request('PUT', '/api/org/reception', { ...settingsBody, slug: 'berezovka' }, { 'if-match': '"v0"' });
    expect(foreign.status).toBe(404);
    const saved = await otherAdmin.request('PUT', '/api/org/reception', { ...settingsBody, slug: 'berezovka', journalId: journal?.id, addresseeStaffId: null }, { 'if-match': '"v0"' });
    expect(saved.status).toBe(200);
    const form = (await (await fetch(`${srv.url}/api/public/reception/berezovka`)).json()) as { organisation: { name: string } };
    expect(form.organisation.name).toContain('Березовка');
    for (const path of ['status', 'receipt']) {
      const res = await postJson(srv, `/api/public/reception/berezovka/${path}`, { number: submitted.regNumber, code: submitted.statusCode });
      expect(res.status).toBe(404);
    }
    // Its own appeal gets its own numbering, and its card stays invisible to this organisation.
    const own = await send(srv, 'berezovka', citizen);
    expect(own.status).toBe(201);
    const ownCard = await srv.rt.knex('cards').where({ org_id: other.orgId, kind: 'appeal' }).first('id');
    expect((await clerk.get(`/api/cards/${String(ownCard?.id)}`)).status).toBe(404);
    expect((await clerk.get(`/api/cards/${String(ownCard?.id)}/registration-receipt.pdf`)).status).toBe(404);
  });

  async function cardIdOf(regNumber: string): Promise<string> {
    const row = (await srv.rt.knex('cards').where({ reg_number: regNumber, kind: 'appeal' }).first('id')) as { id: string };
    return row.id;
  }
  async function fileId(cardId: string, sha256: string): Promise<string> {
    const row = (await srv.rt.knex('card_files as cf').join('files as f', 'f.id', 'cf.file_id').where({ 'cf.card_id': cardId, 'f.sha256': sha256 }).first('f.id')) as { id: string };
    return row.id;
  }
});

describe('registration receipt for staff', () => {
  it('prints a PDF/A notice for an appeal registered by a clerk, and refuses other kinds', async () => {
    const registered = await clerk.post<{ id: string; regNumber: string }>('/api/cards', {
      kind: 'appeal', register: true, summary: 'О вывозе мусора', deliveryMethod: 'почта', fields: { form: 'письменное', citizenAddress: 'г. Заречный, ул. Новая, 1' }, deadlineIn: { days: 30, type: 'calendar' },
    });
    expect(registered.status).toBe(201);
    const res = await fetch(`${srv.url}/api/cards/${registered.body.id}/registration-receipt.pdf`, { headers: { cookie: cookieOf(clerk) } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(checkPdfa(new Uint8Array(await res.arrayBuffer())).conformant).toBe(true);

    // The clerk hands the citizen a status code: a new receipt printing it, stored with the card, opens the status.
    const issue = async () => {
      const res = await fetch(`${srv.url}/api/cards/${registered.body.id}/status-code`, { method: 'POST', headers: { cookie: cookieOf(clerk), 'x-csrf-token': clerk.cookies.get('kt_csrf') ?? '' } });
      expect(res.status).toBe(200);
      const pdf = new Uint8Array(await res.arrayBuffer());
      expect(checkPdfa(pdf).conformant).toBe(true);
      const text = (await extractText(pdf, 'application/pdf')).text.replace(/\s+/g, ' ');
      expect(text).toContain('способ поступления: почта');
      return { pdf, code: /Код для проверки статуса: ([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})/.exec(text)?.[1] ?? '' };
    };
    const first = await issue();
    const seen = await postJson(srv, `/api/public/reception/${SLUG}/status`, { number: registered.body.regNumber, code: first.code });
    expect(seen.status).toBe(200);
    expect(((await seen.json()) as { status: string }).status).toBe('registered');
    const stored = await fetch(`${srv.url}/api/cards/${registered.body.id}/registration-receipt.pdf`, { headers: { cookie: cookieOf(clerk) } });
    expect(Buffer.from(await stored.arrayBuffer()).equals(Buffer.from(first.pdf))).toBe(true);
    // A second code replaces the first, and the card keeps one receipt.
    const second = await issue();
    expect(second.code).not.toBe(first.code);
    expect((await postJson(srv, `/api/public/reception/${SLUG}/status`, { number: registered.body.regNumber, code: first.code })).status).toBe(404);
    expect((await postJson(srv, `/api/public/reception/${SLUG}/status`, { number: registered.body.regNumber, code: second.code })).status).toBe(200);
    const files = await clerk.get<{ files: { name: string }[] }>(`/api/cards/${registered.body.id}`);
    expect(files.body.files.map((f) => f.name)).toEqual([`Уведомление о регистрации ${registered.body.regNumber.replace('/', '_')}.pdf`]);
    const audit = (await srv.rt.knex('audit_log').where({ object_id: registered.body.id, action: 'appeal.status_code_issued' }).select('actor_login')) as { actor_login: string }[];
    expect(audit.map((a) => a.actor_login)).toEqual(['clerk', 'clerk']);
    const executor = await srv.login('executor');
    expect((await executor.post(`/api/cards/${registered.body.id}/status-code`)).status).toBe(403);

    const incoming = await clerk.post<{ id: string }>('/api/cards', { kind: 'incoming', register: true, summary: 'Письмо' });
    const refused = await clerk.get<Problem>(`/api/cards/${incoming.body.id}/registration-receipt.pdf`);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('RECEPTION_NOT_APPEAL');
    expect((await clerk.post<Problem>(`/api/cards/${incoming.body.id}/status-code`)).body.code).toBe('RECEPTION_NOT_APPEAL');
  });
});

describe('rate limits', () => {
  let limited: TestServer;
  beforeAll(async () => {
    limited = await startTestServer({ env: { RECEPTION_SUBMISSIONS_PER_HOUR: '2', RECEPTION_WRONG_CODES_PER_HOUR: '2' } });
    const a = await limited.login('admin');
    const journals = await a.get<{ items: { id: string; kind: string }[] }>('/api/journals');
    const saved = await a.request('PUT', '/api/org/reception', { ...settingsBody, journalId: journals.body.items.find((j) => j.kind === 'appeal')?.id, addresseeStaffId: null }, { 'if-match': '"v0"' });
    expect(saved.status).toBe(200);
  });
  afterAll(async () => limited?.close());

  it('refuses a third submission from one address within the hour with 429 and Retry-After', async () => {
    const first = await send(limited, SLUG, citizen);
    expect(first.status).toBe(201);
    expect((await send(limited, SLUG, { ...citizen, consent: false })).status).toBe(422);
    const third = await send(limited, SLUG, citizen);
    expect(third.status).toBe(429);
    expect((third.body as Problem).code).toBe('RECEPTION_THROTTLED');
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('stops status checks from an address after repeated wrong codes, even with the right one', async () => {
    const right = await limited.rt.knex('cards').where({ kind: 'appeal' }).first('reg_number');
    for (let i = 0; i < 2; i += 1) expect((await postJson(limited, `/api/public/reception/${SLUG}/status`, { number: right?.reg_number, code: `WRONG-${i}` })).status).toBe(404);
    const blocked = await postJson(limited, `/api/public/reception/${SLUG}/status`, { number: right?.reg_number, code: 'ANY' });
    expect(blocked.status).toBe(429);
  });
});

function cookieOf(c: TestClient): string {
  return [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
}
