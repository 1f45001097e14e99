import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { startTestServer, usingPostgres, type TestServer } from '../testing/testServer.ts';
import { claimJobs, completeJob, enqueueJob, backoffMs, JobLeaseLostError, type JobRow } from './queue.ts';
import { defineJob } from './registry.ts';
import { JobWorker } from './worker.ts';

const silent = pino({ level: 'silent' });
let srv: TestServer;
let orgId: string;
const effects: number[] = [];

// Job kinds that exist only in this test, to drive the queue through its failure paths.
defineJob({
  kind: 'test.always_fails',
  async handler() {
    throw new Error('boom');
  },
});
defineJob({
  kind: 'test.fails_once',
  async handler(job) {
    if (job.attempt === 1) throw new Error('first attempt fails');
    await job.finish(async () => {
      effects.push(job.id);
    });
  },
});
defineJob({
  kind: 'test.slow',
  timeoutMs: 200,
  async handler(job) {
    await new Promise((resolve) => setTimeout(resolve, 2000));
    effects.push(job.id);
  },
});

defineJob({ kind: 'test.keyed', async handler() {} });

// A batched kind: the batch writes every value in one transaction; a value of 13 makes the batch (and then its job,
// run alone) fail.
const batches: number[][] = [];
defineJob({
  kind: 'test.batched',
  async handler(job) {
    if (job.payload.value === 13) throw new Error('unlucky value');
    await job.finish(async () => {
      effects.push(Number(job.payload.value));
    });
  },
  batch: {
    size: 50,
    async run(_trx, jobs) {
      batches.push(jobs.map((j) => Number(j.payload.value)));
      if (jobs.some((j) => j.payload.value === 13)) throw new Error('unlucky value in the batch');
      for (const j of jobs) effects.push(Number(j.payload.value));
    },
  },
});

beforeAll(async () => {
  srv = await startTestServer();
  orgId = ((await srv.rt.knex('organisations').first('id')) as { id: string }).id;
});
afterAll(async () => srv?.close());

async function job(id: number): Promise<JobRow> {
  return (await srv.rt.knex('jobs').where({ id }).first()) as JobRow;
}

