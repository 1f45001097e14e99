// PDF/A-2B production with pdf-lib: generated documents (inventories, acts, protocols, receipts)
// with an embedded Cyrillic font, and images (scans) with an optional invisible OCR text layer.
// Deterministic: dates and identifiers come from the input, so the same input gives the same bytes.
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import fontkit from '@pdf-lib/fontkit';
import {
  PDFDocument, PDFFlateStream, PDFHexString, PDFName, PDFRawStream, PDFStream, PDFString, rgb, beginText, endText, setFontAndSize,
  setTextRenderingMode, TextRenderingMode, moveText, showText, type PDFFont, type PDFPage,
} from 'pdf-lib';
import { srgbProfile } from './srgb.ts';
import { pdfaXmp } from './xmp.ts';

export class PdfaProductionError extends Error {
  constructor(
    readonly code: 'PDFA_PRODUCTION_INPUT' | 'PDFA_PRODUCTION_IMAGE',
    message: string,
  ) {
    super(message);
  }
}

export interface DocumentMeta {
  title: string;
  author: string;
  /** RFC 3339 / ISO 8601 with offset; becomes CreationDate, ModDate and the XMP dates */
  created: string;
  /** stable identifier of the document (e.g. the card id); the file ID and xmpMM ids derive from it */
  documentId: string;
}

export interface Paragraph {
  text: string;
  bold?: boolean;
  size?: number;
}

export interface ScanPage {
  image: Uint8Array;
  kind: 'png' | 'jpeg';
  /** OCR words in image pixel coordinates (top-left origin), painted invisibly (text render mode 3) */
  words?: { text: string; x: number; y: number; w: number; h: number }[];
  /** pixels per inch of the scan, 300 when unknown */
  dpi?: number;
}

const PRODUCER = 'Kartoteka archive (pdf-lib)';
const FONT_DIR = new URL('../../fonts/', import.meta.url);
let fonts: { regular: Uint8Array; bold: Uint8Array } | undefined;

export function fontBytes(): { regular: Uint8Array; bold: Uint8Array } {
  fonts ??= {
    regular: new Uint8Array(readFileSync(new URL('PTSerif-Regular.ttf', FONT_DIR))),
    bold: new Uint8Array(readFileSync(new URL('PTSerif-Bold.ttf', FONT_DIR))),
  };
  return fonts;
}

function pdfDate(iso: string): Date {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime()) || !/[zZ]|[+-]\d{2}:\d{2}$/.test(iso)) throw new PdfaProductionError('PDFA_PRODUCTION_INPUT', `created "${iso}" is not a date-time with an offset`);
  return d;
}

/** Adds what PDF/A-2B needs beyond what pdf-lib writes: XMP, output intent, file identifier. */
export function makeArchival(doc: PDFDocument, meta: DocumentMeta): void {
  const created = pdfDate(meta.created);
  const id = createHash('md5').update(`kartoteka:${meta.documentId}`).digest('hex');
  doc.setTitle(meta.title);
  doc.setAuthor(meta.author);
  doc.setProducer(PRODUCER);
  doc.setCreator(PRODUCER);
  doc.setCreationDate(created);
  doc.setModificationDate(created);
  // XMP dates carry the same instant as the Info dictionary, written in UTC.
  const isoUtc = created.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const xmp = pdfaXmp({
    title: meta.title,
    author: meta.author,
    producer: PRODUCER,
    creatorTool: PRODUCER,
    created: isoUtc,
    documentId: `uuid:${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`,
    instanceId: `uuid:${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`,
  });
  const ctx = doc.context;
  const metadata = ctx.stream(new TextEncoder().encode(xmp), { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), ctx.register(metadata));
  const icc = ctx.stream(srgbProfile(), { N: 3 });
  const intent = ctx.obj({
    Type: 'OutputIntent',
    S: 'GTS_PDFA1',
    OutputConditionIdentifier: PDFString.of('sRGB IEC61966-2.1'),
    Info: PDFString.of('sRGB IEC61966-2.1'),
    DestOutputProfile: ctx.register(icc),
  });
  doc.catalog.set(PDFName.of('OutputIntents'), ctx.obj([intent]));
  ctx.trailerInfo.ID = ctx.obj([PDFHexString.of(id), PDFHexString.of(id)]);
}

