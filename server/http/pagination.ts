// Opaque keyset cursors: the client gets base64url of the last row's sort key and sends it back.
import { Type } from '@sinclair/typebox';
import { AppError } from './problem.ts';

export const PageQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 500 })),
});

export type CursorKey = (string | number)[];

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined, arity: number): CursorKey | null {
  if (!cursor) return null;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(key) && key.length === arity && key.every((k) => typeof k === 'string' || typeof k === 'number')) return key;
  } catch {
    // fall through
  }
  throw new AppError('INVALID_CURSOR');
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Fetch limit+1 rows; the extra one only tells whether another page exists. */
export function pageOf<R, T>(rows: R[], limit: number, keyOf: (row: R) => CursorKey, present: (row: R) => T): Page<T> {
  const more = rows.length > limit;
  const slice = more ? rows.slice(0, limit) : rows;
  const last = slice[slice.length - 1];
  return { items: slice.map(present), nextCursor: more && last ? encodeCursor(keyOf(last)) : null };
}

export const PageSchema = <T extends import('@sinclair/typebox').TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });
