import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import { startTestServer, type TestServer } from '../testing/testServer.ts';
import { verifyAudit } from './verifyAudit.ts';

let srv: TestServer;
let orgId: string;

beforeEach(async () => {
  srv = await startTestServer();
  const admin = await srv.login('admin');
  orgId = ((await admin.get<{ id: string }>('/api/org')).body as { id: string }).id;
  for (let i = 0; i < 5; i += 1) await admin.post('/api/departments', { name: `Отдел ${i}`, code: `X${i}` });
});
afterEach(async () => srv?.close());

// Tampering needs the append-only trigger out of the way, as an attacker with table-owner rights would do.
async function tamper(knex: Knex, work: (k: Knex) => Promise<unknown>): Promise<void> {
  await knex.raw('ALTER TABLE audit_log DISABLE TRIGGER USER');
  try {
    await work(knex);
  } finally {
    await knex.raw('ALTER TABLE audit_log ENABLE TRIGGER USER');
  }
}

async function seqs(knex: Knex): Promise<number[]> {
  return (await knex('audit_log').where({ chain: orgId }).orderBy('seq').pluck('seq')) as number[];
}

describe('audit chain', () => {
  it('records every state change with actor, object and hash link', async () => {
    const rows = (await srv.rt.knex('audit_log').where({ chain: orgId }).orderBy('seq')) as { seq: number; action: string; prev_hash: string; hash: string; actor_login: string | null }[];
    expect(rows.map((r) => r.action)).toContain('department.created');
    expect(rows.map((r) => r.action)).toContain('auth.login');
    rows.forEach((r, i) => {
      if (i > 0) expect(r.prev_hash).toBe(rows[i - 1]?.hash);
      expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
    });
    expect(rows.filter((r) => r.action === 'department.created' && r.actor_login === 'admin')).toHaveLength(5);
    const result = await verifyAudit(srv.rt.knex);
    expect(result).toMatchObject({ ok: true, problems: [] });
  });

  it('refuses UPDATE, DELETE and TRUNCATE at the database level', async () => {
    await expect(srv.rt.knex('audit_log').update({ action: 'x' })).rejects.toThrow(/append-only/);
    await expect(srv.rt.knex('audit_log').del()).rejects.toThrow(/append-only/);
    await expect(srv.rt.knex.raw('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
  });

  it('detects an edited payload', async () => {
    const [, third] = await seqs(srv.rt.knex);
    await tamper(srv.rt.knex, (k) => k('audit_log').where({ chain: orgId, seq: third }).update({ payload: JSON.stringify({ name: 'подделка' }) }));
    const result = await verifyAudit(srv.rt.knex);
    expect(result.ok).toBe(false);
    expect(result.problems).toContainEqual(expect.objectContaining({ seq: third, kind: 'hash_mismatch' }));
  });

  it('detects an edited actor or time', async () => {
    const list = await seqs(srv.rt.knex);
    await tamper(srv.rt.knex, (k) => k('audit_log').where({ chain: orgId, seq: list[4] }).update({ actor_login: 'clerk' }));
    await tamper(srv.rt.knex, (k) => k('audit_log').where({ chain: orgId, seq: list[5] }).update({ at: new Date('2020-01-01T00:00:00Z') }));
    const result = await verifyAudit(srv.rt.knex);
    expect(result.problems.filter((p) => p.kind === 'hash_mismatch').map((p) => p.seq)).toEqual([list[4], list[5]]);
  });

  it('detects a deleted entry in the middle', async () => {
    await tamper(srv.rt.knex, (k) => k('audit_log').where({ chain: orgId, seq: 4 }).del());
    const result = await verifyAudit(srv.rt.knex);
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => p.kind)).toEqual(expect.arrayContaining(['gap', 'prev_mismatch']));
  });

  it('detects a deleted tail', async () => {
    const list = await seqs(srv.rt.knex);
    await tamper(srv.rt.knex, (k) => k('audit_log').where({ chain: orgId }).where('seq', '>=', list[list.length - 2] as number).del());
    const result = await verifyAudit(srv.rt.knex);
    expect(result.problems).toContainEqual(expect.objectContaining({ kind: 'head_mismatch' }));
  });

  it('detects reordered entries', async () => {
    // Swap the contents of two entries by swapping their sequence numbers.
    await tamper(srv.rt.knex, async (k) => {
      await k('audit_log').where({ chain: orgId, seq: 3 }).update({ seq: -3 });
      await k('audit_log').where({ chain: orgId, seq: 4 }).update({ seq: 3 });
      await k('audit_log').where({ chain: orgId, seq: -3 }).update({ seq: 4 });
    });
    const result = await verifyAudit(srv.rt.knex);
    expect(result.ok).toBe(false);
    expect(result.problems.some((p) => p.kind === 'hash_mismatch' || p.kind === 'prev_mismatch')).toBe(true);
  });

  it('GET /api/audit/verify reports tampering to an auditor', async () => {
    const auditor = await srv.login('auditor');
    expect((await auditor.get<{ ok: boolean }>('/api/audit/verify')).body.ok).toBe(true);
    await tamper(srv.rt.knex, (k) => k('audit_log').where({ chain: orgId, seq: 2 }).update({ action: 'nothing.happened' }));
    const res = await auditor.get<{ ok: boolean; problems: { seq: number; kind: string }[] }>('/api/audit/verify');
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(false);
    expect(res.body.problems[0]).toMatchObject({ seq: 2, kind: 'hash_mismatch' });
  });

  it('lists the log newest first with cursor pagination', async () => {
    const auditor = await srv.login('auditor');
    const first = await auditor.get<{ items: { seq: number }[]; nextCursor: string | null }>('/api/audit?limit=3');
    expect(first.body.items).toHaveLength(3);
    const seqsFirst = first.body.items.map((i) => i.seq);
    expect(seqsFirst).toEqual([...seqsFirst].sort((x, y) => y - x));
    const second = await auditor.get<{ items: { seq: number }[] }>(`/api/audit?limit=3&cursor=${first.body.nextCursor}`);
    expect(second.body.items[0]?.seq).toBe((seqsFirst[2] as number) - 1);
  });
});
