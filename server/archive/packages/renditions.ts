// The PDF/A copy of each document of a card: an existing PDF/A is kept, a born-digital PDF is normalised,
// scans (images, image-only PDFs) become PDF/A with the OCR text as an invisible layer, DOCX/ODT go through
// LibreOffice when installed. What could not be converted is recorded with the reason, never silently dropped.
import { createCanvas } from '@napi-rs/canvas';
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, PDFRef } from 'pdf-lib';
import {
  checkPdfa,
  findLibreOffice,
  imagesToPdfa,
  normalizeToPdfa,
  officeToPdfa,
  type DocumentMeta,
  type ScanPage,
} from '../../../archive/index.ts';
import { buildTextLayer, type OcrDocument } from '../../../ocr/index.ts';
import { extractText, openPdf } from '../../files/extractText.ts';
import { ocrEngine } from '../../autofill/ocrService.ts';
import type { PackageNote } from '../../models/ArchivePackage.ts';

export interface Rendition {
  name: string;
  bytes: Uint8Array;
  mime: 'application/pdf';
  conversion?: { method: string; reason: string; from?: string };
}

export interface RenditionOptions {
  /** OCR for scans; off in the benchmark (which measures packaging without OCR) */
  ocr: boolean;
}

const OFFICE: Record<string, 'docx' | 'odt' | 'doc' | 'rtf'> = {
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/msword': 'doc',
  'application/rtf': 'rtf',
};

const SCAN_DPI = 200;

export function pdfName(name: string): string {
  return `${name.replace(/\.[^.]+$/, '')}.pdf`;
}

/** OCR words as ScanPage words: pixels of the image as supplied, top-left origin. */
function scanWords(doc: OcrDocument | null, index: number): ScanPage['words'] {
  const layer = doc ? buildTextLayer(doc)[index] : undefined;
  const s = doc?.pages[index]?.sourceScale;
  if (!layer || !s) return [];
  return layer.words.map((w) => ({ text: w.text, x: w.x * s, y: (layer.heightPt - w.y - w.fontSize) * s, w: w.width * s, h: w.fontSize * s }));
}

async function ocr(bytes: Uint8Array, enabled: boolean): Promise<OcrDocument | null> {
  if (!enabled) return null;
  return (await ocrEngine()).recognize(bytes);
}

async function imageRendition(bytes: Uint8Array, kind: 'png' | 'jpeg', meta: DocumentMeta, options: RenditionOptions): Promise<Uint8Array> {
  const doc = await ocr(bytes, options.ocr);
  const dpi = doc?.pages[0] ? Math.round(doc.pages[0].sourceScale * 72) : 300;
  return imagesToPdfa(meta, [{ image: bytes, kind, dpi, words: scanWords(doc, 0) }]);
}

async function loadPdf(bytes: Uint8Array): Promise<PDFDocument | null> {
  try {
    // parseSpeed Infinity: no setTimeout pause every 100 objects while parsing (same result).
    return await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: false, parseSpeed: Infinity });
  } catch {
    return null;
  }
}

const PDFAID_NAMESPACE = Buffer.from('http://www.aiim.org/pdfa/ns/id/');

/**
 * Whether the PDF may be PDF/A: only a file whose catalog metadata declares the PDF/A identification namespace can
 * conform (the validator requires pdfaid:part there, clause 6.6.4), so any other is not validated at all. The XMP
 * packet is searched without its zero bytes, which also finds the namespace in UTF-16 or UTF-32; a metadata stream
 * pdf-lib cannot decode counts as a claim, and the validator decides.
 */
function claimsPdfa(doc: PDFDocument): boolean {
  const metadata = doc.catalog.get(PDFName.of('Metadata'));
  const stream = metadata instanceof PDFRef ? doc.context.lookup(metadata) : metadata;
  if (!(stream instanceof PDFRawStream)) return false;
  try {
    return Buffer.from(decodePDFRawStream(stream).decode().filter((b) => b !== 0)).includes(PDFAID_NAMESPACE);
  } catch {
    return true;
  }
}

/**
 * The scanner's own JPEG of each page, when every page of the PDF shows exactly one DCT-encoded image: re-used
 * byte for byte (no re-encoding, no loss), at the resolution the page size implies. Null when the layout is any
 * other, and the pages are rendered instead.
 */
function pageJpegs(doc: PDFDocument | null): { image: Uint8Array; dpi: number }[] | null {
  if (!doc) return null;
  const out: { image: Uint8Array; dpi: number }[] = [];
  for (const page of doc.getPages()) {
    const xobjects = page.node.Resources()?.lookupMaybe(PDFName.of('XObject'), PDFDict);
    const images = (xobjects?.entries() ?? []).map(([, v]) => (v instanceof PDFRef ? doc.context.lookup(v) : v));
    if (images.length !== 1 || !(images[0] instanceof PDFRawStream)) return null;
    const dict = images[0].dict;
    const filter = dict.get(PDFName.of('Filter'));
    const dct = filter === PDFName.of('DCTDecode') || (filter instanceof PDFArray && filter.size() === 1 && filter.get(0) === PDFName.of('DCTDecode'));
    const space = dict.get(PDFName.of('ColorSpace'));
    const width = dict.get(PDFName.of('Width'));
    if (!dct || (space !== PDFName.of('DeviceRGB') && space !== PDFName.of('DeviceGray')) || !(width instanceof PDFNumber) || page.getRotation().angle % 360 !== 0) return null;
    out.push({ image: images[0].contents, dpi: (width.asNumber() * 72) / page.getWidth() });
  }
  return out.length > 0 ? out : null;
}

