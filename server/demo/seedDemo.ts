// First start of an empty embedded database: create the demo organisation and one user per role.
// Passwords come from KARTOTEKA_DEMO_PASSWORD or are generated and printed once; none is built in.
import type { Knex } from 'knex';
import { appendAudit } from '../audit/appendAudit.ts';
import { generatePassword, hashPassword } from '../auth/password.ts';
import { demoDepartments, demoJournals, demoOrganisation, demoPeople } from './demoOrganisation.ts';

export interface SeededUser {
  login: string;
  password: string;
  roles: string[];
}

export interface DemoSeed {
  orgId: string;
  users: SeededUser[];
}

export async function seedDemo(knex: Knex, options: { password: string | null }): Promise<DemoSeed | null> {
  return knex.transaction(async (trx) => {
    // Serialises two starts racing on one PostgreSQL database; PGlite has a single connection anyway.
    await trx.raw('LOCK TABLE organisations IN EXCLUSIVE MODE');
    const existing = await trx('organisations').first('id');
    if (existing) return null;
    const [org] = (await trx('organisations').insert({ name: demoOrganisation.name, short_name: demoOrganisation.shortName, inn: demoOrganisation.inn, ogrn: demoOrganisation.ogrn, address: demoOrganisation.address }).returning('id')) as { id: string }[];
    if (!org) throw new Error('organisation insert failed');
    const system = { orgId: org.id, actor: null, objectType: 'organisation' };
    await appendAudit(trx, { ...system, action: 'organisation.created', objectId: org.id, payload: { name: demoOrganisation.name, demo: true } });

    const deptIds = new Map<string, string>();
    for (const d of demoDepartments) {
      const [row] = (await trx('departments')
        .insert({ org_id: org.id, code: d.code, name: d.name, parent_id: d.parent ? deptIds.get(d.parent) ?? null : null })
        .returning('id')) as { id: string }[];
      if (!row) throw new Error('department insert failed');
      deptIds.set(d.code, row.id);
      await appendAudit(trx, { ...system, action: 'department.created', objectType: 'department', objectId: row.id, payload: { code: d.code, name: d.name } });
    }
    for (const j of demoJournals) {
      const [row] = (await trx('journals').insert({ org_id: org.id, kind: j.kind, name: j.name, prefix: j.prefix, number_template: j.numberTemplate }).returning('id')) as { id: string }[];
      await appendAudit(trx, { ...system, action: 'journal.created', objectType: 'journal', objectId: row?.id ?? null, payload: { ...j } });
    }
    const seeded: SeededUser[] = [];
    // One shared password is hashed once (with one salt) instead of once per user: scrypt is deliberately slow.
    const sharedHash = options.password ? await hashPassword(options.password) : null;
    for (const p of demoPeople) {
      const departmentId = deptIds.get(p.department) ?? null;
      const [position] = (await trx('positions').insert({ org_id: org.id, department_id: departmentId, title: p.position }).returning('id')) as { id: string }[];
      const [staff] = (await trx('staff')
        .insert({ org_id: org.id, department_id: departmentId, position_id: position?.id ?? null, last_name: p.lastName, first_name: p.firstName, middle_name: p.middleName })
        .returning('id')) as { id: string }[];
      const password = options.password ?? generatePassword();
      const fullName = `${p.lastName} ${p.firstName} ${p.middleName}`;
      const [user] = (await trx('users')
        .insert({ org_id: org.id, staff_id: staff?.id ?? null, login: p.login, full_name: fullName, password_hash: sharedHash ?? (await hashPassword(password)), roles: p.roles })
        .returning('id')) as { id: string }[];
      await appendAudit(trx, { ...system, action: 'user.created', objectType: 'user', objectId: user?.id ?? null, payload: { login: p.login, fullName, roles: p.roles, demo: true } });
      seeded.push({ login: p.login, password, roles: p.roles });
    }
    return { orgId: org.id, users: seeded };
  });
}

export function formatDemoCredentials(users: SeededUser[], generated: boolean): string {
  const lines = users.map((u) => `  ${u.login.padEnd(10)} ${generated ? u.password : '(KARTOTEKA_DEMO_PASSWORD)'}`);
  return [
    '',
    'Создана демонстрационная организация «Администрация городского округа Заречный».',
    'A demo organisation was created. Logins / passwords:',
    ...lines,
    generated ? 'Пароли показаны один раз: сохраните их. / Passwords are shown once: keep them.' : '',
    '',
  ].join('\n');
}
