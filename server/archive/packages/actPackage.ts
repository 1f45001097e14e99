// The destruction act as an archival package (urn:kartoteka:act:<id>): built when the act is approved — its frozen
// content (RFC 8785 JSON) and PDF/A, members: the packages of its cases, each pinned by the SHA-512 of its
// package.json — and again when it is executed, as a new OCFL version that adds the tombstone list: one entry per
// purged card, copied from its `card.purged` audit entry and pinned by that entry's hash in the audit chain. What
// the act destroyed stays provable from the package alone, after the cards themselves are gone.
import type { Knex } from 'knex';
import canonicalize from 'canonicalize';
import type { PackageInput } from '../../../archive/index.ts';
import { onCasesDestroyed, onDestructionActApproved } from '../hooks.ts';
import { readBlob } from '../../files/fileJobs.ts';
import { enqueueJob } from '../../jobs/queue.ts';
import type { BlobStore } from '../../storage/index.ts';
import type { PackageNote } from '../../models/ArchivePackage.ts';
import type { WriteUnit } from '../../http/route.ts';
import { PACKAGE_AGENT, rfc3339 } from './gatherCard.ts';
import { enqueueAggregatePackaging, memberPackages, membersOf, plain } from './aggregates.ts';

/** Keys the execution adds to the act's content row; the approved snapshot is kept without them. */
const EXECUTION_KEYS = ['purgedCards', 'blobs'];

interface TombstoneRow {
  seq: string | number;
  at: Date;
  object_id: string;
  hash: string;
  payload: Record<string, unknown>;
}

/** The `card.purged` entries of the act, in the order they were written, each with its place in the audit chain. */
export async function actTombstones(db: Knex, orgId: string, actId: string) {
  const rows = (await db('audit_log')
    .where({ org_id: orgId, action: 'card.purged' })
    .whereRaw("payload->>'destructionActId' = ?", [actId])
    .orderBy('id')
    .select('seq', 'at', 'object_id', 'hash', 'payload')) as TombstoneRow[];
  return rows.map((r) => ({ card: r.object_id, auditSeq: Number(r.seq), auditHash: r.hash, at: rfc3339(new Date(r.at)), ...r.payload }));
}

export async function gatherAct(db: Knex, blobs: BlobStore, row: { org_id: string; object_id: string; ocfl_id: string }, created: Date): Promise<{ input: PackageInput; notes: PackageNote[] }> {
  const orgId = row.org_id;
  const notes: PackageNote[] = [];
  const org = plain(await db('organisations').where({ id: orgId }).first('id', 'name', 'short_name'));
  const act = plain(await db('destruction_acts').where({ org_id: orgId, id: row.object_id }).first());
  const caseIds = (await db('destruction_act_items').where({ org_id: orgId, act_id: row.object_id }).orderBy('position').pluck('case_id')) as string[];
  const packages = await memberPackages(db, orgId, 'case', caseIds);
  const members = membersOf(caseIds, packages, (id) => id, notes);
  const name = `akt-${String(act.year)}-${String(act.number)}`;
  const originals: PackageInput['originals'] = [];
  const pdfa: NonNullable<PackageInput['pdfa']> = [];
  const content = act.content as Record<string, unknown> | null;
  if (content) {
    const snapshot = Object.fromEntries(Object.entries(content).filter(([k]) => !EXECUTION_KEYS.includes(k)));
    originals.push({ name: `${name}.json`, bytes: new TextEncoder().encode(canonicalize(snapshot) ?? ''), mime: 'application/json' });
  }
  if (typeof act.pdf_sha256 === 'string') {
    const pdf = await readBlob(blobs, act.pdf_sha256);
    originals.push({ name: `${name}.pdf`, bytes: pdf, mime: 'application/pdf' });
    // The approved act is produced as PDF/A: the archival copy is the same file.
    pdfa.push({ name: `${name}.pdf`, bytes: pdf, mime: 'application/pdf', conversion: { method: 'unchanged', reason: 'produced as PDF/A-2B at approval', from: `${name}.pdf` } });
  }
  const tombstones = act.status === 'executed' ? await actTombstones(db, orgId, row.object_id) : [];
  if (act.status === 'executed') originals.push({ name: 'tombstones.json', bytes: new TextEncoder().encode(`${JSON.stringify(tombstones, null, 2)}\n`), mime: 'application/json' });
  const described = { ...act };
  delete described.content;
  return {
    input: {
      id: row.ocfl_id,
      created: rfc3339(created),
      agent: PACKAGE_AGENT,
      kind: 'act',
      descriptive: { fund: org, act: described, execution: content && act.status === 'executed' ? { purgedCards: content.purgedCards ?? null, tombstones: tombstones.length } : null, cases: caseIds, members },
      originals,
      pdfa,
      members,
    },
    notes,
  };
}

let registered = false;

/** Packages the act on approval and re-packages it with the tombstones on execution; called once by jobs.ts. */
export function registerActHooks(storage: () => Promise<{ kind: 'fs' | 's3' }>): void {
  if (registered) return;
  registered = true;
  onDestructionActApproved(async (unit: WriteUnit, act) => {
    await enqueueAggregatePackaging(unit.trx, unit.scope.orgId, 'act', act.id, (await storage()).kind);
  });
  onCasesDestroyed(async (unit: WriteUnit, act) => {
    const row = (await unit.trx('archive_packages').where({ org_id: unit.scope.orgId, object_type: 'act', object_id: act.id }).first('id')) as { id: string } | undefined;
    if (!row) return enqueueAggregatePackaging(unit.trx, unit.scope.orgId, 'act', act.id, (await storage()).kind);
    // A key of its own: the approval's job may still be running on the state before execution, and the usual key
    // would hand this enqueue that running job — the tombstones would never be packaged. The object lock makes the
    // two jobs write one after the other.
    await enqueueJob(unit.trx, { kind: 'archive.package_aggregate', orgId: unit.scope.orgId, payload: { packageId: row.id }, dedupeKey: `${row.id}:executed` });
  });
}
