import type { Knex } from 'knex';

// Fuzzy mode matches corrected words as whole words of the correspondent name. A word array with its own GIN index
// answers that exactly (overlap per typed word, intersected by a BitmapAnd); the weight-A part of the tsvector
// cannot, because GIN keeps no weights and a common word of the summaries would send every card to the heap.
// One function splits names into words for this column and for the lexicon (search_name_words).
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE FUNCTION search_name_words_of(name text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT coalesce(array_agg(DISTINCT w), '{}') FROM regexp_split_to_table(lower(translate(name, 'Ёё', 'Ее')), '[^а-яa-z0-9]+') AS w
       WHERE length(w) >= 3 AND w !~ '^[0-9]+$'
    $$`);
  await knex.raw(`ALTER TABLE search_documents ADD COLUMN name_words text[] NOT NULL DEFAULT '{}'`);
  await knex.raw(`UPDATE search_documents SET name_words = search_name_words_of(correspondent_name) WHERE correspondent_name IS NOT NULL`);
  await knex.raw('CREATE INDEX search_documents_name_words ON search_documents USING gin (name_words)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS search_documents_name_words');
  await knex.raw('ALTER TABLE search_documents DROP COLUMN IF EXISTS name_words');
  await knex.raw('DROP FUNCTION IF EXISTS search_name_words_of(text)');
}
