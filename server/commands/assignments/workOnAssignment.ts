// Executor reports, controller accepts or returns, deadline change requests decided by the resolution's author.
import type { WriteUnit } from '../../http/route.ts';
import type { Actor } from '../../http/actor.ts';
import { AppError } from '../../http/problem.ts';
import { Assignment } from '../../models/Assignment.ts';
import { StoredFile } from '../../models/StoredFile.ts';
import { businessNow, today } from '../../records/today.ts';
import { syncCardStatus } from './syncCardStatus.ts';
import { standsInFor } from '../../records/deputies.ts';
import { staffPeople } from '../../presenters/approvalPresenter.ts';

const isAdmin = (actor: Actor): boolean => actor.roles.includes('admin');

function requireStaff(actor: Actor): string {
  if (!actor.staffId) throw new AppError('STAFF_LINK_REQUIRED');
  return actor.staffId;
}

async function event(unit: WriteUnit, actor: Actor, a: Assignment, type: string, text: string | null, payload: Record<string, unknown> = {}): Promise<void> {
  await unit.trx('assignment_events').insert({ org_id: unit.scope.orgId, assignment_id: a.id, type, actor_user_id: actor.userId, text, payload: JSON.stringify(payload), created_at: businessNow() });
  await unit.audit({ action: `assignment.${type}`, objectType: 'assignment', objectId: a.id, payload: { cardId: a.cardId, text, ...payload } });
}

async function load(unit: WriteUnit, id: string, expectedVersion?: number): Promise<Assignment> {
  const a = await unit.scope.findOr404(Assignment, id);
  if (expectedVersion !== undefined && a.version !== expectedVersion) throw new AppError('PRECONDITION_FAILED');
  return a;
}

async function patch(unit: WriteUnit, a: Assignment, changes: Partial<Assignment>): Promise<Assignment> {
  const n = await unit.scope.query(Assignment).where({ id: a.id, version: a.version }).patch({ ...changes, version: a.version + 1 });
  if (n !== 1) throw new AppError('PRECONDITION_FAILED');
  return unit.scope.findOr404(Assignment, a.id);
}

/**
 * The executor's report, or their deputy's while the executor is absent (замещение, by the organisation's date): the
 * event and the audit entry then name both, the deputy as the actor and the executor as the one reported for.
 */
export async function reportAssignment(unit: WriteUnit, actor: Actor, id: string, input: { text: string; fileIds?: string[] }): Promise<Assignment> {
  const a = await load(unit, id);
  const staff = requireStaff(actor);
  const deputising = a.executorStaffId !== staff;
  if (deputising && !(await standsInFor(unit.trx, unit.scope.orgId, staff, a.executorStaffId, today()))) throw new AppError('NOT_ASSIGNMENT_PARTICIPANT');
  if (a.status !== 'open') throw new AppError('ASSIGNMENT_STATE_CONFLICT');
  for (const fileId of input.fileIds ?? []) {
    await unit.scope.findOr404(StoredFile, fileId);
    await unit.trx('assignment_files').insert({ org_id: unit.scope.orgId, assignment_id: a.id, file_id: fileId }).onConflict(['assignment_id', 'file_id']).ignore();
  }
  // Without control a report closes the assignment; on control it waits for the controller.
  const next = await patch(unit, a, {
    status: a.onControl ? 'reported' : 'accepted',
    reportText: input.text,
    reportedAt: businessNow(),
    reportedOn: today(),
    acceptedAt: a.onControl ? null : businessNow(),
  });
  const onBehalf = deputising ? await deputyPayload(unit, a.executorStaffId, staff) : {};
  await event(unit, actor, a, 'reported', input.text, { files: input.fileIds ?? [], closed: !a.onControl, ...onBehalf });
  await syncCardStatus(unit, a.cardId);
  return next;
}

async function deputyPayload(unit: WriteUnit, executor: string, deputy: string): Promise<Record<string, unknown>> {
  const names = await staffPeople(unit.trx, unit.scope.orgId, [executor, deputy]);
  return { onBehalfOf: { staffId: executor, name: names.get(executor)?.name ?? null }, deputy: { staffId: deputy, name: names.get(deputy)?.name ?? null } };
}

function requireController(actor: Actor, a: Assignment): void {
  if (isAdmin(actor)) return;
  const staff = requireStaff(actor);
  if (staff !== (a.controllerStaffId ?? a.authorStaffId)) throw new AppError('NOT_ASSIGNMENT_PARTICIPANT');
}

