import type { Knex } from 'knex';

// A job's dedupe key used to coalesce a new job with a queued OR running one. A running job may already have read
// the state it works on, so a change made while it runs was lost (a card edited while its search entry was being
// rebuilt kept the old entry). Now only queued jobs coalesce; a job whose key has a live running job waits for it
// (claimJobs), so two jobs of one key never run at once and the later one sees the later state.
export async function up(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX jobs_dedupe');
  await knex.raw(`CREATE UNIQUE INDEX jobs_dedupe ON jobs (kind, dedupe_key) WHERE dedupe_key IS NOT NULL AND state = 'queued'`);
  await knex.raw(`CREATE INDEX jobs_running_key ON jobs (kind, dedupe_key) WHERE dedupe_key IS NOT NULL AND state = 'running'`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX jobs_running_key');
  await knex.raw('DROP INDEX jobs_dedupe');
  // Two rows of one key may now be queued and running at once; the old index refuses that, so keep only the running.
  await knex.raw(`UPDATE jobs q SET state = 'dead', last_error = 'coalesced by migration down', finished_at = now()
                   WHERE q.state = 'queued' AND q.dedupe_key IS NOT NULL
                     AND EXISTS (SELECT 1 FROM jobs r WHERE r.kind = q.kind AND r.dedupe_key = q.dedupe_key AND r.state = 'running')`);
  await knex.raw(`CREATE UNIQUE INDEX jobs_dedupe ON jobs (kind, dedupe_key) WHERE dedupe_key IS NOT NULL AND state IN ('queued','running')`);
}
