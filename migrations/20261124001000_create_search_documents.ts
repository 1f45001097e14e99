import type { Knex } from 'knex';

// The search index of registration cards (search/): one denormalised row per card, rebuilt from the cards at any
// time, so it has no foreign keys (reindexing never waits on locks of the card tables). The text columns keep the
// original text for snippets; `tsv` and `numbers` are computed by search/postgres at index time, which owns the
// weighting and the normalisation. The SQL of the indexes is written out so that it can be read next to the queries
// in search/postgres/sql/ that rely on it.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE search_documents (
      org_id uuid NOT NULL,
      id uuid NOT NULL,
      kind text NOT NULL,
      status text NOT NULL,
      journal_id uuid,
      reg_number text,
      reg_date date,
      out_number text,
      out_date date,
      inns text[] NOT NULL DEFAULT '{}',
      correspondent_id uuid,
      correspondent_name text,
      summary text NOT NULL DEFAULT '',
      body text NOT NULL DEFAULT '',
      extracted_text text NOT NULL DEFAULT '',
      department_ids uuid[] NOT NULL DEFAULT '{}',
      executor_ids uuid[] NOT NULL DEFAULT '{}',
      controller_ids uuid[] NOT NULL DEFAULT '{}',
      on_control boolean NOT NULL DEFAULT false,
      deadline date,
      done_at date,
      access_mark text,
      reader_ids uuid[] NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL,
      numbers text[] NOT NULL DEFAULT '{}',
      tsv tsvector NOT NULL,
      indexed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id)
    )`);
  // Full text (weighted tsvector) and exact numbers: the two halves of every text query, combined by BitmapOr.
  await knex.raw('CREATE INDEX search_documents_tsv ON search_documents USING gin (tsv)');
  await knex.raw('CREATE INDEX search_documents_numbers ON search_documents USING gin (numbers)');
  // Typo-tolerant correspondent search; the expression must match search/postgres/sql/fuzzy.sql.ts exactly.
  await knex.raw(
    "CREATE INDEX search_documents_correspondent_trgm ON search_documents USING gin ((translate(correspondent_name, 'Ёё', 'Ее')) public.gin_trgm_ops)",
  );
  // Newest-first listing, date ranges, and the "newest matches" window of very broad queries.
  await knex.raw('CREATE INDEX search_documents_org_reg_date ON search_documents (org_id, reg_date DESC NULLS LAST, id DESC)');
  await knex.raw('CREATE INDEX search_documents_org_correspondent ON search_documents (org_id, correspondent_id)');
  await knex.raw('CREATE INDEX search_documents_executors ON search_documents USING gin (executor_ids)');
  await knex.raw('CREATE INDEX search_documents_departments ON search_documents USING gin (department_ids)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('search_documents');
}
