import type { Knex } from 'knex';

// The words of correspondents' names, once each: a misspelt word is corrected against this small lexicon, and
// the registry is then searched for the corrected word through its trigram index. Matching a misspelling against
// 10^6 whole names instead reads most of the index when nothing is close (see server/records/CONTEXT.md).
// A trigger keeps it complete; words are never removed (a stale word only costs a wasted candidate).
export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE TABLE correspondent_words (word text PRIMARY KEY)');
  await knex.raw('CREATE INDEX correspondent_words_trgm ON correspondent_words USING gist (word gist_trgm_ops)');
  await knex.raw(`
    CREATE FUNCTION correspondent_name_words(name text) RETURNS SETOF text LANGUAGE sql IMMUTABLE AS $$
      SELECT DISTINCT w FROM regexp_split_to_table(translate(lower(name), 'ё', 'е'), '[^а-яa-z0-9]+') AS w
       WHERE length(w) >= 3 AND w !~ '^[0-9]+$'
    $$`);
  await knex.raw(`
    CREATE FUNCTION collect_correspondent_words() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO correspondent_words (word) SELECT correspondent_name_words(NEW.name) ON CONFLICT DO NOTHING;
      RETURN NULL;
    END $$`);
  await knex.raw(`CREATE TRIGGER correspondents_collect_words AFTER INSERT OR UPDATE OF name ON correspondents
                  FOR EACH ROW EXECUTE FUNCTION collect_correspondent_words()`);
  await knex.raw(`INSERT INTO correspondent_words (word) SELECT DISTINCT correspondent_name_words(name) FROM correspondents ON CONFLICT DO NOTHING`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TRIGGER IF EXISTS correspondents_collect_words ON correspondents');
  await knex.raw('DROP FUNCTION IF EXISTS collect_correspondent_words()');
  await knex.raw('DROP FUNCTION IF EXISTS correspondent_name_words(text)');
  await knex.raw('DROP TABLE IF EXISTS correspondent_words');
}
