import { Type, type Static } from '@sinclair/typebox';
import { Uuid } from '../api/common.ts';
import type { Organisation } from '../models/Organisation.ts';
import type { Department } from '../models/Department.ts';
import type { Position } from '../models/Position.ts';
import type { Staff } from '../models/Staff.ts';
import type { Journal } from '../models/Journal.ts';

const Nullable = <T extends import('@sinclair/typebox').TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const OrganisationSchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  shortName: Type.String(),
  inn: Nullable(Type.String()),
  ogrn: Nullable(Type.String()),
  address: Nullable(Type.String()),
  acquisitionSource: Type.Boolean({ description: 'источник комплектования государственного (муниципального) архива / a source of acquisition of a state or municipal archive' }),
  version: Type.Integer(),
});
export const DepartmentSchema = Type.Object({ id: Uuid, parentId: Nullable(Uuid), name: Type.String(), code: Type.String(), version: Type.Integer() });
export const PositionSchema = Type.Object({ id: Uuid, departmentId: Nullable(Uuid), title: Type.String() });
export const StaffSchema = Type.Object({
  id: Uuid,
  fullName: Type.String(),
  lastName: Type.String(),
  firstName: Type.String(),
  middleName: Nullable(Type.String()),
  departmentId: Nullable(Uuid),
  positionId: Nullable(Uuid),
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  active: Type.Boolean(),
  version: Type.Integer(),
});
export const JournalSchema = Type.Object({
  id: Uuid,
  kind: Type.String(),
  name: Type.String(),
  prefix: Type.String(),
  numberTemplate: Type.String(),
  resetYearly: Type.Boolean(),
  departmentId: Nullable(Uuid),
  active: Type.Boolean(),
  version: Type.Integer(),
});

export const presentOrganisation = (o: Organisation): Static<typeof OrganisationSchema> => ({
  id: o.id,
  name: o.name,
  shortName: o.shortName,
  inn: o.inn,
  ogrn: o.ogrn,
  address: o.address,
  acquisitionSource: o.acquisitionSource,
  version: o.version,
});
export const presentDepartment = (d: Department): Static<typeof DepartmentSchema> => ({ id: d.id, parentId: d.parentId, name: d.name, code: d.code, version: d.version });
export const presentPosition = (p: Position): Static<typeof PositionSchema> => ({ id: p.id, departmentId: p.departmentId, title: p.title });
export const presentStaff = (s: Staff): Static<typeof StaffSchema> => ({
  id: s.id,
  fullName: s.fullName,
  lastName: s.lastName,
  firstName: s.firstName,
  middleName: s.middleName,
  departmentId: s.departmentId,
  positionId: s.positionId,
  email: s.email,
  phone: s.phone,
  active: s.active,
  version: s.version,
});
export const presentJournal = (j: Journal): Static<typeof JournalSchema> => ({
  id: j.id,
  kind: j.kind,
  name: j.name,
  prefix: j.prefix,
  numberTemplate: j.numberTemplate,
  resetYearly: j.resetYearly,
  departmentId: j.departmentId,
  active: j.active,
  version: j.version,
});
