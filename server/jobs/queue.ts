// The durable job queue lives in the `jobs` table so that a job is enqueued in the same transaction as the
// business change that needs it: if that change rolls back, the job never existed.
import type { Knex } from 'knex';

export type JobState = 'queued' | 'running' | 'done' | 'dead';

export interface JobRow {
  id: number;
  org_id: string | null;
  kind: string;
  payload: Record<string, unknown>;
  state: JobState;
  attempts: number;
  max_attempts: number;
  run_at: Date;
  locked_by: string | null;
  locked_until: Date | null;
  last_error: string | null;
  dedupe_key: string | null;
  created_at: Date;
  updated_at: Date;
  finished_at: Date | null;
}

export interface EnqueueOptions {
  kind: string;
  payload?: Record<string, unknown>;
  orgId?: string | null;
  runAt?: Date;
  maxAttempts?: number;
  /**
   * While a job with the same kind and key is queued, enqueueing again returns that job. A running one does not count
   * (it may have read the old state already): the new job is queued and runs after it (see claimJobs).
   */
  dedupeKey?: string;
}

export async function enqueueJob(db: Knex | Knex.Transaction, options: EnqueueOptions): Promise<number> {
  const row = {
    kind: options.kind,
    payload: JSON.stringify(options.payload ?? {}),
    org_id: options.orgId ?? null,
    run_at: options.runAt ?? db.fn.now(),
    max_attempts: options.maxAttempts ?? 5,
    dedupe_key: options.dedupeKey ?? null,
  };
  if (options.dedupeKey) {
    // One statement: the queued job of this key, new or already there. The SELECT sees the statement's snapshot, so a
    // queued job committed by another transaction while this INSERT waited on it is not seen: then ask again.
    const found = (await db.raw(
      `WITH inserted AS (
         INSERT INTO jobs (kind, payload, org_id, run_at, max_attempts, dedupe_key)
         VALUES (?, ?::jsonb, ?, ${options.runAt ? '?' : 'now()'}, ?, ?)
         ON CONFLICT (kind, dedupe_key) WHERE dedupe_key IS NOT NULL AND state = 'queued' DO NOTHING
         RETURNING id)
       SELECT id FROM inserted
       UNION ALL
       SELECT id FROM jobs WHERE kind = ? AND dedupe_key = ? AND state = 'queued' AND NOT EXISTS (SELECT 1 FROM inserted)
       LIMIT 1`,
      [row.kind, row.payload, row.org_id, ...(options.runAt ? [options.runAt] : []), row.max_attempts, row.dedupe_key, row.kind, row.dedupe_key],
    )) as { rows: { id: number }[] };
    if (found.rows[0]) return found.rows[0].id;
    return enqueueJob(db, options);
  }
  const [inserted] = (await db('jobs').insert(row).returning('id')) as { id: number }[];
  if (!inserted) throw new Error('job insert returned no id');
  return inserted.id;
}

/**
 * Claims up to `limit` runnable jobs: queued ones that are due, and running ones whose lease expired (their
 * worker died). SKIP LOCKED lets several workers claim concurrently without waiting on, or taking, the same row.
 * A job whose dedupe key has another job running under a live lease waits, so jobs of one key run one at a time.
 */
export async function claimJobs(knex: Knex, options: { workerId: string; kinds: string[]; limit: number; leaseMs: number }): Promise<JobRow[]> {
  if (options.kinds.length === 0 || options.limit <= 0) return [];
  const result = (await knex.raw(
    `UPDATE jobs
        SET state = 'running', attempts = attempts + 1, locked_by = ?,
            locked_until = now() + (? * interval '1 millisecond'), updated_at = now()
      WHERE id IN (
        SELECT id FROM jobs
         WHERE ((state = 'queued' AND run_at <= now()) OR (state = 'running' AND locked_until < now()))
           AND kind = ANY(?)
           AND (dedupe_key IS NULL OR NOT EXISTS (
                 SELECT 1 FROM jobs r
                  WHERE r.kind = jobs.kind AND r.dedupe_key = jobs.dedupe_key AND r.state = 'running'
                    AND r.id <> jobs.id AND r.locked_until >= now()))
         ORDER BY run_at, id
         LIMIT ?
         FOR UPDATE SKIP LOCKED)
      RETURNING *`,
    [options.workerId, options.leaseMs, options.kinds, options.limit],
  )) as { rows: JobRow[] };
  return result.rows.sort((a, b) => a.id - b.id);
}

export async function extendLease(knex: Knex, jobId: number, workerId: string, leaseMs: number): Promise<boolean> {
  const n = await knex('jobs')
    .where({ id: jobId, locked_by: workerId, state: 'running' })
    .update({ locked_until: knex.raw("now() + (? * interval '1 millisecond')", [leaseMs]), updated_at: knex.fn.now() });
  return n === 1;
}

