// Ruled forms as PDF/A-2B: the layout of Russian records-management forms (опись дел, акт о выделении к уничтожению)
// — a two-column header (organisation on the left, the «УТВЕРЖДАЮ» block on the right), centred headings, a table
// ruled on every cell with a numbered column row repeated on each page, section rows across the table, signature
// lines. Same blocks, same bytes: nothing depends on the clock or the environment.
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { fontBytes, makeArchival, save, wrap as wrapWords, type DocumentMeta } from './produce.ts';

export interface FormLine {
  text: string;
  bold?: boolean;
  size?: number;
}

export interface FormColumn {
  title: string;
  /** relative width; the columns share the text width in proportion */
  width: number;
  align?: 'left' | 'center';
}

export type FormRow = { cells: string[] } | { section: string };

export type FormBlock =
  | ({ kind: 'text'; align?: 'left' | 'center' | 'right' } & FormLine)
  | { kind: 'columns'; left: FormLine[]; right: FormLine[] }
  | { kind: 'table'; columns: FormColumn[]; rows: FormRow[]; size?: number }
  | { kind: 'signature'; role: string; name: string; date?: string }
  /** vertical space; with `keep`, moves to a new page unless that much more room follows (keeps a block together) */
  | { kind: 'space'; height: number; keep?: number };

const [PAGE_W, PAGE_H] = [595.28, 841.89];
// ГОСТ Р 7.0.97 margins: 20 mm left, 10 mm right, 20 mm top and bottom.
const [LEFT, RIGHT, TOP, BOTTOM] = [56.7, 28.35, 56.7, 56.7];
const TEXT_W = PAGE_W - LEFT - RIGHT;
const BLACK = rgb(0, 0, 0);
const RULE = 0.6;
const PAD = 3;

function wrap(font: PDFFont, text: string, size: number, width: number): string[] {
  const lines = wrapWords(font, text, size, width);
  // A word wider than the cell (a long index without spaces) is cut by characters rather than drawn over the rule.
  return lines.flatMap((l) => {
    if (font.widthOfTextAtSize(l, size) <= width) return [l];
    const parts: string[] = [];
    let part = '';
    for (const ch of l) {
      if (part !== '' && font.widthOfTextAtSize(part + ch, size) > width) {
        parts.push(part);
        part = '';
      }
      part += ch;
    }
    return [...parts, part];
  });
}

class Layout {
  page: PDFPage;
  y = PAGE_H - TOP;
  readonly pages: PDFPage[] = [];
  constructor(
    readonly doc: PDFDocument,
    readonly regular: PDFFont,
    readonly bold: PDFFont,
  ) {
    this.page = this.newPage();
  }
  newPage(): PDFPage {
    this.page = this.doc.addPage([PAGE_W, PAGE_H]);
    this.pages.push(this.page);
    this.y = PAGE_H - TOP;
    return this.page;
  }
  /** Moves to a new page unless `height` still fits above the bottom margin. */
  ensure(height: number): boolean {
    if (this.y - height >= BOTTOM) return false;
    this.newPage();
    return true;
  }
  font(line: { bold?: boolean | undefined }): PDFFont {
    return line.bold ? this.bold : this.regular;
  }
  text(text: string, x: number, size: number, font: PDFFont): void {
    if (text !== '') this.page.drawText(text, { x, y: this.y, size, font, color: BLACK });
  }
  rule(x1: number, y1: number, x2: number, y2: number): void {
    this.page.drawLine({ start: { x: x1, y: y1 }, end: { x: x2, y: y2 }, thickness: RULE, color: BLACK });
  }
}

function textBlock(l: Layout, b: Extract<FormBlock, { kind: 'text' }>): void {
  const size = b.size ?? 12;
  const font = l.font(b);
  for (const line of wrap(font, b.text, size, TEXT_W)) {
    l.ensure(size * 1.3);
    l.y -= size * 1.3;
    const w = font.widthOfTextAtSize(line, size);
    const x = b.align === 'center' ? LEFT + (TEXT_W - w) / 2 : b.align === 'right' ? LEFT + TEXT_W - w : LEFT;
    l.text(line, x, size, font);
  }
  l.y -= size * 0.4;
}

function lineBlock(l: Layout, lines: FormLine[], x: number, width: number): string[][] {
  return lines.map((line) => wrap(l.font(line), line.text, line.size ?? 12, width));
}

function columnsBlock(l: Layout, b: Extract<FormBlock, { kind: 'columns' }>): void {
  const gap = 20;
  const half = (TEXT_W - gap) / 2;
  const rightX = LEFT + half + gap;
  const left = lineBlock(l, b.left, LEFT, half);
  const right = lineBlock(l, b.right, rightX, half);
  const heightOf = (lines: FormLine[], wrapped: string[][]) => wrapped.reduce((h, w, i) => h + w.length * (lines[i]?.size ?? 12) * 1.3, 0);
  l.ensure(Math.max(heightOf(b.left, left), heightOf(b.right, right)));
  const top = l.y;
  let bottom = top;
  for (const [lines, wrapped, x] of [[b.left, left, LEFT], [b.right, right, rightX]] as const) {
    l.y = top;
    wrapped.forEach((w, i) => {
      const line = lines[i] as FormLine;
      const size = line.size ?? 12;
      for (const text of w) {
        l.y -= size * 1.3;
        l.text(text, x, size, l.font(line));
      }
    });
    bottom = Math.min(bottom, l.y);
  }
  l.y = bottom - 6;
}

