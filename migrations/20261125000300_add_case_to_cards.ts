import type { Knex } from 'knex';

// A filed card points at its case when the organisation keeps cases; case_index stays as the filing note.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('cards', (t) => {
    t.uuid('case_id').references('cases.id');
    t.index(['case_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('cards', (t) => {
    t.dropColumn('case_id');
  });
}
