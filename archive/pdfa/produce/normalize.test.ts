import { execFileSync } from 'node:child_process';
import { PDFDocument, PDFName, StandardFonts, rgb } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { checkPdfa } from '../validate.ts';
import { PdfFile } from '../file.ts';
import { PdfStream } from '../objects.ts';
import { NormalizationError, normalizeToPdfa } from './normalize.ts';
import { generateDocument } from './produce.ts';

const meta = { title: 'Договор', author: 'Юрист', created: '2026-01-15T12:00:00+03:00', documentId: 'contract-9' };
let gsPresent = true;
try {
  execFileSync('gs', ['--version'], { stdio: 'ignore' });
} catch {
  gsPresent = false;
  console.warn('Ghostscript fallback test skipped: ghostscript is not installed');
}

describe('born-digital PDF normalisation', () => {
  it('keeps an existing PDF/A unchanged', async () => {
    const pdf = await generateDocument(meta, [{ text: 'Уже PDF/A' }]);
    const n = await normalizeToPdfa(pdf, meta);
    expect(n.method).toBe('unchanged');
    expect(n.pdf).toBe(pdf);
  });

  it('makes a drawing-only PDF with a JavaScript open action conformant losslessly and deterministically', async () => {
    const doc = await PDFDocument.create();
    doc.addPage([300, 300]).drawRectangle({ x: 20, y: 20, width: 100, height: 60, color: rgb(0.2, 0.4, 0.8) });
    const js = doc.context.obj({ S: 'JavaScript', JS: 'app.alert(1)' });
    doc.catalog.set(PDFName.of('OpenAction'), doc.context.register(js));
    const src = await doc.save();
    const a = await normalizeToPdfa(src, meta, { ghostscript: false });
    const b = await normalizeToPdfa(src, meta, { ghostscript: false });
    expect(a.method).toBe('lossless');
    expect(a.reason).toMatch(/JavaScript/);
    expect(a.report.errors).toEqual([]);
    expect(Buffer.from(a.pdf).equals(Buffer.from(b.pdf))).toBe(true);
  });

  it('reports why when no route is allowed to work', async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    doc.addPage([300, 300]).drawText('not embedded', { x: 20, y: 20, font });
    const err = await normalizeToPdfa(await doc.save(), meta, { ghostscript: false, rasterise: false }).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(NormalizationError);
    expect((err as NormalizationError).attempts.join(' ')).toMatch(/6\.2\.11\.4\.1-1/);
  });

  it('rasterises with an invisible text layer when nothing else works', async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    doc.addPage([300, 300]).drawText('Searchable after rasterising', { x: 20, y: 150, size: 14, font });
    const n = await normalizeToPdfa(await doc.save(), meta, { ghostscript: false });
    expect(n.method).toBe('rasterised');
    expect(n.report.errors).toEqual([]);
    const loaded = await PDFDocument.load(n.pdf);
    expect(loaded.getPageCount()).toBe(1);
    expect(Math.round(loaded.getPage(0).getWidth())).toBe(300);
    const file = new PdfFile(n.pdf);
    const content = [...file.objects.values()].filter((v): v is PdfStream => v instanceof PdfStream).map((st) => new TextDecoder('latin1').decode(file.decode(st) ?? new Uint8Array()));
    expect(content.some((c) => c.includes('3 Tr'))).toBe(true);
  });

  it.skipIf(!gsPresent)('falls back to Ghostscript to embed fonts, and the result passes our validator', async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    doc.addPage([300, 300]).drawText('Standard 14 font, not embedded', { x: 20, y: 150, size: 12, font });
    const n = await normalizeToPdfa(await doc.save(), meta);
    expect(n.method).toBe('ghostscript');
    expect(checkPdfa(n.pdf).errors).toEqual([]);
  });
});
