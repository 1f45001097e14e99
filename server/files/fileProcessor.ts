// One lazily started worker thread per process handles file processing; tasks queue behind each other
// (the job queue already bounds concurrency) and a hung task is cut off by its timeout.
import { Worker } from 'node:worker_threads';
import type { ExtractedText } from './extractText.ts';

export interface ProcessedFile {
  text: ExtractedText;
  preview: Uint8Array | null;
  previewError: string | null;
}

interface Reply {
  id: number;
  ok: boolean;
  text?: ExtractedText;
  preview?: Uint8Array | null;
  previewError?: string | null;
  /** A page render's image (null: not a format with previews). */
  image?: Uint8Array | null;
  noSuchPage?: boolean;
  error?: string;
}

/** The page asked for is not in the document. */
export class PageOutOfRangeError extends Error {
  readonly code = 'NO_SUCH_PAGE';
}

export class FileProcessor {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();

  constructor(private readonly timeoutMs = 120_000) {}

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./fileWorker.mjs', import.meta.url));
    worker.unref();
    worker.on('message', (reply: Reply) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      clearTimeout(p.timer);
      this.pending.delete(reply.id);
      if (reply.ok) p.resolve(reply);
      else p.reject(reply.noSuchPage ? new PageOutOfRangeError(reply.error) : new Error(reply.error ?? 'file processing failed'));
    });
    const fail = (error: Error): void => {
      for (const p of this.pending.values()) {
        clearTimeout(p.timer);
        p.reject(error);
      }
      this.pending.clear();
      this.worker = null;
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`file worker exited with code ${code}`)));
    this.worker = worker;
    return worker;
  }

  async process(bytes: Uint8Array, mime: string): Promise<ProcessedFile> {
    const reply = await this.send({ bytes, mime });
    if (!reply.text) throw new Error(reply.error ?? 'file processing failed');
    return { text: reply.text, preview: reply.preview ?? null, previewError: reply.previewError ?? null };
  }

  /** One page's preview PNG, rendered in the worker thread; null for formats without previews. */
  async renderPage(bytes: Uint8Array, mime: string, page: number): Promise<Uint8Array | null> {
    return (await this.send({ bytes, mime, page })).image ?? null;
  }

  private send(task: { bytes: Uint8Array; mime: string; page?: number }): Promise<Reply> {
    const worker = this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        // A worker stuck in a pathological file is replaced rather than waited for.
        void this.worker?.terminate();
        this.worker = null;
        reject(new Error(`file processing timed out after ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      worker.postMessage({ id, ...task });
    });
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
    this.worker = null;
  }
}

export const fileProcessor = new FileProcessor();
