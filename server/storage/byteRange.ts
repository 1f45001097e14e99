import { StorageError } from './storageError.ts';

export interface ResolvedRange {
  start: number;
  end: number; // inclusive
}

/**
 * HTTP Range semantics (RFC 9110 §14.1.2): `end` past the last byte is clamped, a `start` at or past
 * the size is unsatisfiable. Returns undefined when the whole blob is wanted.
 */
export function resolveRange(range: { start: number; end?: number } | undefined, size: number): ResolvedRange | undefined {
  if (range === undefined) return undefined;
  const { start, end } = range;
  if (!Number.isSafeInteger(start) || start < 0) {
    throw new StorageError('BLOB_RANGE_INVALID', `range start must be a non-negative integer, got ${String(start)}`);
  }
  if (end !== undefined && (!Number.isSafeInteger(end) || end < start)) {
    throw new StorageError('BLOB_RANGE_INVALID', `range end must be an integer not below start, got ${String(end)}`);
  }
  if (start >= size) {
    throw new StorageError('BLOB_RANGE_INVALID', `range start ${start} is not below the blob size ${size}`);
  }
  return { start, end: Math.min(end ?? size - 1, size - 1) };
}
