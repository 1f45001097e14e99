import type { Knex } from 'knex';

// A value the database itself produced in the audited statement (a registration number taken in the same
// statement), bound into the chain hash next to the entry digest.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('audit_log', (t) => {
    t.text('label');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('audit_log', (t) => {
    t.dropColumn('label');
  });
}
