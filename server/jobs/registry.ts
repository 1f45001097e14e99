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

export interface JobDefinition {
  kind: string;
  handler: (job: JobContext) => Promise<void>;
  /** How long one attempt may take before it is aborted and counted as failed. */
  timeoutMs?: number;
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
