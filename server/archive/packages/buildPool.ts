// Package builds on worker threads. Making the PDF/A copy of a scan, validating it and hashing every file (Streebog
// at ≈ 130 MB/s per core) is most of a package job's CPU, and it allocates several times the package's size in
// short-lived buffers. On the server's thread those buffers are what starts the major garbage collections (V8 counts
// external memory), each marking the whole server heap; in a worker the heap is small and the event loop stays free
// for the database work of the other jobs. One worker per core, started by the first package; idle workers do not
// keep the process alive. A worker that fails, exits or does not answer in time is retired and its build reported as
// `BuildWorkerLost`, after which the caller builds on its own thread.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { PackageError, type BuiltPackage } from '../../../archive/index.ts';
import type { PackageNote } from '../../models/ArchivePackage.ts';
import { ocrEngine } from '../../autofill/ocrService.ts';
import { largeBuffers, type BuildReply, type BuildRequest, type OcrReply } from './buildProtocol.ts';

export class BuildWorkerLost extends Error {
  readonly code = 'ARCHIVE_BUILD_WORKER_LOST';
}

interface PoolWorker {
  worker: Worker;
  jobs: number;
}

interface Pending {
  resolve: (r: { built: BuiltPackage; notes: PackageNote[] }) => void;
  reject: (e: Error) => void;
  pw: PoolWorker;
  timer: NodeJS.Timeout;
}

/** Long enough for OCR of a long scan on a busy machine; a stuck worker must still not hold a job forever. */
const TIMEOUT_MS = 20 * 60_000;

const workers: PoolWorker[] = [];
const pending = new Map<number, Pending>();
let nextId = 1;

function spawn(): PoolWorker {
  const worker = new Worker(new URL('./buildWorker.mjs', import.meta.url));
  const pw: PoolWorker = { worker, jobs: 0 };
  worker.unref();
  worker.on('message', (msg: BuildReply) => {
    if (msg.type === 'ocr') {
      const answer = (r: OcrReply): void => worker.postMessage(r);
      ocrEngine()
        .then((e) => e.recognize(msg.image))
        .then(
          (doc) => answer({ type: 'ocr-result', req: msg.req, doc }),
          (e: unknown) => answer({ type: 'ocr-result', req: msg.req, error: e instanceof Error ? e.message : String(e) }),
        );
      return;
    }
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    done(p);
    if (msg.type === 'built') p.resolve({ built: { files: msg.files, manifest: msg.manifest, anchor: msg.anchor }, notes: msg.notes });
    else p.reject(msg.code ? new PackageError(msg.code, msg.message) : new Error(msg.message));
  });
  worker.on('error', (e) => retire(pw, e));
  worker.on('exit', (code) => retire(pw, new Error(`package build worker exited with code ${code}`)));
  return pw;
}

function retire(pw: PoolWorker, reason: Error): void {
  const i = workers.indexOf(pw);
  if (i >= 0) workers.splice(i, 1);
  for (const [id, p] of pending) {
    if (p.pw !== pw) continue;
    pending.delete(id);
    clearTimeout(p.timer);
    p.reject(new BuildWorkerLost(reason.message));
  }
  void pw.worker.terminate();
}

function done(p: Pending): void {
  clearTimeout(p.timer);
  p.pw.jobs -= 1;
  if (p.pw.jobs === 0) p.pw.worker.unref();
}

/**
 * Makes the PDF/A copies of `gathered` and builds its package on a worker. The large byte arrays of the input move
 * to the worker (the caller must not use them afterwards) and those of the result move back.
 */
export function buildOnWorker(gathered: BuildRequest['gathered'], ocr: boolean): Promise<{ built: BuiltPackage; notes: PackageNote[] }> {
  const size = Math.max(1, availableParallelism());
  const idle = workers.find((w) => w.jobs === 0);
  const pw = idle ?? (workers.length < size ? (workers.push(spawn()), workers[workers.length - 1]!) : workers.reduce((a, b) => (b.jobs < a.jobs ? b : a)));
  return new Promise((resolve, reject) => {
    const id = nextId++;
    pw.jobs += 1;
    pw.worker.ref();
    const timer = setTimeout(() => retire(pw, new Error('package build worker did not answer in time')), TIMEOUT_MS);
    timer.unref();
    pending.set(id, { resolve, reject, pw, timer });
    const arrays = [
      ...gathered.input.originals.map((f) => f.bytes),
      ...(gathered.input.pdfa ?? []).map((f) => f.bytes),
      ...(gathered.input.evidence ?? []).map((f) => f.bytes),
      ...gathered.copies.flatMap((c) => [c.file.bytes, ...(c.kept ? [c.kept.bytes] : [])]),
    ];
    const request: BuildRequest = { type: 'build', id, gathered, ocr };
    try {
      pw.worker.postMessage(request, largeBuffers(arrays));
    } catch (e) {
      pending.delete(id);
      done({ resolve, reject, pw, timer });
      reject(new BuildWorkerLost(e instanceof Error ? e.message : String(e)));
    }
  });
}

export async function stopBuildWorkers(): Promise<void> {
  const all = workers.splice(0);
  await Promise.all(all.map((pw) => pw.worker.terminate()));
}