describe('job queue', () => {
  it('runs a batched kind a batch per transaction, and a batch that fails job by job so only the bad job fails', async () => {
    const ids: number[] = [];
    for (let value = 0; value < 20; value += 1) ids.push(await enqueueJob(srv.rt.knex, { kind: 'test.batched', orgId, payload: { value }, maxAttempts: 1 }));
    const worker = new JobWorker(srv.rt.knex, srv.rt.blobs, silent, { kinds: ['test.batched'] });
    effects.length = 0;
    batches.length = 0;
    await worker.drain();
    expect(batches[0]).toEqual(Array.from({ length: 20 }, (_, i) => i));
    // The batch failed as a whole, so nothing of it stayed; then each job ran alone.
    expect(effects.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i).filter((v) => v !== 13));
    const rows = (await srv.rt.knex('jobs').whereIn('id', ids).orderBy('id').select('state')) as { state: string }[];
    expect(rows.map((r) => r.state)).toEqual(Array.from({ length: 20 }, (_, i) => (i === 13 ? 'dead' : 'done')));

    for (let value = 20; value < 30; value += 1) ids.push(await enqueueJob(srv.rt.knex, { kind: 'test.batched', orgId, payload: { value } }));
    effects.length = 0;
    await worker.drain();
    expect(effects.sort((a, b) => a - b)).toEqual(Array.from({ length: 10 }, (_, i) => 20 + i));
    const attempts = await srv.rt.knex('job_attempts').whereIn('job_id', ids.slice(20));
    expect(attempts.map((a: { outcome: string }) => a.outcome)).toEqual(Array(10).fill('done'));
  });

  it('a job enqueued in a rolled-back transaction never exists', async () => {
    let id = 0;
    await expect(
      srv.rt.knex.transaction(async (trx) => {
        id = await enqueueJob(trx, { kind: 'platform.ping', orgId });
        throw new Error('business change failed');
      }),
    ).rejects.toThrow('business change failed');
    expect(id).toBeGreaterThan(0);
    expect(await srv.rt.knex('jobs').where({ id }).first()).toBeUndefined();
  });

  it('runs a job once and records the attempt', async () => {
    const id = await enqueueJob(srv.rt.knex, { kind: 'platform.ping', orgId });
    const worker = new JobWorker(srv.rt.knex, srv.rt.blobs, silent, { kinds: ['platform.ping'] });
    expect(await worker.drain()).toBeGreaterThanOrEqual(1);
    expect((await job(id)).state).toBe('done');
    const attempts = await srv.rt.knex('job_attempts').where({ job_id: id });
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ outcome: 'done', worker: worker.id });
  });

  it('retries with exponential backoff and buries the job after its last attempt', async () => {
    const id = await enqueueJob(srv.rt.knex, { kind: 'test.always_fails', orgId, maxAttempts: 3 });
    const worker = new JobWorker(srv.rt.knex, srv.rt.blobs, silent, { kinds: ['test.always_fails'], retryBaseMs: 1000 });
    await worker.drain();
    let row = await job(id);
    expect(row).toMatchObject({ state: 'queued', attempts: 1, last_error: 'boom' });
    expect(row.run_at.getTime()).toBeGreaterThan(Date.now() + 500);
    // Make it due now instead of waiting out the backoff.
    for (let i = 0; i < 2; i += 1) {
      await srv.rt.knex('jobs').where({ id }).update({ run_at: new Date(Date.now() - 1000) });
      await worker.drain();
    }
    row = await job(id);
    expect(row).toMatchObject({ state: 'dead', attempts: 3 });
    const outcomes = (await srv.rt.knex('job_attempts').where({ job_id: id }).orderBy('attempt').pluck('outcome')) as string[];
    expect(outcomes).toEqual(['retry', 'retry', 'dead']);
  });

  it('backoff doubles per attempt, with bounded jitter and a cap', () => {
    expect(backoffMs(1, 1000, 60_000, () => 0)).toBe(1000);
    expect(backoffMs(2, 1000, 60_000, () => 0)).toBe(2000);
    expect(backoffMs(5, 1000, 60_000, () => 0)).toBe(16_000);
    expect(backoffMs(30, 1000, 60_000, () => 0)).toBe(60_000);
    expect(backoffMs(3, 1000, 60_000, () => 1)).toBe(4800);
  });

  it('an attempt that times out is aborted and retried', async () => {
    const id = await enqueueJob(srv.rt.knex, { kind: 'test.slow', orgId, maxAttempts: 2 });
    const worker = new JobWorker(srv.rt.knex, srv.rt.blobs, silent, { kinds: ['test.slow'] });
    await worker.drain();
    const row = await job(id);
    expect(row.state).toBe('queued');
    expect(row.last_error).toMatch(/timed out/);
  });

  it('a failed first attempt commits no effects; the retry commits them exactly once', async () => {
    const id = await enqueueJob(srv.rt.knex, { kind: 'test.fails_once', orgId });
    const worker = new JobWorker(srv.rt.knex, srv.rt.blobs, silent, { kinds: ['test.fails_once'], retryBaseMs: 1 });
    await worker.drain();
    await srv.rt.knex('jobs').where({ id }).update({ run_at: new Date(Date.now() - 1000) });
    await worker.drain();
    expect((await job(id)).state).toBe('done');
    expect(effects.filter((e) => e === id)).toHaveLength(1);
  });

  it('reclaims a job whose worker died (lease expired) and refuses the dead worker’s late completion', async () => {
    const id = await enqueueJob(srv.rt.knex, { kind: 'platform.ping', orgId });
    const [claimed] = await claimJobs(srv.rt.knex, { workerId: 'dead-worker', kinds: ['platform.ping'], limit: 1, leaseMs: 60_000 });
    expect(claimed?.id).toBe(id);
    // Not reclaimable while the lease holds.
    expect(await claimJobs(srv.rt.knex, { workerId: 'other', kinds: ['platform.ping'], limit: 5, leaseMs: 60_000 })).toEqual([]);
    await srv.rt.knex('jobs').where({ id }).update({ locked_until: new Date(Date.now() - 1000) });
    const worker = new JobWorker(srv.rt.knex, srv.rt.blobs, silent, { kinds: ['platform.ping'] });
    await worker.drain();
    expect(await job(id)).toMatchObject({ state: 'done', attempts: 2 });
    await expect(srv.rt.knex.transaction((trx) => completeJob(trx, claimed as JobRow, 'dead-worker', new Date()))).rejects.toBeInstanceOf(JobLeaseLostError);
  });

  it('dedupe keys collapse repeated enqueues while the job is pending', async () => {
    const a = await enqueueJob(srv.rt.knex, { kind: 'platform.ping', orgId, dedupeKey: 'same' });
    const b = await enqueueJob(srv.rt.knex, { kind: 'platform.ping', orgId, dedupeKey: 'same' });
    expect(b).toBe(a);
    await new JobWorker(srv.rt.knex, srv.rt.blobs, silent, { kinds: ['platform.ping'] }).drain();
    const c = await enqueueJob(srv.rt.knex, { kind: 'platform.ping', orgId, dedupeKey: 'same' });
    expect(c).not.toBe(a);
  });

  it('a job enqueued while its key runs is kept, and waits until the running one is done', async () => {
    const running = await enqueueJob(srv.rt.knex, { kind: 'test.keyed', orgId, dedupeKey: 'busy' });
    const [claimed] = await claimJobs(srv.rt.knex, { workerId: 'w1', kinds: ['test.keyed'], limit: 10, leaseMs: 60_000 });
    expect(claimed?.id).toBe(running);
    // The change that needs the job again happens while it runs: a new job, not the running one.
    const again = await enqueueJob(srv.rt.knex, { kind: 'test.keyed', orgId, dedupeKey: 'busy' });
    expect(again).not.toBe(running);
    expect(await enqueueJob(srv.rt.knex, { kind: 'test.keyed', orgId, dedupeKey: 'busy' })).toBe(again);
    // It is not claimed while the first one runs under a live lease...
    expect(await claimJobs(srv.rt.knex, { workerId: 'w2', kinds: ['test.keyed'], limit: 10, leaseMs: 60_000 })).toEqual([]);
    // ...and is once that one is done.
    await srv.rt.knex.transaction((trx) => completeJob(trx, claimed as JobRow, 'w1', new Date()));
    const next = await claimJobs(srv.rt.knex, { workerId: 'w2', kinds: ['test.keyed'], limit: 10, leaseMs: 60_000 });
    expect(next.map((j) => j.id)).toEqual([again]);
    await srv.rt.knex.transaction((trx) => completeJob(trx, next[0] as JobRow, 'w2', new Date()));
  });

  it('an administrator sees dead jobs and retries them; the retry is audited', async () => {
    const id = await enqueueJob(srv.rt.knex, { kind: 'test.always_fails', orgId, maxAttempts: 1 });
    await new JobWorker(srv.rt.knex, srv.rt.blobs, silent, { kinds: ['test.always_fails'] }).drain();
    const admin = await srv.login('admin');
    const dead = await admin.get<{ items: { id: number; lastError: string }[] }>('/api/jobs?state=dead');
    expect(dead.body.items.find((j) => j.id === id)?.lastError).toBe('boom');
    const retried = await admin.post<{ state: string }>(`/api/jobs/${id}/retry`);
    expect(retried.status).toBe(200);
    expect(retried.body.state).toBe('queued');
    expect((await admin.post<{ code: string }>(`/api/jobs/${id}/retry`)).body.code).toBe('JOB_NOT_RETRYABLE');
    const audit = await srv.rt.knex('audit_log').where({ action: 'job.retried', object_id: String(id) }).first();
    expect(audit).toBeTruthy();
  });
});

