import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, TEST_PASSWORD, type TestClient, type TestServer } from '../testing/testServer.ts';
import { createOtherOrganisation, type OtherOrganisation } from '../testing/otherOrganisation.ts';
import { routes } from '../http/route.ts';
import { Department } from '../models/Department.ts';
import { User } from '../models/User.ts';
import { TenantScope } from './scope.ts';
import { JobWorker } from '../jobs/worker.ts';
import pino from 'pino';

let srv: TestServer;
let a: OtherOrganisation;
let b: OtherOrganisation;
let asA: TestClient;

beforeAll(async () => {
  srv = await startTestServer();
  a = await createOtherOrganisation(srv.rt.knex, srv.rt.blobs, TEST_PASSWORD, 'a');
  b = await createOtherOrganisation(srv.rt.knex, srv.rt.blobs, TEST_PASSWORD, 'b');
  // A holds every role, so that no answer is a 403 that would hide a leak.
  asA = await srv.login(a.login);
  // Derived data (file text, preview) exists only after the jobs ran.
  await new JobWorker(srv.rt.knex, srv.rt.blobs, pino({ level: 'silent' }), { kinds: ['file.process', 'search.index_card'] }).drain();
});
afterAll(async () => srv?.close());

// A valid body for each write, so that the answer is about the object, not about the input.
const patchBodies: Record<string, unknown> = {
  user: { fullName: 'Чужой' },
  department: { name: 'Чужое' },
  card: { summary: 'Чужое' },
  correspondent: { name: 'Чужое' },
  journal: { name: 'Чужой' },
  absence: { endsOn: '2030-01-02' },
};
const postBodies: [RegExp, unknown][] = [
  [/\/cancel$/, { reason: 'проверка доступа' }],
  [/\/files$/, { fileIds: ['00000000-0000-4000-8000-000000000000'] }],
  [/\/return$/, { reason: 'проверка доступа' }],
  [/\/report$/, { text: 'Отчёт' }],
  [/\/extend$/, { newDeadline: '2030-01-01', reason: 'проверка' }],
  [/\/extend\/decision$/, { approve: true }],
  [/\/signatures\/verify$/, {}],
  [/\/file-in-case$/, { caseIndex: '01-01' }],
  [/\/expert-review\/decision$/, { decision: 'agreed', protocolNumber: '1', protocolDate: '2026-01-01' }],
  [/\/archive-review\/decision$/, { decision: 'agreed', protocolNumber: '1', protocolDate: '2026-01-01' }],
  [/\/resolutions$/, { text: 'Рассмотреть', assignments: [{ executorStaffId: '00000000-0000-4000-8000-000000000000' }] }],
  [/\/approval-routes\/[^/]+\/decision$/, { decision: 'approved' }],
  [/\/approval-routes\/[^/]+\/withdraw$/, { reason: 'проверка доступа' }],
  [/\/approvals$/, { stages: [{ approverStaffIds: ['00000000-0000-4000-8000-000000000000'] }] }],
  [/\/appeal\/extension$/, { newDeadline: '2030-01-01', reason: 'проверка доступа' }],
  [/\/appeal\/forwarding$/, { correspondentId: '00000000-0000-4000-8000-000000000000' }],
  [/\/appeal\/result$/, { result: 'explained' }],
  [/\/appeal\/result\/correction$/, { result: 'explained', reason: 'проверка доступа' }],
  [/\/subassignments$/, { text: 'Подготовить', assignments: [{ executorStaffId: '00000000-0000-4000-8000-000000000000' }] }],
];
function sampleBody(method: string, path: string, resource: string): unknown {
  if (method === 'patch') return patchBodies[resource] ?? {};
  if (method === 'put' && resource === 'approval_route') return { stages: [{ approverStaffIds: ['00000000-0000-4000-8000-000000000000'] }] };
  return postBodies.find(([re]) => re.test(path))?.[1] ?? {};
}

const sampleQueries: Record<string, string> = {
  '/api/calendar': '?year=2026',
  '/api/calendar/deadline': '?from=2026-01-01&days=1&type=working',
  '/api/reports/discipline': '?from=2020-01-01&to=2040-12-31',
  '/api/reports/discipline/items': '?from=2020-01-01&to=2040-12-31&metric=assigned',
  '/api/inbox/cards': '?view=registration',
  '/api/reports/appeals': '?from=2020-01-01&to=2040-12-31',
};

describe('tenancy', () => {
  it('every route addressing an object declares which resource it addresses', () => {
    const undeclared = routes().filter((r) => /:id\b/.test(r.path) && !r.resource);
    expect(undeclared.map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  it('answers 404 to organisation A for every object route pointed at organisation B', async () => {
    const objectRoutes = routes().filter((r) => r.resource);
    expect(objectRoutes.length).toBeGreaterThan(8);
    for (const route of objectRoutes) {
      const id = b.ids[route.resource as string];
      expect(id, `fixture has a ${route.resource}`).toBeTruthy();
      const path = route.path.replace(/:id\b/, id as string);
      const res = await asA.request(route.method.toUpperCase(), path, route.method === 'get' || route.method === 'delete' ? undefined : sampleBody(route.method, path, route.resource as string), {
        'if-match': '"v1"',
      });
      expect(res.status, `${route.method.toUpperCase()} ${route.path} as A against B`).toBe(404);
    }
  });

  it('the same routes do find A’s own objects (the 404s above are not blanket failures)', async () => {
    for (const route of routes().filter((r) => r.resource && r.method === 'get')) {
      const id = a.ids[route.resource as string] as string;
      const res = await asA.get(route.path.replace(/:id\b/, id));
      expect(res.status, `GET ${route.path} for A's own ${route.resource}`).toBe(200);
    }
  });

  it('lists never include another organisation’s objects', async () => {
    const foreign = Object.values(b.ids);
    for (const route of routes().filter((r) => r.method === 'get' && !r.path.includes(':') && r.access === 'authenticated')) {
      const res = await asA.get(route.path + (sampleQueries[route.path] ?? ''));
      expect(res.status, route.path).toBe(200);
      for (const id of foreign) expect(res.text.includes(`"${id}"`), `${route.path} leaks ${id}`).toBe(false);
    }
    const dead = await asA.get<{ items: { id: number }[] }>('/api/jobs?state=dead');
    expect(dead.body.items.map((j) => String(j.id))).not.toContain(b.ids.job);
  });

  it('refuses a tenant-owned query that bypasses the scope', async () => {
    await expect(Department.query(srv.rt.knex)).rejects.toMatchObject({ code: 'TENANT_SCOPE_MISSING' });
    await expect(User.query(srv.rt.knex).findById(a.ids.user as string)).rejects.toMatchObject({ code: 'TENANT_SCOPE_MISSING' });
    const scoped = await new TenantScope(a.orgId, srv.rt.knex).query(Department);
    expect(scoped.every((d) => d.orgId === a.orgId)).toBe(true);
  });
});
