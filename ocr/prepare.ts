// Decoding, rasterising and normalising pages. Runs inside the preparation worker thread
// (prepWorker.ts): PDF parsing, canvas decoding and pixel loops would otherwise stall the event loop.
import { createCanvas, loadImage, type Canvas, type Image } from '@napi-rs/canvas';
import { decode as decodeTiff } from 'tiff';
import { loadPdfjs, pdfjsAssets } from './pdfjs.ts';
import { compose, IDENTITY, invert, quarterTurn, smallTurn } from './affine.ts';
import { unionBox } from './box.ts';
import {
  binarise,
  eraseRules,
  estimateSkewReduced,
  pageQuality,
  reducedCopy,
  reductionFactor,
  resample,
  shrink,
  rgbaToGrey,
  rotateQuarter,
  pngToGrey,
  toPng,
  type GreyImage,
  type RgbaImage,
} from './imageOps.ts';
import type { Affine, OcrLine, OcrWord } from './types.ts';

export const RASTER_DPI = 300;

/** Mean paper brightness below which a scan is binarised by us rather than by tesseract. */
const PAPER_BINARISE = 232;
/**
 * Isolated ink specks (components of ≤ 6 px) per megapixel above which a clean-paper page is a fax image and is
 * binarised here: clean renders and ordinary scans have 0–50 (punctuation), fax images 200–300. Scans of faxed
 * pages (220–265, but grey paper) are left to tesseract, which reads their restored grey better than our threshold.
 */
const SPECKS_BINARISE = 120;

export interface ImagePage {
  kind: 'image';
  index: number;
  /** the normalised page as tesseract reads it: an 8-bit greyscale PNG (imageOps.toPng) */
  png: Uint8Array;
  /**
   * the same page before our binarisation, rules erased (pages we binarise only): small type is read again from
   * it, a line at a time, where tesseract's thresholding of the line alone keeps strokes the page's threshold lost
   */
  grey?: Uint8Array;
  width: number;
  height: number;
  dpi: number;
  widthPt: number;
  heightPt: number;
  sourceScale: number;
  quarters: number;
  skew: number;
  toSource: Affine;
}

export interface TextPage {
  kind: 'text';
  index: number;
  width: number;
  height: number;
  dpi: number;
  widthPt: number;
  heightPt: number;
  lines: OcrLine[];
}

export type PreparedPage = ImagePage | TextPage;

export interface PrepareOptions {
  /** pages of a PDF with fewer printable characters in their text layer are OCR'd */
  minTextChars: number;
}

export type InputKind = 'png' | 'jpeg' | 'tiff' | 'pdf';

