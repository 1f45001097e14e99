// Main-thread side of the preparation worker thread.
import { Worker } from 'node:worker_threads';
import { OcrError } from './errors.ts';
import { sniff, type ImagePage, type PrepareOptions, type PreparedPage } from './prepare.ts';
import type { PrepRequest, PrepResponse } from './prepWorker.ts';

type Result = PreparedPage[] | Uint8Array;
type Pending = { resolve: (p: Result) => void; reject: (e: Error) => void };
type RequestBody =
  | { op: 'prepare'; bytes: Uint8Array; options: PrepareOptions }
  | { op: 'turn'; page: ImagePage; quarters: number }
  | { op: 'band'; page: ImagePage; y0: number; y1: number; flip: boolean; x0?: number; x1?: number };

/** One preparation worker thread and the requests waiting on it. */
class PrepThread {
  private worker: Worker | null = null;
  readonly pending = new Map<number, Pending>();

  private start(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(new URL('./prepWorker.mjs', import.meta.url));
    w.on('message', (res: PrepResponse) => {
      const p = this.pending.get(res.id);
      if (!p) return;
      this.pending.delete(res.id);
      if (res.ok) p.resolve('band' in res ? res.band : res.pages);
      else p.reject(new OcrError(res.code, res.message));
    });
    w.on('error', (err) => this.failAll(err));
    w.on('exit', (code) => {
      this.worker = null;
      if (code !== 0) this.failAll(new Error(`preparation worker exited with ${code}`));
    });
    // Idle preparation threads must not keep a CLI process alive.
    w.unref();
    this.worker = w;
    return w;
  }

  private failAll(err: Error): void {
    for (const p of this.pending.values()) p.reject(new OcrError('OCR_WORKER_FAILED', err.message, { cause: err }));
    this.pending.clear();
  }

  request(id: number, body: RequestBody): Promise<Result> {
    const w = this.start();
    return new Promise<Result>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      w.ref();
      const req: PrepRequest = { id, ...body };
      w.postMessage(req);
    }).finally(() => {
      if (this.pending.size === 0) this.worker?.unref();
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }
}

/**
 * Preparation threads; each image request goes to the least busy one (requests carry all their data). PDF
 * documents go to a thread of their own, started on the first PDF: pdf.js leaves ~100 MB of live heap in the
 * thread that loads it (its modules, and their source maps under tsx), and every later garbage collection there
 * marks all of it — on the scan pages' thread that cost ~0.04 s CPU per page (bench/ocr-speed.ts).
 */
export class PrepClient {
  private readonly threads: PrepThread[];
  private readonly pdfThread = new PrepThread();
  private seq = 0;

  constructor(size = 1) {
    this.threads = Array.from({ length: Math.max(1, size) }, () => new PrepThread());
  }

  private request(body: RequestBody): Promise<Result> {
    const thread = body.op === 'prepare' && sniff(body.bytes) === 'pdf' ? this.pdfThread : this.threads.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    return thread.request(++this.seq, body);
  }

  async prepare(bytes: Uint8Array, options: PrepareOptions): Promise<PreparedPage[]> {
    const r = await this.request({ op: 'prepare', bytes, options });
    if (!Array.isArray(r)) throw new OcrError('OCR_WORKER_FAILED', 'prepare returned no pages');
    return r;
  }

  async band(page: ImagePage, y0: number, y1: number, flip: boolean, x0?: number, x1?: number): Promise<Uint8Array> {
    const r = await this.request({ op: 'band', page, y0, y1, flip, x0, x1 });
    if (Array.isArray(r)) throw new OcrError('OCR_WORKER_FAILED', 'band returned pages');
    return r;
  }

  async turn(page: ImagePage, quarters: number): Promise<ImagePage> {
    const r = await this.request({ op: 'turn', page, quarters });
    const p = Array.isArray(r) ? r[0] : undefined;
    if (!p || p.kind !== 'image') throw new OcrError('OCR_WORKER_FAILED', 'turn returned no image page');
    return p;
  }

  async close(): Promise<void> {
    await Promise.all([...this.threads, this.pdfThread].map((t) => t.close()));
  }
}
