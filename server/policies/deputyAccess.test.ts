// The deputy's part of the access rules that need no database: who reads and changes an absence, and which visas the
// card's actions offer a deputy. Visibility of cards by date is covered through HTTP in api/absences/absences.test.ts.
import { describe, expect, it } from 'vitest';
import type { Actor } from '../http/actor.ts';
import type { Card } from '../models/Card.ts';
import type { Role } from '../models/User.ts';
import type { ApprovalRouteView } from '../presenters/approvalPresenter.ts';
import { mayChangeAbsence, mayReadAbsence } from './absenceAccess.ts';
import { approvalActions } from './approvalAccess.ts';

const actor = (staffId: string | null, roles: Role[]): Actor => ({
  userId: `u-${staffId ?? 'none'}`,
  orgId: 'org',
  login: 'x',
  fullName: 'x',
  staffId,
  roles,
  via: 'session',
  sessionId: null,
  tokenId: null,
  csrfToken: null,
});

const absence = { staffId: 'absent', deputyStaffId: 'deputy' };

describe('absence access', () => {
  it('the absent person reads and changes, the deputy reads, an administrator does both, anyone else neither', () => {
    expect([mayReadAbsence(actor('absent', ['executor']), absence), mayChangeAbsence(actor('absent', ['executor']), absence)]).toEqual([true, true]);
    expect([mayReadAbsence(actor('deputy', ['lawyer']), absence), mayChangeAbsence(actor('deputy', ['lawyer']), absence)]).toEqual([true, false]);
    expect([mayReadAbsence(actor(null, ['admin']), absence), mayChangeAbsence(actor(null, ['admin']), absence)]).toEqual([true, true]);
    expect([mayReadAbsence(actor('other', ['manager']), absence), mayChangeAbsence(actor('other', ['manager']), absence)]).toEqual([false, false]);
    // The auditor reads every absence (users.read) and changes none.
    expect([mayReadAbsence(actor('other', ['auditor']), absence), mayChangeAbsence(actor('other', ['auditor']), absence)]).toEqual([true, false]);
  });
});

describe('approval actions of a deputy', () => {
  const card = { kind: 'draft', status: 'draft' } as Card;
  const visa = (staffId: string, decision: 'approved' | null) => ({ id: staffId, staffId, name: staffId, position: null, decision, comment: null, decidedAt: null, deputy: null });
  const route = {
    status: 'in_progress',
    currentStage: 1,
    initiator: { userId: 'u-init', staffId: null, name: 'init', position: null },
    stages: [{ position: 1, status: 'active', approvers: [visa('absent', null), visa('decided', 'approved')] }],
  } as unknown as ApprovalRouteView;
  const absent = { staffId: 'absent', name: 'Кузнецова Ольга Викторовна' };

  it('offers the visa of an absent approver the actor stands in for today, and only a pending one', () => {
    const deputy = actor('deputy', ['lawyer']);
    expect(approvalActions(deputy, card, [route], [absent])).toMatchObject({ decide: false, decideFor: [absent] });
    // Without an absence in force today (no principals) nothing is offered: the date decides, not the person.
    expect(approvalActions(deputy, card, [route], []).decideFor).toEqual([]);
    expect(approvalActions(deputy, card, [route], [{ staffId: 'decided', name: 'x' }]).decideFor).toEqual([]);
    // The absent approver keeps their own visa.
    expect(approvalActions(actor('absent', ['executor']), card, [route], [])).toMatchObject({ decide: true, decideFor: [] });
    // A role that may not give visas gets nothing, deputy or not.
    expect(approvalActions(actor('deputy', ['auditor']), card, [route], [absent]).decideFor).toEqual([]);
  });
});
