import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument } from 'pdf-lib';
import { REPO_ROOT } from './environment.ts';

/** A line placed on the page (PDF points from the bottom-left), for letters with a real layout (addressee on the right). */
export interface PlacedLine {
  text: string;
  x: number;
  y: number;
}

/** A one-page letter with a real text layer in Russian (PT Serif, embedded), as a scanner with OCR or a word processor makes. */
export async function letterPdf(lines: readonly (string | PlacedLine)[]): Promise<Uint8Array> {
  return letterPdfPages([lines]);
}

/** The same, one page per list of lines. */
export async function letterPdfPages(pages: readonly (readonly (string | PlacedLine)[])[]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const font = await pdf.embedFont(await readFile(join(REPO_ROOT, 'archive/fonts/PTSerif-Regular.ttf')), { subset: true });
  for (const lines of pages) {
    const page = pdf.addPage([595, 842]);
    let y = 780;
    for (const line of lines) {
      if (typeof line === 'string') {
        page.drawText(line, { x: 60, y, size: 13, font });
        y -= 22;
      } else {
        page.drawText(line.text, { x: line.x, y: line.y, size: 11, font });
      }
    }
  }
  pdf.setTitle('Письмо');
  return pdf.save();
}
