// The inventory (опись) as a document: a JSON snapshot of what it lists and its PDF/A rendering. The snapshot
// is what approval freezes; the PDF is rendered from the snapshot alone, so the same snapshot gives the same bytes.
import canonicalize from 'canonicalize';
import type { Case } from '../models/Case.ts';
import type { Inventory, InventoryKind } from '../models/Inventory.ts';
import { retentionLabel } from './retention.ts';

export const INVENTORY_KIND_RU: Record<InventoryKind, string> = {
  permanent: 'дел постоянного хранения',
  long_term: 'дел долговременного (свыше 10 лет) хранения',
  personnel: 'дел по личному составу',
};

export interface InventoryContent {
  format: 'kartoteka-inventory/1';
  organisation: { name: string; shortName: string };
  inventory: { id: string; kind: InventoryKind; year: number; number: number; title: string };
  approval: { by: string; at: string } | null;
  cases: {
    position: number;
    caseId: string;
    caseIndex: string;
    title: string;
    year: number;
    startDate: string | null;
    endDate: string | null;
    documents: number;
    sheets: number;
    retention: string;
    listArticle: string | null;
  }[];
  totals: { cases: number; sheets: number; documents: number };
}

/** A case as one line of an inventory or a destruction act: what the printed forms list. */
export function caseLine(c: Case, i: number): InventoryContent['cases'][number] {
  return {
    position: i + 1,
    caseId: c.id,
    caseIndex: c.caseIndex,
    title: c.title,
    year: c.year,
    startDate: c.startDate,
    endDate: c.endDate,
    documents: c.documentsCount,
    sheets: c.sheets,
    retention: retentionLabel(c).ru,
    listArticle: c.listArticle,
  };
}

export function inventoryContent(org: { name: string; shortName: string }, inv: Inventory, cases: Case[], approval: InventoryContent['approval']): InventoryContent {
  const rows = cases.map(caseLine);
  return {
    format: 'kartoteka-inventory/1',
    organisation: org,
    inventory: { id: inv.id, kind: inv.kind, year: inv.year, number: inv.number, title: inv.title },
    approval,
    cases: rows,
    totals: { cases: rows.length, sheets: rows.reduce((n, r) => n + r.sheets, 0), documents: rows.reduce((n, r) => n + r.documents, 0) },
  };
}

/** The frozen content as bytes (RFC 8785 canonical JSON): the download and the transfer package carry the same bytes. */
export function inventoryJson(content: InventoryContent): Uint8Array {
  return new TextEncoder().encode(canonicalize(content) ?? '');
}

export const ruDate = (d: string | null): string => (d ? `${d.slice(8, 10)}.${d.slice(5, 7)}.${d.slice(0, 4)}` : '—');
/** '2026-11-24T12:00:00Z' → '24.11.2026 12:00 UTC', as printed under an approval. */
export const ruTime = (t: string): string => `${ruDate(t.slice(0, 10))} ${t.slice(11, 16)} UTC`;

/** One case on a printed form: index and title, then its dates, counts and term on a line of their own. */
export function caseParagraphs(c: InventoryContent['cases'][number]): { text: string; bold?: boolean; size?: number }[] {
  return [
    { text: `${c.position}. ${c.caseIndex} — ${c.title}`, bold: true, size: 11 },
    {
      text: `Крайние даты: ${c.startDate || c.endDate ? `${ruDate(c.startDate)} – ${ruDate(c.endDate)}` : '—'}; документов: ${c.documents}; листов: ${c.sheets}; срок хранения: ${c.retention}${c.listArticle ? ` (${c.listArticle})` : ''}`,
      size: 10,
    },
  ];
}

/** RFC 3339 without milliseconds, as the PDF/A producer wants it. */
export const pdfTime = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

export async function inventoryPdf(content: InventoryContent, created: Date): Promise<Uint8Array> {
  const { generateDocument } = await import('../../archive/index.ts');
  const inv = content.inventory;
  const heading = `Опись № ${inv.number} ${INVENTORY_KIND_RU[inv.kind]} за ${inv.year} год`;
  const paragraphs = [
    { text: content.organisation.name, bold: true, size: 12 },
    { text: heading, bold: true, size: 14 },
    ...(inv.title !== heading ? [{ text: inv.title }] : []),
    ...content.cases.flatMap(caseParagraphs),
    { text: `В данный раздел описи внесено ${content.totals.cases} дел(а), ${content.totals.documents} документов, ${content.totals.sheets} листов.` },
    content.approval ? { text: `Утверждено: ${content.approval.by}, ${ruTime(content.approval.at)}`, bold: true } : { text: 'ПРОЕКТ — опись не утверждена', bold: true },
  ];
  return generateDocument(
    { title: `Опись № ${inv.number} ${INVENTORY_KIND_RU[inv.kind]} за ${inv.year} год`, author: content.organisation.name, created: pdfTime(created), documentId: `inventory-${inv.id}` },
    paragraphs,
  );
}
