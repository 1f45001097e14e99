// Total and facet counts in one round trip, both over at most cap + 1 matching rows: counting every match of a
// common word would read most of the table, while "10 000+" is all the user needs. When the cap is reached the
// facet counts describe that window, and the result says so (total.capped).
// The scalar facets and the total come from one pass over the window (GROUPING SETS); departments are an array
// and need unnest, so they are a second, separate pass.
import type { FacetName } from '../../types.ts';
import { raw, sql, type Sql } from '../sqlFragment.ts';

// Column and its text form per scalar facet. Names come from this fixed table, never from the caller.
const SCALAR: Partial<Record<FacetName, { column: string; value: string }>> = {
  kind: { column: 'kind', value: 'kind' },
  status: { column: 'status', value: 'status' },
  journal: { column: 'journal_id', value: 'journal_id::text' },
  year: { column: 'year', value: 'year::text' },
};

export interface CountRow {
  facet: string;
  value: string | null;
  count: number;
}

export function countAndFacets(where: Sql, match: Sql, facets: readonly FacetName[], cap: number): Sql {
  const scalar = facets.flatMap((f) => {
    const s = SCALAR[f];
    return s ? [{ facet: f, ...s }] : [];
  });
  // GROUPING(col) = 0 on the rows of col's own grouping set; the empty set () is the total.
  const facetName = scalar.length
    ? `CASE ${scalar.map((s) => `WHEN GROUPING(${s.column}) = 0 THEN '${s.facet}'`).join(' ')} ELSE 'total' END`
    : "'total'";
  const value = scalar.length ? `coalesce(${scalar.map((s) => s.value).join(', ')})` : 'NULL::text';
  const sets = ['()', ...scalar.map((s) => `(${s.column})`)].join(', ');
  const departments = facets.includes('department')
    ? raw(`
    UNION ALL
    SELECT 'department', dep::text, count(*)::int FROM matched, unnest(department_ids) AS dep GROUP BY dep`)
    : raw('');
  return sql`
    WITH matched AS MATERIALIZED (
      SELECT d.kind, d.status, d.journal_id, d.department_ids, extract(year FROM d.reg_date)::int AS year
      FROM search_documents d
      WHERE ${where}
        AND ${match}
      LIMIT ${cap + 1}
    )
    SELECT ${raw(facetName)} AS facet, ${raw(value)} AS value, count(*)::int AS count
    FROM matched
    GROUP BY GROUPING SETS (${raw(sets)})${departments}`;
}
