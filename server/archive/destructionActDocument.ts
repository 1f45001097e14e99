// The destruction act (акт о выделении к уничтожению документов, не подлежащих хранению) as a document: the frozen
// snapshot taken at approval and its PDF/A rendering, made from the snapshot alone (same snapshot, same bytes).
import type { Case } from '../models/Case.ts';
import type { DestructionAct } from '../models/DestructionAct.ts';
import { destructionDueOn } from './retention.ts';
import { caseLine, caseParagraphs, pdfTime, ruDate, ruTime, type InventoryContent } from './inventoryDocument.ts';

export interface ActContent {
  format: 'kartoteka-destruction-act/1';
  organisation: { name: string; shortName: string };
  number: string;
  reason: string;
  approval: { by: string; at: string } | null;
  cases: (InventoryContent['cases'][number] & { destructionDueOn: string | null })[];
  totals: { cases: number; sheets: number; documents: number };
}

export function actContent(org: ActContent['organisation'], act: DestructionAct, cases: Case[], approval: ActContent['approval']): ActContent {
  const rows = cases.map((c, i) => ({ ...caseLine(c, i), destructionDueOn: destructionDueOn(c) }));
  return {
    format: 'kartoteka-destruction-act/1',
    organisation: org,
    number: `${act.number}/${act.year}`,
    reason: act.reason,
    approval,
    cases: rows,
    totals: { cases: rows.length, sheets: rows.reduce((n, r) => n + r.sheets, 0), documents: rows.reduce((n, r) => n + r.documents, 0) },
  };
}

export async function actPdf(content: ActContent, actId: string, created: Date): Promise<Uint8Array> {
  const { generateDocument } = await import('../../archive/index.ts');
  const title = `Акт № ${content.number} о выделении к уничтожению документов, не подлежащих хранению`;
  const paragraphs = [
    { text: content.organisation.name, bold: true, size: 12 },
    { text: title, bold: true, size: 14 },
    { text: `На основании: ${content.reason}. Отобраны к уничтожению как не имеющие научно-исторической ценности и утратившие практическое значение документы:` },
    ...content.cases.flatMap((c) => [...caseParagraphs(c), { text: `Дело ${c.year} года; уничтожение допускается с ${ruDate(c.destructionDueOn)}.`, size: 10 }]),
    { text: `Итого ${content.totals.cases} дел(а), ${content.totals.documents} документов, ${content.totals.sheets} листов.` },
    content.approval ? { text: `Утверждено: ${content.approval.by}, ${ruTime(content.approval.at)}`, bold: true } : { text: 'ПРОЕКТ — акт не утверждён', bold: true },
  ];
  return generateDocument({ title, author: content.organisation.name, created: pdfTime(created), documentId: `destruction-act-${actId}` }, paragraphs);
}
