// Отсутствия: recording a period of absence with its deputy (заместитель), shortening and cancelling it.
import type { WriteUnit } from '../http/route.ts';
import type { Actor } from '../http/actor.ts';
import type { Role } from '../models/User.ts';
import { AppError } from '../http/problem.ts';
import { Absence, type AbsenceReason } from '../models/Absence.ts';
import { Staff } from '../models/Staff.ts';
import { can } from '../policies/index.ts';
import { mayChangeAbsence } from '../policies/absenceAccess.ts';
import { addDays } from '../records/calendar/workingDays.ts';
import { today } from '../records/today.ts';

export interface AbsenceInput {
  /** Whose absence; the actor's own when left out. Someone else's needs `users.manage`. */
  staffId?: string;
  deputyStaffId: string;
  startsOn: string;
  endsOn: string;
  reason: AbsenceReason;
  note?: string | null;
}

/** Rows of `staffId` not cancelled that share at least one day with [from, to]. */
function overlapping(unit: WriteUnit, column: 'staff_id' | 'deputy_staff_id', staffId: string, from: string, to: string) {
  return unit.scope.query(Absence).where(column, staffId).whereNull('cancelled_at').where('starts_on', '<=', to).where('ends_on', '>=', from).orderBy('starts_on');
}

const period = (a: Absence): string => `${a.startsOn} — ${a.endsOn}`;

export async function recordAbsence(unit: WriteUnit, actor: Actor, input: AbsenceInput): Promise<Absence> {
  const staffId = input.staffId ?? actor.staffId;
  if (!staffId) throw new AppError('STAFF_LINK_REQUIRED');
  if (staffId !== actor.staffId && !can(actor, 'users.manage')) throw new AppError('FORBIDDEN', { ru: 'Отсутствие другого сотрудника вносит администратор', en: 'Only an administrator records someone else’s absence' });
  if (input.startsOn > input.endsOn) throw new AppError('ABSENCE_PERIOD_INVALID', { ru: 'Дата окончания раньше даты начала', en: 'The period ends before it starts' });
  if (input.endsOn < today()) throw new AppError('ABSENCE_PERIOD_INVALID', { ru: 'Период отсутствия уже прошёл', en: 'The period is already over' });
  if (input.deputyStaffId === staffId) throw new AppError('ABSENCE_DEPUTY_INVALID', { ru: 'Сотрудник не может замещать сам себя', en: 'A person cannot be their own deputy' });
  await unit.scope.findOr404(Staff, staffId);
  const deputy = await unit.scope.findOr404(Staff, input.deputyStaffId);
  if (!deputy.active) throw new AppError('ABSENCE_DEPUTY_INVALID', { ru: 'Заместитель уволен или не работает в организации', en: 'The deputy is no longer active in the organisation' });
  // The deputy acts through their own account; without one allowed to give visas nobody would act at all.
  const accounts = (await unit.scope.table('users').where({ staff_id: deputy.id, disabled: false }).select('roles')) as { roles: Role[] }[];
  if (!accounts.some((a) => can(a, 'approvals.decide'))) throw new AppError('ABSENCE_DEPUTY_INVALID', { ru: 'У заместителя нет действующей учётной записи', en: 'The deputy has no active account' });

  // Both people's absences are read under their staff rows' locks (in id order, so two such writes never wait for
  // each other crosswise): two overlapping periods, or a deputy going away while named, cannot slip in at once.
  await unit.scope.table('staff').whereIn('id', [staffId, deputy.id].sort()).orderBy('id').forUpdate().select('id');
  const own = await overlapping(unit, 'staff_id', staffId, input.startsOn, input.endsOn).first();
  if (own) throw new AppError('ABSENCE_OVERLAP', { ru: `Отсутствие на эти даты уже внесено: ${period(own)}`, en: `An absence on these dates is already recorded: ${period(own)}` });
  // Chains are not followed: a deputy who is away themselves would pass the work on to someone nobody chose, and a
  // cycle (A for B, B for A) would leave the work with nobody at all. So the deputy must be present on every day of
  // the period, and the absent person must not be anybody's deputy on those days.
  const away = await overlapping(unit, 'staff_id', deputy.id, input.startsOn, input.endsOn).first();
  if (away) throw new AppError('ABSENCE_DEPUTY_ABSENT', { ru: `Заместитель сам отсутствует в эти даты: ${period(away)}`, en: `The deputy is absent on these dates too: ${period(away)}` });
  const standing = await overlapping(unit, 'deputy_staff_id', staffId, input.startsOn, input.endsOn).first();
  if (standing) throw new AppError('ABSENCE_STANDS_IN', { ru: `На эти даты сотрудник назначен заместителем другого: ${period(standing)}`, en: `On these dates this person is someone else’s deputy: ${period(standing)}` });

  const note = input.note?.trim() || null;
  const absence = await unit.scope
    .insertQuery(Absence)
    .insertAndFetch({ staffId, deputyStaffId: deputy.id, startsOn: input.startsOn, endsOn: input.endsOn, reason: input.reason, note, createdBy: actor.userId });
  await unit.audit({
    action: 'absence.recorded',
    objectType: 'absence',
    objectId: absence.id,
    payload: { staffId, deputyStaffId: deputy.id, startsOn: input.startsOn, endsOn: input.endsOn, reason: input.reason, note },
  });
  return absence;
}

