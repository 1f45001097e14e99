import { AppError } from './problem.ts';

/** One `bytes=a-b`, `bytes=a-` or `bytes=-n` range; multi-range requests are answered with the whole body. */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | null {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m) return null;
  const [, a, b] = m as unknown as [string, string, string];
  let start: number;
  let end: number;
  if (a === '') {
    if (b === '') return null;
    start = Math.max(0, size - Number(b));
    end = size - 1;
  } else {
    start = Number(a);
    end = b === '' ? size - 1 : Math.min(Number(b), size - 1);
  }
  if (start > end || start >= size) throw new AppError('RANGE_NOT_SATISFIABLE', { headers: { 'Content-Range': `bytes */${size}` } });
  return { start, end };
}
