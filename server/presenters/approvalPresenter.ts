// Approval routes as JSON: every round of a card with its stages and visas. The same views feed the approval sheet
// and the archival package's descriptive metadata, so all three say the same thing.
import { Type, type Static } from '@sinclair/typebox';
import type { Knex } from 'knex';
import { Uuid } from '../api/common.ts';

const S = Type.Union([Type.String(), Type.Null()]);

export const ApprovalVisaSchema = Type.Object({
  id: Uuid,
  staffId: Uuid,
  name: Type.String({ description: 'ФИО полностью' }),
  position: S,
  decision: Type.Union([Type.Literal('approved'), Type.Literal('approved_with_remarks'), Type.Literal('rejected'), Type.Null()]),
  comment: S,
  decidedAt: S,
  deputy: Type.Union([Type.Object({ staffId: Uuid, name: Type.String(), position: S }), Type.Null()], {
    description: 'Кто дал визу за отсутствующего согласующего (замещение) / who gave the visa for the absent approver',
  }),
});

export const ApprovalStageSchema = Type.Object({
  id: Uuid,
  position: Type.Integer({ minimum: 1 }),
  deadlineDays: Type.Union([Type.Integer(), Type.Null()]),
  dueOn: S,
  status: Type.Union([Type.Literal('waiting'), Type.Literal('active'), Type.Literal('approved'), Type.Literal('rejected')]),
  startedAt: S,
  finishedAt: S,
  approvers: Type.Array(ApprovalVisaSchema),
});

export const ApprovalRouteSchema = Type.Object({
  id: Uuid,
  cardId: Uuid,
  round: Type.Integer({ minimum: 1 }),
  status: Type.Union([Type.Literal('draft'), Type.Literal('in_progress'), Type.Literal('approved'), Type.Literal('rejected'), Type.Literal('withdrawn')]),
  withdrawReason: S,
  initiator: Type.Object({ userId: Uuid, staffId: Type.Union([Uuid, Type.Null()]), name: Type.String(), position: S }),
  currentStage: Type.Union([Type.Integer(), Type.Null()]),
  startedAt: S,
  finishedAt: S,
  sheetFileId: Type.Union([Uuid, Type.Null()]),
  version: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  stages: Type.Array(ApprovalStageSchema),
});

export type ApprovalVisaView = Static<typeof ApprovalVisaSchema>;
export type ApprovalStageView = Static<typeof ApprovalStageSchema>;
export type ApprovalRouteView = Static<typeof ApprovalRouteSchema>;

interface RouteRow {
  id: string;
  card_id: string;
  round: number;
  status: ApprovalRouteView['status'];
  initiator_user_id: string;
  initiator_staff_id: string | null;
  initiator_login_name: string;
  current_stage: number | null;
  started_at: Date | null;
  finished_at: Date | null;
  sheet_file_id: string | null;
  withdraw_reason: string | null;
  version: number;
  created_at: Date;
}
interface StageRow {
  id: string;
  route_id: string;
  position: number;
  deadline_days: number | null;
  due_on: string | null;
  status: ApprovalStageView['status'];
  started_at: Date | null;
  finished_at: Date | null;
}
interface VisaRow {
  id: string;
  stage_id: string;
  staff_id: string;
  decision: ApprovalVisaView['decision'];
  comment: string | null;
  decided_at: Date | null;
  position_title: string | null;
  full_name: string | null;
  deputy_staff_id: string | null;
  deputy_full_name: string | null;
  deputy_position_title: string | null;
}
interface PersonRow {
  id: string;
  last_name: string;
  first_name: string;
  middle_name: string | null;
  title: string | null;
}

const iso = (d: Date | null): string | null => d?.toISOString() ?? null;

/** Full name and position of staff as they are now (a visa given keeps those of its time). */
export async function staffPeople(db: Knex | Knex.Transaction, orgId: string, ids: string[]): Promise<Map<string, { name: string; position: string | null }>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = (await db('staff as s')
    .leftJoin('positions as p', 'p.id', 's.position_id')
    .where('s.org_id', orgId)
    .whereIn('s.id', unique)
    .select('s.id', 's.last_name', 's.first_name', 's.middle_name', 'p.title')) as PersonRow[];
  return new Map(rows.map((r) => [r.id, { name: [r.last_name, r.first_name, r.middle_name].filter(Boolean).join(' '), position: r.title }]));
}

/** The rounds of the given routes (or of every route of a card), in round order. */
export async function approvalRounds(db: Knex | Knex.Transaction, orgId: string, where: { cardId: string } | { routeIds: string[] }): Promise<ApprovalRouteView[]> {
  const routes = (await db('approval_routes as r')
    .join('users as u', 'u.id', 'r.initiator_user_id')
    .where('r.org_id', orgId)
    .modify((q) => {
      if ('cardId' in where) q.where('r.card_id', where.cardId);
      else q.whereIn('r.id', where.routeIds);
    })
    .orderBy([{ column: 'r.card_id' }, { column: 'r.round' }])
    .select('r.*', 'u.full_name as initiator_login_name')) as RouteRow[];
  if (routes.length === 0) return [];
  const routeIds = routes.map((r) => r.id);
  const [stages, visas] = (await Promise.all([
    db('approval_stages').where('org_id', orgId).whereIn('route_id', routeIds).orderBy([{ column: 'route_id' }, { column: 'position' }]),
    db('approval_visas').where('org_id', orgId).whereIn('route_id', routeIds).orderBy([{ column: 'stage_id' }, { column: 'position' }]),
  ])) as [StageRow[], VisaRow[]];
  const people = await staffPeople(db, orgId, [...visas.map((v) => v.staff_id), ...routes.flatMap((r) => (r.initiator_staff_id ? [r.initiator_staff_id] : []))]);
  const visaView = (v: VisaRow): ApprovalVisaView => ({
    id: v.id,
    staffId: v.staff_id,
    name: v.full_name ?? people.get(v.staff_id)?.name ?? '—',
    position: v.decision ? v.position_title : (people.get(v.staff_id)?.position ?? null),
    decision: v.decision,
    comment: v.comment,
    decidedAt: iso(v.decided_at),
    deputy: v.deputy_staff_id ? { staffId: v.deputy_staff_id, name: v.deputy_full_name ?? '—', position: v.deputy_position_title } : null,
  });
  return routes.map((r) => ({
    id: r.id,
    cardId: r.card_id,
    round: r.round,
    status: r.status,
    withdrawReason: r.withdraw_reason,
    initiator: {
      userId: r.initiator_user_id,
      staffId: r.initiator_staff_id,
      name: (r.initiator_staff_id ? people.get(r.initiator_staff_id)?.name : undefined) ?? r.initiator_login_name,
      position: r.initiator_staff_id ? (people.get(r.initiator_staff_id)?.position ?? null) : null,
    },
    currentStage: r.current_stage,
    startedAt: iso(r.started_at),
    finishedAt: iso(r.finished_at),
    sheetFileId: r.sheet_file_id,
    version: r.version,
    createdAt: r.created_at.toISOString(),
    stages: stages
      .filter((s) => s.route_id === r.id)
      .map((s) => ({
        id: s.id,
        position: s.position,
        deadlineDays: s.deadline_days,
        dueOn: s.due_on,
        status: s.status,
        startedAt: iso(s.started_at),
        finishedAt: iso(s.finished_at),
        approvers: visas.filter((v) => v.stage_id === s.id).map(visaView),
      })),
  }));
}
