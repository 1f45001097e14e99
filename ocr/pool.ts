// A pool of tesseract.js workers (each one a worker thread with its own wasm instance).
import { availableParallelism } from 'node:os';
import v8 from 'node:v8';
import { createWorker, OEM, type Worker as TessWorker } from 'tesseract.js';
import { OcrError } from './errors.ts';
import { parseHocr, type HocrWord } from './hocr.ts';
import { DEFAULT_LANGS, resolveTessdata } from './tessdata.ts';

export interface PoolOptions {
  /** number of workers; default: the number of cores */
  size?: number;
  /** folder with traineddata preferred over the bundled and system ones */
  tessdataDir?: string;
  /** ms to wait for a worker to load its models before giving up */
  createTimeoutMs?: number;
}

interface Slot {
  worker: TessWorker;
  langs: string;
  langPath: string;
  busy: boolean;
}

/**
 * Recognition settings: letters do not print white on black, so tesseract need not read every doubtful line a
 * second time inverted (`tessedit_do_invert`, on by default).
 */
async function tune(worker: TessWorker): Promise<void> {
  await worker.setParameters({ tessedit_do_invert: '0' });
}

/**
 * V8 compiles WebAssembly with its baseline compiler (Liftoff) and recompiles the functions that turn out hot with
 * TurboFan in background threads; tesseract's core (3.4 MB of wasm) keeps being recompiled for dozens of pages,
 * running on baseline code meanwhile. Without Liftoff each function is compiled once, optimised, when first
 * called: ~0.15 s more CPU per worker start-up, ~0.03–0.05 s less per page (same output). The flag is V8's, so
 * it holds for every WebAssembly module the process compiles afterwards (they start on optimised code too).
 */
let liftoffOff = false;
function compileWasmOptimised(): void {
  if (liftoffOff) return;
  liftoffOff = true;
  v8.setFlagsFromString('--no-liftoff');
}

export class OcrPool {
  private readonly slots: Slot[] = [];
  private readonly waiting: Array<() => void> = [];
  private creating = 0;
  private closed = false;
  readonly size: number;
  private readonly tessdataDir: string | undefined;
  private readonly createTimeoutMs: number;

  constructor(opts: PoolOptions = {}) {
    this.size = Math.max(1, opts.size ?? availableParallelism());
    this.tessdataDir = opts.tessdataDir;
    this.createTimeoutMs = opts.createTimeoutMs ?? 60_000;
  }

  private async spawn(langs: string, langPath: string): Promise<TessWorker> {
    compileWasmOptimised();
    let timer: NodeJS.Timeout | undefined;
    const pending = createWorker(langs, OEM.LSTM_ONLY, {
      langPath,
      cacheMethod: 'none',
      gzip: false,
      logger: () => undefined,
      errorHandler: () => undefined,
    });
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new OcrError('OCR_WORKER_TIMEOUT', `tesseract worker not ready after ${this.createTimeoutMs} ms`)), this.createTimeoutMs);
    });
    try {
      const worker = await Promise.race([pending, timeout]);
      await tune(worker);
      return worker;
    } catch (err) {
      // A worker that finishes loading after the timeout must not leak.
      void pending.then((w) => w.terminate()).catch(() => undefined);
      if (err instanceof OcrError) throw err;
      throw new OcrError('OCR_WORKER_FAILED', `tesseract worker failed to start: ${String(err)}`, { cause: err });
    } finally {
      clearTimeout(timer);
    }
  }

  private async acquire(langs: string, langPath: string): Promise<Slot> {
    for (;;) {
      if (this.closed) throw new OcrError('OCR_POOL_CLOSED', 'OCR pool is closed');
      const idle = this.slots.filter((s) => !s.busy);
      const same = idle.find((s) => s.langs === langs && s.langPath === langPath);
      if (same) {
        same.busy = true;
        return same;
      }
      if (this.slots.length + this.creating < this.size) {
        this.creating++;
        try {
          const worker = await this.spawn(langs, langPath);
          const slot: Slot = { worker, langs, langPath, busy: true };
          this.slots.push(slot);
          return slot;
        } finally {
          this.creating--;
        }
      }
      const other = idle[0];
      if (other) {
        other.busy = true;
        try {
          if (other.langPath === langPath) {
            await other.worker.reinitialize(langs, OEM.LSTM_ONLY);
            await tune(other.worker);
          } else {
            await other.worker.terminate();
            other.worker = await this.spawn(langs, langPath);
            other.langPath = langPath;
          }
          other.langs = langs;
          return other;
        } catch (err) {
          this.slots.splice(this.slots.indexOf(other), 1);
          throw err;
        }
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  private release(slot: Slot): void {
    slot.busy = false;
    this.waiting.shift()?.();
  }

  /**
   * Recognises one image (PGM/PNG/JPEG bytes): its words with boxes, confidences and line baselines. `whitelist`
   * limits the characters read for this call only (a parameter switch costs nothing; another language list would
   * reload a worker's models).
   */
  async recognize(image: Uint8Array, langs = DEFAULT_LANGS, whitelist?: string): Promise<HocrWord[]> {
    const langPath = resolveTessdata(langs, this.tessdataDir);
    const slot = await this.acquire(langs, langPath);
    try {
      if (whitelist) await slot.worker.setParameters({ tessedit_char_whitelist: whitelist });
      // hOCR only: tesseract.js's `blocks` tree is built in JavaScript and costs ~10 % of the page's time.
      const result = await slot.worker.recognize(Buffer.from(image.buffer, image.byteOffset, image.byteLength), {}, { text: false, hocr: true });
      return parseHocr(result.data.hocr ?? '');
    } catch (err) {
      throw new OcrError('OCR_WORKER_FAILED', `recognition failed: ${String(err)}`, { cause: err });
    } finally {
      if (whitelist) await slot.worker.setParameters({ tessedit_char_whitelist: '' }).catch(() => undefined);
      this.release(slot);
    }
  }

  /** The model folder the pool was told to prefer (`resolveTessdata` falls back from it). */
  get preferredTessdata(): string | undefined {
    return this.tessdataDir;
  }

  async close(): Promise<void> {
    this.closed = true;
    const slots = this.slots.splice(0);
    for (const w of this.waiting.splice(0)) w();
    await Promise.all(slots.map((s) => s.worker.terminate().catch(() => undefined)));
  }
}
