// Running an approval route: starting it, and the approvers' visas moving it stage by stage to its end.
import type { ScopedAuditEvent, WriteUnit } from '../../http/route.ts';
import type { Actor } from '../../http/actor.ts';
import type { BlobStore } from '../../storage/index.ts';
import { AppError } from '../../http/problem.ts';
import { Card } from '../../models/Card.ts';
import { ApprovalRoute } from '../../models/ApprovalRoute.ts';
import { ApprovalStage } from '../../models/ApprovalStage.ts';
import { ApprovalVisa, type ApprovalDecision } from '../../models/ApprovalVisa.ts';
import { assertCardVisible } from '../../policies/cardAccess.ts';
import { assertApprovable } from '../../records/approvalRules.ts';
import { loadCalendar } from '../../records/calendar/loadCalendar.ts';
import { addWorkingDays } from '../../records/calendar/workingDays.ts';
import { businessNow, today } from '../../records/today.ts';
import { reindexCard } from '../../records/search/searchJobs.ts';
import { staffPeople } from '../../presenters/approvalPresenter.ts';
import { storeApprovalSheet } from './storeApprovalSheet.ts';
import { standsInFor } from '../../records/deputies.ts';

async function activateStage(unit: WriteUnit, routeId: string, position: number, now: Date): Promise<ApprovalStage | undefined> {
  const stage = await unit.scope.query(ApprovalStage).where({ route_id: routeId, position }).first();
  if (!stage) return undefined;
  const dueOn = stage.deadlineDays ? addWorkingDays(await loadCalendar(unit.trx), today(), stage.deadlineDays) : null;
  await unit.scope.query(ApprovalStage).where({ id: stage.id }).patch({ status: 'active', startedAt: now, dueOn });
  return stage;
}

/** draft → in_progress (If-Match): the first stage's approvers get it. */
export async function startApprovalRoute(unit: WriteUnit, actor: Actor, routeId: string, expectedVersion: number): Promise<ApprovalRoute> {
  const route = await unit.scope.findOr404(ApprovalRoute, routeId);
  const card = await unit.scope.findOr404(Card, route.cardId);
  await assertCardVisible(unit.trx, actor, card);
  assertApprovable(card);
  if (route.status !== 'draft') throw new AppError('APPROVAL_ROUTE_STATE', { ru: 'Маршрут уже запущен', en: 'The route has already started' });
  const now = businessNow();
  const next = await unit.scope.patchVersioned(ApprovalRoute, route.id, expectedVersion, { status: 'in_progress', currentStage: 1, startedAt: now });
  const first = await activateStage(unit, route.id, 1, now);
  if (!first) throw new AppError('APPROVAL_ROUTE_STATE', { ru: 'В маршруте нет ни одного этапа', en: 'The route has no stages' });
  // Approvers of a restricted card may see it from now on, in search too.
  await reindexCard(unit.trx, unit.scope.orgId, card.id);
  await unit.audit({ action: 'approval.started', objectType: 'card', objectId: card.id, payload: { routeId: route.id, round: route.round } });
  return next;
}

export interface DecisionInput {
  decision: ApprovalDecision;
  comment?: string | null;
  /** The absent approver whose visa a deputy gives (замещение); the actor's own visa when left out. */
  onBehalfOf?: string;
}

/**
 * A visa of the current stage's approver. A rejection ends the round at once; a stage whose approvers all agreed
 * passes the route to the next stage, and the last one ends it approved, with the approval sheet stored on the card.
 * The audit entries are written last: the first one locks the organisation's audit-chain head until commit, and the
 * sheet (PDF/A layout, blob write) must not hold every other write of the organisation behind it.
 */
