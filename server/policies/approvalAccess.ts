// What the actor may do next with a card's approval route, for the client to show only the actions that will work.
// The commands check the same conditions again; this only saves a round trip that would end in an error.
import type { Actor } from '../http/actor.ts';
import type { Card } from '../models/Card.ts';
import type { ApprovalRouteView } from '../presenters/approvalPresenter.ts';
import { APPROVABLE_KINDS, CLOSED_FOR_APPROVAL } from '../records/approvalRules.ts';
import type { Principal } from '../records/deputies.ts';
import { can } from './index.ts';

export interface ApprovalActions {
  build: boolean;
  edit: boolean;
  start: boolean;
  newRound: boolean;
  withdraw: boolean;
  decide: boolean;
  /** Absent approvers of the active stage whose visa the actor may give today as their deputy (замещение). */
  decideFor: Principal[];
}

export function approvalActions(actor: Actor, card: Card, rounds: ApprovalRouteView[], principals: Principal[] = []): ApprovalActions {
  const last = rounds[rounds.length - 1];
  const manage = can(actor, 'approvals.manage');
  const approvable = APPROVABLE_KINDS.has(card.kind) && !CLOSED_FOR_APPROVAL.has(card.status);
  const initiator = last !== undefined && (last.initiator.userId === actor.userId || actor.roles.includes('admin'));
  const active = last?.status === 'in_progress' ? last.stages.find((s) => s.position === last.currentStage) : undefined;
  const mayDecide = approvable && can(actor, 'approvals.decide') && actor.staffId !== null;
  const pending = (staffId: string): boolean => active?.approvers.some((v) => v.staffId === staffId && v.decision === null) ?? false;
  return {
    build: manage && approvable && !last,
    edit: manage && last?.status === 'draft',
    start: manage && approvable && last?.status === 'draft',
    newRound: manage && approvable && (last?.status === 'rejected' || last?.status === 'withdrawn') && initiator,
    withdraw: manage && (last?.status === 'draft' || last?.status === 'in_progress') && initiator,
    decide: mayDecide && pending(actor.staffId ?? ''),
    decideFor: mayDecide ? principals.filter((p) => pending(p.staffId)) : [],
  };
}
