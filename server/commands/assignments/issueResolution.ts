// A resolution on a card, or an executor's resolution on an assignment they received (sub-assignments).
import type { WriteUnit } from '../../http/route.ts';
import type { Actor } from '../../http/actor.ts';
import { AppError } from '../../http/problem.ts';
import { Card } from '../../models/Card.ts';
import { Staff } from '../../models/Staff.ts';
import { Resolution } from '../../models/Resolution.ts';
import { Assignment } from '../../models/Assignment.ts';
import { loadCalendar } from '../../records/calendar/loadCalendar.ts';
import { addCalendarDays, addWorkingDays } from '../../records/calendar/workingDays.ts';
import { businessNow, today } from '../../records/today.ts';
import { syncCardStatus } from './syncCardStatus.ts';
import { learnFromResolution } from '../../autofill/executorModel.ts';

export interface AssignmentInput {
  executorStaffId: string;
  coExecutorStaffIds?: string[];
  text?: string;
  deadline?: string | null;
  deadlineIn?: { days: number; type: 'calendar' | 'working' };
  onControl?: boolean;
  controllerStaffId?: string | null;
}

export interface ResolutionInput {
  text: string;
  /** The manager whose resolution this is; a clerk entering a paper resolution names them here. */
  authorStaffId?: string;
  assignments: AssignmentInput[];
}

const ACTIVE_CARD = new Set(['registered', 'in_work', 'executed']);

async function deadlineOf(unit: WriteUnit, a: AssignmentInput): Promise<string | null> {
  if (a.deadlineIn) {
    const calendar = await loadCalendar(unit.trx);
    return a.deadlineIn.type === 'working' ? addWorkingDays(calendar, today(), a.deadlineIn.days) : addCalendarDays(calendar, today(), a.deadlineIn.days);
  }
  return a.deadline ?? null;
}

export async function issueResolution(unit: WriteUnit, actor: Actor, cardId: string, input: ResolutionInput, parent?: Assignment): Promise<{ resolution: Resolution; assignments: Assignment[] }> {
  const card = await unit.scope.findOr404(Card, cardId);
  if (!ACTIVE_CARD.has(card.status)) throw new AppError('CARD_NOT_IN_WORK');
  let authorStaffId: string;
  let onBehalf = false;
  if (parent) {
    if (!actor.staffId) throw new AppError('STAFF_LINK_REQUIRED');
    if (parent.executorStaffId !== actor.staffId && !parent.coExecutorStaffIds.includes(actor.staffId)) throw new AppError('NOT_ASSIGNMENT_PARTICIPANT');
    if (parent.status !== 'open') throw new AppError('ASSIGNMENT_STATE_CONFLICT');
    authorStaffId = actor.staffId;
  } else if (input.authorStaffId && input.authorStaffId !== actor.staffId) {
    // Only the office may type in someone else's resolution, and it is marked as such.
    if (!actor.roles.some((r) => r === 'clerk' || r === 'admin')) throw new AppError('FORBIDDEN');
    await unit.scope.findOr404(Staff, input.authorStaffId);
    authorStaffId = input.authorStaffId;
    onBehalf = true;
  } else {
    if (!actor.staffId) throw new AppError('STAFF_LINK_REQUIRED');
    authorStaffId = actor.staffId;
  }
  const now = businessNow();
  const resolution = await unit.scope.insertQuery(Resolution).insertAndFetch({
    cardId,
    createdAt: now,
    parentAssignmentId: parent?.id ?? null,
    authorStaffId,
    enteredBy: actor.userId,
    onBehalf,
    text: input.text,
  });
  const created: Assignment[] = [];
  for (const a of input.assignments) {
    const executor = await unit.scope.findOr404(Staff, a.executorStaffId);
    for (const co of a.coExecutorStaffIds ?? []) await unit.scope.findOr404(Staff, co);
    if (a.controllerStaffId) await unit.scope.findOr404(Staff, a.controllerStaffId);
    const deadline = await deadlineOf(unit, a);
    if (parent?.deadline && deadline && deadline > parent.deadline) throw new AppError('DEADLINE_AFTER_PARENT');
    const onControl = a.onControl ?? false;
    const assignment = await unit.scope.insertQuery(Assignment).insertAndFetch({
      cardId,
      resolutionId: resolution.id,
      parentId: parent?.id ?? null,
      executorStaffId: executor.id,
      coExecutorStaffIds: a.coExecutorStaffIds ?? [],
      executorDepartmentId: executor.departmentId,
      text: a.text ?? input.text,
      deadline: deadline ?? parent?.deadline ?? null,
      onControl,
      controllerStaffId: onControl ? (a.controllerStaffId ?? authorStaffId) : null,
      authorStaffId,
      status: 'open',
      createdAt: now,
    });
    await unit.trx('assignment_events').insert({ org_id: unit.scope.orgId, assignment_id: assignment.id, type: 'created', actor_user_id: actor.userId, text: assignment.text, payload: JSON.stringify({ deadline: assignment.deadline, onControl }), created_at: now });
    created.push(assignment);
  }
  await unit.audit({
    action: parent ? 'assignment.subassigned' : 'resolution.issued',
    objectType: 'card',
    objectId: cardId,
    payload: {
      resolutionId: resolution.id,
      parentAssignmentId: parent?.id ?? null,
      authorStaffId,
      onBehalf,
      text: input.text,
      assignments: created.map((a) => ({ id: a.id, executorStaffId: a.executorStaffId, deadline: a.deadline, onControl: a.onControl, controllerStaffId: a.controllerStaffId })),
    },
  });
  if (!parent) await learnFromResolution(unit.trx, unit.scope.orgId, cardId);
  await syncCardStatus(unit, cardId);
  return { resolution, assignments: created };
}
