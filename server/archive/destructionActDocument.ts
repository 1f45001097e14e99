// The destruction act (акт о выделении к уничтожению документов, не подлежащих хранению) as a document: the frozen
// snapshot taken at approval and its PDF/A rendering in the ruled layout of the Росархив form, made from the
// snapshot alone (same snapshot, same bytes). Sections are the cases' years.
import type { FormBlock } from '../../archive/index.ts';
import type { Case } from '../models/Case.ts';
import type { DestructionAct } from '../models/DestructionAct.ts';
import type { ReviewAgreement } from './expertReview.ts';
import { destructionDueOn } from './retention.ts';
import { CASES_NOUN, countOf } from './russianNumbers.ts';
import { agreementBlock, approvalBlock, ORGANISATION_COMMISSION, caseLine, dateRange, pdfTime, ruDate, sectionedRows, type CaseLine, type InventoryContent, type Signatory } from './inventoryDocument.ts';

export interface ActContent {
  format: 'kartoteka-destruction-act/2';
  organisation: { name: string; shortName: string };
  fund: string | null;
  number: string;
  reason: string;
  compiledBy: Signatory | null;
  approval: InventoryContent['approval'];
  expertReview: ReviewAgreement | null;
  cases: (CaseLine & { destructionDueOn: string | null })[];
  totals: { cases: number; sheets: number; documents: number };
}

export interface ActParties {
  organisation: { name: string; shortName: string };
  compiledBy: Signatory | null;
  approval: ActContent['approval'];
  expertReview: ReviewAgreement | null;
}

export function actContent(act: DestructionAct, cases: Case[], parties: ActParties): ActContent {
  const rows = cases.map((c, i) => ({ ...caseLine(c, i, `${c.year} год`), destructionDueOn: destructionDueOn(c) }));
  return {
    format: 'kartoteka-destruction-act/2',
    organisation: parties.organisation,
    fund: act.fundNumber,
    number: `${act.number}/${act.year}`,
    reason: act.reason,
    compiledBy: parties.compiledBy,
    approval: parties.approval,
    expertReview: parties.expertReview,
    cases: rows,
    totals: { cases: rows.length, sheets: rows.reduce((n, r) => n + r.sheets, 0), documents: rows.reduce((n, r) => n + r.documents, 0) },
  };
}

export async function actPdf(content: ActContent, actId: string, created: Date): Promise<Uint8Array> {
  const { generateForm } = await import('../../archive/index.ts');
  const title = `Акт № ${content.number} о выделении к уничтожению документов, не подлежащих хранению`;
  const years = [...new Set(content.cases.map((c) => c.year))].sort((a, b) => a - b);
  const span = years.length === 0 ? '—' : years.length === 1 ? String(years[0]) : `${years[0]}–${years[years.length - 1]}`;
  const blocks: FormBlock[] = [
    { kind: 'columns', left: [{ text: content.organisation.name, bold: true }], right: approvalBlock(content.approval) },
    { kind: 'space', height: 6 },
    { kind: 'text', text: 'АКТ', bold: true, size: 14, align: 'center' },
    { kind: 'text', text: `${content.approval ? ruDate(content.approval.at.slice(0, 10)) : '«___» ____________ 20__ г.'} № ${content.number}`, align: 'center' },
    { kind: 'text', text: 'о выделении к уничтожению документов, не подлежащих хранению', bold: true, align: 'center' },
    ...(content.approval ? [] : [{ kind: 'text' as const, text: 'ПРОЕКТ — акт не утверждён', bold: true, align: 'center' as const, size: 11 }]),
    {
      kind: 'text',
      text: `На основании: ${content.reason} — отобраны к уничтожению как не имеющие научно-исторической ценности и утратившие практическое значение документы фонда № ${content.fund ?? '______'}:`,
      size: 11,
    },
    {
      kind: 'table',
      size: 9,
      columns: [
        { title: '№ п/п', width: 6, align: 'center' },
        { title: 'Заголовок дела (групповой заголовок документов)', width: 27 },
        { title: 'Годы (крайние даты)', width: 13, align: 'center' },
        { title: 'Индекс дела по номенклатуре', width: 13, align: 'center' },
        { title: 'Количество дел (листов)', width: 11, align: 'center' },
        { title: 'Сроки хранения и номера статей по перечню', width: 15, align: 'center' },
        { title: 'Примечание', width: 15 },
      ],
      rows: sectionedRows(content.cases, (c) => [
        String(c.position),
        c.title,
        c.startDate || c.endDate ? dateRange(c) : String(c.year),
        c.caseIndex,
        `1 (${c.sheets})`,
        `${c.retention}${c.listArticle ? `, ${c.listArticle}` : ''}`,
        c.destructionDueOn ? `уничтожение с ${ruDate(c.destructionDueOn)}` : '',
      ]),
    },
    { kind: 'text', text: `Итого ${countOf(content.totals.cases, CASES_NOUN)} за ${span} ${years.length > 1 ? 'годы' : 'год'}; документов: ${content.totals.documents}; листов: ${content.totals.sheets}.`, size: 11 },
    { kind: 'space', height: 8 },
    { kind: 'signature', role: content.compiledBy?.position ?? 'Лицо, проводившее экспертизу ценности документов', name: content.compiledBy?.name ?? '', date: '«___» ____________ 20__ г.' },
    ...agreementBlock(content.expertReview, ORGANISATION_COMMISSION),
    { kind: 'space', height: 10 },
    { kind: 'text', text: `Документы в количестве ${countOf(content.totals.cases, CASES_NOUN)} подлежат уничтожению после утверждения акта; об исполнении остаются записи об уничтожении в журнале аудита.`, size: 10 },
  ];
  return generateForm({ title, author: content.organisation.name, created: pdfTime(created), documentId: `destruction-act-${actId}` }, blocks);
}
