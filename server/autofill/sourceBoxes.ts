// The extraction's boxes are in pixels of the normalised (rotated, deskewed, rescaled) page image, which the
// client never sees. The registration form draws them over the preview of the page as supplied, so each box is
// also given as fractions of that page (0..1 from its top-left corner).
import type { FieldSource, OcrPage } from '../../ocr/index.ts';

export interface RelativeBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export type SourceWithPage = FieldSource & { rel: RelativeBox | null };

const clamp = (v: number) => Math.min(1, Math.max(0, Math.round(v * 10_000) / 10_000));

/** The box of `source` as fractions of its page as supplied, or null when the page is unknown or has no size. */
export function relativeBox(page: Pick<OcrPage, 'toSource' | 'sourceScale' | 'widthPt' | 'heightPt'> | undefined, source: FieldSource): RelativeBox | null {
  if (!page || page.widthPt <= 0 || page.heightPt <= 0 || page.sourceScale <= 0) return null;
  const [a, b, c, d, e, f] = page.toSource;
  const { x0, y0, x1, y1 } = source.box;
  // A quarter turn or deskew maps the rectangle onto a rotated one: its corners' hull is the box on the page.
  const corners = [
    [x0, y0],
    [x1, y0],
    [x0, y1],
    [x1, y1],
  ].map(([x = 0, y = 0]) => [(a * x + c * y + e) / page.sourceScale / page.widthPt, (b * x + d * y + f) / page.sourceScale / page.heightPt] as const);
  const xs = corners.map((p) => p[0]);
  const ys = corners.map((p) => p[1]);
  return { x0: clamp(Math.min(...xs)), y0: clamp(Math.min(...ys)), x1: clamp(Math.max(...xs)), y1: clamp(Math.max(...ys)) };
}

export function withRelativeBoxes(pages: readonly OcrPage[], sources: Readonly<Record<string, FieldSource | null>>): Record<string, SourceWithPage | null> {
  const out: Record<string, SourceWithPage | null> = {};
  for (const [field, source] of Object.entries(sources)) {
    out[field] = source ? { ...source, rel: relativeBox(pages.find((p) => p.index === source.page), source) } : null;
  }
  return out;
}
