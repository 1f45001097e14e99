import { Type } from '@sinclair/typebox';

export const Uuid = Type.String({ format: 'uuid' });
export const IdParams = Type.Object({ id: Uuid });
export const DateTime = Type.String({ format: 'date-time' });
export const RoleSchema = Type.Union(
  [
    Type.Literal('admin'),
    Type.Literal('clerk'),
    Type.Literal('manager'),
    Type.Literal('executor'),
    Type.Literal('lawyer'),
    Type.Literal('archivist'),
    Type.Literal('auditor'),
  ],
  { description: 'Роль / role' },
);
