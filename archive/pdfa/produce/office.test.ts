import { describe, expect, it } from 'vitest';
import { findLibreOffice, OfficeConversionError, officeToPdfa } from './office.ts';

const meta = { title: 'Служебная записка', author: 'Отдел', created: '2026-01-15T12:00:00+03:00', documentId: 'memo-1' };
const soffice = findLibreOffice();
if (!soffice) console.warn('LibreOffice conversion test skipped: libreoffice-writer-nogui is not installed');

describe('DOCX/ODT to PDF/A', () => {
  it('says clearly, in Russian and English, when LibreOffice is missing', async () => {
    const err = await officeToPdfa(new Uint8Array([1, 2, 3]), 'docx', meta, { soffice: false }).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(OfficeConversionError);
    expect((err as OfficeConversionError).code).toBe('OFFICE_CONVERTER_MISSING');
    expect((err as OfficeConversionError).message).toMatch(/LibreOffice не установлен.*LibreOffice is not installed/s);
  });

  it.skipIf(!soffice)('converts an RTF letter into a conformant PDF/A', async () => {
    if (!soffice) return;
    const rtf = new TextEncoder().encode('{\\rtf1\\ansi{\\fonttbl{\\f0 Times New Roman;}}\\f0\\fs24 Kartoteka test letter\\par}');
    const n = await officeToPdfa(rtf, 'rtf', meta, { soffice });
    expect(n.report.errors).toEqual([]);
  });
});
