// Digests of large files on worker threads. A Streebog-256 stream runs at one core's speed (≈130 MB/s here) and is
// about 80 % of the CPU time of the three package digests (SHA-512 and SHA-256 run in OpenSSL at ≈0.8–1.7 GB/s),
// so a thread that hashes everything itself is bound by Streebog on one core. The pool hashes large files (all their
// digests in one worker, one copy of the bytes) while the caller's thread does PDF/A, signatures and the OCFL checks,
// and spreads several files over the cores. Starting a worker costs ≈0.1–0.3 s (tsx compiles its sources), so a process starts the pool once
// (`startHashWorkers`) or lets `shouldUseHashWorkers` start it when there is enough to hash; idle workers do not
// keep the process alive.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/** Below this size a file is hashed on the caller's thread: the message round trip would cost more than it saves. */
export const WORKER_MIN_BYTES = 256 * 1024;
/** Bytes to hash above which a process without workers starts them: their start-up is then repaid. */
const AUTO_START_BYTES = 48 * 2 ** 20;

interface PoolWorker {
  worker: Worker;
  queuedBytes: number;
  jobs: number;
}

interface Pending {
  resolve: (d: Record<string, string | undefined>) => void;
  reject: (e: Error) => void;
  pw: PoolWorker;
  bytes: number;
  timer: NodeJS.Timeout;
}

/**
 * How long a worker may take before its job is given up (the caller then hashes on its own thread) and the worker
 * replaced: generous for a busy machine (Streebog runs at ≈ 100 MB/s), but a stuck worker — seen once under heavy
 * load, a worker that never answered — must not hang a verification or a packaging job.
 */
const timeoutMs = (bytes: number): number => 30_000 + bytes / 1000;

const workers: PoolWorker[] = [];
const pending = new Map<number, Pending>();
let nextId = 1;

function spawn(): PoolWorker {
  const worker = new Worker(new URL('./hashWorker.mjs', import.meta.url));
  const pw: PoolWorker = { worker, queuedBytes: 0, jobs: 0 };
  worker.unref();
  worker.on('message', ({ id, digests }: { id: number; digests: Record<string, string | undefined> }) => {
    const p = pending.get(id);
    if (!p) return;
    pending.delete(id);
    done(p);
    p.resolve(digests);
  });
  worker.on('error', (e) => retire(pw, e));
  worker.on('exit', (code) => retire(pw, new Error(`hash worker exited with code ${code}`)));
  return pw;
}

/** Takes a failed or stuck worker out of the pool; its jobs fail, and their callers hash on their own thread. */
function retire(pw: PoolWorker, reason: Error): void {
  const i = workers.indexOf(pw);
  if (i >= 0) workers.splice(i, 1);
  for (const [id, p] of pending) {
    if (p.pw !== pw) continue;
    pending.delete(id);
    clearTimeout(p.timer);
    p.reject(reason);
  }
  void pw.worker.terminate();
}

function done(p: Pending): void {
  clearTimeout(p.timer);
  p.pw.queuedBytes -= p.bytes;
  p.pw.jobs -= 1;
  // A worker with work keeps the process alive (its answer is awaited); an idle one does not.
  if (p.pw.jobs === 0) p.pw.worker.unref();
}

/** Starts the pool (one worker per core by default); later calls keep the running workers. */
export function startHashWorkers(threads = availableParallelism()): void {
  while (workers.length < Math.max(1, threads)) workers.push(spawn());
}

export function hashWorkersRunning(): boolean {
  return workers.length > 0;
}

/** Whether a verification or build about to hash `bytes` should use the pool; starts it when that pays. */
export function shouldUseHashWorkers(bytes: number): boolean {
  if (workers.length > 0) return true;
  if (availableParallelism() < 2 || bytes < AUTO_START_BYTES) return false;
  startHashWorkers();
  return true;
}

export async function stopHashWorkers(): Promise<void> {
  const all = workers.splice(0);
  await Promise.all(all.map((pw) => pw.worker.terminate()));
}

/** Digests of `data` computed on the least loaded worker (the bytes are copied to it, unless they are in a SharedArrayBuffer). */
export function hashOnWorker(data: Uint8Array, algorithms: string[]): Promise<Record<string, string | undefined>> {
  if (workers.length === 0) startHashWorkers();
  const pw = workers.reduce((a, b) => (b.queuedBytes < a.queuedBytes ? b : a));
  return new Promise((resolve, reject) => {
    const id = nextId++;
    pw.queuedBytes += data.length;
    pw.jobs += 1;
    pw.worker.ref();
    const timer = setTimeout(() => retire(pw, new Error('hash worker did not answer in time')), timeoutMs(data.length));
    timer.unref();
    pending.set(id, { resolve, reject, pw, bytes: data.length, timer });
    pw.worker.postMessage({ id, data, algorithms });
  });
}
