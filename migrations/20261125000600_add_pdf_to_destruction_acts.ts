import type { Knex } from 'knex';

// The approved act as PDF/A (a blob under a retention hold), rendered once from its frozen content.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('destruction_acts', (t) => {
    t.text('pdf_sha256');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('destruction_acts', (t) => {
    t.dropColumn('pdf_sha256');
  });
}
