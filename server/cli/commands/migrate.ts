import { withRuntime } from '../runtime.ts';

export async function main(): Promise<number> {
  // boot() applies pending migrations; reporting the resulting state is all that is left to do.
  return withRuntime({ worker: false }, async (rt) => {
    const [, pending] = (await rt.knex.migrate.list({ migrationSource: undefined })) as [unknown[], unknown[]];
    const done = (await rt.knex('knex_migrations').count<{ count: number }[]>('* as count'))[0]?.count ?? 0;
    process.stdout.write(`Миграции применены / migrations applied: ${done}; ожидают / pending: ${pending.length}\n`);
    return 0;
  });
}
