// The PostgreSQL engine (PostgreSQL 15+ and PGlite): full text with the `russian` configuration, exact numbers,
// trigram fallback. The SQL lives in sql/*.sql.ts; this file only decides which statements to run.
import type { Knex } from 'knex';
import { SearchError } from '../errors.ts';
import { markedHtml } from '../highlight.ts';
import { cleanText, documentNumbers, foldYo } from '../normalize.ts';
import { parseQueryText, type ParsedText } from '../parseQuery.ts';
import { CARD_KINDS, type CardKind, type FacetBucket, type FacetName, type SearchDocument, type SearchEngine, type SearchHit, type SearchMode, type SearchQuery, type SearchResult } from '../types.ts';
import { checkDate, checkPresent, checkQuery, checkUuid, encodeCursor, type CheckedQuery } from '../validateQuery.ts';
import { raw, read, run, type Sql } from './sqlFragment.ts';
import { countAndFacets, type CountRow } from './sql/countAndFacets.sql.ts';
import { visibleAndFiltered } from './sql/filters.sql.ts';
import { fuzzyMatch, nearestNameWords } from './sql/fuzzy.sql.ts';
import { byDate, byFuzzyName, byRelevance } from './sql/ordered.sql.ts';
import { page, type PageRow } from './sql/page.sql.ts';
import { removeDocuments } from './sql/remove.sql.ts';
import { exactNumber, textMatch, tsQuery } from './sql/textMatch.sql.ts';
import { upsertDocuments, type UpsertRow } from './sql/upsert.sql.ts';

export interface PostgresSearchOptions {
  /** Where counting stops ("10 000+") and how deep paging may go. 10 000 unless a test needs a small one. */
  totalCap?: number;
  /**
   * How many of the newest matches relevance ranks (plus every exact number hit); 2 000 unless set. Below it the
   * ranking is exact; above it — a broad query — this is a rescoring window, as in Elasticsearch's rescore.
   */
  rankWindow?: number;
  /** Where counting and ranking stop in fuzzy mode, whose similarity test costs far more per row; 1 000 unless set. */
  fuzzyCap?: number;
  /** Documents per INSERT statement when indexing. */
  batchSize?: number;
}

// A fuzzy search of one or two letters would match almost every name.
const MIN_FUZZY_CHARS = 3;
const MAX_FACET_BUCKETS = 50;

export function createPostgresSearch(knex: Knex, options: PostgresSearchOptions = {}): SearchEngine {
  const cap = options.totalCap ?? 10_000;
  const batchSize = options.batchSize ?? 500;
  const rankWindow = options.rankWindow ?? 2_000;
  const fuzzyCap = Math.min(cap, options.fuzzyCap ?? 1_000);

  return {
    async index(docs) {
      const rows = docs.map(toRow);
      for (let i = 0; i < rows.length; i += batchSize) {
        await run(knex, upsertDocuments(rows.slice(i, i + batchSize)));
      }
    },

    async remove(orgId, ids) {
      checkUuid(orgId, 'orgId');
      for (const id of ids) checkUuid(id, 'id');
      if (ids.length > 0) await run(knex, removeDocuments(orgId, ids));
    },

    async query(q: SearchQuery): Promise<SearchResult> {
      const c = checkQuery(q, cap);
      const where = visibleAndFiltered(c.orgId, c.viewer, c.filters, c.today);
      const parsed = parseQueryText(c.text, c.typing);
      if (!parsed) {
        return execute(knex, c, cap, 'browse', {
          match: raw('true'),
          ordered: byDate(where, raw('true'), raw('false'), c.sort === 'regDate:asc' ? 'asc' : 'desc'),
          headline: null,
          where,
        });
      }
      const fulltext = await execute(knex, c, cap, 'fulltext', {
        match: textMatch(parsed),
        ordered: orderedFulltext(where, parsed, c, rankWindow),
        headline: tsQuery(parsed),
        where,
      });
      if (fulltext.total.value > 0 || [...parsed.fuzzy].length < MIN_FUZZY_CHARS) return fulltext;
      const corrections = await correctWords(knex, parsed.fuzzy);
      if (!corrections) return fulltext;
      const match = fuzzyMatch(corrections);
      return execute(knex, c, fuzzyCap, 'fuzzy', {
        match,
        ordered: c.sort === 'relevance' ? byFuzzyName(where, match, parsed.fuzzy, fuzzyCap) : byDate(where, match, raw('false'), c.sort === 'regDate:asc' ? 'asc' : 'desc'),
        headline: null,
        where,
      });
    },
  };
}

function orderedFulltext(where: Sql, p: ParsedText, c: CheckedQuery, rankWindow: number): Sql {
  if (c.sort === 'relevance') return byRelevance(where, p, rankWindow);
  return byDate(where, textMatch(p), exactNumber(p), c.sort === 'regDate:asc' ? 'asc' : 'desc');
}

interface Plan {
  where: Sql;
  match: Sql;
  ordered: Sql;
  headline: Sql | null;
}

