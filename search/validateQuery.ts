// Checks a query before any engine sees it, so that every engine refuses the same inputs with the same codes.
import { SearchError } from './errors.ts';
import { CARD_KINDS, FACET_NAMES, type FacetName, type SearchFilters, type SearchQuery, type SearchSort } from './types.ts';

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;
const SORTS: readonly SearchSort[] = ['relevance', 'regDate:desc', 'regDate:asc'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface CheckedQuery {
  orgId: string;
  viewer: SearchQuery['viewer'];
  text: string;
  typing: boolean;
  filters: SearchFilters;
  facets: FacetName[];
  sort: SearchSort;
  limit: number;
  offset: number;
  today: string | null;
}

function invalid(message: string): never {
  throw new SearchError('SEARCH_QUERY_INVALID', message);
}

export function checkUuid(value: string, field: string): void {
  if (!UUID.test(value)) invalid(`${field} must be a uuid`);
}

export function checkDate(value: string, field: string): void {
  const d = new Date(`${value}T00:00:00Z`);
  if (!DATE.test(value) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) invalid(`${field} must be a date YYYY-MM-DD`);
}

function decodeCursor(cursor: string): number {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'o' in parsed && Number.isSafeInteger(parsed.o) && Number(parsed.o) >= 0) {
      return Number(parsed.o);
    }
  } catch {
    // fall through to the stable error below
  }
  throw new SearchError('SEARCH_CURSOR_INVALID', 'the page cursor is not one this engine issued');
}

export function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset }), 'utf8').toString('base64url');
}

/** Applies `check` to every field that has a value (null and undefined mean "not given"). */
export function checkPresent(fields: Record<string, string | null | undefined>, check: (value: string, field: string) => void): void {
  for (const [field, value] of Object.entries(fields)) if (value !== null && value !== undefined) check(value, field);
}

export function checkQuery(q: SearchQuery, window: number): CheckedQuery {
  checkUuid(q.orgId, 'orgId');
  checkUuid(q.viewer.userId, 'viewer.userId');
  const f = q.filters ?? {};
  for (const k of f.kind ?? []) if (!(CARD_KINDS as readonly string[]).includes(k)) invalid(`unknown kind ${k}`);
  checkPresent({ journalId: f.journalId, departmentId: f.departmentId, executorId: f.executorId, correspondentId: f.correspondentId }, checkUuid);
  for (const id of f.cardIds ?? []) checkUuid(id, 'filters.cardIds');
  if (f.regDate?.from) checkDate(f.regDate.from, 'filters.regDate.from');
  if (f.regDate?.to) checkDate(f.regDate.to, 'filters.regDate.to');
  if (q.today !== undefined) checkDate(q.today, 'today');
  if (f.overdue !== undefined && q.today === undefined) {
    throw new SearchError('SEARCH_TODAY_REQUIRED', 'the overdue filter needs the viewer’s current date (today)');
  }
  const facets = q.facets ?? [];
  for (const name of facets) if (!(FACET_NAMES as readonly string[]).includes(name)) invalid(`unknown facet ${name}`);
  const text = q.text ?? '';
  const sort = q.sort ?? (text.trim() ? 'relevance' : 'regDate:desc');
  if (!SORTS.includes(sort)) invalid(`unknown sort ${sort}`);

  const limit = q.page?.limit ?? DEFAULT_LIMIT;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_LIMIT) invalid(`page.limit must be 1…${MAX_LIMIT}`);
  const offset = q.page?.cursor !== undefined ? decodeCursor(q.page.cursor) : (q.page?.offset ?? 0);
  if (!Number.isSafeInteger(offset) || offset < 0) invalid('page.offset must be a non-negative integer');
  if (offset >= window) {
    throw new SearchError('SEARCH_PAGE_TOO_DEEP', `results beyond the first ${window} cannot be paged to; narrow the search`);
  }
  return {
    orgId: q.orgId,
    viewer: q.viewer,
    text,
    typing: q.typing ?? true,
    filters: f,
    facets: [...new Set(facets)],
    sort,
    // The last page of the window is cut short rather than refused.
    limit: Math.min(limit, window - offset),
    offset,
    today: q.today ?? null,
  };
}
