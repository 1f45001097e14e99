import type { Knex } from 'knex';

// One archival package (an OCFL object in the archive storage root) per archived card, case, inventory or act.
// The digests of each version's package.json (the package's hash anchor) are kept so that evidence records and
// fixity checks can be compared with what was written.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('archive_packages', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('org_id').notNullable().references('organisations.id');
    t.text('object_type').notNullable(); // card | case | inventory | act
    t.uuid('object_id').notNullable();
    t.text('ocfl_id').notNullable().unique();
    // pending (queued) | packaged | failed
    t.text('status').notNullable().defaultTo('pending');
    t.integer('current_version').notNullable().defaultTo(0);
    t.text('storage').notNullable(); // fs | s3
    t.text('object_path');
    t.text('anchor_sha512');
    t.text('anchor_sha256');
    t.text('anchor_streebog256');
    // Per OCFL version: { version, created, message, anchor: {sha512, sha256, streebog-256} }.
    t.jsonb('versions').notNullable().defaultTo('[]');
    // Why a rendition could not be made, which conversion was used: shown in the viewer.
    t.jsonb('notes').notNullable().defaultTo('[]');
    t.integer('size_bytes').notNullable().defaultTo(0);
    t.text('error');
    t.uuid('evidence_batch_id').references('evidence_batches.id');
    // The package.json digest the latest evidence record protects; differs from anchor_sha512 until stamped.
    t.text('evidence_anchor_sha512');
    t.timestamp('last_fixity_at', { useTz: true });
    t.text('last_fixity_result'); // ok | mismatch | missing
    t.boolean('fixity_alert').notNullable().defaultTo(false);
    t.integer('version').notNullable().defaultTo(1);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['org_id', 'object_type', 'object_id']);
    t.index(['org_id', 'created_at']);
  });
  // The fixity job walks packages oldest-checked first.
  await knex.raw("CREATE INDEX archive_packages_fixity_due ON archive_packages (last_fixity_at NULLS FIRST) WHERE status = 'packaged'");
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('archive_packages');
}
