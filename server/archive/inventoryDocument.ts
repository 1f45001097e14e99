// The inventory (опись дел) as a document: a JSON snapshot of what it lists and its PDF/A rendering in the ruled
// layout of the Росархив form (Правила организации хранения… 2020, приложения к описям): header requisites, the
// «УТВЕРЖДАЮ» block, a table ruled on every cell with sections by department, the final entry, the compiler's
// signature and the expert commissions' «СОГЛАСОВАНО» (the organisation's, and for permanent and personnel cases the
// archive's). The certification entry names the lettered and skipped case numbers (inventoryNumbering.ts). The snapshot is what approval freezes; the PDF is rendered
// from the snapshot alone, so the same snapshot gives the same bytes.
import canonicalize from 'canonicalize';
import type { FormBlock, FormColumn, FormLine } from '../../archive/index.ts';
import type { Case } from '../models/Case.ts';
import type { Inventory, InventoryKind } from '../models/Inventory.ts';
import type { ReviewAgreement } from './expertReview.ts';
import { numberingSummary, numberList, type NumberingSummary } from './inventoryNumbering.ts';
import { retentionLabel } from './retention.ts';
import { CASES_NOUN, countOf } from './russianNumbers.ts';

export const INVENTORY_KIND_RU: Record<InventoryKind, string> = {
  permanent: 'дел постоянного хранения',
  long_term: 'дел долговременного (свыше 10 лет) хранения',
  personnel: 'дел по личному составу',
};

/** Who signs a form: the name and, when the person holds a post, its title. */
export interface Signatory {
  name: string;
  position: string | null;
}

export interface CaseLine {
  position: number;
  caseId: string;
  caseIndex: string;
  title: string;
  year: number;
  /** The section the case is listed under on the printed form (the department; the year on an act). */
  section: string;
  startDate: string | null;
  endDate: string | null;
  documents: number;
  sheets: number;
  retention: string;
  listArticle: string | null;
}

export interface InventoryContent {
  format: 'kartoteka-inventory/3';
  organisation: { name: string; shortName: string };
  fund: string | null;
  inventory: { id: string; kind: InventoryKind; year: number; number: number; title: string };
  compiledBy: Signatory | null;
  approval: { by: string; position: string | null; at: string } | null;
  expertReview: ReviewAgreement | null;
  /** whether the archive's commission must agree it too (permanent and personnel cases) */
  archiveReviewRequired: boolean;
  archiveReview: (ReviewAgreement & { commission: string }) | null;
  /** `number`: the case's number by the inventory (№ п/п), `position`: its line */
  cases: (CaseLine & { number: string })[];
  numbering: NumberingSummary;
  totals: { cases: number; sheets: number; documents: number };
}

/** A case as one line of an inventory or a destruction act: what the printed forms list. */
export function caseLine(c: Case, i: number, section: string): CaseLine {
  return {
    position: i + 1,
    caseId: c.id,
    caseIndex: c.caseIndex,
    title: c.title,
    year: c.year,
    section,
    startDate: c.startDate,
    endDate: c.endDate,
    documents: c.documentsCount,
    sheets: c.sheets,
    retention: retentionLabel(c).ru,
    listArticle: c.listArticle,
  };
}

export interface InventoryParties {
  organisation: { name: string; shortName: string };
  /** case id → its section heading (the department of its nomenclature line) */
  sections: Map<string, string>;
  compiledBy: Signatory | null;
  approval: InventoryContent['approval'];
  expertReview: ReviewAgreement | null;
  archiveReviewRequired: boolean;
  archiveReview: InventoryContent['archiveReview'];
  /** the printed number of each case, in the inventory's order */
  numbers: string[];
}

