import { describe, expect, it } from 'vitest';
import { relativeBox, withRelativeBoxes } from './sourceBoxes.ts';
import type { OcrPage } from '../../ocr/index.ts';

// An A4 page (595×842 pt) rendered at 300 dpi: 1 pt = 300/72 px.
const scale = 300 / 72;
const page = (toSource: OcrPage['toSource'], widthPt = 595, heightPt = 842): OcrPage => ({
  index: 1,
  source: 'ocr',
  width: 2480,
  height: 3508,
  dpi: 300,
  widthPt,
  heightPt,
  rotation: 0,
  skew: 0,
  toSource,
  sourceScale: scale,
  confidence: 90,
  lines: [],
  text: '',
});

describe('source boxes as fractions of the page as supplied', () => {
  it('maps an upright page directly', () => {
    const box = relativeBox(page([1, 0, 0, 1, 0, 0]), { page: 1, box: { x0: 0, y0: 0, x1: 595 * scale * 0.5, y1: 842 * scale * 0.25 } });
    expect(box).toEqual({ x0: 0, y0: 0, x1: 0.5, y1: 0.25 });
  });

  it('undoes a quarter turn: the top of the normalised page is the left side of a landscape scan', () => {
    // Supplied landscape 842×595 pt, turned clockwise for reading: normalised (x, y) → supplied (y, H − x).
    const H = 595 * scale;
    const box = relativeBox(page([0, -1, 1, 0, 0, H], 842, 595), { page: 1, box: { x0: 0, y0: 0, x1: 595 * scale * 0.5, y1: 842 * scale * 0.1 } });
    expect(box?.x0).toBe(0);
    expect(box?.x1).toBeCloseTo(0.1, 3);
    expect(box?.y0).toBeCloseTo(0.5, 3);
    expect(box?.y1).toBeCloseTo(1, 3);
  });

  it('keeps abstentions null and gives no box for an unknown page', () => {
    const out = withRelativeBoxes([page([1, 0, 0, 1, 0, 0])], { inn: null, subject: { page: 2, box: { x0: 1, y0: 1, x1: 2, y1: 2 } } });
    expect(out.inn).toBeNull();
    expect(out.subject?.rel).toBeNull();
    expect(out.subject?.page).toBe(2);
  });
});
