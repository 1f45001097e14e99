// The engine-neutral contract of card search. Nothing here names SQL or PostgreSQL: an Elasticsearch (or any other)
// implementation must be able to satisfy it so that callers never change when the engine does.

/** A calendar date, `YYYY-MM-DD` (dates of cards carry no time and no zone). */
export type IsoDate = string;

export const CARD_KINDS = ['incoming', 'outgoing', 'internal', 'appeal', 'draft', 'service_application'] as const;
export type CardKind = (typeof CARD_KINDS)[number];

/** What the index knows about one registration card (РКК). The caller builds it from the card and its files. */
export interface SearchDocument {
  orgId: string;
  /** The card's uuid. */
  id: string;
  kind: CardKind;
  status: string;
  journalId: string | null;
  regNumber: string | null;
  regDate: IsoDate | null;
  /** The sender's (outgoing) number of an incoming document. */
  outNumber: string | null;
  outDate: IsoDate | null;
  /** INN / OGRN / OGRNIP of the correspondents: exact-hit keys. */
  inns: string[];
  correspondentId: string | null;
  correspondentName: string | null;
  /** Краткое содержание. */
  summary: string;
  /** The card's other text fields, joined by the caller. */
  body: string;
  /** Text extracted from the card's files (text layer, OCR, DOCX). */
  extractedText: string;
  departmentIds: string[];
  executorIds: string[];
  controllerIds: string[];
  onControl: boolean;
  deadline: IsoDate | null;
  /** When the card was executed; null while open. */
  doneAt: IsoDate | null;
  /** Access mark such as «ДСП»; null for an unrestricted card. */
  accessMark: string | null;
  /** Who may see a restricted card besides viewers who see every restricted card. */
  readerIds: string[];
  createdAt: Date | string;
}

export interface SearchViewer {
  userId: string;
  /** The viewer's role lets them see every card with an access mark of the organisation. */
  seesRestricted: boolean;
}

export interface DateRange {
  from?: IsoDate;
  to?: IsoDate;
}

export interface SearchFilters {
  kind?: CardKind[];
  status?: string[];
  regDate?: DateRange;
  journalId?: string;
  departmentId?: string;
  executorId?: string;
  correspondentId?: string;
  onControl?: boolean;
  /**
   * true: open (no doneAt) with a deadline before `today`; false: everything else.
   * Computed at query time, so it needs `SearchQuery.today`.
   */
  overdue?: boolean;
  /** A mark such as «ДСП», or null for unrestricted cards only. */
  accessMark?: string | null;
  /**
   * Only these cards (uuids), resolved by the caller from criteria the index does not hold — e.g. the archive's
   * inventory or case. An empty list matches nothing.
   */
  cardIds?: string[];
}

export const FACET_NAMES = ['kind', 'status', 'journal', 'department', 'year'] as const;
export type FacetName = (typeof FACET_NAMES)[number];

export type SearchSort = 'relevance' | 'regDate:desc' | 'regDate:asc';

export interface SearchPage {
  /** 1…100; 20 when absent. */
  limit?: number;
  /** An opaque cursor from a previous result's `nextCursor`; wins over `offset`. */
  cursor?: string;
  /** Below 10 000: paging stops at the same window as the count (like Elasticsearch's max_result_window). */
  offset?: number;
}

export interface SearchQuery {
  /** Tenancy: every query is limited to one organisation. */
  orgId: string;
  viewer: SearchViewer;
  /** User syntax: words (any word form), "phrases", -excluded, numbers (Вх-12/2026, INN). Empty: browse. */
  text?: string;
  filters?: SearchFilters;
  facets?: FacetName[];
  /** Default: relevance when there is text, otherwise regDate:desc. */
  sort?: SearchSort;
  page?: SearchPage;
  /** The viewer's current date, for `overdue`. Required when the overdue filter is used. */
  today?: IsoDate;
  /**
   * The user is still typing: the last word also matches as a prefix (благоустр → благоустройство).
   * Default true; set false when the user pressed Enter.
   */
  typing?: boolean;
}

export interface SearchHighlights {
  summary?: string;
  body?: string;
  extractedText?: string;
  correspondentName?: string;
}

export interface SearchHit {
  id: string;
  /** Engine-specific, comparable only within one result. */
  score: number;
  kind: CardKind;
  status: string;
  regNumber: string | null;
  regDate: IsoDate | null;
  correspondentName: string | null;
  summary: string;
  /** HTML: the matched words in <mark>…</mark>, everything else escaped. */
  highlights: SearchHighlights;
  /** The text query matched a registration number, outgoing number or INN/OGRN exactly. */
  exactNumber: boolean;
}

export interface FacetBucket {
  value: string;
  count: number;
}

export interface SearchTotal {
  value: number;
  /** The count stopped at the cap: show "10 000+". */
  capped: boolean;
}

/**
 * How the hits were found: `fulltext` (words and numbers), `fuzzy` (nothing matched exactly, so similar
 * correspondent names were searched — the UI says «показаны похожие»), `browse` (no text).
 */
export type SearchMode = 'fulltext' | 'fuzzy' | 'browse';

export interface SearchResult {
  hits: SearchHit[];
  total: SearchTotal;
  /** Only the requested facets. Counted over the same capped window as `total` when `total.capped`. */
  facets: Partial<Record<FacetName, FacetBucket[]>>;
  mode: SearchMode;
  /** Pass as `page.cursor` for the next page; null on the last page or at the paging window's end. */
  nextCursor: string | null;
}

export interface SearchEngine {
  /** Insert or replace documents (upsert by orgId + id). */
  index(docs: SearchDocument[]): Promise<void>;
  remove(orgId: string, ids: string[]): Promise<void>;
  query(q: SearchQuery): Promise<SearchResult>;
}
