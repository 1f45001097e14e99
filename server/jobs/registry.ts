import type { Knex } from 'knex';
import type { BlobStore } from '../storage/index.ts';

export interface JobContext {
  id: number;
  kind: string;
  orgId: string | null;
  payload: Record<string, unknown>;
  attempt: number;
  knex: Knex;
  blobs: BlobStore;
  signal: AbortSignal;
  /**
   * Commits the job's database effects together with its completion, so that a job whose worker dies
   * half-way leaves nothing behind and runs again: effects happen exactly once. Handlers without database
   * effects may skip it; the worker then completes the job on its own.
   */
  finish(work: (trx: Knex.Transaction) => Promise<void>): Promise<void>;
}

/** A claimed job as a batch handler sees it. */
export interface BatchedJob {
  id: number;
  orgId: string | null;
  payload: Record<string, unknown>;
}

export interface JobDefinition {
  kind: string;
  handler: (job: JobContext) => Promise<void>;
  /** How long one attempt may take before it is aborted and counted as failed. */
  timeoutMs?: number;
  /**
   * Slots of its own in each worker: up to this many jobs of the kind run at once, beside (not counted in) the
   * worker's `concurrency` for the other kinds. For jobs that mostly wait (fsync, the database), so that a few
   * overlap their waits whatever the worker's general setting.
   */
  concurrency?: number;
  /**
   * For small, frequent jobs (a card's search entry): the worker claims up to `size` of them at once and runs
   * `run` on all of them in one transaction that also completes them. If that fails, each job runs alone through
   * `handler`, so a bad job fails (and retries, and dies) on its own.
   */
  batch?: { size: number; run: (trx: Knex.Transaction, jobs: BatchedJob[]) => Promise<void> };
}

const definitions = new Map<string, JobDefinition>();

export function defineJob(definition: JobDefinition): JobDefinition {
  definitions.set(definition.kind, definition);
  return definition;
}

export function jobDefinition(kind: string): JobDefinition | undefined {
  return definitions.get(kind);
}

export function jobKinds(): string[] {
  return [...definitions.keys()].sort();
}
