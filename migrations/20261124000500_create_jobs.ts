import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('jobs', (t) => {
    t.bigIncrements('id').primary();
    t.uuid('org_id').references('organisations.id');
    t.text('kind').notNullable();
    t.jsonb('payload').notNullable();
    // queued → running → done | queued (retry) | dead
    t.text('state').notNullable().defaultTo('queued');
    t.integer('attempts').notNullable().defaultTo(0);
    t.integer('max_attempts').notNullable().defaultTo(5);
    t.timestamp('run_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.text('locked_by');
    t.timestamp('locked_until', { useTz: true });
    t.text('last_error');
    t.text('dedupe_key');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('finished_at', { useTz: true });
  });
  await knex.raw(`ALTER TABLE jobs ADD CONSTRAINT jobs_state_check CHECK (state IN ('queued','running','done','dead'))`);
  // The claim query scans only runnable rows.
  await knex.raw(`CREATE INDEX jobs_runnable ON jobs (run_at) WHERE state = 'queued'`);
  await knex.raw(`CREATE INDEX jobs_leased ON jobs (locked_until) WHERE state = 'running'`);
  await knex.raw(`CREATE UNIQUE INDEX jobs_dedupe ON jobs (kind, dedupe_key) WHERE dedupe_key IS NOT NULL AND state IN ('queued','running')`);
  await knex.schema.createTable('job_attempts', (t) => {
    t.bigIncrements('id').primary();
    t.bigInteger('job_id').notNullable().references('jobs.id').onDelete('CASCADE');
    t.integer('attempt').notNullable();
    t.text('worker').notNullable();
    t.text('outcome').notNullable();
    t.text('error');
    t.timestamp('started_at', { useTz: true }).notNullable();
    t.timestamp('finished_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['job_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('job_attempts');
  await knex.schema.dropTable('jobs');
}
