// Hand-made letter pages for extraction tests: lines placed as a 300-dpi page prints them.
import type { OcrDocument, OcrLine, OcrWord } from '../../types.ts';

/**
 * A row is `[x, y, text]` — one printed line, 50 px high, words 22 px a letter and 18 px apart — or
 * `[x, y, text, x2, text2]`: one line in two parts, the second beginning at its own x, as a table's second cell or a
 * letterhead's right column does on the same baseline.
 */
export type Row = [number, number, string] | [number, number, string, number, string];

/** A one-page document of these rows, from a text layer or as OCR read it (confidence 90). */
export function letterPage(rows: Row[], source: 'ocr' | 'text-layer' = 'text-layer'): OcrDocument {
  const lines: OcrLine[] = rows.map((row) => {
    const words: OcrWord[] = [];
    const put = (x: number, text: string): void => {
      let cx = x;
      for (const t of text.split(' ')) {
        words.push({ text: t, box: { x0: cx, y0: row[1], x1: cx + t.length * 22, y1: row[1] + 50 }, confidence: source === 'ocr' ? 90 : 100 });
        cx += t.length * 22 + 18;
      }
    };
    put(row[0], row[2]);
    if (row.length === 5) put(row[3], row[4]);
    const text = words.map((w) => w.text).join(' ');
    return { text, words, box: { x0: row[0], y0: row[1], x1: words[words.length - 1]!.box.x1, y1: row[1] + 50 }, confidence: 95 };
  });
  return {
    pages: [
      {
        index: 1, source, width: 2480, height: 3508, dpi: 300, widthPt: 595, heightPt: 842, rotation: 0, skew: 0,
        toSource: [1, 0, 0, 1, 0, 0], sourceScale: 300 / 72, confidence: 95, lines, text: lines.map((l) => l.text).join('\n'),
      },
    ],
    text: lines.map((l) => l.text).join('\n'),
    langs: 'rus+eng',
    mime: 'application/pdf',
  };
}
