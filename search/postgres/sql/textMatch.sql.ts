// How typed text matches a document: full text over the weighted tsvector, or an exact normalised number.
import type { ParsedText } from '../../parseQuery.ts';
import { list, raw, sql, type Sql } from '../sqlFragment.ts';

// The tsquery is built inline (not in a CTE) so that the planner constant-folds it and estimates its selectivity
// from the tsv statistics: that is what makes it choose the reg_date index for common words and the GIN index for
// rare ones. websearch_to_tsquery never raises on user input ("phrases", -minus, OR); the prefix word has been
// checked to be letters and digits only, so appending :* cannot produce tsquery syntax errors.
export function tsQuery(p: ParsedText): Sql {
  const words = sql`websearch_to_tsquery('russian', ${p.words})`;
  if (p.prefix === null) return words;
  const prefix = sql`to_tsquery('russian', ${`${p.prefix}:*`})`;
  return p.words ? sql`(${words} && ${prefix})` : prefix;
}

export function exactNumber(p: ParsedText): Sql {
  return p.numbers.length ? sql`d.numbers && ARRAY[${list(p.numbers)}]::text[]` : raw('false');
}

export function textMatch(p: ParsedText): Sql {
  const fulltext = sql`d.tsv @@ ${tsQuery(p)}`;
  return p.numbers.length ? sql`(${fulltext} OR ${exactNumber(p)})` : fulltext;
}

// Weights {D, C, B, A}: a word in the number/correspondent outweighs the summary, which outweighs the card's other
// fields, which outweigh the files' text. Normalisation 1 (divide by 1 + log length) keeps a long OCR text from
// outranking a short card that says the same thing in its summary.
export function rank(p: ParsedText): Sql {
  return sql`ts_rank('{0.05, 0.2, 0.4, 1.0}', d.tsv, ${tsQuery(p)}, 1)`;
}
