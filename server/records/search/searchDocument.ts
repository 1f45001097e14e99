// Builds the search document of a card from the card, its correspondent, assignments and file texts.
import type { Knex } from 'knex';
import type { SearchDocument } from '../../../search/index.ts';
import type { CardKind } from '../../models/Card.ts';

interface CardRow {
  id: string;
  org_id: string;
  kind: CardKind;
  status: string;
  journal_id: string | null;
  reg_number: string | null;
  reg_date: string | null;
  out_number: string | null;
  out_date: string | null;
  summary: string;
  signer: string | null;
  addressee: string | null;
  case_index: string | null;
  department_id: string | null;
  addressee_staff_id: string | null;
  created_by: string | null;
  deadline: string | null;
  on_control: boolean;
  access_mark: string | null;
  executed_at: Date | null;
  fields: Record<string, unknown>;
  created_at: Date;
  correspondent_id: string | null;
  corr_name: string | null;
  corr_full_name: string | null;
  corr_inn: string | null;
  corr_ogrn: string | null;
}

export async function buildSearchDocument(db: Knex | Knex.Transaction, orgId: string, cardId: string): Promise<SearchDocument | null> {
  const card = (await db('cards as c')
    .leftJoin('correspondents as k', 'k.id', 'c.correspondent_id')
    .where({ 'c.id': cardId, 'c.org_id': orgId })
    .first('c.*', 'k.name as corr_name', 'k.full_name as corr_full_name', 'k.inn as corr_inn', 'k.ogrn as corr_ogrn')) as CardRow | undefined;
  if (!card) return null;
  const assignments = (await db('assignments')
    .where({ card_id: cardId, org_id: orgId })
    .whereNot('status', 'cancelled')
    .select('executor_staff_id', 'co_executor_staff_ids', 'controller_staff_id', 'author_staff_id', 'executor_department_id', 'text', 'report_text')) as {
    executor_staff_id: string;
    co_executor_staff_ids: string[];
    controller_staff_id: string | null;
    author_staff_id: string;
    executor_department_id: string | null;
    text: string;
    report_text: string | null;
  }[];
  const texts = (await db('card_files as cf').join('file_texts as t', 't.file_id', 'cf.file_id').where({ 'cf.card_id': cardId, 'cf.org_id': orgId }).orderBy('cf.position').pluck('t.text')) as string[];
  // Readers of a restricted card: everyone who works on it, through their user accounts.
  const people = [card.addressee_staff_id, ...assignments.flatMap((a) => [a.executor_staff_id, a.controller_staff_id, a.author_staff_id, ...a.co_executor_staff_ids])].filter((x): x is string => Boolean(x));
  const readerUsers = people.length > 0 ? ((await db('users').where('org_id', orgId).whereIn('staff_id', people).pluck('id')) as string[]) : [];
  const fieldText = Object.values(card.fields ?? {}).filter((v): v is string => typeof v === 'string');
  const unique = <T>(xs: (T | null | undefined)[]): T[] => [...new Set(xs.filter((x): x is T => x !== null && x !== undefined))];
  return {
    orgId,
    id: card.id,
    kind: card.kind,
    status: card.status,
    journalId: card.journal_id,
    regNumber: card.reg_number,
    regDate: card.reg_date,
    outNumber: card.out_number,
    outDate: card.out_date,
    inns: unique([card.corr_inn, card.corr_ogrn]),
    correspondentId: card.correspondent_id,
    correspondentName: card.corr_name,
    summary: card.summary,
    body: [card.corr_full_name, card.signer, card.addressee, card.case_index, ...fieldText, ...assignments.flatMap((a) => [a.text, a.report_text])].filter(Boolean).join('\n'),
    extractedText: texts.join('\n\f\n'),
    departmentIds: unique([card.department_id, ...assignments.map((a) => a.executor_department_id)]),
    executorIds: unique(assignments.flatMap((a) => [a.executor_staff_id, ...a.co_executor_staff_ids])),
    controllerIds: unique(assignments.map((a) => a.controller_staff_id)),
    onControl: card.on_control || assignments.some((a) => a.controller_staff_id !== null),
    deadline: card.deadline,
    doneAt: card.executed_at ? card.executed_at.toISOString().slice(0, 10) : null,
    accessMark: card.access_mark,
    readerIds: unique([card.created_by, ...readerUsers]),
    createdAt: card.created_at,
  };
}
