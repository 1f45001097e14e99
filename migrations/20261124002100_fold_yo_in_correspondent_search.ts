import type { Knex } from 'knex';

// Clerks type «е» for «ё» (Федоров / Фёдоров): the trigram index is rebuilt on the name with ё folded to е, the
// same expression the search uses.
export async function up(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS correspondents_name_trgm');
  await knex.raw(`CREATE INDEX correspondents_name_trgm ON correspondents USING gist ((translate(lower(name), 'ё', 'е')) gist_trgm_ops)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS correspondents_name_trgm');
  await knex.raw(`CREATE INDEX correspondents_name_trgm ON correspondents USING gist (lower(name) gist_trgm_ops)`);
}
