// The ordered candidate lists that page.sql.ts cuts into pages. Each yields (org_id, id, exact, score, ord).
import type { ParsedText } from '../../parseQuery.ts';
import { raw, sql, type Sql } from '../sqlFragment.ts';
import { fuzzyScore } from './fuzzy.sql.ts';
import { exactNumber, rank, tsQuery } from './textMatch.sql.ts';

/**
 * Relevance: exact number hits first, then ts_rank. Ranking needs every candidate's tsvector, read from the heap, so
 * it runs over a window: the `window` newest word matches plus every exact number hit. Below the window size the
 * ranking is exact; above it — a broad query — the newest matches are ranked (a rescoring window), and for common
 * words the planner walks the reg_date index and stops early instead of reading every match.
 */
export function byRelevance(where: Sql, p: ParsedText, window: number): Sql {
  // The window is chosen on narrow columns, and ts_rank runs afterwards for its rows only: in a sorted subquery
  // PostgreSQL evaluates cheap select-list functions for every input row, and ranking all matches of a medium-common
  // word (reading each tsvector) before cutting the window took seconds. The LATERAL subquery with OFFSET 0 cannot be
  // flattened into a join; it re-reads each window row by its ctid (a TID scan: the page has just been read, so it is
  // in shared buffers), never by a hash join against the whole table. ctid is stable within one statement.
  const exactHits = p.numbers.length
    ? sql`
          UNION ALL
          SELECT d.ctid AS row, d.org_id, d.id, d.reg_date, true AS exact
          FROM search_documents d
          WHERE ${where} AND ${exactNumber(p)}`
    : raw('');
  return sql`
      SELECT w.org_id, w.id, w.exact, r.score,
             row_number() OVER (ORDER BY w.exact DESC, r.score DESC, w.reg_date DESC NULLS LAST, w.id DESC) AS ord
      FROM (
        SELECT s.row, s.org_id, s.id, s.reg_date, bool_or(s.exact) AS exact
        FROM (
          (SELECT d.ctid AS row, d.org_id, d.id, d.reg_date, ${exactNumber(p)} AS exact
           FROM search_documents d
           WHERE ${where} AND d.tsv @@ ${tsQuery(p)}
           ORDER BY d.reg_date DESC NULLS LAST, d.id DESC
           LIMIT ${window})${exactHits}
        ) AS s
        GROUP BY s.row, s.org_id, s.id, s.reg_date
      ) AS w
      CROSS JOIN LATERAL (
        SELECT ${rank(p)} AS score
        FROM search_documents d
        WHERE d.ctid = w.row
        OFFSET 0
      ) AS r
      ORDER BY ord`;
}

/**
 * Date order (and browsing without text): the index on (org_id, reg_date DESC NULLS LAST, id DESC) returns rows
 * already ordered; ascending order is its exact reverse (NULLS FIRST) so that one index serves both.
 */
export function byDate(where: Sql, match: Sql, exact: Sql, direction: 'desc' | 'asc'): Sql {
  const order = raw(direction === 'desc' ? 'd.reg_date DESC NULLS LAST, d.id DESC' : 'd.reg_date ASC NULLS FIRST, d.id ASC');
  return sql`
      SELECT d.org_id, d.id, ${exact} AS exact, 0 AS score, row_number() OVER (ORDER BY ${order}) AS ord
      FROM search_documents d
      WHERE ${where} AND ${match}
      ORDER BY ${order}`;
}

/**
 * The typo fallback, most similar correspondent names first. Like relevance, similarity is ranked within a window of
 * `cap` candidates: a short misspelt surname can match a tenth of all cards, and ranking every one would cost
 * a word_similarity call each.
 */
export function byFuzzyName(where: Sql, match: Sql, text: string, cap: number): Sql {
  return sql`
      SELECT s.org_id, s.id, false AS exact, s.score,
             row_number() OVER (ORDER BY s.score DESC, s.reg_date DESC NULLS LAST, s.id DESC) AS ord
      FROM (SELECT d.org_id, d.id, d.reg_date, ${fuzzyScore(text)} AS score
            FROM search_documents d
            WHERE ${where} AND ${match}
            LIMIT ${cap}) AS s
      ORDER BY ord`;
}
