import type { Knex } from 'knex';

// Whether this inventory goes to the archive's expert commission: taken from the organisation's
// `acquisition_source` when the draft is created and at each new submission (a round already under way keeps the
// rule it started with). Long-term inventories never go there, whatever this says; see server/archive/expertReview.ts.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('inventories', (t) => {
    t.boolean('archive_review_required').notNullable().defaultTo(true);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('inventories', (t) => {
    t.dropColumn('archive_review_required');
  });
}
