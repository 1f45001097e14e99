// The approval sheet (лист согласования) as PDF/A through the archive library's ruled forms: the document, then for
// every round its stages with the visas as ГОСТ Р 7.0.97-2016 lists them (position, name, decision, remarks, date),
// the initiator and the result. Made from the stored rounds alone: the same rounds give the same bytes.
import type { FormBlock, FormRow } from '../../archive/index.ts';
import type { Card, CardKind } from '../models/Card.ts';
import type { ApprovalRouteView } from '../presenters/approvalPresenter.ts';
import { pdfTime, ruDate } from '../archive/inventoryDocument.ts';
import { ORG_TIME_ZONE } from './today.ts';

const KIND_RU: Record<CardKind, string> = {
  incoming: 'Входящий документ',
  outgoing: 'Исходящий документ',
  internal: 'Внутренний документ',
  appeal: 'Обращение гражданина',
  draft: 'Проект нормативного правового акта',
  service_application: 'Заявление на услугу',
};

const DECISION_RU: Record<string, string> = {
  approved: 'Согласовано',
  approved_with_remarks: 'Согласовано с замечаниями',
  rejected: 'Не согласовано',
};

const ROUND_RU: Record<ApprovalRouteView['status'], string> = {
  draft: 'маршрут не запущен',
  in_progress: 'согласование не завершено',
  approved: 'СОГЛАСОВАНО',
  rejected: 'НЕ СОГЛАСОВАНО (отклонено)',
  withdrawn: 'отозвано инициатором',
};

const localTime = new Intl.DateTimeFormat('ru-RU', { timeZone: ORG_TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });

/** dd.mm.yyyy hh:mm in the organisation's time zone. */
export function sheetTime(isoTime: string | null): string {
  return isoTime ? localTime.format(new Date(isoTime)).replace(',', '') : '';
}

function stageTitle(stage: ApprovalRouteView['stages'][number]): string {
  const due = stage.dueOn ? `, срок — до ${ruDate(stage.dueOn)}` : stage.deadlineDays ? `, срок — ${stage.deadlineDays} раб. дн.` : '';
  return `Этап ${stage.position}${stage.approvers.length > 1 ? ' (параллельно)' : ''}${due}`;
}

// A visa a deputy gave for an absent approver names both, the one who signed first: «<заместитель> за <согласующий>»,
// the way a paper sheet is signed «за» someone; the position is the signer's, with the approver's after it.
export function visaName(v: ApprovalRouteView['stages'][number]['approvers'][number]): string {
  return v.deputy ? `${v.deputy.name} за ${v.name}` : v.name;
}

function visaPosition(v: ApprovalRouteView['stages'][number]['approvers'][number]): string {
  if (!v.deputy) return v.position ?? '—';
  return `${v.deputy.position ?? '—'} (за: ${v.position ?? '—'})`;
}

function roundRows(route: ApprovalRouteView): FormRow[] {
  const running = route.status === 'in_progress';
  let n = 0;
  return route.stages.flatMap((stage): FormRow[] => [
    { section: stageTitle(stage) },
    ...stage.approvers.map((v) => {
      n += 1;
      const decision = v.decision ? (DECISION_RU[v.decision] ?? v.decision) : running && stage.status === 'active' ? 'на согласовании' : 'не рассматривал';
      return { cells: [String(n), visaPosition(v), visaName(v), decision, v.comment ?? '', sheetTime(v.decidedAt)] };
    }),
  ]);
}

export interface SheetInput {
  orgName: string;
  card: Pick<Card, 'id' | 'kind' | 'regNumber' | 'regDate' | 'summary'>;
  rounds: ApprovalRouteView[];
  /** The moment the sheet speaks for: the end of the last round, or its start while it runs. */
  at: Date;
}

export async function approvalSheetPdf(input: SheetInput): Promise<Uint8Array> {
  const { generateForm } = await import('../../archive/index.ts');
  const { card, rounds } = input;
  const last = rounds[rounds.length - 1];
  const document = card.regNumber ? `№ ${card.regNumber} от ${ruDate(card.regDate)}` : 'проект (не зарегистрирован)';
  const blocks: FormBlock[] = [
    { kind: 'text', text: input.orgName, bold: true, align: 'center', size: 12 },
    { kind: 'space', height: 8 },
    { kind: 'text', text: 'ЛИСТ СОГЛАСОВАНИЯ', bold: true, align: 'center', size: 14 },
    { kind: 'space', height: 4 },
    { kind: 'text', text: `Вид документа: ${KIND_RU[card.kind]}`, size: 11 },
    { kind: 'text', text: `Регистрационный номер и дата: ${document}`, size: 11 },
    { kind: 'text', text: `Заголовок (краткое содержание): ${card.summary}`, size: 11 },
  ];
  for (const route of rounds) {
    blocks.push(
      { kind: 'space', height: 8, keep: 60 },
      { kind: 'text', text: `Круг согласования ${route.round}${route.startedAt ? `, начат ${sheetTime(route.startedAt)}` : ''}`, bold: true, size: 11 },
      { kind: 'text', text: `Инициатор: ${route.initiator.position ? `${route.initiator.position} ` : ''}${route.initiator.name}`, size: 10 },
      {
        kind: 'table',
        size: 9,
        columns: [
          { title: '№', width: 5, align: 'center' },
          { title: 'Должность', width: 22 },
          { title: 'Фамилия, имя, отчество', width: 20 },
          { title: 'Решение', width: 14 },
          { title: 'Замечания', width: 25 },
          { title: 'Дата и время', width: 14, align: 'center' },
        ],
        rows: roundRows(route),
      },
      { kind: 'text', text: `Результат круга: ${ROUND_RU[route.status]}${route.finishedAt ? ` ${sheetTime(route.finishedAt)}` : ''}${route.withdrawReason ? `. Причина: ${route.withdrawReason}` : ''}`, size: 10 },
    );
  }
  blocks.push(
    { kind: 'space', height: 10, keep: 30 },
    { kind: 'text', text: `Итог согласования: ${last ? ROUND_RU[last.status] : 'маршрут не создан'}`, bold: true, size: 11 },
    { kind: 'text', text: `Визы даны в электронной форме в СЭД «Картотека»; время — ${ORG_TIME_ZONE}.`, size: 9 },
  );
  const title = `Лист согласования: ${card.regNumber ?? card.summary}`.slice(0, 200);
  return generateForm({ title, author: input.orgName, created: pdfTime(input.at), documentId: `approval-sheet-${card.id}-${last?.round ?? 0}` }, blocks);
}
