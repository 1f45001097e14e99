// Evidence records (RFC 4998). `archive.evidence` batches the organisation's packages whose current package.json
// has no record yet into one hash tree, time-stamps its root once, and adds each package's record as a new OCFL
// version. `archive.evidence_renew` renews a batch's records (RFC 4998 5.2) and stores them as a further version:
// before the TSA certificate expires it time-stamps the batch's time-stamp again (one TSA request per batch); when the
// batch's digest is no longer the configured one (ERS_HASH_ALGORITHM raised because the old one weakens) it renews
// the hash tree instead, over each package.json and its whole record. It is scheduled by each batch, and by
// `scheduleAlgorithmRenewals` at boot for batches in a superseded algorithm.
import type { Knex } from 'knex';
import { addEvidenceRecord, createEvidenceRecords, renewEvidenceRecords, renewHashTree, type ErsAlgorithm } from '../../../archive/index.ts';
import { defineJob } from '../../jobs/registry.ts';
import { enqueueJob } from '../../jobs/queue.ts';
import { appendAudit } from '../../audit/appendAudit.ts';
import type { PackageVersionEntry } from '../../models/ArchivePackage.ts';
import { archiveSettings, archiveStore } from './archiveConfig.ts';
import { PACKAGE_AGENT, rfc3339 } from './gatherCard.ts';
import { anchorDigests, headAnchor, headNumber, inventoryOf, objectSize, versionEntry } from './objectVersions.ts';
import { opensslAvailable, stamper, tokenFacts, type TokenFacts } from './timestamping.ts';
import { withObjectLocks } from './objectLock.ts';

const RECORD_FILE = 'evidence/records/package.json.ers';
const BATCH_LIMIT = 500;

interface PackageRow {
  id: string;
  org_id: string;
  ocfl_id: string;
  versions: PackageVersionEntry[];
}

interface Written {
  row: PackageRow;
  files: Map<string, Uint8Array>;
}

async function insertBatch(trx: Knex.Transaction, orgId: string, facts: TokenFacts, s: { source: string; trusted: boolean }, packages: number, renews: string | null, algorithm: ErsAlgorithm): Promise<string> {
  const root = facts.imprint;
  const [batch] = (await trx('evidence_batches')
    .insert({
      org_id: orgId,
      algorithm,
      root_digest: root,
      token_base64: Buffer.from(facts.token).toString('base64'),
      gen_time: facts.genTime,
      tsa: s.source,
      tsa_trusted: s.trusted,
      tsa_certificate_base64: Buffer.from(facts.certificate).toString('base64'),
      tsa_not_after: facts.notAfter,
      packages,
      renews,
    })
    .returning('id')) as { id: string }[];
  if (!batch) throw new Error('evidence batch insert returned no id');
  if (renews) await trx('evidence_batches').where({ id: renews }).update({ renewed_by: batch.id });
  // Renewal falls due some days before the TSA certificate expires.
  const due = new Date(facts.notAfter.getTime() - archiveSettings().renewDays * 86_400_000);
  await enqueueJob(trx, { kind: 'archive.evidence_renew', orgId, payload: { batchId: batch.id }, runAt: due, dedupeKey: `renew:${batch.id}` });
  return batch.id;
}

async function recordVersions(trx: Knex.Transaction, written: Written[], batchId: string, action: string, extra: Record<string, unknown>): Promise<void> {
  for (const w of written) {
    const inv = inventoryOf(w.files);
    const anchor = anchorDigests(headAnchor(w.files));
    // The list as it is now, not as the job read it: another writer of the object may have recorded a version since.
    const now = (await trx('archive_packages').where({ id: w.row.id }).first('versions')) as { versions: PackageVersionEntry[] } | undefined;
    const versions = [...(now?.versions ?? w.row.versions).filter((v) => v.version !== inv.head), versionEntry(inv, anchor)];
    await trx('archive_packages')
      .where({ id: w.row.id })
      .update({
        current_version: headNumber(inv),
        versions: JSON.stringify(versions),
        evidence_batch_id: batchId,
        evidence_anchor_sha512: anchor.sha512,
        size_bytes: objectSize(w.files),
        version: trx.raw('version + 1'),
        updated_at: trx.fn.now(),
      });
    await appendAudit(trx, { orgId: w.row.org_id, action, objectType: 'archive_package', objectId: w.row.id, payload: { batchId, version: inv.head, anchor: anchor.sha512, ...extra } });
  }
}

