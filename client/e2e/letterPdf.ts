import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument } from 'pdf-lib';
import { REPO_ROOT } from './environment.ts';

/** A one-page letter with a real text layer in Russian (PT Serif, embedded), as a scanner with OCR or a word processor makes. */
export async function letterPdf(lines: readonly string[]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const font = await pdf.embedFont(await readFile(join(REPO_ROOT, 'archive/fonts/PTSerif-Regular.ttf')), { subset: true });
  const page = pdf.addPage([595, 842]);
  let y = 780;
  for (const line of lines) {
    page.drawText(line, { x: 60, y, size: 13, font });
    y -= 22;
  }
  pdf.setTitle('Письмо');
  return pdf.save();
}
