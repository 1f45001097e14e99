import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { OcrEngine } from './engine.ts';
import { OcrError } from './errors.ts';
import { preparePages } from './prepare.ts';
import { buildTextLayer } from './textLayer.ts';
import { resolveTessdata } from './tessdata.ts';

const fixture = (name: string): Uint8Array => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

async function bornDigitalPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595, 842]);
  page.drawText('Outgoing No. 12-34/567 of 05.03.2026', { x: 72, y: 700, size: 12, font });
  page.drawText('Subject: road repairs in the town centre', { x: 72, y: 680, size: 12, font });
  return doc.save();
}

describe('OcrEngine', () => {
  const engine = new OcrEngine({ size: 1 });
  afterAll(() => engine.close());

  it('reads a born-digital PDF from its text layer without OCR', async () => {
    const doc = await engine.recognize(await bornDigitalPdf());
    expect(doc.mime).toBe('application/pdf');
    expect(doc.pages).toHaveLength(1);
    const page = doc.pages[0]!;
    expect(page.source).toBe('text-layer');
    expect(page.text).toContain('12-34/567');
    const word = page.lines.flatMap((l) => l.words).find((w) => w.text === 'Outgoing')!;
    // 72 pt from the left edge at 300 dpi is 300 px
    expect(word.box.x0).toBeCloseTo(300, 0);
    const layer = buildTextLayer(doc)[0]!;
    const lw = layer.words.find((w) => w.text === 'Outgoing')!;
    expect(lw.x).toBeCloseTo(72, 1);
    expect(lw.y).toBeGreaterThan(695);
    expect(lw.y).toBeLessThan(705);
    expect(lw.fontSize).toBeGreaterThan(10);
  });

  it('turns an upside-down scan and recognises Russian text', async () => {
    const doc = await engine.recognize(fixture('heading-upside-down.png'));
    const page = doc.pages[0]!;
    expect(page.source).toBe('ocr');
    expect(page.rotation).toBe(180);
    expect(page.text).toMatch(/Администрация города/);
    const words = page.lines.flatMap((l) => l.words);
    expect(words.every((w) => w.box.x1 > w.box.x0 && w.confidence >= 0 && w.confidence <= 100)).toBe(true);
    // The layer maps words back onto the page as supplied, which is upside down.
    const layer = buildTextLayer(doc)[0]!;
    expect(Math.abs(Math.abs(layer.words[0]!.angle) - 180)).toBeLessThan(5);
  });

  it('rejects input that is not an image or PDF with a stable code', async () => {
    await expect(engine.recognize(new TextEncoder().encode('hello'))).rejects.toMatchObject({ code: 'OCR_INPUT_UNSUPPORTED' });
  });
});

describe('preparation', () => {
  it('splits a multi-page TIFF into pages', async () => {
    const pages = await preparePages(fixture('two-pages.tif'), { minTextChars: 20 });
    expect(pages.map((p) => p.index)).toEqual([1, 2]);
    expect(pages.every((p) => p.kind === 'image' && p.width === 1400 && p.height === 200)).toBe(true);
  });
});

describe('tessdata', () => {
  it('fails fast with OCR_LANG_MISSING for a model nobody has', () => {
    expect(() => resolveTessdata('xyzzy')).toThrow(OcrError);
    try {
      resolveTessdata('rus+xyzzy');
    } catch (err) {
      expect((err as OcrError).code).toBe('OCR_LANG_MISSING');
    }
  });

  it('prefers the bundled models', () => {
    expect(resolveTessdata('rus+eng')).toMatch(/ocr\/tessdata\/?$/);
  });
});
