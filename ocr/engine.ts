// The OCR engine: bytes in, OcrDocument out. Decoding and image work happen in the preparation
// thread, recognition in the tesseract.js pool; this module only coordinates.
import { readFile } from 'node:fs/promises';
import { IDENTITY } from './affine.ts';
import { OcrError } from './errors.ts';
import { CYRILLIC_WHITELIST, latinSuspects, takesCyrillicReading } from './latinWords.ts';
import { modelWords } from './lexicon.ts';
import { OcrPool, type PoolOptions } from './pool.ts';
import { PrepClient } from './prepClient.ts';
import { groupWords, makeLine, sniff, type ImagePage, type PreparedPage } from './prepare.ts';
import type { HocrWord } from './hocr.ts';
import { offsetBox, unionBox } from './box.ts';
import { DEFAULT_LANGS, parseLangs } from './tessdata.ts';
import type { Box, OcrDocument, OcrLine, OcrPage, OcrWord } from './types.ts';

export interface RecognizeOptions {
  /** tesseract language list such as `rus+eng` (default) */
  langs?: string;
  /** PDF pages whose text layer has fewer printable characters are OCR'd (default 20) */
  minTextChars?: number;
}

const MIME = { png: 'image/png', jpeg: 'image/jpeg', tiff: 'image/tiff', pdf: 'application/pdf' } as const;

/** Mean confidence below which the page is also tried upside down. */
const ORIENTATION_RETRY_CONFIDENCE = 62;

export class OcrEngine {
  private readonly pool: OcrPool;
  private readonly prep: PrepClient;

  constructor(opts: PoolOptions = {}) {
    this.pool = new OcrPool(opts);
    // Preparation is a fraction of recognition time: one thread per two recognition workers keeps up.
    this.prep = new PrepClient(Math.ceil(this.pool.size / 2));
  }

  get poolSize(): number {
    return this.pool.size;
  }

