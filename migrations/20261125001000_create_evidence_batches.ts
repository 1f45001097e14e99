import type { Knex } from 'knex';

// RFC 4998 evidence records: package anchors are batched into a hash tree whose root one RFC 3161 time-stamp
// covers. A renewal time-stamps the previous token and points back at the batch it renews.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('evidence_batches', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('org_id').notNullable().references('organisations.id');
    t.text('algorithm').notNullable();
    // Hex digest of the hash-tree root (for a renewal: of the token it time-stamps).
    t.text('root_digest').notNullable();
    t.text('token_base64').notNullable();
    t.timestamp('gen_time', { useTz: true }).notNullable();
    // The TSA's URL, or `local-untrusted` for the built-in test TSA.
    t.text('tsa').notNullable();
    t.boolean('tsa_trusted').notNullable();
    t.text('tsa_certificate_base64').notNullable();
    t.timestamp('tsa_not_after', { useTz: true }).notNullable();
    t.integer('packages').notNullable();
    t.uuid('renews').references('evidence_batches.id');
    t.uuid('renewed_by').references('evidence_batches.id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['org_id', 'created_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('evidence_batches');
}
