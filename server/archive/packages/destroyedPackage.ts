// The archival packages of destroyed documents. When a destruction act is executed, each purged card that has a
// package is marked in the same transaction (`destroyed_at`, and what the viewer shows once the card is gone), and the
// job `archive.package_destroyed` makes the version that records the destruction — no document content (no originals,
// signatures, PDF/A copies or signature evidence), only the description of what was destroyed, by which act (its
// number, approval, the ЭПК protocol) and the card's tombstone (its `card.purged` audit entry, pinned by sequence and
// hash), with the preservation events so far plus `destruction` — and then replaces the whole object by that version
// alone: the earlier versions held the destroyed documents. That follows the Росархив rules for documents selected
// for destruction: once the act is approved and executed they are destroyed, an electronic document by deletion;
// what stays is the record of the destruction (the act, kept with the organisation's documents, and the tombstones).
// It is the one place an OCFL object loses versions (`OcflStore.replace`); the audit entry keeps the SHA-512 of the
// inventory that listed them. See server/archive/CONTEXT.md.
import type { Knex } from 'knex';
import { createHash } from 'node:crypto';
import { addDestructionVersion, destructionEvent, headFiles, withoutEarlierVersions } from '../../../archive/index.ts';
import { onCasesDestroyed } from '../hooks.ts';
import { defineJob } from '../../jobs/registry.ts';
import { enqueueJob } from '../../jobs/queue.ts';
import { appendAudit } from '../../audit/appendAudit.ts';
import type { WriteUnit } from '../../http/route.ts';
import type { DestructionAct } from '../../models/DestructionAct.ts';
import type { PackageDestruction, PackageVersionEntry } from '../../models/ArchivePackage.ts';
import { archiveStore } from './archiveConfig.ts';
import { PACKAGE_AGENT, rfc3339 } from './gatherCard.ts';
import { actTombstones } from './actPackage.ts';
import { aggregateOcflId, enqueueAggregatePackaging } from './aggregates.ts';
import { anchorDigests, headAnchor, headNumber, inventoryOf, objectSize, versionEntry } from './objectVersions.ts';
import { withObjectLocks } from './objectLock.ts';
import { scheduleFixity } from './fixity.ts';

const EVENTS = 'metadata/preservation/events.json';
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** Marks the purged cards' packages and queues their destruction versions; inside the execution transaction. */
async function markDestroyed(unit: WriteUnit, act: DestructionAct, cardIds: string[]): Promise<void> {
  if (cardIds.length === 0) return;
  const orgId = unit.scope.orgId;
  const rows = (await unit.trx('archive_packages').where({ org_id: orgId, object_type: 'card' }).whereIn('object_id', cardIds).select('id', 'object_id')) as { id: string; object_id: string }[];
  if (rows.length === 0) return;
  const tombstones = new Map((await actTombstones(unit.trx, orgId, act.id)).map((t) => [t.card, t as Record<string, unknown>]));
  const executor = act.executedBy ? ((await unit.trx('users').where({ id: act.executedBy }).first('full_name')) as { full_name: string } | undefined) : undefined;
  const executedAt = act.executedAt ?? new Date();
  for (const row of rows) {
    const t = tombstones.get(row.object_id) ?? {};
    const destruction: PackageDestruction = {
      actId: act.id,
      act: `${act.number}/${act.year}`,
      reason: act.reason,
      executedAt: rfc3339(executedAt),
      executedBy: executor?.full_name ?? null,
      caseId: str(t.caseId),
      caseIndex: str(t.caseIndex),
      regNumber: str(t.regNumber),
      regDate: str(t.regDate),
      kind: str(t.kind),
      auditSeq: Number(t.auditSeq ?? 0),
      auditHash: str(t.auditHash) ?? '',
      requisitesSha256: str(t.requisitesSha256),
    };
    await unit.trx('archive_packages').where({ id: row.id }).update({ destroyed_at: executedAt, destruction: JSON.stringify(destruction), version: unit.trx.raw('version + 1'), updated_at: unit.trx.fn.now() });
    await unit.audit({ action: 'archive.package_marked_destroyed', objectType: 'archive_package', objectId: row.id, payload: { card: row.object_id, act: destruction.act, auditSeq: destruction.auditSeq } });
    await enqueueJob(unit.trx, { kind: 'archive.package_destroyed', orgId, payload: { packageId: row.id }, dedupeKey: `${row.id}:destroyed` });
  }
}

