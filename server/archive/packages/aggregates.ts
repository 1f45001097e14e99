// Aggregate packages: a closed case lists the packages of its archived documents, an approved inventory the
// packages of its cases, each member pinned by the SHA-512 of its package.json (`verifyCollection` checks that a
// member present in the storage root is the very one listed). They are built on the records-management events
// (server/archive/hooks.ts) and rebuilt — a new OCFL version — whenever a member's package changes.
import type { Knex } from 'knex';
import type { MemberEntry, PackageInput } from '../../../archive/index.ts';
import { onCaseClosed, onInventoryApproved } from '../hooks.ts';
import { enqueueJob } from '../../jobs/queue.ts';
import { readBlob } from '../../files/fileJobs.ts';
import type { BlobStore } from '../../storage/index.ts';
import type { PackageNote } from '../../models/ArchivePackage.ts';
import type { WriteUnit } from '../../http/route.ts';
import { PACKAGE_AGENT, rfc3339 } from './gatherCard.ts';

export const aggregateOcflId = (type: 'case' | 'inventory' | 'act', id: string): string => `urn:kartoteka:${type}:${id}`;

/** Creates the aggregate's package row if needed and queues its (re)build. */
export async function enqueueAggregatePackaging(trx: Knex.Transaction, orgId: string, type: 'case' | 'inventory' | 'act', objectId: string, storage: 'fs' | 's3'): Promise<void> {
  let row = (await trx('archive_packages').where({ org_id: orgId, object_type: type, object_id: objectId }).first('id')) as { id: string } | undefined;
  if (!row) {
    [row] = (await trx('archive_packages')
      .insert({ org_id: orgId, object_type: type, object_id: objectId, ocfl_id: aggregateOcflId(type, objectId), status: 'pending', storage })
      .returning('id')) as { id: string }[];
  }
  if (row) await enqueueJob(trx, { kind: 'archive.package_aggregate', orgId, payload: { packageId: row.id }, dedupeKey: row.id });
}

/** After a member's package changed: the aggregates that list it must pin the new package.json. */
export async function enqueueParents(trx: Knex.Transaction, orgId: string, type: string, objectId: string, storage: 'fs' | 's3'): Promise<void> {
  if (type === 'card') {
    // The card's case, when the case has a package (one query: this runs in every packaging job's transaction).
    const parent = (await trx('cards as c')
      .join('archive_packages as p', (j) => j.on('p.org_id', 'c.org_id').andOn('p.object_id', 'c.case_id').andOnVal('p.object_type', 'case'))
      .where({ 'c.org_id': orgId, 'c.id': objectId })
      .first('c.case_id')) as { case_id: string } | undefined;
    if (parent) await enqueueAggregatePackaging(trx, orgId, 'case', parent.case_id, storage);
  } else if (type === 'case') {
    const inventories = (await trx('archive_packages as p')
      .join('inventory_items as i', 'i.inventory_id', 'p.object_id')
      .where({ 'p.org_id': orgId, 'p.object_type': 'inventory', 'i.case_id': objectId })
      .pluck('p.object_id')) as string[];
    for (const id of inventories) await enqueueAggregatePackaging(trx, orgId, 'inventory', id, storage);
    // Destruction acts pin their cases' packages too (actPackage.ts).
    const acts = (await trx('archive_packages as p')
      .join('destruction_act_items as i', 'i.act_id', 'p.object_id')
      .where({ 'p.org_id': orgId, 'p.object_type': 'act', 'i.case_id': objectId })
      .pluck('p.object_id')) as string[];
    for (const id of acts) await enqueueAggregatePackaging(trx, orgId, 'act', id, storage);
  }
}

interface MemberRow {
  object_id: string;
  ocfl_id: string;
  status: string;
  anchor_sha512: string | null;
}

export async function memberPackages(db: Knex, orgId: string, type: 'card' | 'case', ids: string[]): Promise<Map<string, MemberRow>> {
  if (ids.length === 0) return new Map();
  const rows = (await db('archive_packages').where({ org_id: orgId, object_type: type }).whereIn('object_id', ids).select('object_id', 'ocfl_id', 'status', 'anchor_sha512')) as MemberRow[];
  return new Map(rows.map((r) => [r.object_id, r]));
}

export const plain = (v: unknown): Record<string, unknown> => JSON.parse(JSON.stringify(v ?? {})) as Record<string, unknown>;

export function membersOf(ids: string[], packages: Map<string, MemberRow>, label: (id: string) => string, notes: PackageNote[]): MemberEntry[] {
  const out: MemberEntry[] = [];
  for (const id of ids) {
    const p = packages.get(id);
    if (p?.status === 'packaged' && p.anchor_sha512) out.push({ id: p.ocfl_id, anchor: p.anchor_sha512 });
    else notes.push({ file: label(id), kind: 'no-rendition', message: 'Пакет не сформирован (документ не передан в архив или ещё формируется) / no package yet: not archived or still being built' });
  }
  return out;
}

