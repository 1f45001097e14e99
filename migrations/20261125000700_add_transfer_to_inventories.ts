import type { Knex } from 'knex';

// When and to which archive the cases of an approved inventory were handed over (their status becomes transferred).
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('inventories', (t) => {
    t.timestamp('transferred_at', { useTz: true });
    t.text('transferred_to');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('inventories', (t) => {
    t.dropColumn('transferred_at');
    t.dropColumn('transferred_to');
  });
}
