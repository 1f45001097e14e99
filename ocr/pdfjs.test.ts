import { describe, expect, it } from 'vitest';
import { loadPdfjs } from './pdfjs.ts';

describe('loadPdfjs', () => {
  it("keeps the engine's own JSON and Array.prototype.push after pdf.js loads, and pdf.js still works", async () => {
    const before = { stringify: JSON.stringify, parse: JSON.parse, push: Array.prototype.push };
    const pdfjs = await loadPdfjs();
    expect(JSON.stringify).toBe(before.stringify);
    expect(JSON.parse).toBe(before.parse);
    expect(Array.prototype.push).toBe(before.push);
    expect(Object.getOwnPropertyDescriptor(Array.prototype, 'push')?.enumerable).toBe(false);
    expect(typeof pdfjs.getDocument).toBe('function');
    // A one-page PDF with a text line: pdf.js parses it with the restored built-ins.
    const pdf = '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>endobj 4 0 obj<</Length 38>>stream\nBT /F1 12 Tf 20 100 Td (Hello pdf) Tj ET\nendstream endobj 5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF';
    const doc = await pdfjs.getDocument({ data: new TextEncoder().encode(pdf), isEvalSupported: false, verbosity: 0 }).promise;
    const page = await doc.getPage(1);
    const text = await page.getTextContent();
    expect(text.items.map((i) => ('str' in i ? i.str : '')).join('')).toContain('Hello pdf');
    await doc.destroy();
  });
});