  async recognizeFile(path: string, opts: RecognizeOptions = {}): Promise<OcrDocument> {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(path);
    } catch (err) {
      throw new OcrError('OCR_INPUT_UNREADABLE', `cannot read ${path}`, { cause: err });
    }
    return this.recognize(bytes, opts);
  }

  async recognize(bytes: Uint8Array, opts: RecognizeOptions = {}): Promise<OcrDocument> {
    const langs = opts.langs ?? DEFAULT_LANGS;
    parseLangs(langs);
    const kind = sniff(bytes);
    if (!kind) throw new OcrError('OCR_INPUT_UNSUPPORTED', 'input is not PNG, JPEG, TIFF or PDF');
    // The worker gets its own copy: transferring would detach the caller's buffer.
    const prepared = await this.prep.prepare(new Uint8Array(bytes), { minTextChars: opts.minTextChars ?? 20 });
    const pages = await Promise.all(prepared.map((p) => this.recognizePage(p, langs)));
    return { pages, text: pages.map((p) => p.text).join('\n\f\n'), langs, mime: MIME[kind] };
  }

  private async recognizePage(page: PreparedPage, langs: string): Promise<OcrPage> {
    if (page.kind === 'text') {
      const confidence = 100;
      return {
        index: page.index,
        source: 'text-layer',
        width: page.width,
        height: page.height,
        dpi: page.dpi,
        widthPt: page.widthPt,
        heightPt: page.heightPt,
        rotation: 0,
        skew: 0,
        toSource: IDENTITY,
        sourceScale: page.dpi / 72,
        confidence,
        lines: page.lines,
        text: page.lines.map((l) => l.text).join('\n'),
      };
    }
    const best = await this.ocrImage(page, langs);
    if (best.confidence >= ORIENTATION_RETRY_CONFIDENCE) return best;
    // Upside-down text still reads as (bad) text, so the orientation is settled by which way reads
    // better: a band of the page is read upside down and compared with the same band as read.
    const words = best.lines.flatMap((l) => l.words);
    const ys = words.map((w) => (w.box.y0 + w.box.y1) / 2).sort((a, b) => a - b);
    const mid = ys[Math.floor(ys.length / 2)] ?? page.height / 2;
    const half = Math.min(page.height / 2, Math.round((page.dpi / 300) * 350));
    const y0 = Math.max(0, mid - half);
    const y1 = Math.min(page.height, mid + half);
    const inBand = words.filter((w) => w.box.y0 >= y0 && w.box.y1 <= y1);
    const asRead = meanConfidence(inBand);
    const flippedBand = await this.prep.band({ ...page, grey: undefined }, y0, y1, true);
    const flippedWords = groupWords(await this.pool.recognize(flippedBand, langs)).flatMap((l) => l.words);
    if (meanConfidence(flippedWords) <= asRead + 10) return best;
    return this.ocrImage(await this.prep.turn(page, 2), langs);
  }

  private async ocrImage(prepared: ImagePage, langs: string): Promise<OcrPage> {
    // Every crop sends its page to the preparation thread: the grey copy goes only with the crops cut from it.
    const { grey, ...page } = prepared;
    const result = await this.pool.recognize(page.png, langs);
    const lines = await this.rereadGarbled(page, groupWords(result), langs);
    if (grey) await this.rereadSmallType(page, grey, lines, langs);
    await this.rereadAddresses(page, lines);
    if (parseLangs(langs).includes('rus')) await this.rereadLatinWords(page, lines, langs);
    const confidence = meanConfidence(lines.flatMap((l) => l.words));
    return {
      index: page.index,
      source: 'ocr',
      width: page.width,
      height: page.height,
      dpi: page.dpi,
      widthPt: page.widthPt,
      heightPt: page.heightPt,
      rotation: ((page.quarters % 4) * 90) as 0 | 90 | 180 | 270,
      skew: page.skew,
      toSource: page.toSource,
      sourceScale: page.sourceScale,
      confidence,
      lines,
      text: lines.map((l) => l.text).join('\n'),
    };
  }

  /**
   * Where a letterhead's columns sit at other baselines, tesseract's layout analysis may join a left and a right
   * line into one tall line of mixed words, or read a right-column line as junk at confidence ~0 («Е ЕО А» for
   * «администрации города»). Read alone, the same region reads well: such lines are cropped (a joined line column
   * by column) and read again, and the words read inside the line's own box replace its words where they read
   * better. Pages without such lines cost nothing more; at most REREAD_MAX crops a page.
   */
  private async rereadGarbled(page: ImagePage, lines: OcrLine[], langs: string): Promise<OcrLine[]> {
    const suspects = garbledLines(lines);
    if (!suspects.length) return lines;
    const replaced = new Map<OcrLine, OcrLine[]>();
    for (const { line, fragments, unit } of suspects) {
      const own = [line, ...fragments];
      const box = unionBox(own.map((l) => l.box));
      const others = lines
        .filter((l) => !own.includes(l) && l.box.x1 > box.x0 && l.box.x0 < box.x1 && l.box.y1 > box.y0 && l.box.y0 < box.y1)
        .flatMap((l) => l.words);
      const columns = columnsOf(line, box, unit);
      const kept: Array<OcrWord & { base?: number }> = [];
      let changed = false;
      for (const [x0, x1] of columns) {
        const top = Math.max(0, Math.floor(box.y0 - 0.3 * unit));
        const left = Math.max(0, Math.floor(x0 - 0.5 * unit));
        const band = await this.prep.band(page, top, box.y1 + 0.3 * unit, false, left, x1 + 0.5 * unit);
        const again: HocrWord[] = [];
        for (const w of await this.pool.recognize(band, langs)) {
          const b = offsetBox(w.box, left, top);
          const cx = (b.x0 + b.x1) / 2;
          const cy = (b.y0 + b.y1) / 2;
          // Words of the neighbouring lines that the crop caught are read already.
          if (cy < box.y0 || cy > box.y1 || cx < x0 || cx > x1 || others.some((o) => covered(b, o.box) > 0.5)) continue;
          again.push({ ...w, base: w.base + top, box: b });
        }
        const was = own.flatMap((l) => l.words).filter((w) => (w.box.x0 + w.box.x1) / 2 >= x0 && (w.box.x0 + w.box.x1) / 2 <= x1);
        const before = meanConfidence(was);
        const after = meanConfidence(again);
        // A joined line's column is taken as re-read when it reads no worse alone (the join itself garbles the
        // words at the seam); a garbled line's only when it reads clearly better.
        const gain = columns.length > 1 ? 0 : REREAD_GAIN;
        const take = again.length > 0 && after >= REREAD_MIN_CONFIDENCE && after >= before + gain;
        kept.push(...(take ? again : was));
        changed ||= take;
      }
      if (!changed) continue;
      replaced.set(line, groupWords(kept));
      for (const f of fragments) replaced.set(f, []);
    }
    if (!replaced.size) return lines;
    return lines.flatMap((l) => replaced.get(l) ?? [l]).sort((a, b) => a.box.y0 - b.box.y0 || a.box.x0 - b.box.x0);
  }

  /**
   * Small type (7–9 pt requisites, contacts, footers) on a page we binarised: one threshold for the whole page
   * breaks and joins its thin strokes (digits 3/4, 5/6, e-mails), while tesseract's own thresholding of the line
   * alone keeps them. Such lines are read again from the page as it was before binarisation. Confidence does not
   * tell which reading is right (a correct «Контактное» came back at 0, a wrong «6248 5AG» at 35), so the line
   * read alone is taken whenever it reads anything (measured on the variant sets, ocr/BENCH.md session 6, late).
   */
  private async rereadSmallType(page: ImagePage, grey: Uint8Array, lines: OcrLine[], langs: string): Promise<void> {
    const source = { ...page, png: grey };
    for (const { line, unit } of smallTypeLines(lines)) {
      const { box } = line;
      const top = Math.max(0, Math.floor(box.y0 - 0.25 * unit));
      const left = Math.max(0, Math.floor(box.x0 - 0.3 * unit));
      const band = await this.prep.band(source, top, box.y1 + 0.25 * unit, false, left, box.x1 + 0.3 * unit);
      const again = (await this.pool.recognize(band, langs))
        .map((w) => ({ text: w.text, confidence: w.confidence, box: offsetBox(w.box, left, top) }))
        .filter((w) => {
          const cy = (w.box.y0 + w.box.y1) / 2;
          return cy >= box.y0 && cy <= box.y1;
        });
      if (!again.length) continue;
      Object.assign(line, makeLine(again));
    }
  }

  /**
   * E-mail addresses are Latin, but a Russian-first model reads them as Cyrillic look-alikes
   * (`уапаех.ги`): such words are read again, alone, with the English model.
   */
  private async rereadAddresses(page: ImagePage, lines: OcrLine[]): Promise<void> {
    for (const line of lines) {
      for (let k = 0; k < line.words.length; k++) {
        const w = line.words[k]!;
        const prev = line.words[k - 1]?.text ?? '';
        const suspicious = /@/.test(w.text) ? /[^\x20-\x7e]/.test(w.text) || w.confidence < 75 : /^(?:e-?mail|почта):?$/i.test(prev) && w.confidence < 75;
        if (!suspicious) continue;
        const again = await this.readWordAlone(page, w, 'eng');
        const text = again.map((x) => x.text).join('');
        if (/^[\x21-\x7e]+@[\x21-\x7e]+\.[a-z]{2,}[.,;]?$/i.test(text)) replaceWord(line, k, text, again);
      }
    }
  }

  /**
   * Latin words that are no English words, read again alone with Russian letters only (ocr/latinWords.ts), by the
   * page's own models: a whitelist switch is free, another language list would reload a worker.
   */
  private async rereadLatinWords(page: ImagePage, lines: OcrLine[], langs: string): Promise<void> {
    // modelWords caches per process and folder; null (no English model) turns the re-read off
    const english = modelWords('eng', this.pool.preferredTessdata);
    if (!english) return;
    for (const [line, k] of latinSuspects(lines, english)) {
      const w = line.words[k]!;
      const again = await this.readWordAlone(page, w, langs, CYRILLIC_WHITELIST);
      // the word's own punctuation stays: a crop of one word gains specks at its edges («запрос:»)
      const [, lead, , trail] = /^([^A-Za-z0-9]*)(.*?)([^A-Za-z0-9]*)$/.exec(w.text)!;
      const text = `${lead}${again.map((x) => x.text).join(' ').replace(/^[^А-Яа-яЁё0-9]+|[^А-Яа-яЁё0-9]+$/g, '')}${trail}`;
      if (takesCyrillicReading(w.text, text)) replaceWord(line, k, text, again);
    }
  }

  /** One word cropped with a margin of its own height and read alone. */
  private async readWordAlone(page: ImagePage, w: OcrWord, langs: string, whitelist?: string): Promise<OcrWord[]> {
    const h = w.box.y1 - w.box.y0;
    const band = await this.prep.band(page, w.box.y0 - h * 0.4, w.box.y1 + h * 0.4, false, w.box.x0 - h * 0.5, w.box.x1 + h * 0.5);
    return groupWords(await this.pool.recognize(band, langs, whitelist)).flatMap((l) => l.words);
  }

  async close(): Promise<void> {
    await Promise.all([this.pool.close(), this.prep.close()]);
  }
}