interface DestroyedRow {
  id: string;
  org_id: string;
  object_id: string;
  ocfl_id: string;
  versions: PackageVersionEntry[];
  destruction: PackageDestruction | null;
}

/** What the destroyed package's descriptive metadata says: the act, the tombstone, the case and fund it was kept in. */
async function destructionRecord(db: Knex, row: DestroyedRow, d: PackageDestruction, before: Map<string, Uint8Array>): Promise<Record<string, unknown>> {
  const act = (await db('destruction_acts').where({ org_id: row.org_id, id: d.actId }).first('content', 'approved_at', 'approved_by_name')) as { content: Record<string, unknown> | null; approved_at: Date | null; approved_by_name: string | null } | undefined;
  const previous = before.get('metadata/descriptive/card.json');
  const described = previous ? (JSON.parse(new TextDecoder().decode(previous)) as Record<string, unknown>) : {};
  const removed = [...before.keys()].filter((p) => p.startsWith('representations/') || p.startsWith('evidence/')).sort();
  return {
    destroyed: true,
    fund: described.fund ?? null,
    case: described.case ?? null,
    retention: described.retention ?? null,
    card: { id: row.object_id, regNumber: d.regNumber, regDate: d.regDate, kind: d.kind, caseIndex: d.caseIndex },
    destruction: {
      act: {
        id: d.actId,
        number: d.act,
        reason: d.reason,
        package: aggregateOcflId('act', d.actId),
        approvedAt: act?.approved_at ? rfc3339(new Date(act.approved_at)) : null,
        approvedBy: act?.approved_by_name ?? null,
        expertProtocol: act?.content?.expertReview ?? null,
      },
      executedAt: d.executedAt,
      executedBy: d.executedBy,
      tombstone: { auditSeq: d.auditSeq, auditHash: d.auditHash, requisitesSha256: d.requisitesSha256 },
      removedFromCurrentVersion: removed,
    },
  };
}

/** Whether the object's first version already records the destruction: nothing before it is left to erase. */
function startsDestroyed(files: Map<string, Uint8Array>): boolean {
  const inv = inventoryOf(files);
  const state = inv.versions.v1?.state ?? {};
  const digest = Object.entries(state).find(([, paths]) => paths.includes(EVENTS))?.[0];
  const path = digest ? inv.manifest[digest]?.[0] : undefined;
  return destructionEvent(path ? files.get(path) : undefined) !== null;
}

interface Outcome {
  files: Map<string, Uint8Array>;
  written: boolean;
  /** versions removed with the destroyed documents, and the SHA-512 of the inventory that listed them */
  erased: { versions: number; inventorySha512: string } | null;
}