export async function gatherAggregate(db: Knex, blobs: BlobStore, row: { org_id: string; object_type: string; object_id: string; ocfl_id: string }, created: Date): Promise<{ input: PackageInput; notes: PackageNote[] }> {
  const orgId = row.org_id;
  const notes: PackageNote[] = [];
  const org = plain(await db('organisations').where({ id: orgId }).first('id', 'name', 'short_name'));
  const base = { id: row.ocfl_id, created: rfc3339(created), agent: PACKAGE_AGENT };
  if (row.object_type === 'case') {
    const c = plain(await db('cases').where({ org_id: orgId, id: row.object_id }).first());
    const cards = (await db('cards').where({ org_id: orgId, case_id: row.object_id }).orderBy([{ column: 'reg_date' }, { column: 'reg_number' }, { column: 'id' }]).select('id', 'reg_number', 'reg_date', 'summary', 'kind', 'sheets', 'status')) as { id: string; reg_number: string | null }[];
    // Documents purged by a destruction act stay members through their destroyed packages (destroyedPackage.ts).
    const destroyed = (await db('archive_packages').where({ org_id: orgId, object_type: 'card' }).whereRaw("destruction->>'caseId' = ?", [row.object_id]).orderBy('object_id').select('object_id', 'destruction')) as {
      object_id: string;
      destruction: Record<string, unknown>;
    }[];
    const ids = [...cards.map((x) => x.id), ...destroyed.map((x) => x.object_id)];
    const packages = await memberPackages(db, orgId, 'card', ids);
    const members = membersOf(ids, packages, (id) => cards.find((x) => x.id === id)?.reg_number ?? id, notes);
    const documents = [
      ...cards.map((x) => ({ ...plain(x), package: packages.get(x.id)?.ocfl_id ?? null, anchor: packages.get(x.id)?.anchor_sha512 ?? null })),
      ...destroyed.map((x) => ({ id: x.object_id, destroyed: plain(x.destruction), package: packages.get(x.object_id)?.ocfl_id ?? null, anchor: packages.get(x.object_id)?.anchor_sha512 ?? null })),
    ];
    return { input: { ...base, kind: 'case', descriptive: { fund: org, case: c, documents }, originals: [], members }, notes };
  }
  const inv = plain(await db('inventories').where({ org_id: orgId, id: row.object_id }).first());
  const caseIds = (await db('inventory_items').where({ org_id: orgId, inventory_id: row.object_id }).orderBy('position').pluck('case_id')) as string[];
  const packages = await memberPackages(db, orgId, 'case', caseIds);
  const members = membersOf(caseIds, packages, (id) => id, notes);
  const originals: PackageInput['originals'] = [];
  const pdfa: NonNullable<PackageInput['pdfa']> = [];
  const name = `opis-${String(inv.year)}-${String(inv.number)}`;
  if (inv.content) originals.push({ name: `${name}.json`, bytes: new TextEncoder().encode(`${JSON.stringify(inv.content, null, 2)}\n`), mime: 'application/json' });
  if (typeof inv.pdf_sha256 === 'string') {
    const pdf = await readBlob(blobs, inv.pdf_sha256);
    originals.push({ name: `${name}.pdf`, bytes: pdf, mime: 'application/pdf' });
    // The approved inventory is produced as PDF/A: the archival copy is the same file.
    pdfa.push({ name: `${name}.pdf`, bytes: pdf, mime: 'application/pdf', conversion: { method: 'unchanged', reason: 'produced as PDF/A-2B at approval', from: `${name}.pdf` } });
  }
  const inventory = { ...inv };
  delete inventory.content;
  return { input: { ...base, kind: 'inventory', descriptive: { fund: org, inventory, cases: caseIds, members }, originals, pdfa, members }, notes };
}

let registered = false;

/** Hooks into the records-management events; called once by jobs.ts. */
export function registerAggregateHooks(storage: () => Promise<{ kind: 'fs' | 's3' }>): void {
  if (registered) return;
  registered = true;
  onCaseClosed(async (unit: WriteUnit, closed) => {
    await enqueueAggregatePackaging(unit.trx, unit.scope.orgId, 'case', closed.id, (await storage()).kind);
  });
  onInventoryApproved(async (unit: WriteUnit, inventory) => {
    await enqueueAggregatePackaging(unit.trx, unit.scope.orgId, 'inventory', inventory.id, (await storage()).kind);
  });
}
