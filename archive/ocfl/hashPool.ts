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
  resolve: (d: Record<string, string | undefined> | null) => void;
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
    shared.delete(id);
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
    shared.delete(id);
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

/**
 * Whether a verification or build about to hash `bytes` should use the pool; starts it when that pays, with
 * `threads` workers (a caller that shares its jobs, `shareWithWorker`, uses one worker fewer than there are cores).
 */
export function shouldUseHashWorkers(bytes: number, threads = availableParallelism()): boolean {
  if (workers.length > 0) return true;
  if (availableParallelism() < 2 || bytes < AUTO_START_BYTES) return false;
  startHashWorkers(threads);
  return true;
}

/** Workers that shared jobs use: all cores but one, the caller's thread being the last hasher. */
export const SHARED_WORKERS = Math.max(1, availableParallelism() - 1);

export async function stopHashWorkers(): Promise<void> {
  const all = workers.splice(0);
  await Promise.all(all.map((pw) => pw.worker.terminate()));
}

/** Digests of `data` computed on the least loaded worker (the bytes are copied to it, unless they are in a SharedArrayBuffer). */
export function hashOnWorker(data: Uint8Array, algorithms: string[]): Promise<Record<string, string | undefined>> {
  if (workers.length === 0) startHashWorkers();
  const pw = workers.reduce((a, b) => (b.queuedBytes < a.queuedBytes ? b : a));
  return post(pw, data, [{ algorithms, cost: data.length }])[0]!.result.then((d) => d ?? Promise.reject(new Error('hash job taken back')));
}

/** A job of `shareWithWorker`: `null` when the caller's thread took it to compute the digests itself. */
export interface HashJob {
  result: Promise<Record<string, string | undefined> | null>;
  /** Takes the job if no worker has started it (it then resolves to `null`); false once a worker has it. */
  take(): boolean;
  /**
   * The caller waits for this job: when this thread has nothing else to do (after its pending callbacks), it takes
   * the cheapest job no worker has started (this one or another) rather than wait.
   */
  want(): void;
  /**
   * The caller's thread took this job and computes it in slices, yielding between them (`computeTaken` in
   * digest.ts): no further job is taken until `done` settles, so this thread never holds two large digests while
   * the worker may run out of work.
   */
  computing(done: Promise<unknown>): void;
}

interface SharedJob {
  id: number;
  /** one flag per job of a batch: 0 free, 1 taken by the worker, 2 taken by the caller's thread: whoever swaps 0 out does the job */
  claims: Int32Array;
  slot: number;
  cost: number;
  wanted: boolean;
}

/** Shared jobs posted and not known to be taken yet. */
const shared = new Map<number, SharedJob>();
let helping = false;
/** A taken job this thread is computing in slices (`HashJob.computing`). */
let sliced: Promise<unknown> | null = null;

/** Schedules `help` if someone waits for a shared job. */
function kick(): void {
  if (helping || ![...shared.values()].some((j) => j.wanted)) return;
  helping = true;
  setImmediate(help);
}

/**
 * Digests of `data` shared between a worker and the caller's thread. The job is posted at once (the worker keeps
 * a list and starts the costliest job it has, so it never waits for this thread to hand it the next one), and a
 * flag in shared memory decides who does it: the caller's thread takes jobs when it would otherwise wait (`want`,
 * `take`). Shared jobs go to the workers of all cores but one: the caller's thread is the last hasher, and a third
 * busy thread on two cores only adds switching (each switch evicts the Streebog tables from the core's cache).
 * `cost` orders the jobs (the worker starts the costliest, this thread takes the cheapest).
 */
export function shareWithWorker(data: Uint8Array, algorithms: string[], cost: number): HashJob {
  return shareJobsWithWorker(data, [{ algorithms, cost }])[0]!;
}

/**
 * Several shared jobs over the same bytes (e.g. one per digest of a file) in one message to one worker, with their
 * claim flags in one piece of shared memory: a message and a SharedArrayBuffer cost the caller's thread as much as
 * the SHA-256 of a small file, once per file rather than once per digest.
 */
export function shareJobsWithWorker(data: Uint8Array, jobs: { algorithms: string[]; cost: number }[]): HashJob[] {
  if (workers.length === 0) startHashWorkers();
  const usable = workers.slice(0, SHARED_WORKERS);
  const pw = usable.reduce((a, b) => (b.queuedBytes < a.queuedBytes ? b : a));
  const claims = new Int32Array(new SharedArrayBuffer(4 * jobs.length));
  return post(pw, data, jobs, claims).map(({ id, result }, slot) => {
    const job: SharedJob = { id, claims, slot, cost: jobs[slot]!.cost, wanted: false };
    shared.set(id, job);
    return {
      result: result.then((d) => d, (e: unknown) => (job.claims[job.slot] === 2 ? null : Promise.reject(e))),
      take: () => take(job),
      want: () => {
        if (!shared.has(id)) return;
        job.wanted = true;
        kick();
      },
      computing: (done) => {
        const mine: Promise<unknown> = done.then(
          () => undefined,
          () => undefined,
        ).then(() => {
          if (sliced === mine) sliced = null;
          kick();
        });
        sliced = mine;
      },
    };
  });
}

function take(job: SharedJob): boolean {
  shared.delete(job.id);
  if (Atomics.compareExchange(job.claims, job.slot, 0, 2) !== 0) return false;
  const p = pending.get(job.id);
  if (p) {
    pending.delete(job.id);
    done(p);
    p.resolve(null);
  }
  return true;
}

/**
 * Runs once this thread's pending callbacks (and the workers' answers) are done: while someone waits for a shared
 * job, this thread takes the cheapest one no worker has started, one job per turn of the event loop.
 */
function help(): void {
  helping = false;
  // Busy with a large digest in slices: its end calls kick() again.
  if (sliced) return;
  if (![...shared.values()].some((j) => j.wanted)) return;
  for (const job of [...shared.values()].sort((a, b) => a.cost - b.cost)) if (take(job)) break;
  kick();
}

/** What a worker receives: the bytes once, and the jobs over them (`slot`: the job's claim flag, when shared). */
export interface BatchMessage {
  data: Uint8Array;
  claims?: Int32Array;
  jobs: { id: number; algorithms: string[]; cost: number; slot: number }[];
}

function post(
  pw: PoolWorker,
  data: Uint8Array,
  jobs: { algorithms: string[]; cost: number }[],
  claims?: Int32Array,
): { id: number; result: Promise<Record<string, string | undefined> | null> }[] {
  const bytes = data.length;
  const message: BatchMessage = { data, jobs: [], ...(claims ? { claims } : {}) };
  const out = jobs.map(({ algorithms, cost }, slot) => {
    const id = nextId++;
    message.jobs.push({ id, algorithms, cost, slot });
    const result = new Promise<Record<string, string | undefined> | null>((resolve, reject) => {
      pw.queuedBytes += bytes;
      pw.jobs += 1;
      const timer = setTimeout(() => retire(pw, new Error('hash worker did not answer in time')), timeoutMs(bytes));
      timer.unref();
      pending.set(id, { resolve, reject, pw, bytes, timer });
    });
    return { id, result };
  });
  pw.worker.ref();
  pw.worker.postMessage(message);
  return out;
}