export function sniff(bytes: Uint8Array): InputKind | null {
  const b = (i: number): number => bytes[i] ?? -1;
  if (b(0) === 0x89 && b(1) === 0x50 && b(2) === 0x4e && b(3) === 0x47) return 'png';
  if (b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return 'jpeg';
  if ((b(0) === 0x49 && b(1) === 0x49 && b(2) === 0x2a && b(3) === 0) || (b(0) === 0x4d && b(1) === 0x4d && b(2) === 0 && b(3) === 0x2a)) return 'tiff';
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  if (head.includes('%PDF-')) return 'pdf';
  return null;
}

/** Guess of the scan resolution: a page is assumed to be A4 or Letter when its aspect says so. */
function guessDpi(width: number, height: number): number {
  const long = Math.max(width, height);
  const short = Math.min(width, height);
  const aspect = long / short;
  if (aspect > 1.25 && aspect < 1.5) return Math.round(short / 8.27);
  return RASTER_DPI;
}

/**
 * Resolution a scanned page is recognised at. 300-dpi scans lose nothing by being read at 255 dpi (x-height of
 * 10-pt print ~19 px; word error rate unchanged on the bench pages), and tesseract's layout analysis costs in
 * proportion to the pixels.
 */
export const WORK_DPI = 255;
/**
 * Clean renders (paper brighter than CLEAN_PAPER: born-digital pages, PDF rasters) keep up to RASTER_DPI: their
 * thin anti-aliased strokes lose digits at 255 dpi (3 → 5) where a scan's blurred ones do not. Low-resolution
 * scans are enlarged to RASTER_DPI: tesseract's LSTM wants an x-height of 20+ px.
 */
const CLEAN_PAPER = 250;

/** Scale from the supplied page to the resolution it is read at: pages within 10 % of it are left as they are. */
function workScale(dpi: number, clean: boolean): number {
  const target = clean || dpi < WORK_DPI * 0.9 ? RASTER_DPI : WORK_DPI;
  const s = (dpi < WORK_DPI * 0.9 ? target : Math.min(target, dpi)) / dpi;
  return Math.abs(s - 1) < 0.1 ? 1 : s;
}

/** Where a supplied page goes: a quarter turn, the deskew angle and the scale to the working resolution. */
interface PagePlan {
  quarters: number;
  /** degrees, clockwise; 0 when below 0.2° */
  skew: number;
  scale: number;
  dpi: number;
}

/** Plans the normalisation of a page from its reduced copy (reducedCopy). */
function planPage(reduced: GreyImage, dpiIn: number, extraQuarters: number): PagePlan {
  let skew = estimateSkewReduced(reduced);
  const quarters = (((extraQuarters || (skew.vertical ? 1 : 0)) % 4) + 4) % 4;
  if (quarters !== 0) skew = estimateSkewReduced(rotateQuarter(reduced, quarters));
  const scale = workScale(dpiIn, pageQuality(reduced, 256).paper >= CLEAN_PAPER);
  return { quarters, skew: !skew.vertical && Math.abs(skew.angle) >= 0.2 ? skew.angle : 0, scale, dpi: dpiIn * scale };
}

/**
 * The planned page and its forward map (supplied pixel → normalised pixel), which the text layer and field
 * boxes are mapped back through. Enlargements are one bilinear pass; otherwise see reduceThenTurn.
 */
function applyPlan(grey: GreyImage, plan: PagePlan): { image: GreyImage; forward: Affine } {
  const quarter = quarterTurn(plan.quarters, grey.width, grey.height);
  const img = rotateQuarter(grey, plan.quarters);
  if (plan.scale > 1) {
    const width = Math.round(img.width * plan.scale);
    const height = Math.round(img.height * plan.scale);
    const sx = width / img.width;
    const sy = height / img.height;
    const step = compose(smallTurn(plan.skew, width, height), [sx, 0, 0, sy, 0.5 * sx - 0.5, 0.5 * sy - 0.5]);
    return { image: resample(img, invert(step), width, height), forward: compose(step, quarter) };
  }
  return reduceThenTurn(img, plan, quarter);
}

/**
 * Box reduction first (separable and cheap; tesseract reads it better than bilinear samples, which skip part of
 * every thin stroke), then the deskew, bilinear, on the smaller page. (Deskewing by whole-pixel shears inside
 * the reduction was tried: cheaper, but it lost fields on ruled pages such as web-form tables.)
 */
function reduceThenTurn(img: GreyImage | RgbaImage, plan: PagePlan, before: Affine): { image: GreyImage; forward: Affine } {
  let page: GreyImage;
  let forward = before;
  if (plan.scale < 1) {
    const reduced = shrink(img, plan.scale, scratch('reduced', Math.round(img.width * plan.scale) * Math.round(img.height * plan.scale)));
    page = reduced.image;
    forward = compose([...reduced.forward], before);
  } else {
    page = 'rgba' in img ? greyOf(img) : img;
  }
  if (plan.skew === 0) return { image: page, forward };
  const { width, height } = page;
  const turn = smallTurn(plan.skew, width, height);
  return { image: resample(page, invert(turn), width, height, scratch('turned', width * height)), forward: compose(turn, forward) };
}

/**
 * Page-sized buffers this thread reuses from page to page for images that never leave preparePages (finishPage
 * copies the page into its PNG): a fresh 6-MB array per step costs page faults and garbage collections.
 */
const scratchBuffers = new Map<'reduced' | 'turned', Uint8Array>();
function scratch(name: 'reduced' | 'turned', n: number): Uint8Array {
  let buf = scratchBuffers.get(name);
  if (!buf || buf.length < n) {
    buf = new Uint8Array(n);
    scratchBuffers.set(name, buf);
  }
  return buf;
}

/**
 * Binarisation of dull or speckled scans and rule removal on the planned page. Clean renders go to tesseract
 * as they are: binarising would thin small print. Dull, grainy scans and speckled faxes are flattened,
 * binarised and despeckled here.
 */
function finishPage(planned: { image: GreyImage; forward: Affine }, plan: PagePlan, srcW: number, srcH: number, dpiIn: number, index: number): ImagePage {
  let img = planned.image;
  // Specks decide only for white paper (fax images), so they are not counted on grey paper.
  const quality = pageQuality(img, CLEAN_PAPER);
  let grey: Uint8Array | undefined;
  if (quality.paper < PAPER_BINARISE || (quality.specks > SPECKS_BINARISE && quality.paper >= CLEAN_PAPER)) {
    const bin = binarise(img, plan.dpi);
    // In place: the planned page is this page's own buffer (fresh, or this thread's scratch).
    eraseRules(img, plan.dpi);
    grey = toPng(img);
    img = bin;
  }
  eraseRules(img, plan.dpi);
  return {
    kind: 'image',
    index,
    png: toPng(img),
    ...(grey ? { grey } : {}),
    width: img.width,
    height: img.height,
    dpi: plan.dpi,
    widthPt: (srcW / dpiIn) * 72,
    heightPt: (srcH / dpiIn) * 72,
    sourceScale: dpiIn / 72,
    quarters: plan.quarters,
    skew: plan.skew,
    toSource: invert(planned.forward),
  };
}

/**
 * Normalises a greyscale page (TIFF, rasterised PDF): quarter turn, deskew and rescaling as planned on a
 * reduced copy, then finishPage. `grey` is the page's own: it may be painted on.
 */
export function normalisePage(grey: GreyImage, dpiIn: number, index: number, extraQuarters = 0): ImagePage {
  const plan = planPage(reducedCopy(grey), dpiIn, extraQuarters);
  return finishPage(applyPlan(grey, plan), plan, grey.width, grey.height, dpiIn, index);
}

/**
 * An image drawn to fill a white w×h canvas ('medium': mipmapped, for reductions); opaque RGBA. The pixels are
 * the canvas's own memory (no ImageData copy), so the canvas travels with them and is not collected under them.
 */
function drawImage(image: Image, width: number, height: number, quality: 'low' | 'medium', reuse = false): RgbaImage & { canvas: Canvas } {
  const canvas = reuse ? pageCanvas(width, height) : createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.imageSmoothingQuality = quality;
  ctx.drawImage(image, 0, 0, width, height);
  return { width, height, rgba: canvas.data(), canvas };
}

/**
 * The canvas pages are drawn 1:1 on, kept for the next page of the same size (a scan's RGBA is ~35 MB: a new
 * canvas per page costs page faults and collections). Its pixels are consumed before preparePages returns.
 */
let lastPageCanvas: Canvas | null = null;
function pageCanvas(width: number, height: number): Canvas {
  if (lastPageCanvas?.width !== width || lastPageCanvas.height !== height) lastPageCanvas = createCanvas(width, height);
  return lastPageCanvas;
}

const greyOf = (img: RgbaImage): GreyImage => rgbaToGrey(img.rgba, img.width, img.height, true);

/**
 * PNG and JPEG: skia decodes and draws a reduced copy for the plan and the page 1:1. A page that is only reduced
 * and deskewed (the usual scan) goes from RGBA straight into shrink.
 */
async function prepareRaster(bytes: Uint8Array): Promise<ImagePage> {
  const image = await loadImage(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const { width: w, height: h } = image;
  const dpiIn = guessDpi(w, h);
  const factor = reductionFactor(w, h);
  const plan = planPage(greyOf(drawImage(image, Math.max(1, Math.floor(w / factor)), Math.max(1, Math.floor(h / factor)), 'medium')), dpiIn, 0);
  const page = { ...drawImage(image, w, h, 'low', true), grey: isGreyscaleRaster(bytes) };
  const planned = plan.scale < 1 && plan.quarters === 0 ? reduceThenTurn(page, plan, IDENTITY) : applyPlan(greyOf(page), plan);
  return finishPage(planned, plan, w, h, dpiIn, 1);
}

/** A greyscale PNG (colour type 0 or 4) or a one-component JPEG: skia draws it with R = G = B. */
export function isGreyscaleRaster(bytes: Uint8Array): boolean {
  const kind = sniff(bytes);
  if (kind === 'png') return bytes[25] === 0 || bytes[25] === 4;
  if (kind !== 'jpeg') return false;
  // Walk the JPEG markers to the frame header (SOF0–SOF15 except DHT/JPG/DAC): its component count.
  for (let i = 2; i + 9 < bytes.length; ) {
    if (bytes[i] !== 0xff) return false;
    const marker = bytes[i + 1]!;
    if (marker === 0xff) {
      i++;
      continue;
    }
    const length = (bytes[i + 2]! << 8) | bytes[i + 3]!;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return bytes[i + 9] === 1;
    i += 2 + length;
  }
  return false;
}

function tiffPages(bytes: Uint8Array): Array<{ grey: GreyImage; dpi: number }> {
  const out: Array<{ grey: GreyImage; dpi: number }> = [];
  for (const ifd of decodeTiff(bytes)) {
    const { width, height } = ifd;
    const n = width * height;
    const data = new Uint8Array(n);
    const src = ifd.data;
    const spp = ifd.samplesPerPixel || 1;
    const max = ifd.bitsPerSample === 16 ? 65535 : ifd.bitsPerSample === 1 ? 1 : 255;
    // Photometric 0 (WhiteIsZero) stores ink as high values.
    const invertInk = ifd.type === 0;
    for (let i = 0; i < n; i++) {
      let v: number;
      if (spp >= 3) {
        v = (Number(src[i * spp]) * 299 + Number(src[i * spp + 1]) * 587 + Number(src[i * spp + 2]) * 114) / 1000;
      } else {
        v = Number(src[i * spp]);
      }
      let g = (v / max) * 255;
      if (invertInk) g = 255 - g;
      data[i] = g;
    }
    const res = ifd.xResolution;
    const unit = ifd.resolutionUnit;
    const dpi = res > 0 ? (unit === 3 ? res * 2.54 : res) : guessDpi(width, height);
    out.push({ grey: { width, height, data }, dpi: dpi >= 50 && dpi <= 1200 ? dpi : guessDpi(width, height) });
  }
  return out;
}


interface PdfTextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
}

function isTextItem(v: unknown): v is PdfTextItem {
  return typeof v === 'object' && v !== null && 'str' in v && 'transform' in v;
}

/** Text-layer items become words and column-split lines in 300-dpi page pixels, like OCR output. */
export function textItemsToLines(items: PdfTextItem[], pageHeightPt: number, scale: number): OcrLine[] {
  const words: Array<OcrWord & { base: number; size: number }> = [];
  for (const it of items) {
    if (!it.str.trim()) continue;
    const [, , c = 0, d = 0, e = 0, f = 0] = it.transform;
    const size = Math.hypot(c, d) || it.height || 10;
    const chars = [...it.str];
    const charW = it.width / Math.max(1, chars.length);
    let pos = 0;
    for (const part of it.str.split(/(\s+)/)) {
      const len = [...part].length;
      if (part.trim()) {
        const x0 = (e + pos * charW) * scale;
        const x1 = (e + (pos + len) * charW) * scale;
        const base = (pageHeightPt - f) * scale;
        words.push({
          text: part,
          box: { x0, y0: base - size * 0.8 * scale, x1, y1: base + size * 0.22 * scale },
          confidence: 100,
          base,
          size: size * scale,
        });
      }
      pos += len;
    }
  }
  return groupWords(words.map((w) => ({ ...w, base: w.base })));
}

/**
 * Groups words into lines by baseline and splits each line where the gap is wider than a few
 * characters: the columns of a letterhead (requisites left, addressee right) stay apart.
 */
export function groupWords(words: Array<OcrWord & { base?: number }>): OcrLine[] {
  const sorted = [...words].sort((a, b) => (a.base ?? a.box.y1) - (b.base ?? b.box.y1) || a.box.x0 - b.box.x0);
  const rows: Array<Array<OcrWord & { base?: number }>> = [];
  for (const w of sorted) {
    const h = w.box.y1 - w.box.y0;
    const base = w.base ?? w.box.y1;
    const row = rows.find((r) => {
      const r0 = r[0]!;
      const rb = r0.base ?? r0.box.y1;
      return Math.abs(rb - base) < Math.max(4, 0.35 * Math.min(h, r0.box.y1 - r0.box.y0));
    });
    if (row) row.push(w);
    else rows.push([w]);
  }
  const lines: OcrLine[] = [];
  for (const row of rows) {
    row.sort((a, b) => a.box.x0 - b.box.x0);
    let cur: OcrWord[] = [];
    const flush = (): void => {
      if (cur.length) lines.push(makeLine(cur));
      cur = [];
    };
    for (const w of row) {
      const prev = cur[cur.length - 1];
      if (prev) {
        const h = Math.max(prev.box.y1 - prev.box.y0, w.box.y1 - w.box.y0);
        if (w.box.x0 - prev.box.x1 > 1.6 * h) flush();
      }
      cur.push({ text: w.text, box: w.box, confidence: w.confidence });
    }
    flush();
  }
  lines.sort((a, b) => a.box.y0 - b.box.y0 || a.box.x0 - b.box.x0);
  return lines;
}

export function makeLine(words: OcrWord[]): OcrLine {
  const box = unionBox(words.map((w) => w.box));
  const confidence = words.reduce((s, w) => s + w.confidence, 0) / words.length;
  return { text: words.map((w) => w.text).join(' '), box, confidence, words };
}

async function preparePdf(bytes: Uint8Array, opts: PrepareOptions): Promise<PreparedPage[]> {
  const lib = await loadPdfjs();
  const doc = await lib.getDocument({
    data: new Uint8Array(bytes),
    ...pdfjsAssets(),
    useSystemFonts: false,
    isEvalSupported: false,
    disableFontFace: true,
    verbosity: 0,
  }).promise;
  const pages: PreparedPage[] = [];
  try {
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const view = page.getViewport({ scale: 1 });
      const scale = RASTER_DPI / 72;
      const content = await page.getTextContent();
      const items: PdfTextItem[] = [];
      for (const it of content.items as unknown[]) if (isTextItem(it)) items.push(it);
      const chars = items.reduce((n, it) => n + it.str.replace(/\s/g, '').length, 0);
      if (chars >= opts.minTextChars) {
        const viewport = page.getViewport({ scale });
        // Rotated pages: map through the viewport transform by building lines in unrotated space.
        const lines = textItemsToLines(items, view.height, scale);
        pages.push({
          kind: 'text',
          index: i,
          width: Math.round(viewport.width),
          height: Math.round(viewport.height),
          dpi: RASTER_DPI,
          widthPt: view.width,
          heightPt: view.height,
          lines,
        });
      } else {
        const viewport = page.getViewport({ scale });
        const w = Math.ceil(viewport.width);
        const h = Math.ceil(viewport.height);
        const canvas = createCanvas(w, h);
        const ctx = canvas.getContext('2d');
        ctx.fillStyle = '#ffffff';
        ctx.fillRect(0, 0, w, h);
        await page.render({
          canvas: canvas as unknown as HTMLCanvasElement,
          canvasContext: ctx as unknown as CanvasRenderingContext2D,
          viewport,
        }).promise;
        const grey = rgbaToGrey(canvas.data(), w, h, true);
        pages.push(normalisePage(grey, RASTER_DPI, i));
      }
      page.cleanup();
    }
  } finally {
    await doc.destroy();
  }
  return pages;
}

