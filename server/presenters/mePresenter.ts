import { Type, type Static } from '@sinclair/typebox';
import type { Knex } from 'knex';
import { RoleSchema, Uuid } from '../api/common.ts';
import type { Actor } from '../http/actor.ts';
import type { Role } from '../models/User.ts';

export const MeSchema = Type.Object({
  user: Type.Object({
    id: Uuid,
    login: Type.String(),
    fullName: Type.String(),
    roles: Type.Array(RoleSchema),
    org: Type.Object({ id: Uuid, name: Type.String(), shortName: Type.String() }),
    department: Type.Union([Type.Object({ id: Uuid, name: Type.String() }), Type.Null()]),
    position: Type.Union([Type.String(), Type.Null()]),
  }),
  csrfToken: Type.Union([Type.String(), Type.Null()]),
});

export type Me = Static<typeof MeSchema>;

/** The caller's own profile, as the client shell needs it after login and on reload. */
export async function presentMe(knex: Knex, actor: Pick<Actor, 'userId' | 'orgId' | 'csrfToken'>): Promise<Me> {
  const row = (await knex('users as u')
    .join('organisations as o', 'o.id', 'u.org_id')
    .leftJoin('staff as s', 's.id', 'u.staff_id')
    .leftJoin('departments as d', 'd.id', 's.department_id')
    .leftJoin('positions as p', 'p.id', 's.position_id')
    .where('u.id', actor.userId)
    .andWhere('u.org_id', actor.orgId)
    .first(
      'u.id',
      'u.login',
      'u.full_name',
      'u.roles',
      'o.id as org_id',
      'o.name as org_name',
      'o.short_name as org_short_name',
      'd.id as dept_id',
      'd.name as dept_name',
      'p.title as position',
    )) as {
    id: string;
    login: string;
    full_name: string;
    roles: Role[];
    org_id: string;
    org_name: string;
    org_short_name: string;
    dept_id: string | null;
    dept_name: string | null;
    position: string | null;
  };
  return {
    user: {
      id: row.id,
      login: row.login,
      fullName: row.full_name,
      roles: row.roles,
      org: { id: row.org_id, name: row.org_name, shortName: row.org_short_name },
      department: row.dept_id && row.dept_name ? { id: row.dept_id, name: row.dept_name } : null,
      position: row.position,
    },
    csrfToken: actor.csrfToken,
  };
}
