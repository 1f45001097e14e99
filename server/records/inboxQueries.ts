// The inboxes behind the navigation badges. Each is one indexed query; counts come in one round trip.
import type { Knex } from 'knex';
import { CLOSED_FOR_APPROVAL } from './approvalRules.ts';
import { principalsOf } from './deputies.ts';

export interface InboxCounts {
  todo: number;
  overdue: number;
  dueSoon: number;
  onControl: number;
  awaitingRegistration: number;
  awaitingResolution: number;
  /** Visas I am to give: my stage is the active one of a route under way. */
  awaitingApproval: number;
}

export async function inboxCounts(db: Knex, orgId: string, staffId: string | null, todayIso: string, soon: string, canRegister: boolean): Promise<InboxCounts> {
  // Work of the people I stand in for today (замещение) counts as mine: to do and visas, not control. The lookup is
  // one probe of absences_deputy_active; the list goes in as an array literal (uuids need no escaping), and
  // `= ANY(array)` is still an index condition on assignments_executor_open and approval_visas_pending.
  const principals = staffId ? await principalsOf(db, orgId, staffId, todayIso) : [];
  const executors = `{${[staffId, ...principals.map((p) => p.staffId)].join(',')}}`;
  const mine = staffId
    ? ((await db.raw(
        `SELECT
           count(*) FILTER (WHERE executor_staff_id = ANY(:executors::uuid[]) AND status = 'open') AS todo,
           count(*) FILTER (WHERE executor_staff_id = ANY(:executors::uuid[]) AND status = 'open' AND deadline < :today) AS overdue,
           count(*) FILTER (WHERE executor_staff_id = ANY(:executors::uuid[]) AND status = 'open' AND deadline >= :today AND deadline <= :soon) AS due_soon,
           count(*) FILTER (WHERE controller_staff_id = :staff AND status IN ('open','reported')) AS on_control
         FROM assignments
         WHERE org_id = :org AND status IN ('open','reported') AND (executor_staff_id = ANY(:executors::uuid[]) OR controller_staff_id = :staff)`,
        { staff: staffId, executors, today: todayIso, soon, org: orgId },
      )) as { rows: { todo: number; overdue: number; due_soon: number; on_control: number }[] }).rows[0]
    : undefined;
  const drafts = canRegister ? ((await db('cards').where({ org_id: orgId, status: 'draft' }).count('* as n').first()) as { n: number }).n : 0;
  const toResolve = staffId ? ((await db('cards').where({ org_id: orgId, addressee_staff_id: staffId, status: 'registered' }).count('* as n').first()) as { n: number }).n : 0;
  // An approver of a started route always sees its card (policies/cardAccess.ts), and so does their deputy while they
  // are absent, so no visibility filter is needed.
  const toApprove = staffId
    ? ((await db('approval_visas as v')
        .join('approval_stages as s', 's.id', 'v.stage_id')
        .join('approval_routes as r', 'r.id', 'v.route_id')
        .join('cards as c', 'c.id', 'v.card_id')
        .where({ 'v.org_id': orgId, 's.status': 'active', 'r.status': 'in_progress' })
        .whereRaw('v.staff_id = ANY(?::uuid[])', [executors])
        .whereNotIn('c.status', [...CLOSED_FOR_APPROVAL])
        .whereNull('v.decision')
        .count('* as n')
        .first()) as { n: number }).n
    : 0;
  return {
    todo: mine?.todo ?? 0,
    overdue: mine?.overdue ?? 0,
    dueSoon: mine?.due_soon ?? 0,
    onControl: mine?.on_control ?? 0,
    awaitingRegistration: drafts,
    awaitingResolution: toResolve,
    awaitingApproval: Number(toApprove),
  };
}
