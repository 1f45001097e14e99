import type { Knex } from 'knex';

// Every re-hash of an archival package, scheduled or on demand, with what did not match.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('fixity_checks', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('org_id').notNullable().references('organisations.id');
    t.uuid('package_id').notNullable().references('archive_packages.id');
    t.integer('package_version').notNullable();
    t.text('result').notNullable(); // ok | mismatch | missing
    t.integer('files').notNullable();
    t.bigInteger('bytes').notNullable();
    t.jsonb('problems').notNullable().defaultTo('[]');
    t.text('trigger').notNullable(); // scheduled | manual
    t.timestamp('checked_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['package_id', 'checked_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('fixity_checks');
}