async function changeable(unit: WriteUnit, actor: Actor, id: string, expectedVersion: number): Promise<Absence> {
  const absence = await unit.scope.findVersioned(Absence, id, expectedVersion);
  if (!mayChangeAbsence(actor, absence)) throw new AppError('FORBIDDEN', { ru: 'Изменить отсутствие может сам сотрудник или администратор', en: 'Only the person or an administrator may change an absence' });
  if (absence.cancelledAt) throw new AppError('ABSENCE_STATE', { ru: 'Отсутствие отменено', en: 'The absence is cancelled' });
  return absence;
}

/**
 * An earlier return: the period ends on `endsOn`, not before yesterday — the days already passed stay as they were,
 * because the deputy's visas and reports of those days rest on them. «Return today» is `endsOn` = yesterday.
 */
export async function shortenAbsence(unit: WriteUnit, actor: Actor, id: string, expectedVersion: number, endsOn: string): Promise<Absence> {
  const absence = await changeable(unit, actor, id, expectedVersion);
  const earliest = addDays(today(), -1);
  if (absence.endsOn < earliest) throw new AppError('ABSENCE_STATE', { ru: 'Отсутствие уже закончилось', en: 'The absence is already over' });
  if (endsOn >= absence.endsOn) throw new AppError('ABSENCE_PERIOD_INVALID', { ru: 'Новая дата окончания должна быть раньше прежней', en: 'The new end must be earlier than the current one' });
  if (endsOn < absence.startsOn) throw new AppError('ABSENCE_PERIOD_INVALID', { ru: 'Дата окончания раньше даты начала: отмените отсутствие', en: 'The period would end before it starts: cancel the absence instead' });
  if (endsOn < earliest) throw new AppError('ABSENCE_PERIOD_INVALID', { ru: 'Прошедшие дни отсутствия не изменяются', en: 'Days of the absence already passed cannot be changed' });
  const next = await unit.scope.patchVersioned(Absence, id, expectedVersion, { endsOn });
  await unit.audit({ action: 'absence.shortened', objectType: 'absence', objectId: id, payload: { staffId: absence.staffId, deputyStaffId: absence.deputyStaffId, from: absence.endsOn, to: endsOn } });
  return next;
}

/** Cancelling is for a period that has not begun; one under way is shortened, so its past days stay on record. */
export async function cancelAbsence(unit: WriteUnit, actor: Actor, id: string, expectedVersion: number): Promise<Absence> {
  const absence = await changeable(unit, actor, id, expectedVersion);
  if (absence.startsOn < today()) throw new AppError('ABSENCE_STATE', { ru: 'Отсутствие уже началось: сократите его', en: 'The absence has already begun: shorten it instead' });
  const next = await unit.scope.patchVersioned(Absence, id, expectedVersion, { cancelledAt: new Date(), cancelledBy: actor.userId });
  await unit.audit({ action: 'absence.cancelled', objectType: 'absence', objectId: id, payload: { staffId: absence.staffId, deputyStaffId: absence.deputyStaffId, startsOn: absence.startsOn, endsOn: absence.endsOn } });
  return next;
}
