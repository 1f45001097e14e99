// Index (upsert) a batch of documents in one statement: the batch travels as one JSON parameter, which is as fast as a
// multi-row VALUES list, has no parameter-count limit and works the same on PostgreSQL and PGlite.
import { sql, type Sql } from '../sqlFragment.ts';

/** The JSON shape of one row of the batch (snake_case, dates as YYYY-MM-DD). */
export interface UpsertRow {
  org_id: string;
  id: string;
  kind: string;
  status: string;
  journal_id: string | null;
  reg_number: string | null;
  reg_date: string | null;
  out_number: string | null;
  out_date: string | null;
  inns: string[];
  correspondent_id: string | null;
  correspondent_name: string | null;
  summary: string;
  body: string;
  extracted_text: string;
  department_ids: string[];
  executor_ids: string[];
  controller_ids: string[];
  on_control: boolean;
  deadline: string | null;
  done_at: string | null;
  access_mark: string | null;
  reader_ids: string[];
  created_at: string;
  numbers: string[];
}

// A tsvector holds at most 1 MB and positions stop at 16 383, so only the head of a long extracted text is indexed
// (≈ 30 pages); the stored text stays whole for the card view.
export const EXTRACTED_TEXT_INDEXED_CHARS = 200_000;

// Weights: A — numbers, correspondent and INN (what clerks search by most), B — summary, C — the card's other
// fields, D — text of the files. ё is folded to е before parsing (the stemmer is not relied upon for it).
// coalesce: one NULL part would make the whole concatenated vector NULL.
// The same statement adds the words of correspondent names to the fuzzy-mode lexicon (sql/fuzzy.sql.ts); both the
// lexicon and the name_words column come from search_name_words_of (migration 20261124002400).
export function upsertDocuments(rows: UpsertRow[]): Sql {
  const batch = JSON.stringify(rows);
  return sql`
    WITH name_words AS (
      INSERT INTO search_name_words (word)
      SELECT DISTINCT unnest(search_name_words_of(n.correspondent_name))
        FROM jsonb_to_recordset(${batch}::jsonb) AS n(correspondent_name text)
       WHERE n.correspondent_name IS NOT NULL
      ON CONFLICT DO NOTHING
    )
    INSERT INTO search_documents AS s (
      org_id, id, kind, status, journal_id, reg_number, reg_date, out_number, out_date, inns,
      correspondent_id, correspondent_name, summary, body, extracted_text,
      department_ids, executor_ids, controller_ids, on_control, deadline, done_at,
      access_mark, reader_ids, created_at, numbers, name_words, tsv, indexed_at)
    SELECT
      d.org_id, d.id, d.kind, d.status, d.journal_id, d.reg_number, d.reg_date, d.out_number, d.out_date, d.inns,
      d.correspondent_id, d.correspondent_name, d.summary, d.body, d.extracted_text,
      d.department_ids, d.executor_ids, d.controller_ids, d.on_control, d.deadline, d.done_at,
      d.access_mark, d.reader_ids, d.created_at, d.numbers, search_name_words_of(d.correspondent_name),
      setweight(to_tsvector('russian', translate(concat_ws(' ', d.reg_number, d.out_number, d.correspondent_name,
                  array_to_string(d.inns, ' ')), 'Ёё', 'Ее')), 'A')
      || setweight(to_tsvector('russian', translate(coalesce(d.summary, ''), 'Ёё', 'Ее')), 'B')
      || setweight(to_tsvector('russian', translate(coalesce(d.body, ''), 'Ёё', 'Ее')), 'C')
      || setweight(to_tsvector('russian', translate(left(coalesce(d.extracted_text, ''), ${EXTRACTED_TEXT_INDEXED_CHARS}), 'Ёё', 'Ее')), 'D'),
      now()
    FROM jsonb_to_recordset(${batch}::jsonb) AS d(
      org_id uuid, id uuid, kind text, status text, journal_id uuid, reg_number text, reg_date date,
      out_number text, out_date date, inns text[], correspondent_id uuid, correspondent_name text,
      summary text, body text, extracted_text text, department_ids uuid[], executor_ids uuid[],
      controller_ids uuid[], on_control boolean, deadline date, done_at date, access_mark text,
      reader_ids uuid[], created_at timestamptz, numbers text[])
    ON CONFLICT (org_id, id) DO UPDATE SET
      kind = excluded.kind, status = excluded.status, journal_id = excluded.journal_id,
      reg_number = excluded.reg_number, reg_date = excluded.reg_date, out_number = excluded.out_number,
      out_date = excluded.out_date, inns = excluded.inns, correspondent_id = excluded.correspondent_id,
      correspondent_name = excluded.correspondent_name, summary = excluded.summary, body = excluded.body,
      extracted_text = excluded.extracted_text, department_ids = excluded.department_ids,
      executor_ids = excluded.executor_ids, controller_ids = excluded.controller_ids,
      on_control = excluded.on_control, deadline = excluded.deadline, done_at = excluded.done_at,
      access_mark = excluded.access_mark, reader_ids = excluded.reader_ids, created_at = excluded.created_at,
      numbers = excluded.numbers, name_words = excluded.name_words, tsv = excluded.tsv, indexed_at = excluded.indexed_at`;
}
