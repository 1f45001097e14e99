import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../testing/testServer.ts';
import { seedDemoOnFirstStart } from './firstStart.ts';
import { demoArchivedAppeals, demoCards } from './demoContent.ts';

interface Found {
  hits: { id: string }[];
}

describe('demo content on the first start', () => {
  let srv: TestServer;
  let orgId = '';
  let credentials: string | null = null;

  beforeAll(async () => {
    srv = await startTestServer({ seed: false, worker: true });
    credentials = await seedDemoOnFirstStart(srv.rt, TEST_PASSWORD);
    orgId = ((await srv.rt.knex('organisations').first('id')) as { id: string }).id;
    // What the in-process worker does after the start: file texts, search entries, packages of last year's case.
    await srv.rt.worker?.drain();
  }, 180_000);

  afterAll(async () => {
    await srv?.close();
  });

  it('registers the documents of every kind through the commands, each with its card.registered entry', async () => {
    expect(credentials).toContain('Заречный');
    const rows = (await srv.rt.knex('cards').where({ org_id: orgId }).select('id', 'kind', 'status')) as { id: string; kind: string; status: string }[];
    const byKind = (list: { kind: string }[]): Record<string, number> => list.reduce<Record<string, number>>((acc, c) => ({ ...acc, [c.kind]: (acc[c.kind] ?? 0) + 1 }), {});
    const expected = byKind([...demoCards, ...demoArchivedAppeals.map(() => ({ kind: 'appeal' }))]);
    expect(byKind(rows)).toEqual(expected);
    expect(expected).toMatchObject({ incoming: 10, appeal: 8, outgoing: 3, internal: 4, draft: 2, service_application: 2 });

    const registered = rows.filter((c) => c.status !== 'draft').map((c) => c.id);
    expect(registered).toHaveLength(rows.length - demoCards.filter((c) => c.day === null).length);
    const audited = (await srv.rt.knex('audit_log').where({ org_id: orgId, action: 'card.registered' }).whereIn('object_id', registered).pluck('object_id')) as string[];
    expect(new Set(audited)).toEqual(new Set(registered));
    const statuses = new Set(rows.map((c) => c.status));
    for (const s of ['draft', 'registered', 'in_work', 'executed', 'filed', 'archived']) expect(statuses).toContain(s);

    const admin = await srv.login('admin');
    const verified = await admin.get<{ ok: boolean }>('/api/audit/verify');
    expect(verified.body.ok).toBe(true);
  });

  it('gives the executor work with exactly one overdue assignment, and the manager resolutions to write', async () => {
    const executor = await srv.login('executor');
    const todo = await executor.get<{ items: { deadline: string }[] }>('/api/inbox/assignments?view=todo');
    expect(todo.status).toBe(200);
    expect(todo.body.items.length).toBeGreaterThan(1);
    const overdue = await executor.get<{ items: unknown[] }>('/api/inbox/assignments?view=overdue');
    expect(overdue.body.items).toHaveLength(1);

    const manager = await srv.login('manager');
    const counts = (await manager.get<{ awaitingResolution: number; onControl: number }>('/api/inbox/counts')).body;
    expect(counts.awaitingResolution).toBeGreaterThan(0);
    expect(counts.onControl).toBeGreaterThan(0);
    const lawyer = await srv.login('lawyer');
    expect((await lawyer.get<{ awaitingApproval: number }>('/api/inbox/counts')).body.awaitingApproval).toBe(1);
  });

  it('finds a generated file by the words of its text', async () => {
    const clerk = await srv.login('clerk');
    const found = await clerk.get<Found>(`/api/search?q=${encodeURIComponent('бортового камня')}`);
    expect(found.status).toBe(200);
    const stroy = (await srv.rt.knex('cards').where({ org_id: orgId }).where('summary', 'like', '%контракту № 17-МК%').first('id')) as { id: string };
    expect(found.body.hits.map((h) => h.id)).toEqual([stroy.id]);
  });

  it('keeps last year in a closed case whose cards are packaged', async () => {
    const closed = (await srv.rt.knex('cases').where({ org_id: orgId, status: 'closed' }).select('id', 'documents_count', 'year')) as { id: string; documents_count: number; year: number }[];
    expect(closed).toHaveLength(1);
    expect(closed[0]?.documents_count).toBe(demoArchivedAppeals.length);
    const packages = (await srv.rt.knex('archive_packages').where({ org_id: orgId }).select('object_type', 'status')) as { object_type: string; status: string }[];
    expect(packages.filter((p) => p.object_type === 'card').map((p) => p.status)).toEqual(demoArchivedAppeals.map(() => 'packaged'));
    expect(packages.filter((p) => p.object_type === 'case').map((p) => p.status)).toEqual(['packaged']);
  });

  it('seeds nothing on a second start', async () => {
    const before = (await srv.rt.knex('cards').count('* as n').first()) as { n: number | string };
    const audit = (await srv.rt.knex('audit_log').count('* as n').first()) as { n: number | string };
    expect(await seedDemoOnFirstStart(srv.rt, TEST_PASSWORD)).toBeNull();
    expect((await srv.rt.knex('cards').count('* as n').first()) as { n: number | string }).toEqual(before);
    expect((await srv.rt.knex('audit_log').count('* as n').first()) as { n: number | string }).toEqual(audit);
  });
});

describe('demo organisation without its documents (KARTOTEKA_DEMO_CONTENT=0)', () => {
  it('seeds the organisation and users only', async () => {
    const srv = await startTestServer({ seed: false });
    try {
      expect(await seedDemoOnFirstStart(srv.rt, TEST_PASSWORD, { content: false })).toContain('clerk');
      const count = async (table: string): Promise<number> => Number(((await srv.rt.knex(table).count('* as n').first()) as { n: number | string }).n);
      expect(await count('users')).toBe(7);
      expect(await count('cards')).toBe(0);
    } finally {
      await srv.close();
    }
  });
});
