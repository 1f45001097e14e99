// PDF/A copies of a card's files: scans keep the scanner's JPEG bytes, images become PDF/A, formats without a
// conversion are recorded with the reason. OCR is off here (the OCR text layer is the ocr/ library's, tested there).
import { PDFDocument, PDFName, PDFRawStream, PDFRef, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { checkPdfa, findLibreOffice } from '../../../archive/index.ts';
import { makeRendition } from './renditions.ts';
import { scanPage, scanPdf } from './scanFixture.ts';

const page = (n: number, type: 'jpeg' | 'png'): Uint8Array => scanPage(n, { dpi: 100, type, lines: 3 });

const meta = { title: 'Скан', author: 'Kartoteka', created: '2026-11-20T09:00:00Z', documentId: 'urn:test:1' };

describe('PDF/A renditions of card files', () => {
  it('an image-only PDF keeps each page’s JPEG byte for byte, at the resolution of the page size', async () => {
    const jpegs = [1, 2, 3].map((n) => page(n, 'jpeg'));
    const r = await makeRendition({ name: 'скан.pdf', mime: 'application/pdf', bytes: await scanPdf(jpegs) }, meta, { ocr: false });
    expect(r.rendition?.conversion?.method).toBe('scan');
    const out = Buffer.from(r.rendition!.bytes);
    for (const j of jpegs) expect(out.indexOf(Buffer.from(j))).toBeGreaterThan(0);
    expect(checkPdfa(r.rendition!.bytes).conformant).toBe(true);
    const again = await PDFDocument.load(r.rendition!.bytes);
    expect(again.getPages().map((p) => Math.round(p.getWidth()))).toEqual([595, 595, 595]);
  });

  it('keeps an upload that is PDF/A already, also when its XMP packet is compressed', async () => {
    const scan = await makeRendition({ name: 'скан.pdf', mime: 'application/pdf', bytes: await scanPdf([page(1, 'jpeg')]) }, meta, { ocr: false });
    const pdfa = scan.rendition!.bytes;
    const kept = await makeRendition({ name: 'архивная.pdf', mime: 'application/pdf', bytes: pdfa }, meta, { ocr: false });
    expect(kept.rendition?.conversion?.method).toBe('unchanged');
    expect(kept.rendition?.bytes).toBe(pdfa);
    // The same file with its metadata stream Flate-encoded (PDF/A-2 allows it): the claim is still seen.
    const doc = await PDFDocument.load(pdfa, { updateMetadata: false });
    const ref = doc.catalog.get(PDFName.of('Metadata')) as PDFRef;
    doc.context.assign(ref, doc.context.flateStream((doc.context.lookup(ref) as PDFRawStream).getContents(), { Type: 'Metadata', Subtype: 'XML' }));
    const compressed = await doc.save({ useObjectStreams: false, updateFieldAppearances: false });
    expect(Buffer.from(compressed).includes('pdfa/ns/id')).toBe(false);
    expect(checkPdfa(compressed).conformant).toBe(true);
    const keptToo = await makeRendition({ name: 'сжатая.pdf', mime: 'application/pdf', bytes: compressed }, meta, { ocr: false });
    expect(keptToo.rendition?.conversion?.method).toBe('unchanged');
  });

  it('decides scan or born-digital from the text the file-processing job stored, without reading the PDF again', async () => {
    const bytes = await scanPdf([1, 2].map((n) => page(n, 'jpeg')));
    const asScan = await makeRendition({ name: 'скан.pdf', mime: 'application/pdf', bytes, text: { text: ' \f ', pages: 2 } }, meta, { ocr: false });
    expect(asScan.rendition?.conversion?.method).toBe('scan');
    // A stored text layer wins over the bytes: the same image-only file is then treated as born-digital.
    const asText = await makeRendition({ name: 'скан.pdf', mime: 'application/pdf', bytes, text: { text: 'Входящее письмо о ремонте кровли здания', pages: 2 } }, meta, { ocr: false });
    expect(asText.rendition?.conversion?.method).not.toBe('scan');
  });

  it('a born-digital PDF is normalised, a PNG scan becomes PDF/A, other formats get a note with the reason', async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    doc.addPage([595, 842]).drawText('A born-digital letter with enough text to count as text.', { x: 50, y: 780, size: 12, font });
    const pdf = await makeRendition({ name: 'письмо.pdf', mime: 'application/pdf', bytes: await doc.save() }, meta, { ocr: false });
    expect(pdf.rendition && checkPdfa(pdf.rendition.bytes).conformant).toBe(true);
    expect(['lossless', 'ghostscript', 'rasterised']).toContain(pdf.rendition?.conversion?.method);
    const png = await makeRendition({ name: 'фото.png', mime: 'image/png', bytes: page(1, 'png') }, meta, { ocr: false });
    expect(png.rendition?.name).toBe('фото.pdf');
    expect(checkPdfa(png.rendition!.bytes).conformant).toBe(true);
    const zip = await makeRendition({ name: 'архив.zip', mime: 'application/zip', bytes: new Uint8Array([0x50, 0x4b, 3, 4]) }, meta, { ocr: false });
    expect(zip.rendition).toBeUndefined();
    expect(zip.note).toMatchObject({ kind: 'no-rendition', file: 'архив.zip' });
    if (!findLibreOffice()) {
      const docx = await makeRendition({ name: 'приказ.docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', bytes: new Uint8Array([0x50, 0x4b]) }, meta, { ocr: false });
      expect(docx.note?.message).toMatch(/LibreOffice/);
    }
  });
});
