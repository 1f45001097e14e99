import { describe, expect, it } from 'vitest';
import { PDFDocument, PDFName, rgb } from 'pdf-lib';
import { checkPdfa } from '../validate.ts';
import { drawableText, generateDocument, imagesToPdfa, makeArchival, save } from './produce.ts';

const meta = { title: 'Опись дел № 1 за 2025 год', author: 'Архив администрации', created: '2026-01-15T12:00:00+03:00', documentId: 'card-42' };

async function samplePng(): Promise<Uint8Array> {
  // A tiny PNG made through pdf-lib's own encoder path is not available, so use a known 1×1 PNG.
  return Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDK+mmyAAAAABJRU5ErkJggg==', 'base64'));
}

describe('PDF/A-2B production', () => {
  it('writes CRLF before endstream when a stream’s data ends with CR, so that Length still matches (6.1.7.1-1)', async () => {
    // Compressed data ends with 0x0D about once in 256 streams; with LF alone the CR and LF read as one CRLF.
    const doc = await PDFDocument.create({ updateMetadata: false });
    doc.addPage([200, 200]);
    const data = Uint8Array.from([0x41, 0x42, 0x0d]);
    doc.catalog.set(PDFName.of('KartotekaTest'), doc.context.register(doc.context.stream(data)));
    makeArchival(doc, meta);
    const bytes = await save(doc);
    expect(Buffer.from(bytes).includes(Buffer.from('AB\r\r\nendstream'))).toBe(true);
    const r = checkPdfa(bytes);
    expect(r.errors).toEqual([]);
    // The cross-reference offsets still point at the objects (pdf-lib computes them from sizeInBytes).
    expect((await PDFDocument.load(bytes)).getPageCount()).toBe(1);
  });

  it('draws what the fonts lack as "?", so that text typed by people never needs the .notdef glyph', async () => {
    expect(drawableText('Иванов №5 «ок» — ё')).toBe('Иванов №5 «ок» — ё');
    expect(drawableText('李 ✓ 😀\u0007x\nдалее')).toBe('? ? ? x\nдалее');
    const pdf = await generateDocument(meta, [{ text: 'Текст 漢字 עברית ✓ ♥ 😀 конец' }, { text: 'Ли 李小龙', bold: true }]);
    expect(checkPdfa(pdf).errors).toEqual([]);
  });

  it('generates a Cyrillic document that passes our validator, byte-identical on repeat', async () => {
    const paras = [
      { text: 'ОПИСЬ ДЕЛ ПОСТОЯННОГО ХРАНЕНИЯ', bold: true, size: 14 },
      { text: 'Дело 01-15. Переписка с гражданами по обращениям (59-ФЗ). Срок хранения — 5 лет, ст. 154 Перечня.' },
    ];
    const a = await generateDocument(meta, paras);
    const b = await generateDocument(meta, paras);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const r = checkPdfa(a);
    expect(r.errors).toEqual([]);
    expect(r.conformant).toBe(true);
    const loaded = await PDFDocument.load(a);
    expect(loaded.getTitle()).toBe(meta.title);
  });

  it('turns scans into PDF/A with an invisible text layer', async () => {
    const pdf = await imagesToPdfa(meta, [{ image: await samplePng(), kind: 'png', dpi: 1, words: [{ text: 'Входящий', x: 0, y: 0, w: 2, h: 1 }] }]);
    const r = checkPdfa(pdf);
    expect(r.errors).toEqual([]);
  });

  it('writes large streams with the very bytes pdf-lib writes', async () => {
    const big = Uint8Array.from({ length: 300_000 }, (_, i) => (i * 2654435761) >>> 24);
    const make = async (): Promise<PDFDocument> => {
      const doc = await PDFDocument.create({ updateMetadata: false });
      const page = doc.addPage([200, 200]);
      page.node.set(PDFName.of('Big'), doc.context.register(doc.context.stream(big, { Filter: 'DCTDecode' })));
      return doc;
    };
    const ours = await save(await make());
    const theirs = await (await make()).save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false });
    expect(Buffer.from(ours).equals(Buffer.from(theirs))).toBe(true);
    expect(Buffer.from(ours).indexOf(Buffer.from(big))).toBeGreaterThan(0);
  });

  it('is caught by the validator when a plain pdf-lib file lacks PDF/A metadata', async () => {
    const doc = await PDFDocument.create();
    doc.addPage().drawRectangle({ x: 10, y: 10, width: 50, height: 50, color: rgb(1, 0, 0) });
    const r = checkPdfa(await doc.save());
    expect(r.conformant).toBe(false);
    expect(r.errors.map((e) => e.rule)).toEqual(expect.arrayContaining(['6.6.2.1-1', '6.1.3-1', '6.2.4.3-2']));
  });
});