export function inventoryContent(inv: Inventory, cases: Case[], parties: InventoryParties): InventoryContent {
  const rows = cases.map((c, i) => ({ ...caseLine(c, i, parties.sections.get(c.id) ?? NO_SECTION), number: parties.numbers[i] ?? String(i + 1) }));
  return {
    format: 'kartoteka-inventory/3',
    organisation: parties.organisation,
    fund: inv.fundNumber,
    inventory: { id: inv.id, kind: inv.kind, year: inv.year, number: inv.number, title: inv.title },
    compiledBy: parties.compiledBy,
    approval: parties.approval,
    expertReview: parties.expertReview,
    archiveReviewRequired: parties.archiveReviewRequired,
    archiveReview: parties.archiveReview,
    cases: rows,
    numbering: numberingSummary(rows.map((r) => r.number)),
    totals: { cases: rows.length, sheets: rows.reduce((n, r) => n + r.sheets, 0), documents: rows.reduce((n, r) => n + r.documents, 0) },
  };
}

export const NO_SECTION = 'Без структурного подразделения';

/** The frozen content as bytes (RFC 8785 canonical JSON): the download and the transfer package carry the same bytes. */
export function inventoryJson(content: InventoryContent): Uint8Array {
  return new TextEncoder().encode(canonicalize(content) ?? '');
}

export const ruDate = (d: string | null): string => (d ? `${d.slice(8, 10)}.${d.slice(5, 7)}.${d.slice(0, 4)}` : '—');
/** '2026-11-24T12:00:00Z' → '24.11.2026 12:00 UTC', as printed under an approval. */
export const ruTime = (t: string): string => `${ruDate(t.slice(0, 10))} ${t.slice(11, 16)} UTC`;
/** The documents' date range of a case (крайние даты). */
export const dateRange = (c: Pick<CaseLine, 'startDate' | 'endDate'>): string => (c.startDate || c.endDate ? `${ruDate(c.startDate)} – ${ruDate(c.endDate)}` : '—');

/** RFC 3339 without milliseconds, as the PDF/A producer wants it. */
export const pdfTime = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Rows of a ruled table with a section row wherever the section changes (cases come in index order). */
export function sectionedRows<T extends { section: string }>(lines: T[], cells: (line: T) => string[]): ({ cells: string[] } | { section: string })[] {
  const rows: ({ cells: string[] } | { section: string })[] = [];
  let current: string | null = null;
  for (const line of lines) {
    if (line.section !== current) rows.push({ section: line.section });
    current = line.section;
    rows.push({ cells: cells(line) });
  }
  return rows;
}

/** The «УТВЕРЖДАЮ» block: the head's post, signature line and name, date — filled in once approved. */
export function approvalBlock(approval: InventoryContent['approval']): { text: string; bold?: boolean; size?: number }[] {
  return [
    { text: 'УТВЕРЖДАЮ', bold: true },
    { text: approval?.position ?? 'Руководитель организации' },
    { text: `__________ ${approval ? approval.by : '____________________'}` },
    { text: approval ? `${ruDate(approval.at.slice(0, 10))} (утверждено в системе ${ruTime(approval.at)})` : '«___» ____________ 20__ г.', size: approval ? 10 : 12 },
  ];
}

/** The lines of one «СОГЛАСОВАНО» (протокол ЭПК), blank to fill in by hand on a draft. */
function agreementLines(review: ReviewAgreement | null, commission: string): FormLine[] {
  return [
    { text: 'СОГЛАСОВАНО', bold: true },
    { text: `Протокол ${commission}` },
    { text: review ? `от ${ruDate(review.protocolDate)} № ${review.protocolNumber}` : 'от «___» ____________ 20__ г. № ____' },
    ...(review ? [{ text: `Решение внесено: ${review.recordedBy}, ${ruTime(review.recordedAt)}`, size: 9 }] : []),
  ];
}

export const ORGANISATION_COMMISSION = 'ЭПК (ЭК) организации';

/** The expert commission's agreement (СОГЛАСОВАНО, протокол ЭПК), printed empty on a draft. */
export function agreementBlock(review: ReviewAgreement | null, commission: string): FormBlock[] {
  return [{ kind: 'space', height: 10, keep: 70 }, ...agreementLines(review, commission).map((l) => ({ kind: 'text' as const, ...l }))];
}