/** The line's k-th word as read again alone, keeping its box. */
function replaceWord(line: OcrLine, k: number, text: string, again: OcrWord[]): void {
  line.words[k] = { ...line.words[k]!, text, confidence: meanConfidence(again) };
  line.text = line.words.map((x) => x.text).join(' ');
}

/** A line at least this many typical line heights tall joins two baselines. */
const TALL_LINE = 1.5;
/** Lines lower than this many typical line heights are small type. */
const SMALL_TYPE = 0.8;
/**
 * Small-type lines read at this confidence or better are left alone: read again alone, registration lines
 * («16.01.2026 г. № 04-64/865», 89) came back worse («№'04-61/865», 76).
 */
const SMALL_TYPE_READ_WELL = 85;
/** Small-type lines without digits are read again only below this confidence. */
const SMALL_TYPE_WORDS_READ = 60;
/** At most this many small-type lines of a page are read again. */
const SMALL_TYPE_MAX = 14;
/** A gap between words at least this many line heights wide separates columns. */
const COLUMN_GAP = 0.6;
/** Lines read below this mean word confidence are read again alone. */
const GARBLED_CONFIDENCE = 40;
/** A line whose box is at least this many line heights wide per character of its text is junk, not a word. */
const SPARSE_TEXT = 1;
/** A re-read replaces the line only when it reads at least this well … */
const REREAD_MIN_CONFIDENCE = 60;
/** … and a garbled line this many points better than before (a joined line's column need only read no worse). */
const REREAD_GAIN = 15;
/** At most this many regions of a page are read again (junk-heavy pages: stamps, noise, signatures). */
const REREAD_MAX = 8;

