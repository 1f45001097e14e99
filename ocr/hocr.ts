// Words, boxes, confidences and line baselines from tesseract's hOCR. tesseract.js builds its `blocks` tree by
// walking the result iterator from JavaScript, which costs about a tenth of a page's recognition time; the hOCR
// text comes out of tesseract itself in one call and carries everything the engine uses.
import type { OcrWord } from './types.ts';

export interface HocrWord extends OcrWord {
  /** y of the line's baseline at the line's middle, px */
  base: number;
}

const LINE = /^ocr_(?:line|header|textfloat|caption)$/;
const TAG = /<span\s+class='([a-z_]+)'[^>]*?\btitle=(?:"([^"]*)"|'([^']*)')[^>]*>/g;

function numbers(title: string, key: string): number[] | null {
  const m = new RegExp(`(?:^|;)\\s*${key}\\s+([^;]*)`).exec(title);
  return m ? m[1]!.trim().split(/\s+/).map(Number) : null;
}

function unescape(s: string): string {
  return s
    .replace(/<[^>]*>/g, '')
    .replace(/&(?:#(\d+)|#x([0-9a-f]+)|(amp|lt|gt|quot|apos));/gi, (_, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
      if (dec) return String.fromCodePoint(Number(dec));
      if (hex) return String.fromCodePoint(parseInt(hex, 16));
      return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[name!.toLowerCase() as 'amp']!;
    });
}

export function parseHocr(hocr: string): HocrWord[] {
  const words: HocrWord[] = [];
  let base = 0;
  for (const m of hocr.matchAll(TAG)) {
    const cls = m[1]!;
    const title = m[2] ?? m[3] ?? '';
    const bbox = numbers(title, 'bbox');
    if (!bbox || bbox.length < 4) continue;
    const [x0, y0, x1, y1] = bbox as [number, number, number, number];
    if (LINE.test(cls)) {
      // "baseline slope offset": the baseline passes offset px below the box's bottom-left corner.
      const [slope = 0, offset = 0] = numbers(title, 'baseline') ?? [];
      base = y1 + offset + (slope * (x1 - x0)) / 2;
      continue;
    }
    if (cls !== 'ocrx_word') continue;
    const start = m.index + m[0].length;
    const end = hocr.indexOf('</span>', start);
    const text = unescape(hocr.slice(start, end < 0 ? undefined : end)).trim();
    if (!text) continue;
    words.push({ text, box: { x0, y0, x1, y1 }, confidence: numbers(title, 'x_wconf')?.[0] ?? 0, base });
  }
  return words;
}
