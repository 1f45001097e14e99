import { Type, type Static } from '@sinclair/typebox';
import type { Knex } from 'knex';
import { Uuid } from '../api/common.ts';
import type { Assignment } from '../models/Assignment.ts';

const S = Type.Union([Type.String(), Type.Null()]);
const Person = Type.Object({ id: Uuid, name: Type.String() });

export const AssignmentSchema = Type.Object({
  id: Uuid,
  cardId: Uuid,
  resolutionId: Uuid,
  parentId: Type.Union([Uuid, Type.Null()]),
  executor: Person,
  coExecutors: Type.Array(Person),
  controller: Type.Union([Person, Type.Null()]),
  author: Person,
  text: Type.String(),
  deadline: S,
  onControl: Type.Boolean(),
  status: Type.String(),
  overdue: Type.Boolean(),
  reportText: S,
  reportedOn: S,
  acceptedAt: S,
  version: Type.Integer(),
});

export type AssignmentView = Static<typeof AssignmentSchema>;

export async function staffNames(db: Knex, orgId: string, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = (await db('staff').where('org_id', orgId).whereIn('id', unique).select('id', 'last_name', 'first_name', 'middle_name')) as {
    id: string;
    last_name: string;
    first_name: string;
    middle_name: string | null;
  }[];
  // Official style: Фамилия И.О.
  return new Map(rows.map((r) => [r.id, `${r.last_name} ${r.first_name[0] ?? ''}.${r.middle_name ? `${r.middle_name[0]}.` : ''}`]));
}

export function isOverdue(a: Pick<Assignment, 'deadline' | 'status' | 'reportedOn'>, todayIso: string): boolean {
  if (!a.deadline) return false;
  if (a.status === 'open') return a.deadline < todayIso;
  if (a.status === 'reported' || a.status === 'accepted') return (a.reportedOn ?? todayIso) > a.deadline;
  return false;
}

export async function presentAssignments(db: Knex, orgId: string, list: Assignment[], todayIso: string): Promise<AssignmentView[]> {
  const names = await staffNames(
    db,
    orgId,
    list.flatMap((a) => [a.executorStaffId, a.authorStaffId, ...(a.controllerStaffId ? [a.controllerStaffId] : []), ...a.coExecutorStaffIds]),
  );
  const person = (id: string) => ({ id, name: names.get(id) ?? '—' });
  return list.map((a) => ({
    id: a.id,
    cardId: a.cardId,
    resolutionId: a.resolutionId,
    parentId: a.parentId,
    executor: person(a.executorStaffId),
    coExecutors: a.coExecutorStaffIds.map(person),
    controller: a.controllerStaffId ? person(a.controllerStaffId) : null,
    author: person(a.authorStaffId),
    text: a.text,
    deadline: a.deadline,
    onControl: a.onControl,
    status: a.status,
    overdue: isOverdue(a, todayIso),
    reportText: a.reportText,
    reportedOn: a.reportedOn,
    acceptedAt: a.acceptedAt?.toISOString() ?? null,
    version: a.version,
  }));
}