/**
 * Lines worth reading again: tall lines of several words and garbled lines, of text size and inside the text
 * area (margin noise and scanner edges left out), given with the page's typical line height (`unit`).
 */
export function garbledLines(lines: OcrLine[]): Array<{ line: OcrLine; fragments: OcrLine[]; unit: number }> {
  const good = wellReadLines(lines);
  if (!good) return [];
  const unit = typicalHeight(good);
  const left = Math.min(...good.map((l) => l.box.x0)) - unit;
  const right = Math.max(...good.map((l) => l.box.x1)) + unit;
  const found: Array<{ line: OcrLine; rank: number }> = [];
  for (const line of lines) {
    const { x0, x1, y0, y1 } = line.box;
    const h = y1 - y0;
    if (x0 < left || x1 > right || h < 0.6 * unit || x1 - x0 < 2 * unit) continue;
    const tall = isTall(line, unit) && h <= 3 * unit && line.words.length >= 2;
    // Junk is sparse: a few letters spread over a line's width (a read line has about two letters per height).
    const sparse = x1 - x0 >= SPARSE_TEXT * unit * line.text.length;
    const garbled = line.confidence < GARBLED_CONFIDENCE && sparse && h <= 2.5 * unit && /[\p{L}\d]/u.test(line.text);
    if (tall || garbled) found.push({ line, rank: tall ? -1 : line.confidence });
  }
  const chosen = found
    .sort((a, b) => a.rank - b.rank)
    .slice(0, REREAD_MAX)
    .map((f) => f.line);
  const taken = new Set(chosen);
  return chosen.map((line) => {
    if (isTall(line, unit)) return { line, fragments: [], unit };
    // Short pieces on the garbled line's row (a capital read alone at high confidence) are the same line's.
    const { x0, x1, y0, y1 } = line.box;
    const fragments = lines.filter((l) => {
      if (taken.has(l) || l.box.x1 - l.box.x0 >= 2 * unit) return false;
      const cy = (l.box.y0 + l.box.y1) / 2;
      if (cy < y0 || cy > y1 || l.box.x0 < x0 - 2 * unit || l.box.x1 > x1 + 2 * unit) return false;
      taken.add(l);
      return true;
    });
    return { line, fragments, unit };
  });
}