export class JobLeaseLostError extends Error {
  readonly code = 'JOB_LEASE_LOST';
  constructor(jobId: number) {
    super(`job ${jobId} was reclaimed by another worker after its lease expired`);
  }
}

/** Marks the job done; must run in the transaction that commits the job's effects. */
export async function completeJob(trx: Knex.Transaction, job: JobRow, workerId: string, startedAt: Date): Promise<void> {
  const n = await trx('jobs')
    .where({ id: job.id, locked_by: workerId, state: 'running', attempts: job.attempts })
    .update({ state: 'done', locked_by: null, locked_until: null, finished_at: trx.fn.now(), updated_at: trx.fn.now(), last_error: null });
  if (n !== 1) throw new JobLeaseLostError(job.id);
  await trx('job_attempts').insert({ job_id: job.id, attempt: job.attempts, worker: workerId, outcome: 'done', started_at: startedAt });
}

/** Marks a batch of jobs done in the transaction that commits their effects; all or nothing. */
export async function completeJobs(trx: Knex.Transaction, jobs: JobRow[], workerId: string, startedAt: Date): Promise<void> {
  if (jobs.length === 0) return;
  const done = (await trx.raw(
    `UPDATE jobs SET state = 'done', locked_by = NULL, locked_until = NULL, finished_at = now(), updated_at = now(), last_error = NULL
      WHERE id = ANY(?) AND locked_by = ? AND state = 'running'
      RETURNING id, attempts`,
    [jobs.map((j) => j.id), workerId],
  )) as { rows: { id: number; attempts: number }[] };
  const attempts = new Map(done.rows.map((r) => [Number(r.id), r.attempts]));
  const lost = jobs.find((j) => attempts.get(Number(j.id)) !== j.attempts);
  if (lost) throw new JobLeaseLostError(lost.id);
  await trx('job_attempts').insert(jobs.map((j) => ({ job_id: j.id, attempt: j.attempts, worker: workerId, outcome: 'done', started_at: startedAt })));
}

export function backoffMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  // Up to 20 % jitter so that many jobs failing together do not retry in lockstep.
  return Math.round(exp * (1 + 0.2 * random()));
}

/** Records a failed attempt: back to the queue with exponential backoff, or dead after the last attempt. */
export async function failJob(
  knex: Knex,
  job: JobRow,
  workerId: string,
  startedAt: Date,
  error: string,
  retry: { baseMs: number; maxMs: number },
): Promise<JobState> {
  return knex.transaction(async (trx) => {
    const dead = job.attempts >= job.max_attempts;
    const delay = backoffMs(job.attempts, retry.baseMs, retry.maxMs);
    const n = await trx('jobs')
      .where({ id: job.id, locked_by: workerId, state: 'running', attempts: job.attempts })
      .update({
        state: dead ? 'dead' : 'queued',
        locked_by: null,
        locked_until: null,
        last_error: error.slice(0, 4000),
        run_at: dead ? trx.raw('run_at') : trx.raw("now() + (? * interval '1 millisecond')", [delay]),
        finished_at: dead ? trx.fn.now() : null,
        updated_at: trx.fn.now(),
      });
    if (n !== 1) return 'running';
    await trx('job_attempts').insert({
      job_id: job.id,
      attempt: job.attempts,
      worker: workerId,
      outcome: dead ? 'dead' : 'retry',
      error: error.slice(0, 4000),
      started_at: startedAt,
    });
    return dead ? 'dead' : 'queued';
  });
}

/** Jobs whose lease expired on their last allowed attempt are not run again: they go to the dead list. */
export async function buryExhausted(trx: Knex.Transaction, job: JobRow, workerId: string): Promise<void> {
  await trx('jobs')
    .where({ id: job.id, locked_by: workerId })
    .update({
      state: 'dead',
      locked_by: null,
      locked_until: null,
      last_error: 'lease expired on every attempt: the worker died or hung',
      finished_at: trx.fn.now(),
      updated_at: trx.fn.now(),
    });
  await trx('job_attempts').insert({
    job_id: job.id,
    attempt: job.attempts,
    worker: workerId,
    outcome: 'dead',
    error: 'attempts exhausted by expired leases',
    started_at: new Date(),
  });
}

export async function retryDeadJob(trx: Knex.Transaction, jobId: number): Promise<JobRow | null> {
  const [row] = (await trx('jobs')
    .where({ id: jobId, state: 'dead' })
    .update({ state: 'queued', attempts: 0, run_at: trx.fn.now(), last_error: null, finished_at: null, updated_at: trx.fn.now() })
    .returning('*')) as JobRow[];
  return row ?? null;
}
