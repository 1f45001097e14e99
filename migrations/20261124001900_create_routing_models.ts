import type { Knex } from 'knex';

// Learned routing: the organisation's executor-suggestion model (trained incrementally from its resolutions) and
// text fingerprints of registered cards for duplicate detection.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('executor_models', (t) => {
    t.uuid('org_id').primary().references('organisations.id');
    t.jsonb('state').notNullable();
    t.integer('trained').notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.schema.createTable('card_fingerprints', (t) => {
    t.uuid('card_id').primary().references('cards.id').onDelete('CASCADE');
    t.uuid('org_id').notNullable().references('organisations.id');
    t.text('inn');
    t.text('correspondent');
    t.jsonb('fingerprint').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['org_id', 'inn']);
    t.index(['org_id', 'created_at']);
  });
  await knex.schema.alterTable('autofill_proposals', (t) => {
    t.jsonb('fingerprint');
    t.jsonb('duplicate');
  });
  // Which resolutions the model has learned from, so that each is learned exactly once.
  await knex.schema.alterTable('resolutions', (t) => {
    t.boolean('learned').notNullable().defaultTo(false);
  });
  await knex.raw('CREATE INDEX resolutions_unlearned ON resolutions (org_id) WHERE NOT learned AND parent_assignment_id IS NULL');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('resolutions', (t) => {
    t.dropColumn('learned');
  });
  await knex.schema.alterTable('autofill_proposals', (t) => {
    t.dropColumn('duplicate');
    t.dropColumn('fingerprint');
  });
  await knex.schema.dropTable('card_fingerprints');
  await knex.schema.dropTable('executor_models');
}