/**
 * Lines set in small type (under SMALL_TYPE of the page's typical line height, as wide as a word or more) that
 * read below SMALL_TYPE_READ_WELL with digits or an e-mail, or below SMALL_TYPE_WORDS_READ: at most SMALL_TYPE_MAX
 * of them a page.
 */
export function smallTypeLines(lines: OcrLine[]): Array<{ line: OcrLine; unit: number }> {
  const good = wellReadLines(lines);
  if (!good) return [];
  const unit = typicalHeight(good);
  const out: Array<{ line: OcrLine; unit: number }> = [];
  for (const line of lines) {
    const h = line.box.y1 - line.box.y0;
    if (h >= SMALL_TYPE * unit || h < 0.4 * unit || line.box.x1 - line.box.x0 < 2 * unit) continue;
    // Words without digits read fairly are left alone: read again they gained colons and Latin look-alikes
    // («Исп Морозов В.В.» → «Vicn.: Морозов В.В.»).
    if (line.confidence >= SMALL_TYPE_READ_WELL || (line.confidence >= SMALL_TYPE_WORDS_READ && !/[\d@]/.test(line.text))) continue;
    out.push({ line, unit });
  }
  return out.slice(0, SMALL_TYPE_MAX);
}

/** Lines of text size read well (three words or more at 80 or better), or null when a page has too few to measure. */
function wellReadLines(lines: OcrLine[]): OcrLine[] | null {
  const good = lines.filter((l) => l.confidence >= 80 && l.words.length >= 3);
  return good.length >= 3 ? good : null;
}

/** The page's typical line height: the median height of its well-read lines. */
function typicalHeight(good: OcrLine[]): number {
  const heights = good.map((l) => l.box.y1 - l.box.y0).sort((a, b) => a - b);
  return heights[Math.floor(heights.length / 2)]!;
}

function isTall(line: OcrLine, unit: number): boolean {
  return line.box.y1 - line.box.y0 >= TALL_LINE * unit;
}

/**
 * The horizontal extents a suspect line is read again in (its region `box`): a tall line is two columns' lines
 * joined, so it is split at its widest gap between words (when that gap is a column gap, not a word space); a
 * garbled line is read as a whole.
 */
export function columnsOf(line: OcrLine, box: Box, unit: number): Array<[number, number]> {
  if (!isTall(line, unit)) return [[box.x0, box.x1]];
  const words = [...line.words].sort((a, b) => a.box.x0 - b.box.x0);
  let at = -1;
  let widest = 0;
  for (let k = 1; k < words.length; k++) {
    const gap = words[k]!.box.x0 - words[k - 1]!.box.x1;
    if (gap > widest) [widest, at] = [gap, k];
  }
  if (at < 0 || widest < COLUMN_GAP * unit) return [[box.x0, box.x1]];
  return [
    [box.x0, words[at - 1]!.box.x1],
    [words[at]!.box.x0, box.x1],
  ];
}

/** Share of box a's area that box b covers. */
function covered(a: Box, b: Box): number {
  const w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
  const h = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
  return w <= 0 || h <= 0 ? 0 : (w * h) / Math.max(1, (a.x1 - a.x0) * (a.y1 - a.y0));
}

/** Character-weighted mean word confidence. */
function meanConfidence(words: OcrWord[]): number {
  const chars = words.reduce((n, w) => n + w.text.length, 0);
  return chars ? words.reduce((s, w) => s + w.confidence * w.text.length, 0) / chars : 0;
}
