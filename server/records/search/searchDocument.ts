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

interface AssignmentRow {
  card_id: string;
  executor_staff_id: string;
  co_executor_staff_ids: string[];
  controller_staff_id: string | null;
  author_staff_id: string;
  executor_department_id: string | null;
  text: string;
  report_text: string | null;
}

export async function buildSearchDocument(db: Knex | Knex.Transaction, orgId: string, cardId: string): Promise<SearchDocument | null> {
  return (await buildSearchDocuments(db, orgId, [cardId]))[0] ?? null;
}

/**
 * The search documents of several cards of one organisation, in four queries whatever their number (the index job
 * builds them in batches). Cards that no longer exist are left out.
 */
export async function buildSearchDocuments(db: Knex | Knex.Transaction, orgId: string, cardIds: string[]): Promise<SearchDocument[]> {
  if (cardIds.length === 0) return [];
  const [cards, assignments, texts, approvers] = await Promise.all([
    db('cards as c')
      .leftJoin('correspondents as k', 'k.id', 'c.correspondent_id')
      .whereIn('c.id', cardIds)
      .where('c.org_id', orgId)
      .select('c.*', 'k.name as corr_name', 'k.full_name as corr_full_name', 'k.inn as corr_inn', 'k.ogrn as corr_ogrn') as Promise<CardRow[]>,
    db('assignments')
      .whereIn('card_id', cardIds)
      .where('org_id', orgId)
      .whereNot('status', 'cancelled')
      .orderBy('id')
      .select('card_id', 'executor_staff_id', 'co_executor_staff_ids', 'controller_staff_id', 'author_staff_id', 'executor_department_id', 'text', 'report_text') as Promise<AssignmentRow[]>,
    db('card_files as cf')
      .join('file_texts as t', 't.file_id', 'cf.file_id')
      .whereIn('cf.card_id', cardIds)
      .where('cf.org_id', orgId)
      .orderBy(['cf.card_id', 'cf.position'])
      .select('cf.card_id', 't.text') as Promise<{ card_id: string; text: string }[]>,
    // Approvers of a route that has started read the card they decide on.
    db('approval_visas as v')
      .join('approval_routes as r', 'r.id', 'v.route_id')
      .whereIn('v.card_id', cardIds)
      .where('v.org_id', orgId)
      .whereNot('r.status', 'draft')
      .distinct('v.card_id', 'v.staff_id') as Promise<{ card_id: string; staff_id: string }[]>,
  ]);
  const byCard = <T extends { card_id: string }>(rows: T[]): Map<string, T[]> => {
    const map = new Map<string, T[]>();
    for (const row of rows) map.set(row.card_id, [...(map.get(row.card_id) ?? []), row]);
    return map;
  };
  const assignmentsOf = byCard(assignments);
  const textsOf = byCard(texts);
  const approversOf = byCard(approvers);
  // Readers of a restricted card: everyone who works on it, through their user accounts.
  const peopleOf = (card: CardRow): string[] =>
    [
      card.addressee_staff_id,
      ...(assignmentsOf.get(card.id) ?? []).flatMap((a) => [a.executor_staff_id, a.controller_staff_id, a.author_staff_id, ...a.co_executor_staff_ids]),
      ...(approversOf.get(card.id) ?? []).map((v) => v.staff_id),
    ].filter(
      (x): x is string => Boolean(x),
    );
  const people = [...new Set(cards.flatMap(peopleOf))];
  const users = people.length > 0 ? ((await db('users').where('org_id', orgId).whereIn('staff_id', people).select('id', 'staff_id')) as { id: string; staff_id: string }[]) : [];
  const usersOfStaff = new Map<string, string[]>();
  for (const u of users) usersOfStaff.set(u.staff_id, [...(usersOfStaff.get(u.staff_id) ?? []), u.id]);
  const unique = <T>(xs: (T | null | undefined)[]): T[] => [...new Set(xs.filter((x): x is T => x !== null && x !== undefined))];
  return cards.map((card) => {
    const its = assignmentsOf.get(card.id) ?? [];
    const fieldText = Object.values(card.fields ?? {}).filter((v): v is string => typeof v === 'string');
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
      body: [card.corr_full_name, card.signer, card.addressee, card.case_index, ...fieldText, ...its.flatMap((a) => [a.text, a.report_text])].filter(Boolean).join('\n'),
      extractedText: (textsOf.get(card.id) ?? []).map((t) => t.text).join('\n\f\n'),
      departmentIds: unique([card.department_id, ...its.map((a) => a.executor_department_id)]),
      executorIds: unique(its.flatMap((a) => [a.executor_staff_id, ...a.co_executor_staff_ids])),
      controllerIds: unique(its.map((a) => a.controller_staff_id)),
      onControl: card.on_control || its.some((a) => a.controller_staff_id !== null),
      deadline: card.deadline,
      doneAt: card.executed_at ? card.executed_at.toISOString().slice(0, 10) : null,
      accessMark: card.access_mark,
      readerIds: unique([card.created_by, ...peopleOf(card).flatMap((p) => usersOfStaff.get(p) ?? [])]),
      createdAt: card.created_at,
    };
  });
}
