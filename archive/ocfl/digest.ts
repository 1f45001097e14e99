// Digest algorithms of OCFL 1.1 (manifest: sha512/sha256; fixity: the spec's table and the
// 0001-digest-algorithms extension) plus GOST R 34.11-2012 (Streebog-256) from signature/.
import { createHash } from 'node:crypto';
import { blake2b } from '@noble/hashes/blake2.js';
import { Streebog, streebog256 } from '../../signature/index.ts';
import { hashOnWorker, SHARED_WORKERS, shareJobsWithWorker, shouldUseHashWorkers, WORKER_MIN_BYTES, type HashJob } from './hashPool.ts';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

const ALGORITHMS: Record<string, (d: Uint8Array) => string> = {
  md5: (d) => createHash('md5').update(d).digest('hex'),
  sha1: (d) => createHash('sha1').update(d).digest('hex'),
  sha256: (d) => createHash('sha256').update(d).digest('hex'),
  sha512: (d) => createHash('sha512').update(d).digest('hex'),
  'blake2b-512': (d) => createHash('blake2b512').update(d).digest('hex'),
  'blake2b-160': (d) => hex(blake2b(d, { dkLen: 20 })),
  'blake2b-256': (d) => hex(blake2b(d, { dkLen: 32 })),
  'blake2b-384': (d) => hex(blake2b(d, { dkLen: 48 })),
  'sha512/256': (d) => createHash('sha512-256').update(d).digest('hex'),
  'streebog-256': (d) => hex(streebog256(d)),
};

/** Relative CPU per byte (ms per MB here: Streebog-256 in WebAssembly ≈ 5.5–7, SHA-2 in OpenSSL ≈ 0.6–1.2), to order shared jobs. */
const CPU_WEIGHT: Record<string, number> = { 'streebog-256': 6, sha512: 1.2, sha256: 0.6 };
const SLOWEST = 'streebog-256';

/** The digests a package lists for every file (package.json) and the OCFL object records (manifest, fixity). */
export const PACKAGE_DIGESTS = ['sha512', 'sha256', 'streebog-256'] as const;

/** Algorithms OCFL 1.1 lists for fixity, and those of the registered digest extension. */
export const SPEC_FIXITY = new Set(['md5', 'sha1', 'sha256', 'sha512', 'blake2b-512']);
export const EXTENSION_FIXITY = new Set(['blake2b-160', 'blake2b-256', 'blake2b-384', 'sha512/256', 'size']);
/** Our local extension declaring GOST R 34.11-2012 for fixity. */
export const GOST_EXTENSION = 'kartoteka-gost-digest-algorithms';
export const GOST_FIXITY = new Set(['streebog-256']);

function sharedCopy(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(new SharedArrayBuffer(data.length));
  out.set(data);
  return out;
}

export function digest(algorithm: string, data: Uint8Array): string | undefined {
  if (algorithm === 'size') return String(data.length);
  return ALGORITHMS[algorithm]?.(data);
}

export function hexLength(algorithm: string): number | undefined {
  const l: Record<string, number> = { md5: 32, sha1: 40, sha256: 64, sha512: 128, 'blake2b-512': 128, 'streebog-256': 64 };
  return l[algorithm];
}

/** Slices of a large Streebog digest that this thread computes between other work (≈ 1.5 ms each here). */
const SLICE = 256 * 1024;

/**
 * The digest of a shared job this thread took back from the worker. Streebog of a large array (≈ 9 ms for a 1.6 MB
 * PDF here) is computed in slices with a turn of the event loop between them: meanwhile this thread handles the
 * verifications that finished and starts the next ones, whose large files keep the worker busy, instead of leaving
 * it without work for the whole digest.
 */
function computeTaken(algorithm: string, data: Uint8Array, job: HashJob | undefined): string | undefined | Promise<string | undefined> {
  if (algorithm !== 'streebog-256' || data.length < 2 * SLICE) return digest(algorithm, data);
  const done = (async () => {
    const h = new Streebog(256);
    for (let at = 0; at < data.length; at += SLICE) {
      h.update(data.subarray(at, at + SLICE));
      if (at + SLICE < data.length) await new Promise((r) => setImmediate(r));
    }
    return hex(h.digest());
  })();
  job?.computing(done);
  return done;
}

/**
 * Remembers digests of byte arrays during one build or one verification, where the same bytes are
 * hashed for the OCFL manifest, the fixity block and package.json. Scoped by the caller, never
 * global: arrays must not change while a cache that has seen them is in use.
 *
 * With `workers`, `start` sends the slow digests of large arrays to the hash pool, and
 * `digestAsync` awaits them, so the caller's thread can do other work meanwhile; `digest` stays
 * synchronous and computes on this thread whatever is not known yet.
 *
 * With `share`, the jobs are shared with one worker fewer than there are cores (`shareWithWorker`), and
 * `digestAsync` or `settle` take the ones no worker has started and hash them here: the caller's thread hashes too
 * once it has nothing else to do, instead of waiting while a third thread competes for two cores.
 */
