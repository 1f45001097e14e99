// Package builds on worker threads. Making the PDF/A copy of a scan, validating it and hashing every file (Streebog
// at ≈ 130 MB/s per core) is most of a package job's CPU, and it allocates several times the package's size in
// short-lived buffers; on a worker that work leaves the server's event loop free for the other jobs' database work,
// and its garbage is collected in a small heap. One worker per core, started by the first packages. A worker that
// fails, exits or does not answer in time is retired and its build rejected with `WorkerLost`, after which the caller
// builds on its own thread.
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { PackageError, WorkerPool, type BuiltPackage } from '../../../archive/index.ts';
import type { PackageNote } from '../../models/ArchivePackage.ts';
import { ocrEngine } from '../../autofill/ocrService.ts';
import { largeBuffers, type BuildReply, type BuildRequest, type OcrReply, type OcrRequest } from './buildProtocol.ts';

/** Long enough for OCR of a long scan on a busy machine; a stuck worker must still not hold a job forever. */
const TIMEOUT_MS = 20 * 60_000;

/** OCR of a worker's page image by this process's engine (one set of tesseract workers per process). */
function answerOcr(msg: unknown, worker: Worker): void {
  const { req, image } = msg as OcrRequest;
  const answer = (r: OcrReply): void => worker.postMessage(r);
  ocrEngine()
    .then((e) => e.recognize(image))
    .then(
      (doc) => answer({ type: 'ocr-result', req, doc }),
      (e: unknown) => answer({ type: 'ocr-result', req, error: e instanceof Error ? e.message : String(e) }),
    );
}

const pool = new WorkerPool({ url: new URL('./buildWorker.mjs', import.meta.url), size: () => availableParallelism(), onRequest: answerOcr });

/**
 * Makes the PDF/A copies of `gathered` and builds its package on a worker. The large byte arrays of the input move
 * to the worker (the caller must not use them afterwards) and those of the result move back.
 */
export async function buildOnWorker(gathered: BuildRequest['gathered'], ocr: boolean): Promise<{ built: BuiltPackage; notes: PackageNote[] }> {
  const arrays = [
    ...gathered.input.originals.map((f) => f.bytes),
    ...(gathered.input.pdfa ?? []).map((f) => f.bytes),
    ...(gathered.input.evidence ?? []).map((f) => f.bytes),
    ...gathered.copies.flatMap((c) => [c.file.bytes, ...(c.kept ? [c.kept.bytes] : [])]),
  ];
  const request: Omit<BuildRequest, 'id'> = { type: 'build', gathered, ocr };
  const reply = await pool.run<BuildReply>(request, { timeoutMs: TIMEOUT_MS, transfer: largeBuffers(arrays) });
  if (reply.type === 'failed') throw reply.code ? new PackageError(reply.code, reply.message) : new Error(reply.message);
  return { built: { files: reply.files, manifest: reply.manifest, anchor: reply.anchor }, notes: reply.notes };
}

export function stopBuildWorkers(): Promise<void> {
  return pool.stop();
}
