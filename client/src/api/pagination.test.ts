import { describe, expect, test } from 'vitest';
import { collectAll, pageQuery, PaginationError, type Page } from './pagination.ts';

function pagesOf(items: number[], size: number): (cursor: string | null) => Promise<Page<number>> {
  return async (cursor) => {
    const start = cursor === null ? 0 : Number(cursor);
    const next = start + size;
    return { items: items.slice(start, next), nextCursor: next < items.length ? String(next) : null };
  };
}

describe('cursor pagination', () => {
  test('collects every page in order', async () => {
    const items = Array.from({ length: 11 }, (_, i) => i);
    const requested: (string | null)[] = [];
    const load = pagesOf(items, 4);
    const all = await collectAll<number>((cursor) => {
      requested.push(cursor);
      return load(cursor);
    });
    expect(all).toEqual(items);
    expect(requested).toEqual([null, '4', '8']);
  });

  test('stops a server that hands back the same cursor twice', async () => {
    await expect(collectAll<number>(async () => ({ items: [1], nextCursor: 'same' }))).rejects.toBeInstanceOf(
      PaginationError,
    );
  });

  test('builds the query only from what was asked', () => {
    expect(pageQuery()).toEqual({});
    expect(pageQuery({ limit: 50, cursor: null })).toEqual({ limit: '50' });
    expect(pageQuery({ limit: 10, cursor: 'abc' })).toEqual({ limit: '10', cursor: 'abc' });
  });
});
