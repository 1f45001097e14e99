// Job `archive.package_card`: builds a card's archival package and writes it into the OCFL storage root — the
// first time as v1, later (the card's package content changed) as a new version; an unchanged card writes
// nothing. The object is written before the database records it; a retried job finds its own version there
// (same content → no second version) and records it.
import type { Knex } from 'knex';
import { addVersion, buildPackageAsync, DigestCache, headFiles, PackageError, type BuiltPackage, type PackageInput } from '../../../archive/index.ts';
import { defineJob, type JobContext } from '../../jobs/registry.ts';
import { enqueueJob } from '../../jobs/queue.ts';
import { appendAudit } from '../../audit/appendAudit.ts';
import type { BlobStore } from '../../storage/index.ts';
import type { PackageNote } from '../../models/ArchivePackage.ts';
import { archiveSettings, archiveStore } from './archiveConfig.ts';
import { gatherCard, PACKAGE_AGENT, rfc3339 } from './gatherCard.ts';
import { anchorDigests, headAnchor, headNumber, inventoryOf, objectSize, versionEntry } from './objectVersions.ts';
import type { RenditionOptions } from './renditions.ts';
import { scheduleFixity } from './fixity.ts';
import { enqueueParents, gatherAggregate } from './aggregates.ts';
import { gatherAct } from './actPackage.ts';
import { withObjectLocks } from './objectLock.ts';
import { packageUnderHold } from './legalHolds.ts';

interface PackageRow {
  id: string;
  org_id: string;
  object_type: string;
  object_id: string;
  ocfl_id: string;
  status: string;
  destroyed_at?: Date | null;
}

// What makes a new version: the files, the description and the members, not the times of checks recorded with them.
const SUBSTANCE = /^(representations\/|metadata\/descriptive\/|evidence\/signatures\/|evidence\/signature-)/;

function sameSubstance(a: Map<string, Uint8Array>, b: Map<string, Uint8Array>): boolean {
  const pick = (m: Map<string, Uint8Array>): [string, Uint8Array][] => [...m].filter(([p]) => SUBSTANCE.test(p)).sort(([x], [y]) => (x < y ? -1 : 1));
  const [x, y] = [pick(a), pick(b)];
  return x.length === y.length && x.every(([p, bytes], i) => p === y[i]![0] && Buffer.compare(bytes, y[i]![1]) === 0);
}

export interface PackagingOutcome {
  written: boolean;
  files: Map<string, Uint8Array>;
  built: BuiltPackage;
  notes: PackageNote[];
}

/** Writes a built package as v1, or as a new version when its substance differs from the stored head. */
async function writePackage(
  ocflId: string,
  objectId: string,
  existing: Map<string, Uint8Array> | null,
  input: PackageInput,
  notes: PackageNote[],
  now: Date,
  options: { cache?: DigestCache; legalHold?: boolean } = {},
): Promise<PackagingOutcome> {
  const cache = options.cache ?? new DigestCache(archiveSettings().hashWorkers);
  const store = await archiveStore();
  const built = await buildPackageAsync(input, cache);
  const previous = existing ? headFiles(existing) : null;
  if (existing && previous && sameSubstance(previous, headFiles(built.files))) return { written: false, files: existing, built, notes };
  const files = existing
    ? addVersion(existing, { created: rfc3339(now), message: `update of ${input.kind} ${objectId}`, user: PACKAGE_AGENT, files: headFiles(built.files) })
    : built.files;
  await store.write(ocflId, files, options.legalHold === undefined ? {} : { legalHold: options.legalHold });
  return { written: true, files, built, notes };
}

/** Builds the card's package and writes it (or its new version) to the storage root. */
export async function packageCard(
  db: Knex | Knex.Transaction,
  blobs: BlobStore,
  row: Pick<PackageRow, 'org_id' | 'object_id' | 'ocfl_id'>,
  options: { now?: Date; renditions?: RenditionOptions; legalHold?: boolean } = {},
): Promise<PackagingOutcome> {
  const store = await archiveStore();
  const now = options.now ?? new Date();
  const existing = await store.read(row.ocfl_id);
  const previous = existing ? headFiles(existing) : null;
  // One digest cache from reading the blobs to writing the object: large files are hashed on the pool meanwhile.
  const cache = new DigestCache(archiveSettings().hashWorkers);
  const gathered = await gatherCard(db, blobs, { orgId: row.org_id, cardId: row.object_id, ocflId: row.ocfl_id, created: now, renditions: options.renditions ?? { ocr: archiveSettings().ocr }, previous, cache });
  return writePackage(row.ocfl_id, row.object_id, existing, gathered.input, gathered.notes, now, { cache, ...(options.legalHold === undefined ? {} : { legalHold: options.legalHold }) });
}