/** Pages of an image-only PDF rendered at SCAN_DPI, OCRed, and laid out again as PDF/A. */
async function scannedPdfRendition(bytes: Uint8Array, doc: PDFDocument | null, meta: DocumentMeta, options: RenditionOptions): Promise<Uint8Array> {
  const jpegs = pageJpegs(doc);
  if (jpegs) {
    const pages: ScanPage[] = [];
    for (const j of jpegs) pages.push({ image: j.image, kind: 'jpeg', dpi: j.dpi, words: scanWords(await ocr(j.image, options.ocr), 0) });
    try {
      return await imagesToPdfa(meta, pages);
    } catch {
      // An image pdf-lib cannot embed (CMYK, progressive oddities): render the pages instead.
    }
  }
  const pdf = await openPdf(bytes);
  const pages: ScanPage[] = [];
  try {
    for (let i = 1; i <= pdf.numPages; i += 1) {
      const page = await pdf.getPage(i);
      const viewport = page.getViewport({ scale: SCAN_DPI / 72 });
      const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
      const ctx = canvas.getContext('2d');
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      await page.render({ canvas: canvas as unknown as HTMLCanvasElement, canvasContext: ctx as unknown as CanvasRenderingContext2D, viewport }).promise;
      const image = new Uint8Array(await canvas.encode('png'));
      const doc = await ocr(image, options.ocr);
      pages.push({ image, kind: 'png', dpi: SCAN_DPI, words: scanWords(doc, 0) });
      page.cleanup();
    }
  } finally {
    await pdf.destroy();
  }
  return imagesToPdfa(meta, pages);
}

/** Text the file-processing job already extracted from the file (`file_texts`), with the same `extractText`. */
export interface KnownText {
  text: string;
  pages: number | null;
}

export async function makeRendition(
  file: { name: string; mime: string; bytes: Uint8Array; text?: KnownText },
  meta: DocumentMeta,
  options: RenditionOptions,
): Promise<{ rendition?: Rendition; note?: PackageNote }> {
  const name = pdfName(file.name);
  const from = file.name;
  const ocrWord = options.ocr ? 'with an OCR text layer' : 'without OCR (disabled)';
  try {
    if (file.mime === 'application/pdf') {
      // One parse serves the claim and the scan's pages; a file pdf-lib cannot read goes to the validator as before.
      const doc = await loadPdf(file.bytes);
      let conformant = false;
      try {
        conformant = (!doc || claimsPdfa(doc)) && checkPdfa(file.bytes).conformant;
      } catch {
        conformant = false;
      }
      if (conformant) return { rendition: { name, bytes: file.bytes, mime: 'application/pdf', conversion: { method: 'unchanged', reason: 'already PDF/A-2B', from } } };
      // The upload's text layer was read by the file-processing job; only a file it has not reached yet is parsed here.
      const text = file.text ?? (await extractText(file.bytes, file.mime));
      if (text.text.replace(/\s+/g, '').length < 20 && (text.pages ?? 0) > 0) {
        const pdf = await scannedPdfRendition(file.bytes, doc, meta, options);
        return { rendition: { name, bytes: pdf, mime: 'application/pdf', conversion: { method: 'scan', reason: `image-only PDF: pages rendered at ${SCAN_DPI} dpi ${ocrWord}`, from } } };
      }
      const n = await normalizeToPdfa(file.bytes, meta);
      return { rendition: { name, bytes: n.pdf, mime: 'application/pdf', conversion: { method: n.method, reason: n.reason, from } } };
    }
    if (file.mime === 'image/png' || file.mime === 'image/jpeg') {
      const pdf = await imageRendition(file.bytes, file.mime === 'image/png' ? 'png' : 'jpeg', meta, options);
      return { rendition: { name, bytes: pdf, mime: 'application/pdf', conversion: { method: 'scan', reason: `scanned image ${ocrWord}`, from } } };
    }
    const office = OFFICE[file.mime];
    if (office) {
      if (!findLibreOffice()) {
        return { note: { file: file.name, kind: 'no-rendition', message: 'LibreOffice не установлен: копия PDF/A не создана / LibreOffice is not installed: no PDF/A copy was made' } };
      }
      const n = await officeToPdfa(file.bytes, office, meta);
      return { rendition: { name, bytes: n.pdf, mime: 'application/pdf', conversion: { method: `libreoffice+${n.method}`, reason: n.reason, from } } };
    }
    return { note: { file: file.name, kind: 'no-rendition', message: `Формат ${file.mime} не преобразуется в PDF/A; хранится только оригинал / ${file.mime} has no PDF/A conversion; the original is kept` } };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { note: { file: file.name, kind: 'no-rendition', message: `Копия PDF/A не создана / no PDF/A copy: ${message}` } };
  }
}
