// Fixity: stored packages are re-hashed (every SHA-512 manifest digest and the SHA-256 / Streebog-256 fixity
// digests, through the OCFL validator) on a schedule and on demand. Every result goes to `fixity_checks` and to
// the organisation's audit chain; a mismatch also raises `archive.fixity_failed` and flags the package.
//
// The scheduled job checks one package per run, the one checked longest ago, then schedules its successor after
// size ÷ FIXITY_MB_PER_MIN, so the storage sees the configured average rate; when every package was checked
// within FIXITY_INTERVAL_MINUTES it sleeps until the oldest check falls due.
import type { Knex } from 'knex';
import { withObjectLocks } from './objectLock.ts';
import { validateObject, type Tree } from '../../../archive/index.ts';
import { defineJob } from '../../jobs/registry.ts';
import { enqueueJob } from '../../jobs/queue.ts';
import { appendAudit } from '../../audit/appendAudit.ts';
import { archiveSettings, archiveStore } from './archiveConfig.ts';

export interface FixityOutcome {
  result: 'ok' | 'mismatch' | 'missing';
  version: number;
  files: number;
  bytes: number;
  problems: { code: string; message: string }[];
}

const DIGEST_CODES = new Set(['E060', 'E092', 'E093']);

function counting(tree: Tree, seen: { files: number; bytes: number }): Tree {
  return {
    list: (p) => tree.list(p),
    read: async (p) => {
      const b = await tree.read(p);
      if (b) {
        seen.files += 1;
        seen.bytes += b.length;
      }
      return b;
    },
  };
}

/**
 * Re-hashes one object under its lock: a job writing the next version (or replacing a destroyed package) must not be
 * caught half-way, which would read as a mismatch and raise a false alert.
 */
export function checkFixity(ocflId: string, db: Knex): Promise<FixityOutcome> {
  return withObjectLocks([ocflId], () => checkUnlocked(ocflId), db);
}

async function checkUnlocked(ocflId: string): Promise<FixityOutcome> {
  const store = await archiveStore();
  const seen = { files: 0, bytes: 0 };
  const tree = counting(store.tree(ocflId), seen);
  if (!(await tree.list(''))) return { result: 'missing', version: 0, ...seen, problems: [{ code: 'MISSING', message: 'the object is not in the storage root' }] };
  const r = await validateObject(tree);
  const version = r.inventory ? Number(r.inventory.head.slice(1)) : 0;
  const problems = r.errors.map((e) => ({ code: e.code, message: e.message }));
  // Digest errors first in the list: they are what an operator looks for.
  problems.sort((a, b) => Number(DIGEST_CODES.has(b.code)) - Number(DIGEST_CODES.has(a.code)));
  return { result: problems.length === 0 ? 'ok' : 'mismatch', version, ...seen, problems };
}

export async function recordFixity(
  trx: Knex.Transaction,
  pkg: { id: string; org_id: string; ocfl_id: string },
  outcome: FixityOutcome,
  trigger: 'scheduled' | 'manual',
  actor: { id: string; login: string } | null = null,
): Promise<string> {
  const [row] = (await trx('fixity_checks')
    .insert({ org_id: pkg.org_id, package_id: pkg.id, package_version: outcome.version, result: outcome.result, files: outcome.files, bytes: outcome.bytes, problems: JSON.stringify(outcome.problems.slice(0, 100)), trigger })
    .returning('id')) as { id: string }[];
  const failed = outcome.result !== 'ok';
  await trx('archive_packages')
    .where({ id: pkg.id })
    .update({ last_fixity_at: trx.fn.now(), last_fixity_result: outcome.result, ...(failed ? { fixity_alert: true } : {}), updated_at: trx.fn.now() });
  const payload = { checkId: row?.id, ocflId: pkg.ocfl_id, result: outcome.result, version: outcome.version, files: outcome.files, bytes: outcome.bytes, trigger, problems: outcome.problems.slice(0, 10) };
  await appendAudit(trx, { orgId: pkg.org_id, actor, action: failed ? 'archive.fixity_failed' : 'archive.fixity_checked', objectType: 'archive_package', objectId: pkg.id, payload });
  return row?.id ?? '';
}

/** Makes sure one scheduled fixity job is queued (called when packages appear, and by the job itself). */
export async function scheduleFixity(trx: Knex.Transaction, runAt?: Date, exceptJobId?: number): Promise<void> {
  const queued = await trx('jobs')
    .where({ kind: 'archive.fixity', state: 'queued' })
    .modify((q) => {
      if (exceptJobId !== undefined) q.whereNot({ id: exceptJobId });
    })
    .first('id');
  if (queued) return;
  await enqueueJob(trx, { kind: 'archive.fixity', payload: {}, ...(runAt ? { runAt } : {}) });
}

interface DueRow {
  id: string;
  org_id: string;
  ocfl_id: string;
  last_fixity_at: Date | null;
  size_bytes: number;
}

defineJob({
  kind: 'archive.fixity',
  timeoutMs: 60 * 60_000,
  async handler(job) {
    const settings = archiveSettings();
    const dueBefore = new Date(Date.now() - settings.fixityIntervalMs);
    const next = (await job.knex('archive_packages')
      .where({ status: 'packaged' })
      .andWhere((q) => q.whereNull('last_fixity_at').orWhere('last_fixity_at', '<', dueBefore))
      .orderByRaw('last_fixity_at NULLS FIRST, id')
      .first('id', 'org_id', 'ocfl_id', 'last_fixity_at', 'size_bytes')) as DueRow | undefined;
    if (!next) {
      const oldest = (await job.knex('archive_packages').where({ status: 'packaged' }).min('last_fixity_at as at').first()) as { at: Date | null } | undefined;
      const wake = oldest?.at ? new Date(Math.max(Date.now() + 60_000, oldest.at.getTime() + settings.fixityIntervalMs)) : new Date(Date.now() + settings.fixityIntervalMs);
      await job.finish((trx) => scheduleFixity(trx, wake, job.id));
      return;
    }
    const outcome = await checkFixity(next.ocfl_id, job.knex);
    const pauseMs = Math.ceil((outcome.bytes / (settings.fixityMbPerMin * 1024 * 1024)) * 60_000);
    await job.finish(async (trx) => {
      await recordFixity(trx, next, outcome, 'scheduled');
      await scheduleFixity(trx, new Date(Date.now() + pauseMs), job.id);
    });
  },
});
