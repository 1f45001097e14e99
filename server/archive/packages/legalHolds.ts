// Legal holds of records management (cases.legal_hold, запрет уничтожения) mirrored by the storage itself: where the
// archive's bucket has Object Lock, every stored version of a held package is under S3 Object Legal Hold, so that
// nobody with the bucket's credentials can delete it behind the application's back. Placing or releasing a hold
// queues `archive.legal_hold` (the request stays fast, a failed S3 call is retried); the job reads the holds as they
// are then, so it is idempotent and a later change re-queues it. A package written while held is held from its
// write (packageJobs.ts asks `packageUnderHold`; other writers inherit the object's hold, ocflStore.ts).
import type { Knex } from 'knex';
import { defineJob } from '../../jobs/registry.ts';
import { enqueueJob } from '../../jobs/queue.ts';
import { appendAudit } from '../../audit/appendAudit.ts';
import { onLegalHoldChanged } from '../hooks.ts';
import { archiveSettings, archiveStore } from './archiveConfig.ts';
import { withObjectLocks } from './objectLock.ts';

interface HeldRow {
  id: string;
  org_id: string;
  object_type: string;
  object_id: string;
  ocfl_id: string;
}

/**
 * Whether a legal hold covers the package: a case's own package, or a card's package while its card is filed in a
 * held case. Inventories and destruction acts are not destroyed with their cases, so no hold covers them.
 */
export async function packageUnderHold(db: Knex | Knex.Transaction, row: Pick<HeldRow, 'org_id' | 'object_type' | 'object_id'>): Promise<boolean> {
  if (row.object_type === 'case') {
    return Boolean(await db('cases').where({ id: row.object_id, org_id: row.org_id, legal_hold: true }).first('id'));
  }
  if (row.object_type === 'card') {
    return Boolean(
      await db('cards')
        .join('cases', 'cases.id', 'cards.case_id')
        .where({ 'cards.id': row.object_id, 'cards.org_id': row.org_id, 'cases.legal_hold': true })
        .first('cards.id'),
    );
  }
  return false;
}

/** The packages a case's hold covers: its own and those of the cards filed in it (destroyed ones are finished). */
function casePackages(db: Knex, orgId: string, caseId: string): Promise<HeldRow[]> {
  return db('archive_packages')
    .where({ org_id: orgId })
    .whereNull('destroyed_at')
    .where((q) =>
      q
        .where({ object_type: 'case', object_id: caseId })
        .orWhere((c) => c.where({ object_type: 'card' }).whereIn('object_id', db('cards').where({ org_id: orgId, case_id: caseId }).select('id'))),
    )
    .orderBy('ocfl_id')
    .select('id', 'org_id', 'object_type', 'object_id', 'ocfl_id') as Promise<HeldRow[]>;
}

defineJob({
  kind: 'archive.legal_hold',
  timeoutMs: 30 * 60_000,
  async handler(job) {
    const orgId = job.orgId;
    const { caseId } = job.payload as { caseId: string };
    if (!orgId) return;
    const store = await archiveStore();
    // The storage was reconfigured since the hold was placed (its audit entry said what was done then).
    if (!store.legalHolds.supported) return;
    const changes: { row: HeldRow; held: boolean; versions: number }[] = [];
    for (const row of await casePackages(job.knex, orgId, caseId)) {
      // Under the object's lock, so that a writer either finishes before (its versions are listed here) or reads the
      // hold after it was committed (and writes held).
      await withObjectLocks(
        [row.ocfl_id],
        async () => {
          const held = await packageUnderHold(job.knex, row);
          changes.push({ row, held, versions: await store.setLegalHold(row.ocfl_id, held) });
        },
        job.knex,
      );
    }
    await job.finish(async (trx) => {
      for (const { row, held, versions } of changes) {
        if (versions === 0) continue; // not written yet: the package job writes it with the hold as it is then
        await appendAudit(trx, {
          orgId,
          action: held ? 'archive.legal_hold_set' : 'archive.legal_hold_lifted',
          objectType: 'archive_package',
          objectId: row.id,
          payload: { case: caseId, ocflId: row.ocfl_id, objectType: row.object_type, objectId: row.object_id, legalHold: held ? 'ON' : 'OFF', versions },
        });
      }
    });
  },
});

let registered = false;

export function registerLegalHoldHooks(): void {
  if (registered) return;
  registered = true;
  onLegalHoldChanged(async (unit, changed) => {
    // Placing a hold must not wait for, or fail with, the storage: an unreachable bucket leaves the decision to the job.
    const support = archiveSettings().s3 ? await archiveStore().then((s) => s.legalHolds, () => null) : ({ supported: false, reason: 'filesystem' } as const);
    if (support && !support.supported) {
      const where = support.reason === 'filesystem' ? 'хранилище архива на файловой системе / the archive is stored on a filesystem' : 'бакет архива без Object Lock / the archive bucket has no Object Lock';
      return { storageLegalHold: { mirrored: false, reason: support.reason, note: `запрет не продублирован в хранилище / not mirrored by the storage: ${where}` } };
    }
    const job = await enqueueJob(unit.trx, { kind: 'archive.legal_hold', orgId: unit.scope.orgId, payload: { caseId: changed.id }, dedupeKey: `legal-hold:${changed.id}` });
    return { storageLegalHold: { mirrored: true, job } };
  });
}
