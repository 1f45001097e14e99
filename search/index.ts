// Card search: the engine-neutral contract (types.ts) and its PostgreSQL implementation.
export type {
  CardKind,
  DateRange,
  FacetBucket,
  FacetName,
  IsoDate,
  SearchDocument,
  SearchEngine,
  SearchFilters,
  SearchHighlights,
  SearchHit,
  SearchMode,
  SearchPage,
  SearchQuery,
  SearchResult,
  SearchSort,
  SearchTotal,
  SearchViewer,
} from './types.ts';
export { CARD_KINDS, FACET_NAMES } from './types.ts';
export { SearchError, type SearchErrorCode } from './errors.ts';
export { normalizeNumber } from './normalize.ts';
export { createPostgresSearch, type PostgresSearchOptions } from './postgres/createPostgresSearch.ts';
