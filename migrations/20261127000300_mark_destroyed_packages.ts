import type { Knex } from 'knex';

// A card's archival package outlives the card when a destruction act is executed: the row stays and says so.
// `destroyed_at` is the execution time; `destruction` what the viewer shows without the card (act, case, registration
// number and date, the tombstone's place in the audit chain) and `destruction_version` the OCFL version that records
// the destruction (null until the job has written it). See server/archive/packages/destroyedPackage.ts.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('archive_packages', (t) => {
    t.timestamp('destroyed_at', { useTz: true });
    t.jsonb('destruction');
    t.text('destruction_version');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('archive_packages', (t) => {
    t.dropColumns('destroyed_at', 'destruction', 'destruction_version');
  });
}