/** Records what the storage root now holds for the package, in the job's transaction. */
async function recordPackaged(trx: Knex.Transaction, row: PackageRow, outcome: PackagingOutcome, storage: 'fs' | 's3', objectPath: string): Promise<void> {
  const inv = inventoryOf(outcome.files);
  // The anchor of what is stored (an unchanged card keeps its earlier package.json, a new one has its digests).
  const anchor = outcome.written && outcome.files === outcome.built.files ? outcome.built.anchor : anchorDigests(headAnchor(outcome.files, inv));
  const entry = versionEntry(inv, anchor);
  await trx('archive_packages')
    .where({ id: row.id })
    .update({
      status: 'packaged',
      current_version: headNumber(inv),
      storage,
      object_path: objectPath,
      anchor_sha512: anchor.sha512,
      anchor_sha256: anchor.sha256,
      anchor_streebog256: anchor['streebog-256'],
      // The list as it is now, not as the job read it: another writer of the object may have recorded a version
      // since (a retried job finds its own entry there already).
      versions: trx.raw('CASE WHEN versions @> ?::jsonb THEN versions ELSE versions || ?::jsonb END', [JSON.stringify([{ version: entry.version }]), JSON.stringify([entry])]),
      notes: JSON.stringify(outcome.notes),
      size_bytes: objectSize(outcome.files),
      error: null,
      version: trx.raw('version + 1'),
      updated_at: trx.fn.now(),
    });
  await appendAudit(trx, {
    orgId: row.org_id,
    action: outcome.written ? 'archive.packaged' : 'archive.package_unchanged',
    objectType: 'archive_package',
    objectId: row.id,
    payload: { card: row.object_id, ocflId: row.ocfl_id, version: inv.head, anchor, notes: outcome.notes.length },
  });
  if (outcome.written) {
    await enqueueJob(trx, { kind: 'archive.evidence', orgId: row.org_id, dedupeKey: `evidence:${row.org_id}` });
    await enqueueParents(trx, row.org_id, row.object_type, row.object_id, storage);
  }
  await scheduleFixity(trx);
}

async function runPackaging(job: JobContext, build: (row: PackageRow, legalHold: boolean) => Promise<PackagingOutcome>): Promise<void> {
  const orgId = job.orgId;
  const { packageId } = job.payload as { packageId: string };
  if (!orgId) return;
  const row = (await job.knex('archive_packages').where({ id: packageId, org_id: orgId }).first()) as PackageRow | undefined;
  // A destroyed card's package is finished: destroyedPackage.ts wrote its last version, nothing rebuilds it.
  if (!row || row.destroyed_at) return;
  const store = await archiveStore();
  try {
    // The row is recorded before the lock goes, so that writers of one object (packaging, evidence, renewal,
    // destruction) record their versions in the order written: finishing out of order, an earlier writer would
    // record an older current version over a newer one.
    await withObjectLocks(
      [row.ocfl_id],
      async () => {
        // Destroyed while this job waited for the lock: the destruction's version is the object's last.
        const now = (await job.knex('archive_packages').where({ id: row.id }).first('destroyed_at')) as Pick<PackageRow, 'destroyed_at'> | undefined;
        if (!now || now.destroyed_at) return;
        // Read under the object's lock, as archive.legal_hold sets it: a package of a held case is written held.
        const legalHold = store.legalHolds.supported && (await packageUnderHold(job.knex, row));
        const outcome = await build(row, legalHold);
        await job.finish((trx) => recordPackaged(trx, row, outcome, store.kind, store.objectPath(row.ocfl_id)));
      },
      job.knex,
    );
  } catch (error) {
    // Bad input never gets better by retrying: say so on the package. Anything else is retried.
    if (!(error instanceof PackageError)) throw error;
    await job.finish(async (trx) => {
      await trx('archive_packages').where({ id: row.id }).update({ status: 'failed', error: error.message, version: trx.raw('version + 1'), updated_at: trx.fn.now() });
      await appendAudit(trx, { orgId, action: 'archive.package_failed', objectType: 'archive_package', objectId: row.id, payload: { code: error.code, message: error.message } });
    });
  }
}

defineJob({
  kind: 'archive.package_card',
  timeoutMs: 30 * 60_000,
  // Slots of its own in each worker: a job spends most of its time waiting (database, blob reads, fsyncs, the hash
  // pool), so three overlap their waits where one or two left the cores idle (bench/archive-pipeline.ts).
  concurrency: 3,
  handler: (job) => runPackaging(job, (row, legalHold) => packageCard(job.knex, job.blobs, row, { legalHold })),
});

defineJob({
  kind: 'archive.package_aggregate',
  timeoutMs: 30 * 60_000,
  handler: (job) =>
    runPackaging(job, async (row, legalHold) => {
      const now = new Date();
      const existing = await (await archiveStore()).read(row.ocfl_id);
      const gathered = await (row.object_type === 'act' ? gatherAct : gatherAggregate)(job.knex, job.blobs, row, now);
      return writePackage(row.ocfl_id, row.object_id, existing, gathered.input, gathered.notes, now, { legalHold });
    }),
});
