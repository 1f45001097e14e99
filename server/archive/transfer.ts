// Transfer of an approved inventory to a state archive: one archival package per case (documents' originals and
// requisites) and one for the inventory (its frozen JSON and PDF/A, pinning the case packages as members), as an
// E-ARK SIP inside a BagIt ZIP (archive/ exportTransfer). Every time in it is the inventory's approval time, so
// two exports of the same inventory are byte-identical.
import type { BlobStore } from '../storage/index.ts';
import type { TenantScope } from '../tenancy/scope.ts';
import type { Inventory } from '../models/Inventory.ts';
import type { Case } from '../models/Case.ts';
import { readBlob } from '../files/fileJobs.ts';
import { inventoryJson, pdfTime, type InventoryContent } from './inventoryDocument.ts';
import { retentionLabel } from './retention.ts';

export interface TransferPackage {
  id: string;
  files: Map<string, Uint8Array>;
  anchorSha512: string;
}

interface TransferContext {
  scope: TenantScope;
  blobs: BlobStore;
  organisation: { name: string };
  created: string;
}

/**
 * Supplies the package of a case for a transfer. The default builds it from the database; the archival-packages
 * side may register one that returns the stored OCFL object instead (see server/archive/CONTEXT.md).
 */
export type CasePackageProvider = (ctx: TransferContext, c: Case) => Promise<TransferPackage>;

let casePackageProvider: CasePackageProvider | null = null;
export function setCasePackageProvider(provider: CasePackageProvider | null): void {
  casePackageProvider = provider;
}

const safe = (s: string): string => s.replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 80);
const agentOf = (ctx: TransferContext) => ({ name: ctx.organisation.name, address: `urn:kartoteka:organisation:${ctx.scope.orgId}` });

interface CardRow {
  id: string;
  kind: string;
  status: string;
  reg_number: string | null;
  reg_date: string | null;
  summary: string;
  out_number: string | null;
  out_date: string | null;
  signer: string | null;
  addressee: string | null;
  sheets: number | null;
  access_mark: string | null;
  correspondent_name: string | null;
}

async function buildCasePackage(ctx: TransferContext, c: Case): Promise<TransferPackage> {
  const { buildPackage } = await import('../../archive/index.ts');
  const cards = (await ctx.scope
    .table('cards')
    .leftJoin('correspondents', 'correspondents.id', 'cards.correspondent_id')
    .where('cards.case_id', c.id)
    .whereNot('cards.status', 'cancelled')
    .orderBy([{ column: 'cards.reg_date' }, { column: 'cards.reg_number' }, { column: 'cards.id' }])
    .select('cards.id', 'cards.kind', 'cards.status', 'cards.reg_number', 'cards.reg_date', 'cards.summary', 'cards.out_number', 'cards.out_date', 'cards.signer', 'cards.addressee', 'cards.sheets', 'cards.access_mark', 'correspondents.name as correspondent_name')) as CardRow[];
  const links = (await ctx.scope
    .table('card_files')
    .join('files', 'files.id', 'card_files.file_id')
    .whereIn('card_files.card_id', cards.map((r) => r.id))
    .orderBy([{ column: 'card_files.position' }, { column: 'files.name' }, { column: 'files.id' }])
    .select('card_files.card_id', 'card_files.role', 'files.name', 'files.sha256', 'files.size', 'files.mime')) as { card_id: string; role: string; name: string; sha256: string; size: number; mime: string }[];
  const originals: { name: string; bytes: Uint8Array; mime: string }[] = [];
  const documents = [];
  for (const [i, card] of cards.entries()) {
    const files: { file: string; name: string; role: string; sha256: string; size: number }[] = [];
    for (const link of links.filter((l) => l.card_id === card.id)) {
      const name = `${String(i + 1).padStart(3, '0')}-${safe(card.reg_number ?? card.id)}-${String(files.length + 1)}-${safe(link.name)}`;
      originals.push({ name, bytes: await readBlob(ctx.blobs, link.sha256), mime: link.mime });
      files.push({ file: name, name: link.name, role: link.role, sha256: link.sha256, size: Number(link.size) });
    }
    documents.push({
      position: i + 1,
      id: card.id,
      kind: card.kind,
      regNumber: card.reg_number,
      regDate: card.reg_date,
      summary: card.summary,
      correspondent: card.correspondent_name,
      outNumber: card.out_number,
      outDate: card.out_date,
      signer: card.signer,
      addressee: card.addressee,
      sheets: card.sheets,
      accessMark: card.access_mark,
      files,
    });
  }
  const id = `case-${c.id}`;
  const built = buildPackage({
    id,
    kind: 'case',
    created: ctx.created,
    agent: agentOf(ctx),
    descriptive: {
      case: { id: c.id, caseIndex: c.caseIndex, title: c.title, year: c.year, startDate: c.startDate, endDate: c.endDate, documents: c.documentsCount, sheets: c.sheets, retention: retentionLabel(c).ru, listArticle: c.listArticle },
      documents,
    },
    originals,
  });
  return { id, files: built.files, anchorSha512: built.anchor.sha512 };
}

/** The transfer ZIP of an approved inventory (E-ARK SIP in a BagIt bag), byte-identical on every call. */
export async function transferZip(scope: TenantScope, blobs: BlobStore, inventory: Inventory, cases: Case[], archiveName: string): Promise<Uint8Array> {
  const { buildPackage, exportTransfer } = await import('../../archive/index.ts');
  const content = inventory.content as unknown as InventoryContent;
  const created = pdfTime(inventory.approvedAt ?? inventory.updatedAt);
  const ctx: TransferContext = { scope, blobs, organisation: content.organisation, created };
  const provide = casePackageProvider ?? buildCasePackage;
  const casePackages: TransferPackage[] = [];
  for (const c of cases) casePackages.push(await provide(ctx, c));
  const pdf = await readBlob(blobs, inventory.pdfSha256 ?? '');
  const invId = `inventory-${inventory.id}`;
  const inv = buildPackage({
    id: invId,
    kind: 'inventory',
    created,
    agent: agentOf(ctx),
    descriptive: { inventory: content.inventory, approval: content.approval, totals: content.totals },
    originals: [{ name: 'inventory.json', bytes: inventoryJson(content), mime: 'application/json' }],
    pdfa: [{ name: 'inventory.pdf', bytes: pdf, mime: 'application/pdf' }],
    members: casePackages.map((p) => ({ id: p.id, anchor: p.anchorSha512 })),
  });
  return exportTransfer({
    id: `urn:kartoteka:transfer:${inventory.id}`,
    created,
    organisation: content.organisation.name,
    archive: archiveName,
    packages: [{ id: invId, files: inv.files }, ...casePackages.map((p) => ({ id: p.id, files: p.files }))],
  });
}
