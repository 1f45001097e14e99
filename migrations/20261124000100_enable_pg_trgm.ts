import type { Knex } from 'knex';

// Trigram search for correspondents and pickers. The extension lives in public so that per-run test schemas share it.
export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public');
}

export async function down(): Promise<void> {
  // Other schemas in the same database may use the extension; it is left in place.
}
