import type { Knex } from 'knex';

// The audit log is a hash chain per organisation (chain = org id, or 'system' for events outside any
// organisation). audit_heads holds the last seq and hash of each chain: appending locks that one row, which
// serialises writers of the same chain, and lets verification notice a truncated tail.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('audit_heads', (t) => {
    t.text('chain').primary();
    t.bigInteger('seq').notNullable();
    t.text('hash').notNullable();
  });
  await knex.schema.createTable('audit_log', (t) => {
    t.bigIncrements('id').primary();
    t.text('chain').notNullable();
    t.bigInteger('seq').notNullable();
    t.uuid('org_id');
    t.timestamp('at', { useTz: true }).notNullable();
    t.uuid('actor_id');
    t.text('actor_login');
    t.text('action').notNullable();
    t.text('object_type');
    t.text('object_id');
    t.jsonb('payload').notNullable();
    t.text('request_id');
    t.text('prev_hash').notNullable();
    t.text('hash').notNullable();
    t.unique(['chain', 'seq']);
    t.index(['org_id', 'id']);
    t.index(['object_type', 'object_id']);
  });
  await knex.raw(`
    CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
    END $$`);
  await knex.raw(`
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
  await knex.raw(`
    CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('audit_log');
  await knex.raw('DROP FUNCTION audit_log_append_only()');
  await knex.schema.dropTable('audit_heads');
}
