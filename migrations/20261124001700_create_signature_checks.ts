import type { Knex } from 'knex';

// Electronic signature verification: each organisation's trusted roots, and the verification results of
// signatures found on its cards' files with the evidence used (certificates, CRLs, OCSP responses, timestamps).
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('trust_anchors', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('org_id').notNullable().references('organisations.id');
    t.text('sha256').notNullable();
    t.text('subject').notNullable();
    t.timestamp('not_after', { useTz: true }).notNullable();
    t.text('der_base64').notNullable();
    t.uuid('added_by').references('users.id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['org_id', 'sha256']);
  });
  await knex.schema.createTable('signature_checks', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('org_id').notNullable().references('organisations.id');
    t.uuid('card_id').notNullable().references('cards.id');
    t.uuid('file_id').notNullable().references('files.id');
    t.uuid('signature_file_id').references('files.id');
    // passed | failed | indeterminate (worst over the file's signatures), or error when the input was unusable.
    t.text('status').notNullable();
    t.text('summary').notNullable();
    t.jsonb('report').notNullable();
    t.jsonb('evidence').notNullable().defaultTo('[]');
    t.timestamp('validated_at', { useTz: true }).notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['card_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('signature_checks');
  await knex.schema.dropTable('trust_anchors');
}
