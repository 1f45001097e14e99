// Transfer of an approved inventory to a state archive: one archival package per case and one for the inventory (its
// frozen JSON and PDF/A, pinning the case packages as members), as an E-ARK SIP inside a BagIt ZIP (archive/
// exportTransfer). A case whose stored OCFL package is complete and current goes in as stored — the object's bytes
// copied, with the card packages it pins — otherwise its package is built here from the database (documents'
// originals and requisites), every time in it the inventory's approval time. Either way two exports of the same
// state are byte-identical. The database and blob reads happen here; hashing and
// deflating run in a worker thread (transferBuild.ts), so the server stays responsive during a large export.
import type { BlobStore } from '../storage/index.ts';
import type { TenantScope } from '../tenancy/scope.ts';
import type { Inventory } from '../models/Inventory.ts';
import type { Case } from '../models/Case.ts';
import { Worker } from 'node:worker_threads';
import { readBlob } from '../files/fileJobs.ts';
import { inventoryJson, pdfTime, type InventoryContent } from './inventoryDocument.ts';
import { retentionLabel } from './retention.ts';
import type { CaseSpec, PrebuiltPackage, TransferSpec } from './transferBuild.ts';

export type TransferPackage = PrebuiltPackage;

export interface TransferContext {
  scope: TenantScope;
  blobs: BlobStore;
  organisation: { name: string };
  created: string;
}

/**
 * Supplies the stored package of a case for a transfer, with the packages it pins (its documents'), or null when
 * there is none to reuse — then the case's package is built from the database (in the worker). The archival-packages
 * side registers one that copies the stored OCFL objects byte for byte (server/archive/packages/transferPackages.ts).
 */
export type CasePackageProvider = (ctx: TransferContext, c: Case) => Promise<{ package: TransferPackage; members: TransferPackage[] } | null>;

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

/** What a case's package holds: its requisites, its documents' requisites and their files byte-exact. */
async function caseSpec(ctx: TransferContext, c: Case): Promise<CaseSpec> {
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
  const originals: CaseSpec['originals'] = [];
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
  return {
    id: `case-${c.id}`,
    descriptive: {
      case: { id: c.id, caseIndex: c.caseIndex, title: c.title, year: c.year, startDate: c.startDate, endDate: c.endDate, documents: c.documentsCount, sheets: c.sheets, retention: retentionLabel(c).ru, listArticle: c.listArticle },
      documents,
    },
    originals,
  };
}

// One worker thread, started on the first export and kept (unref'd) for the next: starting it costs seconds of
// module loading. Exports queue behind each other; a worker that fails is dropped and started again next time.
let worker: Worker | null = null;
let queue: Promise<unknown> = Promise.resolve();
let nextId = 1;

function transferWorker(): Worker {
  if (worker) return worker;
  const started = new Worker(new URL('./transferWorker.mjs', import.meta.url));
  started.unref();
  const drop = (): void => {
    if (worker === started) worker = null;
  };
  started.once('error', drop);
  started.once('exit', drop);
  worker = started;
  return started;
}

function buildOnce(spec: TransferSpec): Promise<Uint8Array> {
  const w = transferWorker();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const onMessage = (reply: { id: number; ok: boolean; zip?: Uint8Array; error?: string }): void => {
      if (reply.id !== id) return;
      cleanup();
      if (reply.ok && reply.zip) resolve(reply.zip);
      else reject(new Error(`transfer build failed: ${reply.error ?? 'no result'}`));
    };
    const onExit = (code: number): void => {
      cleanup();
      reject(new Error(`transfer worker exited with code ${code}`));
    };
    const cleanup = (): void => {
      w.off('message', onMessage);
      w.off('exit', onExit);
    };
    w.on('message', onMessage);
    w.on('exit', onExit);
    w.postMessage({ id, spec });
  });
}

/** Builds in the worker thread: a large inventory hashes and deflates for seconds, off the HTTP event loop. */
function buildInWorker(spec: TransferSpec): Promise<Uint8Array> {
  const result = queue.then(() => buildOnce(spec));
  queue = result.catch(() => undefined);
  return result;
}

/** The transfer ZIP of an approved inventory (E-ARK SIP in a BagIt bag), byte-identical on every call. */
export async function transferZip(scope: TenantScope, blobs: BlobStore, inventory: Inventory, cases: Case[], archiveName: string): Promise<Uint8Array> {
  const content = inventory.content as unknown as InventoryContent;
  const created = pdfTime(inventory.approvedAt ?? inventory.updatedAt);
  const ctx: TransferContext = { scope, blobs, organisation: content.organisation, created };
  const specs: CaseSpec[] = [];
  const prebuilt: PrebuiltPackage[] = [];
  const pinned = new Map<string, PrebuiltPackage>();
  for (const c of cases) {
    const stored = casePackageProvider ? await casePackageProvider(ctx, c) : null;
    if (!stored) {
      specs.push(await caseSpec(ctx, c));
      continue;
    }
    prebuilt.push(stored.package);
    for (const m of stored.members) pinned.set(m.id, m);
  }
  return buildInWorker({
    transferId: `urn:kartoteka:transfer:${inventory.id}`,
    created,
    organisation: content.organisation.name,
    archive: archiveName,
    agent: agentOf(ctx),
    inventory: {
      id: `inventory-${inventory.id}`,
      descriptive: { inventory: content.inventory, approval: content.approval, totals: content.totals },
      json: inventoryJson(content),
      pdf: await readBlob(blobs, inventory.pdfSha256 ?? ''),
    },
    cases: specs,
    prebuilt,
    others: [...pinned.values()],
  });
}
