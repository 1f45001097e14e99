import type { WriteUnit } from '../http/route.ts';
import { Department } from '../models/Department.ts';
import { Position } from '../models/Position.ts';
import { Staff } from '../models/Staff.ts';

export async function createPosition(unit: WriteUnit, input: { title: string; departmentId?: string | null }): Promise<Position> {
  if (input.departmentId) await unit.scope.findOr404(Department, input.departmentId);
  const position = await unit.scope.insertQuery(Position).insertAndFetch({ title: input.title, departmentId: input.departmentId ?? null });
  await unit.audit({ action: 'position.created', objectType: 'position', objectId: position.id, payload: input });
  return position;
}

export interface CreateStaffInput {
  lastName: string;
  firstName: string;
  middleName?: string;
  departmentId?: string | null;
  positionId?: string | null;
  email?: string;
  phone?: string;
}

export async function createStaff(unit: WriteUnit, input: CreateStaffInput): Promise<Staff> {
  if (input.departmentId) await unit.scope.findOr404(Department, input.departmentId);
  if (input.positionId) await unit.scope.findOr404(Position, input.positionId);
  const staff = await unit.scope.insertQuery(Staff).insertAndFetch({
    lastName: input.lastName,
    firstName: input.firstName,
    middleName: input.middleName ?? null,
    departmentId: input.departmentId ?? null,
    positionId: input.positionId ?? null,
    email: input.email ?? null,
    phone: input.phone ?? null,
  });
  await unit.audit({ action: 'staff.created', objectType: 'staff', objectId: staff.id, payload: { ...input } });
  return staff;
}