defineJob({
  kind: 'archive.evidence',
  timeoutMs: 30 * 60_000,
  async handler(job) {
    const orgId = job.orgId;
    if (!orgId) return;
    const rows = (await job.knex('archive_packages')
      .where({ org_id: orgId, status: 'packaged' })
      .andWhere((q) => q.whereNull('evidence_anchor_sha512').orWhereRaw('evidence_anchor_sha512 <> anchor_sha512'))
      .orderBy('created_at')
      .limit(BATCH_LIMIT)
      .select('id', 'org_id', 'ocfl_id', 'versions')) as PackageRow[];
    if (rows.length === 0) return;
    const algorithm = archiveSettings().ersAlgorithm;
    if (!archiveSettings().tsaUrl && !opensslAvailable()) {
      // Retrying cannot help: say once per batch why the packages stay without a time-stamp.
      await job.finish(async (trx) => {
        await appendAudit(trx, { orgId, action: 'archive.evidence_skipped', objectType: 'archive_package', payload: { packages: rows.length, reason: 'no TSA_URL and no openssl for the local test TSA' } });
      });
      return;
    }
    // The records must protect the package.json that is stored when they are written: no packaging in between. The
    // rows are updated before the locks go, so that writers of one object record their versions in the order written.
    await withObjectLocks(
      rows.map((r) => r.ocfl_id),
      async () => {
        const store = await archiveStore();
        const objects: Map<string, Uint8Array>[] = [];
        for (const r of rows) {
          const files = await store.read(r.ocfl_id);
          if (!files) throw new Error(`package ${r.ocfl_id} is missing from the storage root`);
          objects.push(files);
        }
        const anchors = objects.map((o) => headAnchor(o));
        const s = stamper();
        const records = await createEvidenceRecords(anchors, s.tsa, algorithm);
        const facts = tokenFacts(s.responses[s.responses.length - 1]!);
        const created = rfc3339(new Date());
        const written: Written[] = [];
        for (const [i, r] of rows.entries()) {
          const files = addEvidenceRecord(objects[i]!, { record: records[i]!, tsaCertificates: [facts.certificate], created, agent: PACKAGE_AGENT });
          await store.write(r.ocfl_id, files);
          written.push({ row: r, files });
        }
        await job.finish(async (trx) => {
          const batchId = await insertBatch(trx, orgId, facts, s, rows.length, null, algorithm);
          await recordVersions(trx, written, batchId, 'archive.evidence_recorded', { tsa: s.source, trusted: s.trusted, genTime: facts.genTime.toISOString() });
        });
      },
      job.knex,
    );
  },
});

defineJob({
  kind: 'archive.evidence_renew',
  timeoutMs: 30 * 60_000,
  async handler(job) {
    const orgId = job.orgId;
    const { batchId } = job.payload as { batchId: string };
    if (!orgId) return;
    const batch = (await job.knex('evidence_batches').where({ id: batchId, org_id: orgId }).first('id', 'renewed_by', 'algorithm')) as
      | { id: string; renewed_by: string | null; algorithm: string }
      | undefined;
    if (!batch || batch.renewed_by) return;
    const algorithm = archiveSettings().ersAlgorithm;
    const hashTree = batch.algorithm !== algorithm;
    // A package repackaged since the batch is waiting for a record of its new package.json (archive.evidence); its
    // old record protects a package.json that is no longer the head's, so it is not renewed.
    const rows = (await job.knex('archive_packages')
      .where({ org_id: orgId, evidence_batch_id: batchId })
      .whereRaw('evidence_anchor_sha512 = anchor_sha512')
      .select('id', 'org_id', 'ocfl_id', 'versions')) as PackageRow[];
    if (rows.length === 0) return;
    await withObjectLocks(
      rows.map((r) => r.ocfl_id),
      async () => {
        const store = await archiveStore();
        const s = stamper();
        const read: { row: PackageRow; files: Map<string, Uint8Array>; record: Uint8Array }[] = [];
        for (const r of rows) {
          const files = await store.read(r.ocfl_id);
          const record = files ? inventoryRecord(files) : undefined;
          if (files && record) read.push({ row: r, files, record });
        }
        if (read.length === 0) return;
        const renewed = hashTree
          ? await renewHashTree(read.map((x) => ({ record: x.record, data: headAnchor(x.files) })), s.tsa, algorithm)
          : await renewEvidenceRecords(read.map((x) => x.record), s.tsa);
        const facts = tokenFacts(s.responses[s.responses.length - 1]!);
        const created = rfc3339(new Date());
        const written: Written[] = [];
        for (const [i, x] of read.entries()) {
          const next = addEvidenceRecord(x.files, { record: renewed[i]!, tsaCertificates: [facts.certificate], created, agent: PACKAGE_AGENT, renewal: true });
          await store.write(x.row.ocfl_id, next);
          written.push({ row: x.row, files: next });
        }
        await job.finish(async (trx) => {
          const renewedId = await insertBatch(trx, orgId, facts, s, written.length, batchId, hashTree ? algorithm : (batch.algorithm as ErsAlgorithm));
          await recordVersions(trx, written, renewedId, hashTree ? 'archive.evidence_rehashed' : 'archive.evidence_renewed', {
            renews: batchId,
            tsa: s.source,
            trusted: s.trusted,
            ...(hashTree ? { from: batch.algorithm, to: algorithm } : {}),
          });
        });
      },
      job.knex,
    );
  },
});

/**
 * Batches still current (not renewed) whose digest is not the configured one are renewed now, by hash tree: run at
 * boot, so raising ERS_HASH_ALGORITHM and restarting is all an administrator does when an algorithm weakens.
 */
export async function scheduleAlgorithmRenewals(knex: Knex): Promise<number> {
  const algorithm = archiveSettings().ersAlgorithm;
  // Only batches whose record some package still relies on: one whose packages all got newer records is history.
  const stale = (await knex('evidence_batches as b')
    .whereNull('b.renewed_by')
    .whereNot('b.algorithm', algorithm)
    .whereExists(knex('archive_packages as p').whereRaw('p.evidence_batch_id = b.id').whereRaw('p.evidence_anchor_sha512 = p.anchor_sha512').select(knex.raw('1')))
    .select('b.id', 'b.org_id')) as { id: string; org_id: string }[];
  if (stale.length === 0) return 0;
  await knex.transaction(async (trx) => {
    for (const b of stale) await enqueueJob(trx, { kind: 'archive.evidence_renew', orgId: b.org_id, payload: { batchId: b.id }, dedupeKey: `rehash:${b.id}:${algorithm}` });
  });
  return stale.length;
}

function inventoryRecord(files: Map<string, Uint8Array>): Uint8Array | undefined {
  const inv = inventoryOf(files);
  const state = inv.versions[inv.head]?.state ?? {};
  for (const [d, paths] of Object.entries(state)) if (paths.includes(RECORD_FILE)) return files.get(inv.manifest[d]?.[0] ?? '');
  return undefined;
}