export async function preparePages(bytes: Uint8Array, opts: PrepareOptions): Promise<PreparedPage[]> {
  const kind = sniff(bytes);
  switch (kind) {
    case 'pdf':
      return preparePdf(bytes, opts);
    case 'tiff':
      return tiffPages(bytes).map((p, i) => normalisePage(p.grey, p.dpi, i + 1));
    case 'png':
    case 'jpeg':
      return [await prepareRaster(bytes)];
    default:
      throw new Error('UNSUPPORTED');
  }
}

/** A horizontal band of a prepared page, optionally turned upside down: a cheap orientation probe. */
export function bandOf(page: ImagePage, y0: number, y1: number, flip: boolean, x0 = 0, x1 = Number.POSITIVE_INFINITY): Uint8Array {
  const grey = pngToGrey(page.png);
  const top = Math.max(0, Math.floor(y0));
  const bottom = Math.min(grey.height, Math.ceil(y1));
  const left = Math.max(0, Math.floor(x0));
  const right = Math.min(grey.width, Math.ceil(x1));
  const width = right - left;
  const data = new Uint8Array(width * (bottom - top));
  for (let y = top; y < bottom; y++) data.set(grey.data.subarray(y * grey.width + left, y * grey.width + right), (y - top) * width);
  let band: GreyImage = { width, height: bottom - top, data };
  if (flip) band = rotateQuarter(band, 2);
  return toPng(band);
}

/** Re-normalises an already prepared page turned by extra quarter turns (orientation retry). */
export function turnPage(page: ImagePage, quarters: number): ImagePage {
  const grey = pngToGrey(page.png);
  const turned = rotateQuarter(grey, quarters);
  const forward = quarterTurn(quarters, grey.width, grey.height);
  return {
    ...page,
    png: toPng(turned),
    // The orientation retry reads the turned page as it is: its small type is not read again.
    grey: undefined,
    width: turned.width,
    height: turned.height,
    quarters: (page.quarters + quarters) % 4,
    toSource: compose(page.toSource, invert(forward)),
  };
}
