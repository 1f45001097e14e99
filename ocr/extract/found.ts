import type { Box } from '../types.ts';
import { unionBox } from '../box.ts';
import type { Seg } from './layout.ts';

/** One extracted value with how sure we are and where on which page it was printed. */
export interface Found<T> {
  value: T;
  /** 0..1 */
  confidence: number;
  page: number | null;
  box: Box | null;
}

export function found<T>(value: T, confidence: number, segs: Seg[]): Found<T> {
  const first = segs[0];
  const onFirstPage = first ? segs.filter((s) => s.page === first.page) : [];
  const ocr = segs.length ? Math.min(...segs.map((s) => s.confidence)) / 100 : 1;
  return {
    value,
    confidence: Math.max(0, Math.min(1, confidence * (0.5 + 0.5 * ocr))),
    page: first?.page ?? null,
    box: onFirstPage.length ? unionBox(onFirstPage.map((s) => s.box)) : null,
  };
}

export function none<T>(): Found<T | null> {
  return { value: null, confidence: 0, page: null, box: null };
}
