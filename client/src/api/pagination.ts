// Cursor pagination as the server does it: `?limit=&cursor=` → `{ items, nextCursor }`.

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type PageLoader<T> = (cursor: string | null) => Promise<Page<T>>;

export interface PageRequest {
  limit?: number;
  cursor?: string | null;
}

export function pageQuery(request: PageRequest = {}): Record<string, string> {
  const query: Record<string, string> = {};
  if (request.limit !== undefined) query.limit = String(request.limit);
  if (request.cursor) query.cursor = request.cursor;
  return query;
}

export async function* iteratePages<T>(load: PageLoader<T>): AsyncGenerator<T[], void, undefined> {
  let cursor: string | null = null;
  const seen = new Set<string>();
  do {
    const page: Page<T> = await load(cursor);
    yield page.items;
    cursor = page.nextCursor;
    // A server that repeats a cursor would otherwise keep the client looping forever.
    if (cursor !== null) {
      if (seen.has(cursor)) throw new PaginationError(`cursor repeated: ${cursor}`);
      seen.add(cursor);
    }
  } while (cursor !== null);
}

export class PaginationError extends Error {
  readonly code = 'CLIENT_PAGINATION_LOOP';
}

/** Loads every page; for small lists such as the department tree that must be shown whole. */
export async function collectAll<T>(load: PageLoader<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const items of iteratePages(load)) all.push(...items);
  return all;
}