const STREAM_START = new TextEncoder().encode('\nstream\n');
const STREAM_END = new TextEncoder().encode('\nendstream');
const STREAM_END_CRLF = new TextEncoder().encode('\r\nendstream');

/** The bytes pdf-lib's PDFStream.copyBytesInto writes (with `end` after the data), the contents copied in one `set`. */
function copyStream(stream: PDFStream, buffer: Uint8Array, offset: number, end: Uint8Array): number {
  stream.updateDict();
  const start = offset;
  offset += stream.dict.copyBytesInto(buffer, offset);
  buffer.set(STREAM_START, offset);
  offset += STREAM_START.length;
  const contents = stream.getContents();
  buffer.set(contents, offset);
  offset += contents.length;
  buffer.set(end, offset);
  return offset + end.length - start;
}

/** Instead of pdf-lib's byte loop: the same bytes, copied in bulk. */
function copyStreamInBulk(this: PDFRawStream, buffer: Uint8Array, offset: number): number {
  return copyStream(this, buffer, offset, STREAM_END);
}

/**
 * For a stream whose data ends with a carriage return: pdf-lib writes LF before `endstream`, and the data's CR and that
 * LF read as one CRLF end-of-line, so a reader (ours, veraPDF) counts one byte less than Length (6.1.7.1-1). Compressed
 * data ends with CR about once in 256 streams: a generated form failed the check about once in 150 (the destruction
 * act of the flaky recordsManagement test). Writing CRLF there keeps the data's own CR inside the stream.
 */
function copyStreamEndingInCr(this: PDFStream, buffer: Uint8Array, offset: number): number {
  return copyStream(this, buffer, offset, STREAM_END_CRLF);
}

function sizeWithCrlfEnd(this: PDFStream): number {
  return PDFStream.prototype.sizeInBytes.call(this) + 1;
}

/**
 * Content streams below this size are stored without Flate: it would save a few bytes, and pako makes and zeroes
 * ≈ 300 KB of tables for every stream (a scan page's content, drawing its image, is ≈ 50 bytes).
 */
const FLATE_MIN_BYTES = 1024;

function storeUnencoded(stream: PDFFlateStream): void {
  Reflect.set(stream, 'encode', false);
  stream.dict.delete(PDFName.of('Filter'));
  (Reflect.get(stream, 'contentsCache') as { invalidate(): void }).invalidate();
}

export async function save(doc: PDFDocument): Promise<Uint8Array> {
  // pdf-lib copies stream contents into the output a byte at a time (≈ 6 ms for the 1.5 MB of JPEG of a 3-page
  // scan); large streams are given a bulk copy that writes the same bytes (produce.test.ts compares the two).
  await doc.flush();
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFStream)) continue;
    if (obj instanceof PDFFlateStream && Reflect.get(obj, 'encode') === true && obj.getUnencodedContents().length < FLATE_MIN_BYTES) storeUnencoded(obj);
    const contents = obj.getContents();
    if (contents[contents.length - 1] === 0x0d) {
      Object.defineProperty(obj, 'copyBytesInto', { value: copyStreamEndingInCr });
      Object.defineProperty(obj, 'sizeInBytes', { value: sizeWithCrlfEnd });
    } else if (obj instanceof PDFRawStream && obj.getContentsSize() >= 64 * 1024) Object.defineProperty(obj, 'copyBytesInto', { value: copyStreamInBulk });
  }
  // objectsPerTick: Infinity — pdf-lib otherwise yields to a setTimeout every 50 objects (≥ 1 ms each, longer on a
  // busy machine) while writing; the bytes are the same.
  return doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false, objectsPerTick: Infinity });
}

