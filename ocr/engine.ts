// The OCR engine: bytes in, OcrDocument out. Decoding and image work happen in the preparation
// thread, recognition in the tesseract.js pool; this module only coordinates.
import { readFile } from 'node:fs/promises';
import { IDENTITY } from './affine.ts';
import { OcrError } from './errors.ts';
import { OcrPool, type PoolOptions } from './pool.ts';
import { PrepClient } from './prepClient.ts';
import { groupWords, sniff, type ImagePage, type PreparedPage } from './prepare.ts';
import { DEFAULT_LANGS, parseLangs } from './tessdata.ts';
import type { OcrDocument, OcrLine, OcrPage, OcrWord } from './types.ts';

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
    const flippedBand = await this.prep.band(page, y0, y1, true);
    const flippedWords = groupWords(await this.pool.recognize(flippedBand, langs)).flatMap((l) => l.words);
    if (meanConfidence(flippedWords) <= asRead + 10) return best;
    return this.ocrImage(await this.prep.turn(page, 2), langs);
  }

  private async ocrImage(page: ImagePage, langs: string): Promise<OcrPage> {
    const result = await this.pool.recognize(page.png, langs);
    const lines = groupWords(result);
    await this.rereadAddresses(page, lines);
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
        const h = w.box.y1 - w.box.y0;
        const band = await this.prep.band(page, w.box.y0 - h * 0.4, w.box.y1 + h * 0.4, false, w.box.x0 - h * 0.5, w.box.x1 + h * 0.5);
        const again = groupWords(await this.pool.recognize(band, 'eng')).flatMap((l) => l.words);
        const text = again.map((x) => x.text).join('');
        if (/^[\x21-\x7e]+@[\x21-\x7e]+\.[a-z]{2,}[.,;]?$/i.test(text)) {
          line.words[k] = { ...w, text, confidence: meanConfidence(again) };
          line.text = line.words.map((x) => x.text).join(' ');
        }
      }
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.pool.close(), this.prep.close()]);
  }
}

/** Character-weighted mean word confidence. */
function meanConfidence(words: OcrWord[]): number {
  const chars = words.reduce((n, w) => n + w.text.length, 0);
  return chars ? words.reduce((s, w) => s + w.confidence * w.text.length, 0) / chars : 0;
}
