// Streebog over many buffers on worker threads. One Streebog stream is sequential and runs at the
// speed of one core (≈100–150 MB/s here); a caller hashing many files (the archive's fixity and
// package digests) can spread them over the cores and keep its own thread for SHA-2 meanwhile.
// Workers start on first use (≈0.1–0.3 s each, tsx compiling the sources), stay for later calls and
// do not keep the process alive.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

interface Pending {
  resolve: (d: Uint8Array) => void;
  reject: (e: Error) => void;
}

interface PoolWorker {
  worker: Worker;
  queuedBytes: number;
}

const workers: PoolWorker[] = [];
const pending = new Map<number, Pending & { pw: PoolWorker; bytes: number }>();
let nextId = 1;

function spawn(): PoolWorker {
  const worker = new Worker(new URL('./streebogWorker.mjs', import.meta.url));
  const pw: PoolWorker = { worker, queuedBytes: 0 };
  worker.unref();
  worker.on('message', ({ id, digest }: { id: number; digest: Uint8Array }) => {
    const p = pending.get(id);
    if (!p) return;
    pending.delete(id);
    p.pw.queuedBytes -= p.bytes;
    p.resolve(new Uint8Array(digest));
  });
  worker.on('error', (e) => {
    for (const [id, p] of pending) {
      if (p.pw !== pw) continue;
      pending.delete(id);
      p.reject(e);
    }
    workers.splice(workers.indexOf(pw), 1);
  });
  return pw;
}

/** Streebog digests of `items`, in order, computed on up to `threads` worker threads (default: one per core). */
export async function streebogMany(items: Uint8Array[], bits: 256 | 512 = 256, threads = availableParallelism()): Promise<Uint8Array[]> {
  const want = Math.max(1, Math.min(threads, items.length));
  while (workers.length < want) workers.push(spawn());
  const pool = workers.slice(0, want);
  return Promise.all(
    items.map(
      (data) =>
        new Promise<Uint8Array>((resolve, reject) => {
          // The least loaded worker (by bytes queued) takes the next buffer.
          const pw = pool.reduce((a, b) => (b.queuedBytes < a.queuedBytes ? b : a));
          const id = nextId++;
          pw.queuedBytes += data.length;
          pending.set(id, { resolve, reject, pw, bytes: data.length });
          pw.worker.postMessage({ id, data, bits });
        }),
    ),
  );
}

/** Stops the worker threads (they are started again on the next call). */
export async function closeStreebogWorkers(): Promise<void> {
  const all = workers.splice(0);
  await Promise.all(all.map((pw) => pw.worker.terminate()));
}
