// Замещение: whom a staff member stands in for today. One indexed lookup (absences_deputy_active) that the inboxes,
// the visa and report commands and the card-visibility rule share, so they all agree on who is absent today.
import type { Knex } from 'knex';

export interface Principal {
  /** The absent staff member the deputy acts for. */
  staffId: string;
  name: string;
}

/**
 * The SQL of «the staff `deputy` stands in for on `day`» with its bindings [org, deputy, day, day]. Cancelled absences
 * do not count; both ends of the period do.
 */
export const STANDS_IN_FOR_SQL = `SELECT ab.staff_id FROM absences ab
  WHERE ab.org_id = ?::uuid AND ab.deputy_staff_id = ?::uuid AND ab.cancelled_at IS NULL AND ab.starts_on <= ?::date AND ab.ends_on >= ?::date`;

export async function principalsOf(db: Knex | Knex.Transaction, orgId: string, deputyStaffId: string | null, day: string): Promise<Principal[]> {
  if (!deputyStaffId) return [];
  const rows = (await db
    .select('s.id', 's.last_name', 's.first_name', 's.middle_name')
    .from('staff as s')
    .whereRaw(`s.id IN (${STANDS_IN_FOR_SQL})`, [orgId, deputyStaffId, day, day])
    .orderBy([{ column: 's.last_name' }, { column: 's.id' }])) as { id: string; last_name: string; first_name: string; middle_name: string | null }[];
  return rows.map((r) => ({ staffId: r.id, name: [r.last_name, r.first_name, r.middle_name].filter(Boolean).join(' ') }));
}

/** Whether `deputy` may act for `staff` on `day`. */
export async function standsInFor(db: Knex | Knex.Transaction, orgId: string, deputyStaffId: string | null, staffId: string, day: string): Promise<boolean> {
  if (!deputyStaffId) return false;
  const row = await db('absences')
    .where({ org_id: orgId, deputy_staff_id: deputyStaffId, staff_id: staffId })
    .whereNull('cancelled_at')
    .where('starts_on', '<=', day)
    .where('ends_on', '>=', day)
    .first('id');
  return row !== undefined;
}

/** The staff of an organisation away on `day` (each with a deputy): the executor suggestions weigh them down. */
export async function absentOn(db: Knex | Knex.Transaction, orgId: string, day: string): Promise<Set<string>> {
  const rows = (await db('absences')
    .where({ org_id: orgId })
    .whereNull('cancelled_at')
    .where('starts_on', '<=', day)
    .where('ends_on', '>=', day)
    .distinct('staff_id')) as { staff_id: string }[];
  return new Set(rows.map((r) => r.staff_id));
}
