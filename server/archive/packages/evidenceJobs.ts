// Evidence records (RFC 4998). `archive.evidence` batches the organisation's packages whose current package.json
// has no record yet into one hash tree, time-stamps its root once, and adds each package's record as a new OCFL
// version. `archive.evidence_renew` time-stamps the previous time-stamp before the TSA certificate expires
// (RFC 4998 5.2) and stores the renewed record as a further version; it is scheduled by each batch.
import type { Knex } from 'knex';
import { addEvidenceRecord, createEvidenceRecords, renewEvidenceRecord } from '../../../archive/index.ts';
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

async function insertBatch(trx: Knex.Transaction, orgId: string, facts: TokenFacts, s: { source: string; trusted: boolean }, root: string, packages: number, renews: string | null): Promise<string> {
  const [batch] = (await trx('evidence_batches')
    .insert({
      org_id: orgId,
      algorithm: 'sha256',
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
    const versions = [...w.row.versions.filter((v) => v.version !== inv.head), versionEntry(inv, anchor)];
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
    if (!archiveSettings().tsaUrl && !opensslAvailable()) {
      // Retrying cannot help: say once per batch why the packages stay without a time-stamp.
      await job.finish(async (trx) => {
        await appendAudit(trx, { orgId, action: 'archive.evidence_skipped', objectType: 'archive_package', payload: { packages: rows.length, reason: 'no TSA_URL and no openssl for the local test TSA' } });
      });
      return;
    }
    // The records must protect the package.json that is stored when they are written: no packaging in between.
    const { written, facts, s } = await withObjectLocks(
      rows.map((r) => r.ocfl_id),
      async () => {
        const store = await archiveStore();
        const objects: Map<string, Uint8Array>[] = [];
        for (const r of rows) {
          const files = await store.read(r.ocfl_id);
          if (!files) throw new Error(`package ${r.ocfl_id} is missing from the storage root`);
          objects.push(files);
        }
        const anchors = objects.map(headAnchor);
        const s = stamper();
        const records = await createEvidenceRecords(anchors, s.tsa);
        const facts = tokenFacts(s.responses[s.responses.length - 1]!);
        const created = rfc3339(new Date());
        const written: Written[] = [];
        for (const [i, r] of rows.entries()) {
          const files = addEvidenceRecord(objects[i]!, { record: records[i]!, tsaCertificates: [facts.certificate], created, agent: PACKAGE_AGENT });
          await store.write(r.ocfl_id, files);
          written.push({ row: r, files });
        }
        return { written, facts, s };
      },
      job.knex,
    );
    await job.finish(async (trx) => {
      const batchId = await insertBatch(trx, orgId, facts, s, facts.imprint, rows.length, null);
      await recordVersions(trx, written, batchId, 'archive.evidence_recorded', { tsa: s.source, trusted: s.trusted, genTime: facts.genTime.toISOString() });
    });
  },
});

defineJob({
  kind: 'archive.evidence_renew',
  timeoutMs: 30 * 60_000,
  async handler(job) {
    const orgId = job.orgId;
    const { batchId } = job.payload as { batchId: string };
    if (!orgId) return;
    const batch = (await job.knex('evidence_batches').where({ id: batchId, org_id: orgId }).first('id', 'renewed_by')) as { id: string; renewed_by: string | null } | undefined;
    if (!batch || batch.renewed_by) return;
    const rows = (await job.knex('archive_packages').where({ org_id: orgId, evidence_batch_id: batchId }).select('id', 'org_id', 'ocfl_id', 'versions')) as PackageRow[];
    if (rows.length === 0) return;
    const { written, facts, s } = await withObjectLocks(
      rows.map((r) => r.ocfl_id),
      async () => {
        const store = await archiveStore();
        const s = stamper();
        const created = rfc3339(new Date());
        const written: Written[] = [];
        let facts: TokenFacts | undefined;
        for (const r of rows) {
          const files = await store.read(r.ocfl_id);
          const record = files ? inventoryRecord(files) : undefined;
          if (!files || !record) continue;
          const renewed = await renewEvidenceRecord(record, s.tsa);
          facts = tokenFacts(s.responses[s.responses.length - 1]!);
          const next = addEvidenceRecord(files, { record: renewed, tsaCertificates: [facts.certificate], created, agent: PACKAGE_AGENT, renewal: true });
          await store.write(r.ocfl_id, next);
          written.push({ row: r, files: next });
        }
        return { written, facts, s };
      },
      job.knex,
    );
    if (!facts) return;
    const last = facts;
    await job.finish(async (trx) => {
      const renewedId = await insertBatch(trx, orgId, last, s, last.imprint, written.length, batchId);
      await recordVersions(trx, written, renewedId, 'archive.evidence_renewed', { renews: batchId, tsa: s.source, trusted: s.trusted });
    });
  },
});

function inventoryRecord(files: Map<string, Uint8Array>): Uint8Array | undefined {
  const inv = inventoryOf(files);
  const state = inv.versions[inv.head]?.state ?? {};
  for (const [d, paths] of Object.entries(state)) if (paths.includes(RECORD_FILE)) return files.get(inv.manifest[d]?.[0] ?? '');
  return undefined;
}
