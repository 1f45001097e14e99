// Absences as JSON, with the names of the absent person and the deputy and whether the period is in force today.
import { Type, type Static } from '@sinclair/typebox';
import type { Knex } from 'knex';
import type { Absence } from '../models/Absence.ts';
import { Uuid } from '../api/common.ts';
import { staffPeople } from './approvalPresenter.ts';

const Person = Type.Object({ staffId: Uuid, name: Type.String(), position: Type.Union([Type.String(), Type.Null()]) });

/** An absent person a deputy acts for today: the «за …» of the inboxes. */
export const PrincipalSchema = Type.Object({ staffId: Uuid, name: Type.String() });

export const AbsenceSchema = Type.Object({
  id: Uuid,
  staff: Person,
  deputy: Person,
  startsOn: Type.String({ format: 'date' }),
  endsOn: Type.String({ format: 'date' }),
  reason: Type.Union([Type.Literal('vacation'), Type.Literal('business_trip'), Type.Literal('sick_leave'), Type.Literal('other')]),
  note: Type.Union([Type.String(), Type.Null()]),
  status: Type.Union([Type.Literal('planned'), Type.Literal('active'), Type.Literal('over'), Type.Literal('cancelled')], {
    description: 'По календарной дате организации / by the organisation’s calendar date',
  }),
  cancelledAt: Type.Union([Type.String(), Type.Null()]),
  version: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
});

export type AbsenceView = Static<typeof AbsenceSchema>;

export function absenceStatus(a: Pick<Absence, 'startsOn' | 'endsOn' | 'cancelledAt'>, day: string): AbsenceView['status'] {
  if (a.cancelledAt) return 'cancelled';
  if (a.startsOn > day) return 'planned';
  return a.endsOn < day ? 'over' : 'active';
}

export async function presentAbsences(db: Knex | Knex.Transaction, orgId: string, rows: Absence[], day: string): Promise<AbsenceView[]> {
  const people = await staffPeople(db, orgId, rows.flatMap((a) => [a.staffId, a.deputyStaffId]));
  const person = (id: string) => ({ staffId: id, name: people.get(id)?.name ?? '—', position: people.get(id)?.position ?? null });
  return rows.map((a) => ({
    id: a.id,
    staff: person(a.staffId),
    deputy: person(a.deputyStaffId),
    startsOn: a.startsOn,
    endsOn: a.endsOn,
    reason: a.reason,
    note: a.note,
    status: absenceStatus(a, day),
    cancelledAt: a.cancelledAt?.toISOString() ?? null,
    version: a.version,
    createdAt: a.createdAt.toISOString(),
  }));
}
