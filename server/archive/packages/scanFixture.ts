// Synthetic scans for the tests and the benchmark: an A4 page of printed lines as JPEG or PNG, and a PDF made of
// such pages the way a scanner writes one (one full-page DCT image per page).
import { createCanvas } from '@napi-rs/canvas';
import { PDFDocument } from 'pdf-lib';

/** A4 at `dpi` (150 → 1240 × 1754 px) with `lines` lines of Russian text. */
export function scanPage(n: number, options: { dpi?: number; type?: 'jpeg' | 'png'; lines?: number } = {}): Uint8Array {
  const dpi = options.dpi ?? 200;
  const [w, h] = [Math.round((210 / 25.4) * dpi), Math.round((297 / 25.4) * dpi)];
  const c = createCanvas(w, h);
  const g = c.getContext('2d');
  g.fillStyle = '#f4f1ea';
  g.fillRect(0, 0, w, h);
  g.fillStyle = '#222';
  g.font = `${Math.round(dpi / 7)}px serif`;
  const step = Math.round(dpi / 4.5);
  for (let i = 0; i < (options.lines ?? 45); i++) g.fillText(`Страница ${n}. Строка ${i + 1}: входящее письмо, резолюция, исполнитель, срок исполнения.`, dpi / 2, dpi + i * step);
  return new Uint8Array(options.type === 'png' ? c.encodeSync('png') : c.encodeSync('jpeg', 80));
}

/** A scanner's PDF: one A4 page per JPEG, the image covering the page. */
export async function scanPdf(pages: Uint8Array[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (const jpeg of pages) doc.addPage([595.28, 841.89]).drawImage(await doc.embedJpg(jpeg), { x: 0, y: 0, width: 595.28, height: 841.89 });
  return doc.save();
}
