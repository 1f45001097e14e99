// One page of hits. The inner query orders and cuts the page using narrow rows (ids and sort keys only); the outer
// query joins back for the display columns and runs ts_headline, so snippets are computed for the page alone and
// the sort never carries document text.
import { sql, type Sql } from '../sqlFragment.ts';

export interface PageRow {
  id: string;
  kind: string;
  status: string;
  reg_number: string | null;
  reg_date: string | null;
  correspondent_name: string | null;
  summary: string;
  exact: boolean;
  score: number;
  h_summary: string | null;
  h_body: string | null;
  h_extracted: string | null;
  h_correspondent: string | null;
}

export interface PageParts {
  /** An ordered candidate list from ordered.sql.ts: (org_id, id, exact, score, ord) ORDER BY ord. */
  ordered: Sql;
  limit: number;
  offset: number;
  /** The headline query (null: no snippets, e.g. when nothing was matched by words). */
  headlineQuery: Sql | null;
}

// \uE000/\uE001 are the mark delimiters: the text is HTML-escaped after ts_headline and they become <mark></mark>
// (normalize.ts removes both characters from indexed text). Long fields are cut before ts_headline, which parses
// the whole document it is given.
const FRAGMENTS = 'StartSel=\uE000, StopSel=\uE001, MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "';
const WHOLE = 'StartSel=\uE000, StopSel=\uE001, HighlightAll=true';
const HEADLINE_SOURCE_CHARS = 60_000;

export function page(parts: PageParts): Sql {
  const hq = parts.headlineQuery;
  const headlines = hq
    ? sql`
        ts_headline('russian', d.summary, ${hq}, ${WHOLE}) AS h_summary,
        ts_headline('russian', left(d.body, ${HEADLINE_SOURCE_CHARS}), ${hq}, ${FRAGMENTS}) AS h_body,
        ts_headline('russian', left(d.extracted_text, ${HEADLINE_SOURCE_CHARS}), ${hq}, ${FRAGMENTS}) AS h_extracted,
        ts_headline('russian', coalesce(d.correspondent_name, ''), ${hq}, ${WHOLE}) AS h_correspondent`
    : sql`
        NULL::text AS h_summary, NULL::text AS h_body, NULL::text AS h_extracted, NULL::text AS h_correspondent`;
  return sql`
    SELECT d.id, d.kind, d.status, d.reg_number, to_char(d.reg_date, 'YYYY-MM-DD') AS reg_date,
        d.correspondent_name, d.summary, p.exact, p.score::float8 AS score,${headlines}
    FROM (${parts.ordered}
      LIMIT ${parts.limit} OFFSET ${parts.offset}) AS p
    JOIN search_documents d ON d.org_id = p.org_id AND d.id = p.id
    ORDER BY p.ord`;
}