const BIN = fileURLToPath(new URL('../../bin/kartoteka', import.meta.url));

function runWorker(env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'worker', '--drain', '--concurrency', '4'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) => resolve({ code, out }));
  });
}

describe.skipIf(!usingPostgres())('job queue with two worker processes (PostgreSQL)', () => {
  it('runs every job exactly once across two processes', async () => {
    const n = 300;
    await srv.rt.knex.transaction(async (trx) => {
      for (let i = 0; i < n; i += 1) await enqueueJob(trx, { kind: 'platform.ping', orgId, payload: { i } });
    });
    const ids = (await srv.rt.knex('jobs').where({ kind: 'platform.ping', state: 'queued' }).pluck('id')) as number[];
    const env = { ...process.env, DATABASE_SCHEMA: srv.config.databaseSchema ?? '', LOG_LEVEL: 'warn' };
    const [w1, w2] = await Promise.all([runWorker(env), runWorker(env)]);
    expect(w1.code, w1.out).toBe(0);
    expect(w2.code, w2.out).toBe(0);
    const processed = [w1, w2].map((w) => (JSON.parse(w.out.trim().split('\n').pop() ?? '{}') as { processed: number }).processed);
    expect(processed.reduce((x, y) => x + y, 0)).toBe(ids.length);
    const done = (await srv.rt.knex('job_attempts').whereIn('job_id', ids).where({ outcome: 'done' }).select('job_id').count('* as n').groupBy('job_id')) as { job_id: number; n: number }[];
    expect(done).toHaveLength(ids.length);
    expect(done.every((d) => d.n === 1)).toBe(true);
    expect(await srv.rt.knex('jobs').whereIn('id', ids).whereNot({ state: 'done' }).count('* as n').first()).toMatchObject({ n: 0 });
  }, 120_000);
});

if (!usingPostgres()) console.warn('[skip] two-process worker test needs PostgreSQL: run npm run test:pg');
