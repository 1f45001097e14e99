import type { WriteUnit } from '../http/route.ts';
import { AppError } from '../http/problem.ts';
import { Department } from '../models/Department.ts';

export async function createDepartment(unit: WriteUnit, input: { name: string; code: string; parentId?: string | null }): Promise<Department> {
  if (input.parentId) await unit.scope.findOr404(Department, input.parentId);
  const dept = await unit.scope.insertQuery(Department).insertAndFetch({ name: input.name, code: input.code, parentId: input.parentId ?? null });
  await unit.audit({ action: 'department.created', objectType: 'department', objectId: dept.id, payload: { name: input.name, code: input.code, parentId: input.parentId ?? null } });
  return dept;
}

async function wouldCycle(unit: WriteUnit, id: string, parentId: string): Promise<boolean> {
  let current: string | null = parentId;
  for (let depth = 0; current && depth < 1000; depth += 1) {
    if (current === id) return true;
    const row: Department | undefined = await unit.scope.query(Department).findById(current);
    current = row?.parentId ?? null;
  }
  return false;
}

export async function updateDepartment(
  unit: WriteUnit,
  id: string,
  expectedVersion: number,
  input: { name?: string; code?: string; parentId?: string | null },
): Promise<Department> {
  const before = await unit.scope.findVersioned(Department, id, expectedVersion);
  if (input.parentId) {
    await unit.scope.findOr404(Department, input.parentId);
    if (await wouldCycle(unit, id, input.parentId)) {
      throw new AppError('CONFLICT', { ru: 'Подразделение не может входить само в себя', en: 'A department cannot be nested inside itself' });
    }
  }
  const after = await unit.scope.patchVersioned(Department, id, expectedVersion, input);
  await unit.audit({
    action: 'department.updated',
    objectType: 'department',
    objectId: id,
    payload: { from: { name: before.name, code: before.code, parentId: before.parentId }, to: input },
  });
  return after;
}
