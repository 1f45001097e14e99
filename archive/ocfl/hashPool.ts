// Digests of large files on worker threads. A Streebog-256 stream runs at one core's speed (≈130 MB/s here) and is
// about 80 % of the CPU time of the three package digests (SHA-512 and SHA-256 run in OpenSSL at ≈0.8–1.7 GB/s),
// so a thread that hashes everything itself is bound by Streebog on one core. The pool hashes large files (all their
// digests in one worker, one copy of the bytes) while the caller's thread does PDF/A, signatures and the OCFL checks,
// and spreads several files over the cores. Starting a worker costs ≈0.1–0.3 s (tsx compiles its sources), so a process starts the pool once
// (`startHashWorkers`) or lets `shouldUseHashWorkers` start it when there is enough to hash; idle workers do not
// keep the process alive.
import { availableParallelism } from 'node:os';
import { WorkerPool } from './workerPool.ts';

/** Below this size a file is hashed on the caller's thread: the message round trip would cost more than it saves. */
export const WORKER_MIN_BYTES = 256 * 1024;
/** Bytes to hash above which a process without workers starts them: their start-up is then repaid. */
const AUTO_START_BYTES = 48 * 2 ** 20;

/**
 * How long a worker may take before its job is given up (the caller then hashes on its own thread) and the worker
 * replaced: generous for a busy machine (Streebog runs at ≈ 100 MB/s), but a stuck worker — seen once under heavy
 * load, a worker that never answered — must not hang a verification or a packaging job.
 */
const timeoutMs = (bytes: number): number => 30_000 + bytes / 1000;

let threads = availableParallelism();
const pool = new WorkerPool({ url: new URL('./hashWorker.mjs', import.meta.url), size: () => threads });

/** Starts the pool (one worker per core by default); later calls keep the running workers. */
export function startHashWorkers(count = availableParallelism()): void {
  threads = Math.max(threads, count);
  pool.start(count);
}

export function hashWorkersRunning(): boolean {
  return pool.running > 0;
}

/** Whether a verification or build about to hash `bytes` should use the pool; starts it when that pays. */
export function shouldUseHashWorkers(bytes: number): boolean {
  if (pool.running > 0) return true;
  if (availableParallelism() < 2 || bytes < AUTO_START_BYTES) return false;
  startHashWorkers();
  return true;
}

export function stopHashWorkers(): Promise<void> {
  return pool.stop();
}

/** Digests of `data` computed on the least loaded worker (the bytes are copied to it, unless they are in a SharedArrayBuffer). */
export async function hashOnWorker(data: Uint8Array, algorithms: string[]): Promise<Record<string, string | undefined>> {
  if (pool.running === 0) startHashWorkers();
  const reply = await pool.run<{ digests: Record<string, string | undefined> }>({ data, algorithms }, { weight: data.length, timeoutMs: timeoutMs(data.length) });
  return reply.digests;
}
