// Stable codes; the server maps them to problem+json (400 for the query codes).
export type SearchErrorCode =
  | 'SEARCH_QUERY_INVALID'
  | 'SEARCH_PAGE_TOO_DEEP'
  | 'SEARCH_TODAY_REQUIRED'
  | 'SEARCH_CURSOR_INVALID'
  | 'SEARCH_DOCUMENT_INVALID';

export class SearchError extends Error {
  readonly code: SearchErrorCode;
  constructor(code: SearchErrorCode, message: string) {
    super(message);
    this.name = 'SearchError';
    this.code = code;
  }
}
