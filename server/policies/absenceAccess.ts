// Who sees and changes an absence: the absent person, their deputy (read only: they need to know whom they stand in
// for and until when) and the organisation's administrators. To anyone else it does not exist (404).
import type { Actor } from '../http/actor.ts';
import type { Absence } from '../models/Absence.ts';
import { can } from './index.ts';

export function mayReadAbsence(actor: Actor, absence: Pick<Absence, 'staffId' | 'deputyStaffId'>): boolean {
  return can(actor, 'users.read') || (actor.staffId !== null && (absence.staffId === actor.staffId || absence.deputyStaffId === actor.staffId));
}

export function mayChangeAbsence(actor: Actor, absence: Pick<Absence, 'staffId'>): boolean {
  return can(actor, 'users.manage') || (actor.staffId !== null && absence.staffId === actor.staffId);
}
