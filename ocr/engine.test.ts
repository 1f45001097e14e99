import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { columnsOf, garbledLines, OcrEngine, smallTypeLines } from './engine.ts';
import { OcrError } from './errors.ts';
import { preparePages } from './prepare.ts';
import { buildTextLayer } from './textLayer.ts';
import { resolveTessdata } from './tessdata.ts';
import type { OcrLine } from './types.ts';

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

/** A line of words `[text, x0, x1, confidence]` on the row y0..y1. */
function line(y0: number, y1: number, words: Array<[string, number, number, number]>): OcrLine {
  const ws = words.map(([text, x0, x1, confidence]) => ({ text, confidence, box: { x0, y0, x1, y1 } }));
  return {
    text: ws.map((w) => w.text).join(' '),
    box: { x0: ws[0]!.box.x0, y0, x1: ws[ws.length - 1]!.box.x1, y1 },
    confidence: ws.reduce((s, w) => s + w.confidence, 0) / ws.length,
    words: ws,
  };
}

describe('lines read again', () => {
  // A letterhead with the addressee in the right column, 40-px lines, text from x = 300 to 2300.
  const body = [
    line(900, 940, [['Просим', 300, 500, 95], ['рассмотреть', 520, 900, 96], ['вопрос', 920, 1100, 94], ['о', 1120, 1140, 95], ['ремонте', 1160, 2300, 96]]),
    line(960, 1000, [['дорожного', 300, 600, 95], ['покрытия', 620, 900, 96], ['на', 920, 980, 94], ['улице', 1000, 1200, 95]]),
    line(1020, 1060, [['Молодёжной', 300, 700, 95], ['от', 720, 780, 96], ['дома', 800, 950, 94], ['№', 970, 1000, 95]]),
  ];

  it('picks a right-column line read as junk, with the capital read apart on its row', () => {
    const junk = line(440, 480, [['Е', 1244, 1300, 10], ['ЕО', 1400, 1930, 20]]);
    const capital = line(444, 475, [['T', 1216, 1242, 92]]);
    const speck = line(300, 304, [[',', 1500, 1504, 5]]);
    const margin = line(600, 650, [['о', 30, 140, 3]]);
    // Read right at low confidence: as many letters as its width holds, so no junk.
    const signer = line(700, 733, [['Степанова', 1652, 1860, 30], ['Е.П.', 1880, 1948, 30]]);
    const found = garbledLines([line(380, 420, [['Заместителю', 1216, 1600, 96], ['главы', 1620, 1800, 96]]), capital, junk, speck, margin, signer, ...body]);
    expect(found.map((f) => f.line)).toEqual([junk]);
    expect(found[0]!.fragments).toEqual([capital]);
    expect(found[0]!.unit).toBe(40);
  });

  it('picks a tall line that joins two columns and splits it at the column gap', () => {
    const joined = line(448, 538, [['ОБ', 304, 380, 90], ['ИСПРАВЛЕНИИ', 400, 800, 70], ['В', 820, 850, 80], ['Главе', 1409, 1560, 40], ['города', 1580, 1760, 90]]);
    const found = garbledLines([joined, ...body]);
    expect(found.map((f) => f.line)).toEqual([joined]);
    expect(columnsOf(joined, joined.box, 40)).toEqual([
      [304, 850],
      [1409, 1760],
    ]);
  });

  it('picks small-type lines that read poorly, not those read well nor body lines', () => {
    const phone = line(3324, 3352, [['Tea.', 344, 420, 40], ['84(8163)40-56-02,', 430, 700, 60], ['E-math', 710, 820, 30]]);
    const registration = line(2522, 2552, [['16.01.2026', 329, 560, 92], ['г.', 570, 600, 90], ['№', 610, 640, 88], ['04-64/865', 650, 864, 86]]);
    const speck = line(3000, 3020, [['.', 500, 510, 10]]);
    const executor = line(3241, 3269, [['Исп', 277, 340, 70], ['Морозов', 350, 520, 85], ['В.В.', 530, 602, 85]]);
    const garbled = line(3300, 3328, [['Коизвагное', 370, 560, 30], ['пицо.', 570, 660, 40], ['Степенова', 670, 840, 60], ['МЕ', 850, 884, 70]]);
    const found = smallTypeLines([...body, phone, registration, speck, executor, garbled, line(1100, 1140, [['Пятая', 300, 500, 60], ['строка', 520, 800, 60]])]);
    expect(found.map((f) => f.line)).toEqual([phone, garbled]);
  });

  it('leaves pages of good lines alone and does not judge a page with too little text', () => {
    expect(garbledLines(body)).toEqual([]);
    expect(garbledLines([line(440, 480, [['Е', 1244, 1300, 10], ['ЕО', 1400, 1930, 20]]), body[0]!])).toEqual([]);
  });
});
