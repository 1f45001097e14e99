// Who and what the printed forms name besides the cases: the organisation, the people who sign (name and post, from
// the staff record behind the user account) and the section each case is listed under (its department).
import type { WriteUnit } from '../http/route.ts';
import type { Case } from '../models/Case.ts';
import { NO_SECTION, type Signatory } from './inventoryDocument.ts';

type Scoped = Pick<WriteUnit, 'scope'>;

export async function organisationOf(unit: Scoped): Promise<{ name: string; shortName: string }> {
  const org = (await unit.scope.db('organisations').where({ id: unit.scope.orgId }).first('name', 'short_name')) as { name: string; short_name: string };
  return { name: org.name, shortName: org.short_name };
}

/** Whether the organisation is a source of acquisition of an archive (its permanent inventories go to the archive's ЭПК). */
export async function isAcquisitionSource(unit: Scoped): Promise<boolean> {
  const org = (await unit.scope.db('organisations').where({ id: unit.scope.orgId }).first('acquisition_source')) as { acquisition_source: boolean } | undefined;
  return org?.acquisition_source !== false;
}

/** The user's name and, when the account belongs to a staff member with a post, the post's title. */
export async function signatoryOf(unit: Scoped, userId: string | null): Promise<Signatory | null> {
  if (!userId) return null;
  const row = (await unit.scope
    .table('users')
    .leftJoin('staff', 'staff.id', 'users.staff_id')
    .leftJoin('positions', 'positions.id', 'staff.position_id')
    .where('users.id', userId)
    .first('users.full_name', 'positions.title')) as { full_name: string; title: string | null } | undefined;
  return row ? { name: row.full_name, position: row.title } : null;
}

/** case id → the name of the department its nomenclature line belongs to. */
export async function departmentSections(unit: Scoped, cases: Case[]): Promise<Map<string, string>> {
  if (cases.length === 0) return new Map();
  const rows = (await unit.scope
    .table('cases')
    .join('nomenclature_items', 'nomenclature_items.id', 'cases.nomenclature_item_id')
    .leftJoin('departments', 'departments.id', 'nomenclature_items.department_id')
    .whereIn('cases.id', cases.map((c) => c.id))
    .select('cases.id', 'departments.name')) as { id: string; name: string | null }[];
  return new Map(rows.map((r) => [r.id, r.name ?? NO_SECTION]));
}