/** Both agreements side by side, as on the form: the organisation's commission left, the archive's right. */
function twoAgreementsBlock(content: InventoryContent): FormBlock[] {
  const archive = content.archiveReview;
  return [
    { kind: 'space', height: 10, keep: 80 },
    { kind: 'columns', left: agreementLines(content.expertReview, ORGANISATION_COMMISSION), right: agreementLines(archive, archive?.commission ?? 'ЭПК архивного учреждения') },
  ];
}

function inventoryColumns(kind: InventoryKind): FormColumn[] {
  // Shares of the text width (percent), wide enough for each title's longest word.
  return [
    { title: '№ п/п', width: 6, align: 'center' },
    { title: 'Индекс дела', width: 10, align: 'center' },
    { title: 'Заголовок дела (тома, части)', width: kind === 'permanent' ? 44 : 32 },
    { title: 'Крайние даты', width: 15, align: 'center' },
    ...(kind === 'permanent' ? [] : [{ title: 'Срок хранения', width: 12, align: 'center' as const }]),
    { title: 'Количество листов', width: 12, align: 'center' },
    { title: 'Примечание', width: 13 },
  ];
}

export async function inventoryPdf(content: InventoryContent, created: Date): Promise<Uint8Array> {
  const { generateForm } = await import('../../archive/index.ts');
  const inv = content.inventory;
  const heading = `Опись № ${inv.number} ${INVENTORY_KIND_RU[inv.kind]} за ${inv.year} год`;
  const rows = sectionedRows(content.cases, (c) => [
    c.number,
    c.caseIndex,
    c.title,
    dateRange(c),
    ...(inv.kind === 'permanent' ? [] : [`${c.retention}${c.listArticle ? `, ${c.listArticle}` : ''}`]),
    String(c.sheets),
    '',
  ]);
  const n = content.totals.cases;
  const numbering = content.numbering;
  const blocks: FormBlock[] = [
    {
      kind: 'columns',
      left: [{ text: content.organisation.name, bold: true }, { text: `Фонд № ${content.fund ?? '______'}` }],
      right: approvalBlock(content.approval),
    },
    { kind: 'space', height: 6 },
    { kind: 'text', text: `ОПИСЬ № ${inv.number}`, bold: true, size: 14, align: 'center' },
    { kind: 'text', text: INVENTORY_KIND_RU[inv.kind], align: 'center' },
    { kind: 'text', text: `за ${inv.year} год`, align: 'center' },
    ...(inv.title !== heading ? [{ kind: 'text' as const, text: inv.title, align: 'center' as const, size: 11 }] : []),
    ...(content.approval ? [] : [{ kind: 'text' as const, text: 'ПРОЕКТ — опись не утверждена', bold: true, align: 'center' as const, size: 11 }]),
    { kind: 'table', columns: inventoryColumns(inv.kind), rows, size: 10 },
    { kind: 'text', text: `В данный раздел описи внесено ${countOf(n, CASES_NOUN)} с № ${numbering.first ?? '—'} по № ${numbering.last ?? '—'}, в том числе:`, size: 11 },
    { kind: 'text', text: `литерные номера: ${numberList(numbering.lettered)}`, size: 11 },
    { kind: 'text', text: `пропущенные номера: ${numberList(numbering.skipped)}`, size: 11 },
    { kind: 'text', text: `Всего документов: ${content.totals.documents}; листов: ${content.totals.sheets}.`, size: 11 },
    { kind: 'space', height: 8 },
    { kind: 'signature', role: content.compiledBy?.position ?? 'Составитель описи', name: content.compiledBy?.name ?? '', date: '«___» ____________ 20__ г.' },
    ...(content.archiveReviewRequired ? twoAgreementsBlock(content) : agreementBlock(content.expertReview, ORGANISATION_COMMISSION)),
  ];
  return generateForm({ title: heading, author: content.organisation.name, created: pdfTime(created), documentId: `inventory-${inv.id}` }, blocks);
}