defineJob({
  kind: 'archive.package_destroyed',
  timeoutMs: 30 * 60_000,
  async handler(job) {
    const { packageId } = job.payload as { packageId: string };
    const row = (await job.knex('archive_packages').where({ id: packageId, org_id: job.orgId }).first('id', 'org_id', 'object_id', 'ocfl_id', 'versions', 'destruction')) as DestroyedRow | undefined;
    const d = row?.destruction;
    if (!row || !d) return;
    const store = await archiveStore();
    const destroy = async (): Promise<Outcome | null> => {
      await store.finishReplace(row.ocfl_id);
      const existing = await store.read(row.ocfl_id);
      if (!existing) return null;
      const head = headFiles(existing);
      // A retried job finds its own version: the head already records the destruction (and the earlier versions are
      // gone, unless they were kept by a build before erasure existed — then they are erased now).
      const recorded = destructionEvent(head.get(EVENTS)) !== null;
      const files = recorded ? existing : addDestructionVersion(existing, {
        created: rfc3339(new Date()),
        agent: PACKAGE_AGENT,
        descriptive: await destructionRecord(job.knex, row, d, head),
        event: {
          at: d.executedAt,
          agent: d.executedBy ? `${PACKAGE_AGENT.name}: ${d.executedBy}` : PACKAGE_AGENT.name,
          outcome: 'success',
          detail: `destroyed under destruction act № ${d.act} (${d.reason}); card.purged audit entry ${d.auditSeq}, hash ${d.auditHash}`,
        },
      });
      if (startsDestroyed(files)) return { files, written: false, erased: null };
      // The documents are destroyed, so no version may keep them: the object becomes its destruction record alone.
      const single = withoutEarlierVersions(files);
      await store.replace(row.ocfl_id, single.files);
      const inventorySha512 = createHash('sha512').update(existing.get('inventory.json') ?? new Uint8Array()).digest('hex');
      return { files: single.files, written: true, erased: { versions: single.erased, inventorySha512 } };
    };
    const finish = (outcome: Outcome | null): Promise<void> =>
      job.finish(async (trx) => {
        if (!outcome) {
          // Destroyed before its package was ever written: there is no object to mark.
          await trx('archive_packages').where({ id: row.id }).update({ error: 'Документ уничтожен до формирования пакета / destroyed before its package was built', version: trx.raw('version + 1'), updated_at: trx.fn.now() });
          await appendAudit(trx, { orgId: row.org_id, action: 'archive.package_destroyed', objectType: 'archive_package', objectId: row.id, payload: { card: row.object_id, ocflId: row.ocfl_id, act: d.act, version: null } });
          return;
        }
        const inv = inventoryOf(outcome.files);
        const anchor = anchorDigests(headAnchor(outcome.files));
        const entry = versionEntry(inv, anchor);
        // The earlier versions no longer exist: the list is the object's one version.
        const now = ((await trx('archive_packages').where({ id: row.id }).first('versions')) as { versions: PackageVersionEntry[] } | undefined)?.versions ?? row.versions;
        const versions = outcome.erased ? [entry] : now.some((v) => v.version === entry.version) ? now : [...now, entry];
        await trx('archive_packages')
          .where({ id: row.id })
          .update({
            status: 'packaged',
            current_version: headNumber(inv),
            anchor_sha512: anchor.sha512,
            anchor_sha256: anchor.sha256,
            anchor_streebog256: anchor['streebog-256'],
            versions: JSON.stringify(versions),
            notes: JSON.stringify([]),
            size_bytes: objectSize(outcome.files),
            destruction_version: inv.head,
            error: null,
            version: trx.raw('version + 1'),
            updated_at: trx.fn.now(),
          });
        await appendAudit(trx, { orgId: row.org_id, action: 'archive.package_destroyed', objectType: 'archive_package', objectId: row.id, payload: { card: row.object_id, ocflId: row.ocfl_id, act: d.act, version: inv.head, anchor, erased: outcome.erased } });
        if (outcome.written) {
          await enqueueJob(trx, { kind: 'archive.evidence', orgId: row.org_id, dedupeKey: `evidence:${row.org_id}` });
          // The case's package pins its documents' packages: it is rebuilt to pin the destroyed version.
          const casePackage = d.caseId ? ((await trx('archive_packages').where({ org_id: row.org_id, object_type: 'case', object_id: d.caseId }).first('storage')) as { storage: 'fs' | 's3' } | undefined) : undefined;
          if (casePackage && d.caseId) await enqueueAggregatePackaging(trx, row.org_id, 'case', d.caseId, casePackage.storage);
        }
        await scheduleFixity(trx);
      });
    // The row is updated before the lock goes, so that writers of one object record their versions in the order written.
    await withObjectLocks([row.ocfl_id], async () => finish(await destroy()), job.knex);
  },
});

let registered = false;

/** Marks the packages of purged cards on execution of an act; called once by jobs.ts. */
export function registerDestroyedPackageHooks(): void {
  if (registered) return;
  registered = true;
  onCasesDestroyed((unit, act, destroyed) => markDestroyed(unit, act, destroyed.cardIds));
}