export class DigestCache {
  private readonly seen = new WeakMap<Uint8Array, Map<string, string | undefined>>();
  private readonly running = new WeakMap<Uint8Array, Map<string, Promise<string | undefined>>>();
  private readonly jobs = new Set<HashJob>();
  private readonly jobOf = new WeakMap<Uint8Array, Map<string, HashJob>>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private decided: boolean | undefined;
  /** `'auto'`: the pool when it runs, or when `useWorkers` is told of enough bytes to repay starting it. */
  constructor(
    private readonly workers: boolean | 'auto' = false,
    private readonly share = false,
  ) {}

  /** Decides (once) whether the slow digests of large arrays go to the pool, given the bytes about to be hashed. */
  useWorkers(bytes: number): boolean {
    this.decided ??= this.workers === 'auto' ? shouldUseHashWorkers(bytes, this.share ? SHARED_WORKERS : undefined) : this.workers;
    return this.decided;
  }

  digest(algorithm: string, data: Uint8Array): string | undefined {
    let m = this.seen.get(data);
    if (!m) {
      m = new Map();
      this.seen.set(data, m);
    }
    if (!m.has(algorithm)) m.set(algorithm, digest(algorithm, data));
    return m.get(algorithm);
  }

  /** Starts the digests of `data` that are worth a worker thread; the others wait for their first use. */
  start(data: Uint8Array, algorithms: Iterable<string>): void {
    if (!(this.decided ?? this.workers === true) || data.length < WORKER_MIN_BYTES) return;
    const known = this.seen.get(data);
    let run = this.running.get(data);
    const wanted = [...new Set(algorithms)].filter((a) => a in ALGORITHMS && !known?.has(a) && !run?.has(a));
    if (wanted.length === 0) return;
    if (!run) {
      run = new Map();
      this.running.set(data, run);
    }
    // Without `share`, every digest of a large array goes to the same worker: one copy of the bytes. With it, each
    // digest is a job of its own over shared memory, Streebog first: the slow one goes to a worker, and this thread
    // can take the SHA-2 jobs (≈ 1/4 of the hashing) when it is idle.
    // Unshared bytes (an unpacked .zip) are copied once into shared memory for that: postMessage would copy them too.
    const sent = this.share && !(data.buffer instanceof SharedArrayBuffer) ? sharedCopy(data) : data;
    const groups = this.share ? [...wanted].sort((a, b) => Number(b === SLOWEST) - Number(a === SLOWEST)).map((a) => [a]) : [wanted];
    // Shared: the jobs of one array go in one message (shareJobsWithWorker).
    const jobs = this.share ? shareJobsWithWorker(sent, groups.map((g) => ({ algorithms: g, cost: data.length * g.reduce((n, a) => n + (CPU_WEIGHT[a] ?? 1), 0) }))) : [];
    groups.forEach((group, i) => {
      let all: Promise<Record<string, string | undefined> | null>;
      const job = jobs[i];
      if (job) {
        this.jobs.add(job);
        let byAlg = this.jobOf.get(data);
        if (!byAlg) {
          byAlg = new Map();
          this.jobOf.set(data, byAlg);
        }
        for (const a of group) byAlg.set(a, job);
        all = job.result.finally(() => this.jobs.delete(job));
      } else all = hashOnWorker(data, group);
      for (const a of group) {
        // A worker that failed (killed, out of memory) costs time, not correctness: the digest is computed here, as
        // is one taken back from the queue (null).
        const value = all.then((d) => (d === null ? computeTaken(a, data, job) : d[a]), () => digest(a, data)).then((v) => {
          let m = this.seen.get(data);
          if (!m) {
            m = new Map();
            this.seen.set(data, m);
          }
          m.set(a, v);
          this.inFlight.delete(value);
          return v;
        });
        this.inFlight.add(value);
        run.set(a, value);
      }
    });
  }

  /** Waits for every digest started on the pool, so that `digest` finds them (a failed worker's are computed then). */
  async settle(): Promise<void> {
    for (const job of [...this.jobs]) job.take();
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** The digest, from the pool when `start` sent it there, else computed here. */
  async digestAsync(algorithm: string, data: Uint8Array): Promise<string | undefined> {
    const known = this.seen.get(data);
    if (known?.has(algorithm)) return known.get(algorithm);
    const run = this.running.get(data)?.get(algorithm);
    // Needed now: if no worker has started it by the time this thread runs out of other work, this thread hashes.
    if (run) this.jobOf.get(data)?.get(algorithm)?.want();
    return run ? run : this.digest(algorithm, data);
  }
}