function tableBlock(l: Layout, b: Extract<FormBlock, { kind: 'table' }>): void {
  const size = b.size ?? 10;
  const leading = size * 1.2;
  const total = b.columns.reduce((n, c) => n + c.width, 0);
  const widths = b.columns.map((c) => (c.width / total) * TEXT_W);
  const xs = widths.reduce<number[]>((acc, w) => [...acc, (acc[acc.length - 1] ?? LEFT) + w], [LEFT]);
  const right = LEFT + TEXT_W;

  const drawRow = (cells: string[], font: PDFFont, align: (i: number) => 'left' | 'center', rowSize = size): void => {
    const leading = rowSize * 1.2;
    const wrapped = cells.map((c, i) => wrap(font, c, rowSize, (widths[i] ?? 0) - 2 * PAD));
    const height = Math.max(1, ...wrapped.map((w) => w.length)) * leading + 2 * PAD;
    if (l.ensure(height)) numbersRow();
    const top = l.y;
    wrapped.forEach((lines, i) => {
      l.y = top - PAD;
      for (const line of lines) {
        l.y -= leading;
        const x = align(i) === 'center' ? (xs[i] ?? LEFT) + ((widths[i] ?? 0) - font.widthOfTextAtSize(line, rowSize)) / 2 : (xs[i] ?? LEFT) + PAD;
        l.y += rowSize * 0.25;
        l.text(line, x, rowSize, font);
        l.y -= rowSize * 0.25;
      }
    });
    l.y = top - height;
    l.rule(LEFT, top, right, top);
    l.rule(LEFT, l.y, right, l.y);
    for (const x of xs) l.rule(x, top, x, l.y);
  };
  // The row of column numbers heads every continuation page, as on the printed forms.
  const numbersRow = (): void => drawRow(b.columns.map((_, i) => String(i + 1)), l.regular, () => 'center');

  // Column titles a size smaller, as on the forms, so that a title word fits its narrow column.
  drawRow(b.columns.map((c) => c.title), l.bold, () => 'center', size * 0.9);
  numbersRow();
  for (const row of b.rows) {
    if ('section' in row) {
      const lines = wrap(l.bold, row.section, size, TEXT_W - 2 * PAD);
      const height = lines.length * leading + 2 * PAD;
      // A section heading never ends a page alone: it needs room for one line of its first row too.
      if (l.ensure(height + leading + 2 * PAD)) numbersRow();
      const top = l.y;
      l.y -= PAD;
      for (const line of lines) {
        l.y -= leading;
        l.y += size * 0.25;
        l.text(line, LEFT + (TEXT_W - l.bold.widthOfTextAtSize(line, size)) / 2, size, l.bold);
        l.y -= size * 0.25;
      }
      l.y = top - height;
      l.rule(LEFT, top, right, top);
      l.rule(LEFT, l.y, right, l.y);
      l.rule(LEFT, top, LEFT, l.y);
      l.rule(right, top, right, l.y);
    } else {
      drawRow(row.cells, l.regular, (i) => b.columns[i]?.align ?? 'left');
    }
  }
  l.y -= 8;
}

function signatureBlock(l: Layout, b: Extract<FormBlock, { kind: 'signature' }>): void {
  const size = 11;
  const roleW = TEXT_W * 0.45;
  const role = wrap(l.regular, b.role, size, roleW);
  l.ensure((role.length + 2) * size * 1.3);
  const top = l.y;
  for (const line of role) {
    l.y -= size * 1.3;
    l.text(line, LEFT, size, l.regular);
  }
  const lineY = top - size * 1.3;
  const signX = LEFT + roleW + 10;
  l.rule(signX, lineY - 2, signX + 90, lineY - 2);
  l.page.drawText('подпись', { x: signX + 28, y: lineY - 10, size: 7, font: l.regular, color: BLACK });
  const nameX = signX + 100;
  for (const [i, line] of wrap(l.regular, b.name, size, LEFT + TEXT_W - nameX).entries()) {
    l.page.drawText(line, { x: nameX, y: lineY - i * size * 1.3, size, font: l.regular, color: BLACK });
  }
  l.y = Math.min(l.y, lineY - 10);
  if (b.date !== undefined) {
    l.y -= size * 1.3;
    l.text(b.date, LEFT, size, l.regular);
  }
  l.y -= size;
}

/** A generated ruled form on A4 pages, numbered from the second page on (page numbers at the top centre). */
export async function generateForm(meta: DocumentMeta, blocks: FormBlock[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit);
  const f = fontBytes();
  const layout = new Layout(doc, await doc.embedFont(f.regular, { subset: true }), await doc.embedFont(f.bold, { subset: true }));
  for (const b of blocks) {
    if (b.kind === 'text') textBlock(layout, b);
    else if (b.kind === 'columns') columnsBlock(layout, b);
    else if (b.kind === 'table') tableBlock(layout, b);
    else if (b.kind === 'signature') signatureBlock(layout, b);
    else if (!layout.ensure(b.height + (b.keep ?? 0))) layout.y -= b.height;
  }
  layout.pages.forEach((page, i) => {
    if (i === 0) return;
    const label = String(i + 1);
    page.drawText(label, { x: LEFT + (TEXT_W - layout.regular.widthOfTextAtSize(label, 10)) / 2, y: PAGE_H - TOP / 2, size: 10, font: layout.regular, color: BLACK });
  });
  makeArchival(doc, meta);
  return save(doc);
}