/** Снятие с контроля: the controller accepts the report. */
export async function acceptAssignment(unit: WriteUnit, actor: Actor, id: string, comment?: string): Promise<Assignment> {
  const a = await load(unit, id);
  requireController(actor, a);
  if (a.status !== 'reported') throw new AppError('ASSIGNMENT_STATE_CONFLICT');
  const next = await patch(unit, a, { status: 'accepted', acceptedAt: businessNow() });
  await event(unit, actor, a, 'accepted', comment ?? null);
  await syncCardStatus(unit, a.cardId);
  return next;
}

export async function returnAssignment(unit: WriteUnit, actor: Actor, id: string, reason: string): Promise<Assignment> {
  const a = await load(unit, id);
  requireController(actor, a);
  if (a.status !== 'reported') throw new AppError('ASSIGNMENT_STATE_CONFLICT');
  const next = await patch(unit, a, { status: 'open', reportedAt: null, reportedOn: null });
  await event(unit, actor, a, 'returned', reason);
  return next;
}

export async function requestDeadlineChange(unit: WriteUnit, actor: Actor, id: string, input: { newDeadline: string; reason: string }): Promise<{ requestId: string }> {
  const a = await load(unit, id);
  if (requireStaff(actor) !== a.executorStaffId) throw new AppError('NOT_ASSIGNMENT_PARTICIPANT');
  if (a.status !== 'open') throw new AppError('ASSIGNMENT_STATE_CONFLICT');
  const pending = await unit.scope.table('deadline_requests').where({ assignment_id: a.id, status: 'pending' }).first('id');
  if (pending) throw new AppError('CONFLICT', { ru: 'Запрос на перенос срока уже ожидает решения', en: 'A deadline change request is already pending' });
  const [row] = (await unit.trx('deadline_requests')
    .insert({ org_id: unit.scope.orgId, assignment_id: a.id, requested_by: actor.userId, old_deadline: a.deadline, new_deadline: input.newDeadline, reason: input.reason })
    .returning('id')) as { id: string }[];
  await event(unit, actor, a, 'extension_requested', input.reason, { from: a.deadline, to: input.newDeadline, requestId: row?.id });
  return { requestId: row?.id ?? '' };
}

export async function decideDeadlineChange(unit: WriteUnit, actor: Actor, id: string, input: { approve: boolean; comment?: string }): Promise<Assignment> {
  const a = await load(unit, id);
  if (!isAdmin(actor) && requireStaff(actor) !== a.authorStaffId) throw new AppError('NOT_ASSIGNMENT_PARTICIPANT');
  const request = (await unit.scope.table('deadline_requests').where({ assignment_id: a.id, status: 'pending' }).first()) as
    | { id: string; new_deadline: string; old_deadline: string | null }
    | undefined;
  if (!request) throw new AppError('ASSIGNMENT_STATE_CONFLICT', { ru: 'Нет запроса на перенос срока', en: 'No pending deadline change request' });
  await unit.trx('deadline_requests')
    .where({ id: request.id })
    .update({ status: input.approve ? 'approved' : 'rejected', decided_by: actor.userId, decided_at: new Date(), decision_comment: input.comment ?? null });
  const next = input.approve ? await patch(unit, a, { deadline: request.new_deadline }) : a;
  await event(unit, actor, a, input.approve ? 'extension_approved' : 'extension_rejected', input.comment ?? null, { from: request.old_deadline, to: request.new_deadline });
  return next;
}

/** Why the assignments set to an appeal's term move with it (the event's text and the audit entry's). */
export const APPEAL_EXTENSION_REASON = 'продление срока рассмотрения обращения';

/**
 * The card's term moved (an appeal's extension): the card's assignments still open whose deadline was the card's old
 * term move to the new one, each as an audited deadline change. Earlier deadlines a manager set on purpose stay.
 */
export async function followCardTerm(unit: WriteUnit, actor: Actor, cardId: string, from: string, to: string, reason: string): Promise<Assignment[]> {
  const following = await unit.scope.query(Assignment).where({ card_id: cardId, deadline: from }).whereIn('status', ['open', 'reported']).orderBy('id').forUpdate();
  const moved: Assignment[] = [];
  for (const a of following) {
    moved.push(await patch(unit, a, { deadline: to }));
    await event(unit, actor, a, 'deadline_changed', reason, { from, to });
  }
  return moved;
}
