import type { Knex } from 'knex';

// The words of the correspondent names in the search index, once each (derived data, like search_documents).
// Fuzzy mode corrects a misspelt word against this small lexicon and then looks the corrected word up through
// search_documents_correspondent_trgm, instead of testing the misspelling against every indexed name.
// search/postgres/sql/upsert.sql.ts fills it in the same statement that indexes the documents.
export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE TABLE search_name_words (word text PRIMARY KEY)');
  await knex.raw('CREATE INDEX search_name_words_trgm ON search_name_words USING gist (word public.gist_trgm_ops)');
  await knex.raw(`
    INSERT INTO search_name_words (word)
    SELECT DISTINCT w FROM search_documents d,
           regexp_split_to_table(lower(translate(d.correspondent_name, 'Ёё', 'Ее')), '[^а-яa-z0-9]+') AS w
     WHERE d.correspondent_name IS NOT NULL AND length(w) >= 3 AND w !~ '^[0-9]+$'
    ON CONFLICT DO NOTHING`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE IF EXISTS search_name_words');
}
