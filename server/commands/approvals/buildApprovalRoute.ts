// Building an approval route: a new round of a card (the first, or the next after a rejection) and the stages of a
// round while it is a draft.
import type { WriteUnit } from '../../http/route.ts';
import type { Actor } from '../../http/actor.ts';
import { AppError } from '../../http/problem.ts';
import { Card } from '../../models/Card.ts';
import { Staff } from '../../models/Staff.ts';
import { ApprovalRoute } from '../../models/ApprovalRoute.ts';
import { ApprovalStage } from '../../models/ApprovalStage.ts';
import { ApprovalVisa } from '../../models/ApprovalVisa.ts';
import { assertCardVisible } from '../../policies/cardAccess.ts';
import { assertApprovable } from '../../records/approvalRules.ts';
import { can } from '../../policies/index.ts';
import { businessNow } from '../../records/today.ts';
import type { Role } from '../../models/User.ts';

export interface StageInput {
  approverStaffIds: string[];
  deadlineDays?: number | null;
}

const isAdmin = (actor: Actor): boolean => actor.roles.includes('admin');

async function writeStages(unit: WriteUnit, route: ApprovalRoute, stages: StageInput[]): Promise<void> {
  // A draft's stages are replaced whole: nothing was decided on them yet.
  await unit.scope.query(ApprovalStage).where({ route_id: route.id }).delete();
  for (const [i, stage] of stages.entries()) {
    const row = await unit.scope.insertQuery(ApprovalStage).insertAndFetch({ routeId: route.id, position: i + 1, deadlineDays: stage.deadlineDays ?? null, status: 'waiting' });
    for (const [j, staffId] of stage.approverStaffIds.entries()) {
      const person = await unit.scope.findOr404(Staff, staffId);
      if (!person.active) throw new AppError('APPROVAL_APPROVER_INACTIVE');
      await assertCanDecide(unit, staffId);
      await unit.scope.insertQuery(ApprovalVisa).insert({ routeId: route.id, stageId: row.id, cardId: route.cardId, staffId, position: j + 1 });
    }
  }
}

/** A visa is given through an account: a person without one allowed to decide would hold the route forever. */
async function assertCanDecide(unit: WriteUnit, staffId: string): Promise<void> {
  const accounts = (await unit.scope.table('users').where({ staff_id: staffId, disabled: false }).select('roles')) as { roles: Role[] }[];
  if (!accounts.some((a) => can(a, 'approvals.decide'))) throw new AppError('APPROVAL_APPROVER_NO_ACCOUNT');
}

const stagePayload = (stages: StageInput[]) => stages.map((s, i) => ({ position: i + 1, approverStaffIds: s.approverStaffIds, deadlineDays: s.deadlineDays ?? null }));

/**
 * A new round on the card, as a draft. A round may start when none is open; after a rejection only the previous
 * round's initiator (or an administrator) starts the next; an approved card is not routed again.
 */
export async function createApprovalRoute(unit: WriteUnit, actor: Actor, cardId: string, stages: StageInput[]): Promise<ApprovalRoute> {
  const card = await unit.scope.findOr404(Card, cardId);
  await assertCardVisible(unit.trx, actor, card);
  assertApprovable(card);
  // Locks the card row, so two clerks building the first round at once get one round and one refusal.
  await unit.scope.query(Card).where({ id: card.id }).forUpdate().first();
  const last = await unit.scope.query(ApprovalRoute).where({ card_id: card.id }).orderBy('round', 'desc').first();
  if (last && (last.status === 'draft' || last.status === 'in_progress')) throw new AppError('APPROVAL_ROUTE_OPEN');
  if (last?.status === 'approved') throw new AppError('APPROVAL_ROUTE_STATE', { ru: 'Документ уже согласован', en: 'The document is already approved' });
  // After a rejection or a withdrawal, the next round is the previous initiator's to start.
  if (last && last.initiatorUserId !== actor.userId && !isAdmin(actor)) throw new AppError('APPROVAL_NOT_INITIATOR');
  const route = await unit.scope.insertQuery(ApprovalRoute).insertAndFetch({
    cardId: card.id,
    round: (last?.round ?? 0) + 1,
    status: 'draft',
    initiatorUserId: actor.userId,
    initiatorStaffId: actor.staffId,
    createdAt: businessNow(),
  });
  await writeStages(unit, route, stages);
  await unit.audit({ action: 'approval.route_created', objectType: 'card', objectId: card.id, payload: { routeId: route.id, round: route.round, previousRouteId: last?.id ?? null, stages: stagePayload(stages) } });
  return route;
}

/** The next round with the stages of a rejected one, ready to adjust and start. */
export async function startNewRound(unit: WriteUnit, actor: Actor, rejectedRouteId: string): Promise<ApprovalRoute> {
  const previous = await unit.scope.findOr404(ApprovalRoute, rejectedRouteId);
  if (previous.status !== 'rejected' && previous.status !== 'withdrawn') throw new AppError('APPROVAL_ROUTE_STATE', { ru: 'Новый круг начинается только после отклонения или отзыва', en: 'A new round starts only after a rejection or a withdrawal' });
  const stages = (await unit.scope.query(ApprovalStage).where({ route_id: previous.id }).orderBy('position')) as ApprovalStage[];
  const visas = (await unit.scope.query(ApprovalVisa).where({ route_id: previous.id }).orderBy('position')) as ApprovalVisa[];
  return createApprovalRoute(
    unit,
    actor,
    previous.cardId,
    stages.map((s) => ({ deadlineDays: s.deadlineDays, approverStaffIds: visas.filter((v) => v.stageId === s.id).map((v) => v.staffId) })),
  );
}

/** Replaces the stages of a draft round (If-Match). */
export async function updateApprovalRoute(unit: WriteUnit, actor: Actor, routeId: string, expectedVersion: number, stages: StageInput[]): Promise<ApprovalRoute> {
  const route = await unit.scope.findOr404(ApprovalRoute, routeId);
  const card = await unit.scope.findOr404(Card, route.cardId);
  await assertCardVisible(unit.trx, actor, card);
  if (route.status !== 'draft') throw new AppError('APPROVAL_ROUTE_STATE', { ru: 'Маршрут уже запущен: этапы менять нельзя', en: 'The route has started: its stages are fixed' });
  const next = await unit.scope.patchVersioned(ApprovalRoute, route.id, expectedVersion, {});
  await writeStages(unit, next, stages);
  await unit.audit({ action: 'approval.route_updated', objectType: 'card', objectId: card.id, payload: { routeId: route.id, round: route.round, stages: stagePayload(stages) } });
  return next;
}