export function wrap(font: PDFFont, text: string, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(/\s+/).filter((w) => w.length > 0)) {
      const candidate = line === '' ? word : `${line} ${word}`;
      if (font.widthOfTextAtSize(candidate, size) <= width || line === '') line = candidate;
      else {
        lines.push(line);
        line = word;
      }
    }
    lines.push(line);
  }
  return lines;
}

let drawable: Set<number> | undefined;

/**
 * The text with every character the embedded fonts cannot draw replaced by '?'. Text typed by people (a citizen's
 * appeal, a certificate's subject) may hold any script or an emoji; drawn, such a character would be the .notdef glyph,
 * which PDF/A forbids (ISO 19005-2, 6.2.11.8). Line breaks stay.
 */
export function drawableText(text: string): string {
  if (!drawable) {
    const create = (fontkit as unknown as { create(bytes: Uint8Array): { characterSet: number[] } }).create;
    const f = fontBytes();
    const bold = new Set(create(f.bold).characterSet);
    drawable = new Set(create(f.regular).characterSet.filter((c) => bold.has(c)));
  }
  const set = drawable;
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    out += ch === '\n' || set.has(code) ? ch : code < 0x20 || code === 0x7f ? ' ' : '?';
  }
  return out;
}

/** A generated A4 document (inventory, act, approval sheet, verification protocol, receipt). */
export async function generateDocument(meta: DocumentMeta, paragraphs: Paragraph[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit);
  const f = fontBytes();
  const regular = await doc.embedFont(f.regular, { subset: true });
  const bold = await doc.embedFont(f.bold, { subset: true });
  const [w, h] = [595.28, 841.89];
  const margin = 56.7;
  let page: PDFPage = doc.addPage([w, h]);
  let y = h - margin;
  for (const p of paragraphs) {
    const font = p.bold ? bold : regular;
    const size = p.size ?? 11;
    const leading = size * 1.35;
    for (const line of wrap(font, drawableText(p.text), size, w - 2 * margin)) {
      if (y - leading < margin) {
        page = doc.addPage([w, h]);
        y = h - margin;
      }
      y -= leading;
      if (line !== '') page.drawText(line, { x: margin, y, size, font, color: rgb(0, 0, 0) });
    }
    y -= size * 0.5;
  }
  makeArchival(doc, meta);
  return save(doc);
}

/** Scanned pages → PDF/A-2B, one page per image at its physical size, OCR text invisible on top. */
export async function imagesToPdfa(meta: DocumentMeta, pages: ScanPage[]): Promise<Uint8Array> {
  if (pages.length === 0) throw new PdfaProductionError('PDFA_PRODUCTION_INPUT', 'no pages');
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit);
  let font: PDFFont | undefined;
  for (const p of pages) {
    let img;
    try {
      img = p.kind === 'png' ? await doc.embedPng(p.image) : await doc.embedJpg(p.image);
    } catch (e) {
      throw new PdfaProductionError('PDFA_PRODUCTION_IMAGE', `cannot read the ${p.kind} image: ${e instanceof Error ? e.message : String(e)}`);
    }
    const scale = 72 / (p.dpi ?? 300);
    const [w, h] = [img.width * scale, img.height * scale];
    const page = doc.addPage([w, h]);
    page.drawImage(img, { x: 0, y: 0, width: w, height: h });
    if (p.words && p.words.length > 0) {
      font ??= await doc.embedFont(fontBytes().regular, { subset: true });
      const key = page.node.newFontDictionary('F0', font.ref);
      for (const word of p.words) {
        const size = Math.max(1, word.h * scale);
        const natural = font.widthOfTextAtSize(word.text, size);
        const fit = natural > 0 ? Math.min(size, (size * word.w * scale) / natural) : size;
        page.pushOperators(
          beginText(),
          setFontAndSize(key, fit),
          setTextRenderingMode(TextRenderingMode.Invisible),
          moveText(word.x * scale, h - (word.y + word.h) * scale),
          showText(font.encodeText(word.text)),
          endText(),
        );
      }
    }
  }
  makeArchival(doc, meta);
  return save(doc);
}

