// A worker claims jobs, runs their handlers with a timeout and a lease heartbeat, and records the outcome.
// In the embedded setup it runs inside the server process; on PostgreSQL any number of `npm run worker`
// processes may run beside it.
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { buryExhausted, claimJobs, completeJob, completeJobs, extendLease, failJob, type JobRow } from './queue.ts';
import { jobDefinition, jobKinds, type JobDefinition } from './registry.ts';
import type { BlobStore } from '../storage/index.ts';

export interface WorkerOptions {
  concurrency?: number;
  /** Slots of their own for these kinds (default: each kind's `concurrency` in its definition, see registry.ts). */
  kindConcurrency?: Record<string, number>;
  pollMs?: number;
  leaseMs?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  kinds?: string[];
}

export class JobWorker {
  readonly id = `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private running = 0;
  /** Jobs running in the slots of kinds that have their own. */
  private readonly runningOf = new Map<string, number>();
  private stopped = true;
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  private readonly active = new Set<Promise<void>>();
  private readonly opts: Required<WorkerOptions>;

  constructor(
    private readonly knex: Knex,
    private readonly blobs: BlobStore,
    private readonly log: Logger,
    options: WorkerOptions = {},
  ) {
    this.opts = {
      concurrency: options.concurrency ?? 2,
      kindConcurrency: options.kindConcurrency ?? {},
      pollMs: options.pollMs ?? 500,
      leaseMs: options.leaseMs ?? 60_000,
      retryBaseMs: options.retryBaseMs ?? 5_000,
      retryMaxMs: options.retryMaxMs ?? 3_600_000,
      kinds: options.kinds ?? [],
    };
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Asks for an early poll, e.g. right after a request enqueued a job. */
  nudge(): void {
    if (!this.stopped && !this.polling) this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.polling;
    await Promise.allSettled([...this.active]);
  }

  /** Runs due jobs until none is left; used by tests and the CLI `jobs run-once`. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.pollOnce();
      await Promise.allSettled([...this.active]);
      total += n;
      if (n === 0) return total;
    }
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.polling = this.pollOnce()
        .then((n) => {
          this.polling = null;
          this.schedule(n > 0 ? 0 : this.opts.pollMs);
        })
        .catch((error: unknown) => {
          this.polling = null;
          this.log.error({ err: error }, 'job poll failed');
          this.schedule(this.opts.pollMs * 4);
        });
    }, delay);
    this.timer.unref?.();
  }

  private ownSlots(kind: string): number | undefined {
    const definition = jobDefinition(kind);
    return definition?.batch ? undefined : (this.opts.kindConcurrency[kind] ?? definition?.concurrency);
  }

  private async pollOnce(): Promise<number> {
    let free = this.opts.concurrency - this.running;
    const kinds = this.opts.kinds.length > 0 ? this.opts.kinds : jobKinds();
    let claimed = 0;
    for (const kind of kinds) {
      const room = (this.ownSlots(kind) ?? 0) - (this.runningOf.get(kind) ?? 0);
      if (room <= 0) continue;
      const jobs = await claimJobs(this.knex, { workerId: this.id, kinds: [kind], limit: room, leaseMs: this.opts.leaseMs });
      for (const job of jobs) this.track(this.run(job), kind);
      claimed += jobs.length;
    }
    if (free <= 0) return claimed;
    // Batched kinds first, a whole batch per free slot: they are the small jobs every registration enqueues.
    for (const kind of kinds) {
      const definition = jobDefinition(kind);
      if (!definition?.batch || free <= 0) continue;
      const jobs = await claimJobs(this.knex, { workerId: this.id, kinds: [kind], limit: definition.batch.size, leaseMs: this.opts.leaseMs });
      if (jobs.length === 0) continue;
      free -= 1;
      claimed += jobs.length;
      this.track(this.runBatch(definition, jobs));
    }
    const single = kinds.filter((kind) => !jobDefinition(kind)?.batch && this.ownSlots(kind) === undefined);
    if (free > 0 && single.length > 0) {
      const jobs = await claimJobs(this.knex, { workerId: this.id, kinds: single, limit: free, leaseMs: this.opts.leaseMs });
      for (const job of jobs) this.track(this.run(job));
      claimed += jobs.length;
    }
    return claimed;
  }

  private track(work: Promise<void>, kind?: string): void {
    const count = (d: number): void => {
      if (kind) this.runningOf.set(kind, (this.runningOf.get(kind) ?? 0) + d);
      else this.running += d;
    };
    count(1);
    const p = work.finally(() => {
      count(-1);
      this.active.delete(p);
      this.nudge();
    });
    this.active.add(p);
  }

  /** One transaction for the whole batch; if it fails, every job runs alone so that only a bad one fails. */
  private async runBatch(definition: JobDefinition, jobs: JobRow[]): Promise<void> {
    const batch = definition.batch;
    const usable = jobs.filter((job) => job.attempts <= job.max_attempts);
    const startedAt = new Date();
    if (batch && usable.length > 0) {
      try {
        await this.knex.transaction(async (trx) => {
          await batch.run(trx, usable.map((job) => ({ id: job.id, orgId: job.org_id, payload: job.payload })));
          await completeJobs(trx, usable, this.id, startedAt);
        });
        this.log.debug({ kind: definition.kind, jobs: usable.length }, 'job batch done');
      } catch (error) {
        this.log.warn({ err: error, kind: definition.kind, jobs: usable.length }, 'job batch failed; running its jobs one by one');
        for (const job of usable) await this.run(job);
      }
    }
    // Jobs whose leases expired too often are buried by run().
    for (const job of jobs) if (!usable.includes(job)) await this.run(job);
  }

  private async run(job: JobRow): Promise<void> {
    const startedAt = new Date();
    const definition = jobDefinition(job.kind);
    const retry = { baseMs: this.opts.retryBaseMs, maxMs: this.opts.retryMaxMs };
    if (job.attempts > job.max_attempts) {
      await this.knex.transaction((trx) => buryExhausted(trx, job, this.id));
      this.log.warn({ jobId: job.id, kind: job.kind }, 'job buried after expired leases');
      return;
    }
    if (!definition) {
      await failJob(this.knex, job, this.id, startedAt, `no handler for job kind ${job.kind}`, retry);
      return;
    }
    const controller = new AbortController();
    const heartbeat = setInterval(() => {
      extendLease(this.knex, job.id, this.id, this.opts.leaseMs).catch((error: unknown) => this.log.warn({ err: error, jobId: job.id }, 'lease extension failed'));
    }, Math.max(1000, Math.floor(this.opts.leaseMs / 3)));
    heartbeat.unref?.();
    const timeoutMs = definition.timeoutMs ?? 10 * 60_000;
    const timeout = setTimeout(() => controller.abort(new Error(`job timed out after ${timeoutMs} ms`)), timeoutMs);
    timeout.unref?.();
    let finished = false;
    try {
      await Promise.race([
        definition.handler({
          id: job.id,
          kind: job.kind,
          orgId: job.org_id,
          payload: job.payload,
          attempt: job.attempts,
          knex: this.knex,
          blobs: this.blobs,
          signal: controller.signal,
          finish: async (work) => {
            await this.knex.transaction(async (trx) => {
              await work(trx);
              await completeJob(trx, job, this.id, startedAt);
            });
            finished = true;
          },
        }),
        new Promise<never>((_, reject) => controller.signal.addEventListener('abort', () => reject(controller.signal.reason as Error))),
      ]);
      if (!finished) await this.knex.transaction((trx) => completeJob(trx, job, this.id, startedAt));
      this.log.debug({ jobId: job.id, kind: job.kind }, 'job done');
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (finished) {
        this.log.error({ err: error, jobId: job.id }, 'job failed after it was completed');
        return;
      }
      const state = await failJob(this.knex, job, this.id, startedAt, message, retry);
      this.log.warn({ jobId: job.id, kind: job.kind, attempt: job.attempts, state, error: message }, 'job attempt failed');
    } finally {
      clearInterval(heartbeat);
      clearTimeout(timeout);
    }
  }
}