/**
 * Corrections for each word of a fuzzy query from the lexicon of name words; words of one or two letters and
 * numbers are left out. Null when some word has nothing close (then no name can match) or no word is left.
 */
async function correctWords(knex: Knex, text: string): Promise<string[][] | null> {
  const words = foldYo(text).toLowerCase().split(/[^а-яa-z0-9]+/).filter(Boolean);
  const corrections: string[][] = [];
  for (const word of words) {
    // Like the name words themselves (search_name_words_of): short words and numbers carry no name.
    if (word.length < 3 || /^[0-9]+$/.test(word)) continue;
    const near = await run<{ word: string }>(knex, nearestNameWords(word));
    if (near.length === 0) return null;
    corrections.push(near.map((n) => n.word));
  }
  return corrections.length > 0 ? corrections : null;
}

async function execute(knex: Knex, c: CheckedQuery, cap: number, mode: SearchMode, plan: Plan): Promise<SearchResult> {
  const [counts, rows] = await Promise.all([
    read<CountRow>(knex, countAndFacets(plan.where, plan.match, c.facets, cap)),
    read<PageRow>(knex, page({ ordered: plan.ordered, limit: c.limit, offset: c.offset, headlineQuery: plan.headline })),
  ]);
  const counted = counts.find((r) => r.facet === 'total')?.count ?? 0;
  const total = { value: Math.min(counted, cap), capped: counted > cap };
  const facets: Partial<Record<FacetName, FacetBucket[]>> = {};
  for (const name of c.facets) {
    facets[name] = counts
      .filter((r) => r.facet === name && r.value !== null)
      .map((r) => ({ value: r.value ?? '', count: Number(r.count) }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
      .slice(0, MAX_FACET_BUCKETS);
  }
  const end = c.offset + rows.length;
  return {
    hits: rows.map(toHit),
    total,
    facets,
    mode,
    nextCursor: rows.length === c.limit && end < total.value && end < cap ? encodeCursor(end) : null,
  };
}

function toHit(r: PageRow): SearchHit {
  const highlights: SearchHit['highlights'] = {};
  const summary = markedHtml(r.h_summary);
  const body = markedHtml(r.h_body);
  const extractedText = markedHtml(r.h_extracted);
  const correspondentName = markedHtml(r.h_correspondent);
  if (summary) highlights.summary = summary;
  if (body) highlights.body = body;
  if (extractedText) highlights.extractedText = extractedText;
  if (correspondentName) highlights.correspondentName = correspondentName;
  return {
    id: r.id,
    score: Number(r.score),
    kind: r.kind as CardKind,
    status: r.status,
    regNumber: r.reg_number,
    regDate: r.reg_date,
    correspondentName: r.correspondent_name,
    summary: r.summary,
    highlights,
    exactNumber: r.exact,
  };
}

function invalidDocument(message: string): never {
  throw new SearchError('SEARCH_DOCUMENT_INVALID', message);
}

function toRow(d: SearchDocument): UpsertRow {
  try {
    checkUuid(d.orgId, 'orgId');
    checkUuid(d.id, 'id');
    for (const id of [d.journalId, d.correspondentId, ...d.departmentIds, ...d.executorIds, ...d.controllerIds, ...d.readerIds]) {
      if (id !== null) checkUuid(id, 'reference');
    }
    checkPresent({ regDate: d.regDate, outDate: d.outDate, deadline: d.deadline, doneAt: d.doneAt }, checkDate);
  } catch (error) {
    if (error instanceof SearchError) invalidDocument(`document ${d.id}: ${error.message}`);
    throw error;
  }
  if (!(CARD_KINDS as readonly string[]).includes(d.kind)) invalidDocument(`document ${d.id}: unknown kind ${d.kind}`);
  const createdAt = d.createdAt instanceof Date ? d.createdAt : new Date(d.createdAt);
  if (Number.isNaN(createdAt.getTime())) invalidDocument(`document ${d.id}: createdAt is not a timestamp`);
  const text = (s: string | null): string | null => (s === null ? null : cleanText(s));
  return {
    org_id: d.orgId,
    id: d.id,
    kind: d.kind,
    status: d.status,
    journal_id: d.journalId,
    reg_number: text(d.regNumber),
    reg_date: d.regDate,
    out_number: text(d.outNumber),
    out_date: d.outDate,
    inns: d.inns.map(cleanText),
    correspondent_id: d.correspondentId,
    correspondent_name: text(d.correspondentName),
    summary: cleanText(d.summary),
    body: cleanText(d.body),
    extracted_text: cleanText(d.extractedText),
    department_ids: d.departmentIds,
    executor_ids: d.executorIds,
    controller_ids: d.controllerIds,
    on_control: d.onControl,
    deadline: d.deadline,
    done_at: d.doneAt,
    access_mark: d.accessMark,
    reader_ids: d.readerIds,
    created_at: createdAt.toISOString(),
    numbers: documentNumbers(d),
  };
}
