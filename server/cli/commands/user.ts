import { withRuntime } from '../runtime.ts';
import { parse, UsageError } from '../args.ts';
import { ROLES, type Role } from '../../models/User.ts';
import { createUser } from '../../commands/createUser.ts';
import { TenantScope } from '../../tenancy/scope.ts';
import { appendAudit } from '../../audit/appendAudit.ts';
import { generatePassword } from '../../auth/password.ts';

const USAGE = 'usage: kartoteka user add <login> --name "<full name>" --roles clerk,manager [--org <org id>] [--password-stdin]';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { name: { type: 'string' }, roles: { type: 'string' }, org: { type: 'string' }, 'password-stdin': { type: 'boolean' } });
  const [sub, login] = positionals;
  if (sub !== 'add' || !login || !values.name || !values.roles) throw new UsageError(USAGE);
  const roles = values.roles.split(',').map((r) => r.trim());
  const bad = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (bad.length > 0) throw new UsageError(`неизвестные роли / unknown roles: ${bad.join(', ')} (${ROLES.join(', ')})`);
  // Passwords never travel on the command line, where `ps` and shell history would keep them.
  const password = values['password-stdin'] ? await readStdin() : generatePassword();
  return withRuntime({ worker: false }, async (rt) => {
    const orgs = (await rt.knex('organisations').select('id', 'short_name')) as { id: string; short_name: string }[];
    const org = values.org ? orgs.find((o) => o.id === values.org) : orgs.length === 1 ? orgs[0] : undefined;
    if (!org) throw new UsageError(`укажите --org (одна из / one of): ${orgs.map((o) => `${o.id} ${o.short_name}`).join('; ') || 'нет организаций / none'}`);
    const user = await rt.knex.transaction((trx) =>
      createUser(
        {
          trx,
          scope: new TenantScope(org.id, trx),
          audit: async (e) => {
            await appendAudit(trx, { ...e, orgId: org.id, actor: null, payload: { ...e.payload, via: 'cli' } });
          },
          auditEvent: (e) => ({ ...e, orgId: org.id, actor: null }),
        },
        { login, fullName: values.name as string, password, roles: roles as Role[] },
      ),
    );
    process.stdout.write(`Пользователь создан / user created: ${user.login} (${user.id})\n`);
    if (!values['password-stdin']) process.stdout.write(`Пароль (показан один раз) / password (shown once): ${password}\n`);
    return 0;
  });
}
