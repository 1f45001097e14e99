// An approved draft, registered, filed and archived: its package holds the approval sheet (an original that is
// already PDF/A, so its copy is kept as it is) and every approval round in the descriptive metadata.
import { unzipSync } from 'fflate';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPdfa } from '../../../archive/index.ts';
import { JobWorker } from '../../jobs/worker.ts';
import { startTestServer, type TestClient, type TestServer } from '../../testing/testServer.ts';

let srv: TestServer;
let clerk: TestClient;
let lawyer: TestClient;
let manager: TestClient;
let archivist: TestClient;
const staff: Record<string, string> = {};

beforeAll(async () => {
  srv = await startTestServer();
  clerk = await srv.login('clerk');
  lawyer = await srv.login('lawyer');
  manager = await srv.login('manager');
  archivist = await srv.login('archivist');
  for (const login of ['lawyer', 'manager']) staff[login] = ((await srv.rt.knex('users').where({ login }).first('staff_id')) as { staff_id: string }).staff_id;
});
afterAll(async () => srv?.close());

interface Round {
  round: number;
  status: string;
  stages: { approvers: { name: string; position: string | null; decision: string; comment: string | null; decidedAt: string }[] }[];
}

describe('approval history in the archival package', () => {
  it('packages the stored sheet and the rounds', async () => {
    const card = await clerk.post<{ id: string }>('/api/cards', { kind: 'draft', summary: 'Об утверждении порядка содержания зелёных насаждений' });
    const route = await clerk.post<{ id: string; version: number }>(`/api/cards/${card.body.id}/approvals`, { stages: [{ approverStaffIds: [staff.lawyer] }, { approverStaffIds: [staff.manager] }] });
    await clerk.post(`/api/approval-routes/${route.body.id}/start`, {}, { 'if-match': `"v${route.body.version}"` });
    await lawyer.post(`/api/approval-routes/${route.body.id}/decision`, { decision: 'approved_with_remarks', comment: 'Дополнить перечень работ' });
    const done = await manager.post<{ status: string; sheetFileId: string }>(`/api/approval-routes/${route.body.id}/decision`, { decision: 'approved' });
    expect(done.body.status).toBe('approved');

    let version = (await clerk.get<{ version: number }>(`/api/cards/${card.body.id}`)).body.version;
    const registered = await clerk.post<{ version: number; regNumber: string }>(`/api/cards/${card.body.id}/register`, {}, { 'if-match': `"v${version}"` });
    expect(registered.status, JSON.stringify(registered.body)).toBe(200);
    version = registered.body.version;
    expect((await clerk.post(`/api/cards/${card.body.id}/file-in-case`, { caseIndex: '01-05' }, { 'if-match': `"v${version}"` })).status).toBe(200);
    version = (await clerk.get<{ version: number }>(`/api/cards/${card.body.id}`)).body.version;
    const archived = await archivist.post<{ id: string }>(`/api/cards/${card.body.id}/archive`, {}, { 'if-match': `"v${version}"` });
    expect(archived.status, JSON.stringify(archived.body)).toBe(202);
    await new JobWorker(srv.rt.knex, srv.rt.blobs, pino({ level: 'silent' }), { kinds: ['file.process', 'search.index_card', 'archive.package_card'] }).drain();
    const pkg = await archivist.get<{ status: string; files: { path: string; role: string }[] }>(`/api/packages/${archived.body.id}`);
    expect(pkg.body.status).toBe('packaged');

    const res = await fetch(`${srv.url}/api/packages/${archived.body.id}/download`, { headers: { cookie: [...archivist.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    const zip = unzipSync(new Uint8Array(await res.arrayBuffer()));
    const entry = (suffix: RegExp): Uint8Array => {
      const name = Object.keys(zip).find((n) => suffix.test(n));
      expect(name, `${suffix}`).toBeTruthy();
      return zip[name!]!;
    };
    const sheet = entry(/rep-original\/Лист согласования[^/]*\.pdf$/);
    expect(checkPdfa(sheet).conformant).toBe(true);
    const described = JSON.parse(Buffer.from(entry(/metadata\/descriptive\/card\.json$/)).toString('utf8')) as { approvals: Round[]; files: { role: string }[] };
    expect(described.files.map((f) => f.role)).toContain('approval_sheet');
    expect(described.approvals).toHaveLength(1);
    const [round] = described.approvals;
    expect(round).toMatchObject({ round: 1, status: 'approved' });
    expect(round?.stages.map((s) => s.approvers.map((v) => [v.name, v.position, v.decision, v.comment]))).toEqual([
      [['Павлов Игорь Сергеевич', 'Начальник юридического отдела', 'approved_with_remarks', 'Дополнить перечень работ']],
      [['Сергеев Алексей Николаевич', 'Глава городского округа', 'approved', null]],
    ]);
    expect(round?.stages[0]?.approvers[0]?.decidedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });
});