export async function decideApproval(unit: WriteUnit, actor: Actor, blobs: BlobStore, routeId: string, input: DecisionInput): Promise<ApprovalRoute> {
  const found = await unit.scope.findOr404(ApprovalRoute, routeId);
  const card = await unit.scope.findOr404(Card, found.cardId);
  await assertCardVisible(unit.trx, actor, card);
  // A card cancelled or filed meanwhile takes no more visas; its initiator withdraws the route.
  assertApprovable(card);
  // Parallel approvers of one stage decide at once: the route row serialises them, so exactly one of them sees the
  // stage complete and moves the route on.
  const route = (await unit.scope.query(ApprovalRoute).where({ id: found.id }).forUpdate().first()) as ApprovalRoute;
  if (route.status !== 'in_progress' || route.currentStage === null) throw new AppError('APPROVAL_ROUTE_STATE', { ru: 'Маршрут не на согласовании', en: 'The route is not under way' });
  if (!actor.staffId) throw new AppError('STAFF_LINK_REQUIRED');
  const comment = input.comment?.trim() || null;
  if (input.decision !== 'approved' && !comment) throw new AppError('APPROVAL_COMMENT_REQUIRED');
  const stage = (await unit.scope.query(ApprovalStage).where({ route_id: route.id, position: route.currentStage }).first()) as ApprovalStage;
  // A deputy gives the absent approver's visa only while the absence is in force (by the organisation's date).
  const approver = input.onBehalfOf ?? actor.staffId;
  const deputising = approver !== actor.staffId;
  if (deputising && !(await standsInFor(unit.trx, unit.scope.orgId, actor.staffId, approver, today()))) throw new AppError('APPROVAL_NOT_DEPUTY');
  const visa = await unit.scope.query(ApprovalVisa).where({ stage_id: stage.id, staff_id: approver }).whereNull('decision').first();
  if (!visa) throw new AppError('APPROVAL_NOT_CURRENT_APPROVER');
  const now = businessNow();
  const events: ScopedAuditEvent[] = [];
  const people = await staffPeople(unit.trx, unit.scope.orgId, [approver, actor.staffId]);
  const person = people.get(approver);
  const deputy = deputising ? people.get(actor.staffId) : undefined;
  await unit.scope
    .query(ApprovalVisa)
    .where({ id: visa.id })
    .patch({
      decision: input.decision,
      comment,
      decidedAt: now,
      decidedBy: actor.userId,
      fullName: person?.name ?? actor.fullName,
      positionTitle: person?.position ?? null,
      ...(deputising ? { deputyStaffId: actor.staffId, deputyFullName: deputy?.name ?? actor.fullName, deputyPositionTitle: deputy?.position ?? null } : {}),
    });
  const onBehalf = deputising ? { onBehalfOf: { staffId: approver, name: person?.name ?? null }, deputy: { staffId: actor.staffId, name: deputy?.name ?? actor.fullName } } : {};
  events.push({ action: 'approval.decided', objectType: 'card', objectId: card.id, payload: { routeId: route.id, round: route.round, stage: stage.position, visaId: visa.id, decision: input.decision, comment, ...onBehalf } });

  const pending = await unit.scope.query(ApprovalVisa).where({ stage_id: stage.id }).whereNull('decision').resultSize();
  let patch: Partial<ApprovalRoute> = {};
  if (input.decision === 'rejected') {
    await unit.scope.query(ApprovalStage).where({ id: stage.id }).patch({ status: 'rejected', finishedAt: now });
    patch = { status: 'rejected', finishedAt: now };
  } else if (pending === 0) {
    await unit.scope.query(ApprovalStage).where({ id: stage.id }).patch({ status: 'approved', finishedAt: now });
    const following = await activateStage(unit, route.id, stage.position + 1, now);
    patch = following ? { currentStage: following.position } : { status: 'approved', finishedAt: now };
  }
  const next = await unit.scope.patchVersioned(ApprovalRoute, route.id, route.version, patch);
  if (next.status !== 'in_progress') {
    events.push({ action: `approval.${next.status}`, objectType: 'card', objectId: card.id, payload: { routeId: route.id, round: route.round, stage: stage.position } });
  } else if (next.currentStage !== route.currentStage) {
    events.push({ action: 'approval.stage_passed', objectType: 'card', objectId: card.id, payload: { routeId: route.id, round: route.round, stage: stage.position, nextStage: next.currentStage } });
  }
  const result = next.status === 'approved' ? await storeApprovalSheet(unit, actor, blobs, card, next, events) : next;
  for (const event of events) await unit.audit(event);
  return result;
}

/**
 * Отзыв с согласования: the initiator (or an administrator) ends a draft or a running round with a reason; the visas
 * given stay, the others are not asked any more, and a new round may follow.
 */
export async function withdrawApprovalRoute(unit: WriteUnit, actor: Actor, routeId: string, expectedVersion: number, reason: string): Promise<ApprovalRoute> {
  const route = await unit.scope.findOr404(ApprovalRoute, routeId);
  const card = await unit.scope.findOr404(Card, route.cardId);
  await assertCardVisible(unit.trx, actor, card);
  if (route.initiatorUserId !== actor.userId && !actor.roles.includes('admin')) throw new AppError('APPROVAL_NOT_INITIATOR', { ru: 'Отозвать маршрут может его инициатор', en: 'Only the route’s initiator may withdraw it' });
  if (route.status !== 'draft' && route.status !== 'in_progress') throw new AppError('APPROVAL_ROUTE_STATE', { ru: 'Маршрут уже завершён', en: 'The route has already ended' });
  // Taken under the row lock, so a visa being given at this moment either lands before the withdrawal or is refused.
  await unit.scope.query(ApprovalRoute).where({ id: route.id }).forUpdate().first();
  const next = await unit.scope.patchVersioned(ApprovalRoute, route.id, expectedVersion, { status: 'withdrawn', finishedAt: new Date(), withdrawReason: reason.trim() });
  await unit.audit({ action: 'approval.withdrawn', objectType: 'card', objectId: card.id, payload: { routeId: route.id, round: route.round, stage: route.currentStage, reason: reason.trim() } });
  return next;
}
