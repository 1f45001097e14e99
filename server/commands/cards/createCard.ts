import type { Knex } from 'knex';
import type { WriteUnit } from '../../http/route.ts';
import type { Actor } from '../../http/actor.ts';
import { AppError } from '../../http/problem.ts';
import { Card } from '../../models/Card.ts';
import { Correspondent } from '../../models/Correspondent.ts';
import { Department } from '../../models/Department.ts';
import { Staff } from '../../models/Staff.ts';
import { StoredFile } from '../../models/StoredFile.ts';
import { validateCardFields } from '../../records/cardFields.ts';
import { loadCalendar } from '../../records/calendar/loadCalendar.ts';
import { addCalendarDays, addWorkingDays } from '../../records/calendar/workingDays.ts';
import { today } from '../../records/today.ts';
import { fileRole, type CardInput, type CardLinkInput } from './cardInput.ts';
import { reindexCard } from '../../records/search/searchJobs.ts';

/** Checks that every referenced object belongs to the organisation (a foreign id is simply "not found"). */
export async function checkReferences(unit: WriteUnit, input: Partial<CardInput>): Promise<void> {
  if (input.correspondentId) await unit.scope.findOr404(Correspondent, input.correspondentId);
  if (input.departmentId) await unit.scope.findOr404(Department, input.departmentId);
  if (input.addresseeStaffId) await unit.scope.findOr404(Staff, input.addresseeStaffId);
  for (const id of input.fileIds ?? []) await unit.scope.findOr404(StoredFile, id);
  for (const link of input.links ?? []) await unit.scope.findOr404(Card, link.cardId);
}

export async function resolveDeadline(db: Knex | Knex.Transaction, input: Pick<CardInput, 'deadline' | 'deadlineIn'>, from: string = today()): Promise<string | null | undefined> {
  if (input.deadlineIn) {
    const calendar = await loadCalendar(db);
    return input.deadlineIn.type === 'working' ? addWorkingDays(calendar, from, input.deadlineIn.days) : addCalendarDays(calendar, from, input.deadlineIn.days);
  }
  return input.deadline;
}

export async function addLinks(unit: WriteUnit, cardId: string, links: CardLinkInput[]): Promise<void> {
  for (const link of links) {
    if (link.cardId === cardId) throw new AppError('VALIDATION_FAILED', { ru: 'Карточка не может ссылаться на саму себя', en: 'A card cannot link to itself' });
    await unit.trx('card_links').insert({ org_id: unit.scope.orgId, card_id: cardId, related_card_id: link.cardId, type: link.type }).onConflict(['card_id', 'related_card_id', 'type']).ignore();
  }
}

/** A draft card; a card registered at once is created by registerNewCards.ts. */
export async function createCard(unit: WriteUnit, actor: Actor, input: CardInput): Promise<Card> {
  await checkReferences(unit, input);
  await validateCardFields(unit.trx, unit.scope.orgId, input.kind, input.fields ?? {});
  const deadline = await resolveDeadline(unit.trx, input);
  const card = await unit.scope.insertQuery(Card).insert({
    kind: input.kind,
    status: 'draft',
    summary: input.summary ?? '',
    correspondentId: input.correspondentId ?? null,
    outNumber: input.outNumber ?? null,
    outDate: input.outDate ?? null,
    signer: input.signer ?? null,
    addressee: input.addressee ?? null,
    addresseeStaffId: input.addresseeStaffId ?? null,
    deliveryMethod: input.deliveryMethod ?? null,
    sheets: input.sheets ?? null,
    attachmentsCount: input.attachmentsCount ?? null,
    accessMark: input.accessMark ?? null,
    caseIndex: input.caseIndex ?? null,
    departmentId: input.departmentId ?? null,
    deadline: deadline ?? null,
    onControl: input.onControl ?? false,
    fields: input.fields ?? {},
    createdBy: actor.userId,
  }).returning('*') as unknown as Card;
  await addLinks(unit, card.id, input.links ?? []);
  let position = 0;
  for (const fileId of input.fileIds ?? []) {
    await unit.trx('card_files').insert({ org_id: unit.scope.orgId, card_id: card.id, file_id: fileId, role: fileRole(position), position });
    position += 1;
  }
  const { fileIds, links, ...requisites } = input;
  const created = { ...requisites, deadline, files: fileIds ?? [], links: links ?? [] };
  await reindexCard(unit.trx, unit.scope.orgId, card.id);
  await unit.audit({ action: 'card.created', objectType: 'card', objectId: card.id, payload: created });
  return card;
}
