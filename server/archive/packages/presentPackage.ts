// Archive package → JSON for the API and the package viewer.
import type { Knex } from 'knex';
import { headFiles, type PackageManifest } from '../../../archive/index.ts';
import type { ArchivePackage } from '../../models/ArchivePackage.ts';
import { archiveStore } from './archiveConfig.ts';
import { LOCAL_TSA, LOCAL_TSA_LABEL } from './timestamping.ts';

interface CardBrief {
  id: string;
  reg_number: string | null;
  reg_date: string | null;
  summary: string;
  kind: string;
}

const dateOnly = (d: unknown): string | null => (d instanceof Date ? d.toISOString().slice(0, 10) : typeof d === 'string' ? d.slice(0, 10) : null);

export async function cardBriefs(db: Knex, orgId: string, pkgs: ArchivePackage[]): Promise<Map<string, CardBrief>> {
  const ids = pkgs.filter((p) => p.objectType === 'card').map((p) => p.objectId);
  if (ids.length === 0) return new Map();
  const rows = (await db('cards').where({ org_id: orgId }).whereIn('id', ids).select('id', 'reg_number', 'reg_date', 'summary', 'kind')) as CardBrief[];
  return new Map(rows.map((r) => [r.id, r]));
}

export function presentPackage(p: ArchivePackage, cards: Map<string, CardBrief>) {
  const card = cards.get(p.objectId);
  const d = p.destroyedAt ? p.destruction : null;
  return {
    id: p.id,
    objectType: p.objectType,
    objectId: p.objectId,
    ocflId: p.ocflId,
    status: p.status,
    currentVersion: p.currentVersion,
    storage: p.storage,
    anchor: p.anchorSha512 && p.anchorSha256 && p.anchorStreebog256 ? { sha512: p.anchorSha512, sha256: p.anchorSha256, 'streebog-256': p.anchorStreebog256 } : null,
    sizeBytes: Number(p.sizeBytes),
    error: p.error,
    lastFixityAt: p.lastFixityAt ? p.lastFixityAt.toISOString() : null,
    lastFixityResult: p.lastFixityResult,
    fixityAlert: p.fixityAlert,
    // A destroyed card is gone: its registration number and date come from the tombstone, the summary is destroyed too.
    card: card ? { regNumber: card.reg_number, regDate: dateOnly(card.reg_date), summary: card.summary, kind: card.kind } : d ? { regNumber: d.regNumber, regDate: dateOnly(d.regDate), summary: '', kind: d.kind ?? 'card' } : null,
    destruction: d && p.destroyedAt
      ? { at: p.destroyedAt.toISOString(), actId: d.actId, act: d.act, reason: d.reason, caseIndex: d.caseIndex, executedBy: d.executedBy, auditSeq: d.auditSeq, version: p.destructionVersion }
      : null,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

interface BatchRow {
  id: string;
  tsa: string;
  tsa_trusted: boolean;
  gen_time: Date;
  tsa_not_after: Date;
  renewed_by: string | null;
  renews: string | null;
  algorithm: string;
}

interface FixityRow {
  id: string;
  package_version: number;
  result: string;
  files: number;
  bytes: string | number;
  problems: { code: string; message: string }[];
  trigger: string;
  checked_at: Date;
}

/** The batches of the package's current record and the ones it renewed. */
async function evidenceChain(db: Knex, orgId: string, batchId: string | null): Promise<BatchRow[]> {
  const out: BatchRow[] = [];
  let id = batchId;
  while (id && out.length < 50) {
    const row = (await db('evidence_batches').where({ org_id: orgId, id }).first('id', 'tsa', 'tsa_trusted', 'gen_time', 'tsa_not_after', 'renewed_by', 'renews', 'algorithm')) as BatchRow | undefined;
    if (!row) break;
    out.push(row);
    id = row.renews;
  }
  return out;
}

export async function presentPackageDetail(db: Knex, orgId: string, p: ArchivePackage) {
  const cards = await cardBriefs(db, orgId, [p]);
  const store = await archiveStore();
  const files = p.status === 'packaged' ? await store.read(p.ocflId) : null;
  const head = files ? headFiles(files) : new Map<string, Uint8Array>();
  const anchorBytes = head.get('package.json');
  const manifest = anchorBytes ? (JSON.parse(new TextDecoder().decode(anchorBytes)) as PackageManifest) : null;
  const listed = new Set((manifest?.files ?? []).map((f) => f.path));
  const fixity = (await db('fixity_checks').where({ org_id: orgId, package_id: p.id }).orderBy('checked_at', 'desc').limit(50)) as FixityRow[];
  const chain = await evidenceChain(db, orgId, p.evidenceBatchId);
  return {
    ...presentPackage(p, cards),
    objectPath: p.objectPath,
    versions: p.versions,
    notes: p.notes,
    files: manifest?.files ?? [],
    otherFiles: [...head.keys()].filter((k) => k !== 'package.json' && !listed.has(k)).sort(),
    signatures: (manifest?.signatures ?? []).map((s) => ({ signature: s.signature, signs: s.signs, validationTime: s.validationTime, indications: s.indications })),
    pdfa: manifest?.pdfa ?? [],
    fixity: fixity.map((f) => ({
      id: f.id,
      packageVersion: f.package_version,
      result: f.result,
      files: f.files,
      bytes: Number(f.bytes),
      problems: f.problems,
      trigger: f.trigger,
      checkedAt: f.checked_at.toISOString(),
    })),
    evidence: chain.map((b, i) => ({
      batchId: b.id,
      tsa: b.tsa,
      trusted: b.tsa_trusted,
      label: b.tsa === LOCAL_TSA ? LOCAL_TSA_LABEL : b.tsa,
      genTime: b.gen_time.toISOString(),
      tsaNotAfter: b.tsa_not_after.toISOString(),
      algorithm: b.algorithm,
      renewedBy: b.renewed_by,
      renews: b.renews,
      current: i === 0 && p.evidenceAnchorSha512 === p.anchorSha512,
    })),
  };
}
