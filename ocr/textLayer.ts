// The invisible text layer: what a PDF writer needs to lay searchable text over a page image.
import { apply } from './affine.ts';
import type { OcrDocument, OcrPage } from './types.ts';

export interface TextLayerWord {
  text: string;
  /** baseline start in PDF points, origin bottom-left of the page as supplied */
  x: number;
  y: number;
  /** advance width the word must span, in points (set horizontal scaling Tz to fit) */
  width: number;
  /** font size in points (box height of the word) */
  fontSize: number;
  /** counter-clockwise angle of the baseline in degrees (undoes deskew and quarter turns) */
  angle: number;
  confidence: number;
}

export interface TextLayerPage {
  index: number;
  /** MediaBox of the page as supplied, points */
  widthPt: number;
  heightPt: number;
  source: OcrPage['source'];
  words: TextLayerWord[];
}

/**
 * Maps every word box from the normalised page back onto the page as supplied. A PDF writer
 * draws each word with text render mode 3 (invisible) at (x, y) rotated by `angle`, with
 * horizontal scaling chosen so that the glyphs span `width`.
 */
export function buildTextLayer(doc: OcrDocument): TextLayerPage[] {
  return doc.pages.map((page) => {
    const s = page.sourceScale;
    const words: TextLayerWord[] = [];
    for (const line of page.lines) {
      for (const w of line.words) {
        const h = w.box.y1 - w.box.y0;
        // Baseline sits about a fifth of the box height above the bottom for mixed-case text.
        const baseY = w.box.y1 - h * 0.2;
        const [sx0, sy0] = apply(page.toSource, w.box.x0, baseY);
        const [sx1, sy1] = apply(page.toSource, w.box.x1, baseY);
        const dx = sx1 - sx0;
        const dy = sy1 - sy0;
        words.push({
          text: w.text,
          x: sx0 / s,
          y: page.heightPt - sy0 / s,
          width: Math.hypot(dx, dy) / s,
          fontSize: Math.max(1, (h * 72) / page.dpi),
          angle: (-Math.atan2(dy, dx) * 180) / Math.PI,
          confidence: w.confidence,
        });
      }
    }
    return { index: page.index, widthPt: page.widthPt, heightPt: page.heightPt, source: page.source, words };
  });
}
