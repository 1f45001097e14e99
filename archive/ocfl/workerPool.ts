// A small pool of worker threads for jobs that must never decide a result by failing: a worker that fails, exits or
// does not answer in time is retired and its jobs rejected with `WorkerLost`, so that the caller does the work on its
// own thread. Idle workers do not keep the process alive. Used by the hash pool (hashPool.ts) and by the server's
// package builds.
import { Worker } from 'node:worker_threads';

export class WorkerLost extends Error {
  readonly code = 'WORKER_LOST';
}

interface PoolWorker {
  worker: Worker;
  /** sum of the weights of the jobs it has not answered yet */
  load: number;
  jobs: number;
}

interface Pending {
  resolve: (reply: unknown) => void;
  reject: (e: Error) => void;
  pw: PoolWorker;
  weight: number;
  timer: NodeJS.Timeout;
}

export interface WorkerPoolOptions {
  /** the worker's module (a .mjs bootstrap that registers tsx, for TypeScript sources) */
  url: URL;
  /** how many workers at most */
  size: () => number;
  /**
   * A message that is not a job's reply (it has no `id` of a pending job): a request of the worker's to this
   * thread, answered through `worker.postMessage`.
   */
  onRequest?: (message: unknown, worker: Worker) => void;
}

export class WorkerPool {
  private readonly workers: PoolWorker[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(private readonly options: WorkerPoolOptions) {}

  get running(): number {
    return this.workers.length;
  }

  /** Starts workers up to `count` (at least one); running ones are kept. */
  start(count = this.options.size()): void {
    while (this.workers.length < Math.max(1, count)) this.workers.push(this.spawn());
  }

  /**
   * Posts `{ id, ...message }` to an idle worker (started if the pool has room) or the least loaded one, and resolves
   * with the worker's reply carrying the same `id`. `weight` (e.g. bytes) balances the load.
   */
  run<T>(message: Record<string, unknown>, options: { weight?: number; timeoutMs: number; transfer?: ArrayBuffer[] }): Promise<T> {
    let pw = this.workers.find((w) => w.jobs === 0);
    if (!pw && this.workers.length < Math.max(1, this.options.size())) {
      pw = this.spawn();
      this.workers.push(pw);
    }
    pw ??= this.workers.reduce((a, b) => (b.load < a.load ? b : a));
    const target = pw;
    const weight = options.weight ?? 1;
    return new Promise<T>((resolve, reject) => {
      const id = this.nextId++;
      target.load += weight;
      target.jobs += 1;
      target.worker.ref();
      const timer = setTimeout(() => this.retire(target, new Error('the worker did not answer in time')), options.timeoutMs);
      timer.unref();
      const p: Pending = { resolve: resolve as (reply: unknown) => void, reject, pw: target, weight, timer };
      this.pending.set(id, p);
      try {
        target.worker.postMessage({ ...message, id }, options.transfer ?? []);
      } catch (e) {
        this.pending.delete(id);
        this.done(p);
        reject(new WorkerLost(e instanceof Error ? e.message : String(e)));
      }
    });
  }

  async stop(): Promise<void> {
    const all = this.workers.splice(0);
    await Promise.all(all.map((pw) => pw.worker.terminate()));
  }

  private spawn(): PoolWorker {
    const worker = new Worker(this.options.url);
    const pw: PoolWorker = { worker, load: 0, jobs: 0 };
    worker.unref();
    worker.on('message', (msg: { id?: number }) => {
      const p = msg.id === undefined ? undefined : this.pending.get(msg.id);
      if (!p) {
        this.options.onRequest?.(msg, worker);
        return;
      }
      this.pending.delete(msg.id!);
      this.done(p);
      p.resolve(msg);
    });
    worker.on('error', (e) => this.retire(pw, e));
    worker.on('exit', (code) => this.retire(pw, new Error(`the worker exited with code ${code}`)));
    return pw;
  }

  private retire(pw: PoolWorker, reason: Error): void {
    const i = this.workers.indexOf(pw);
    if (i >= 0) this.workers.splice(i, 1);
    for (const [id, p] of this.pending) {
      if (p.pw !== pw) continue;
      this.pending.delete(id);
      clearTimeout(p.timer);
      p.reject(new WorkerLost(reason.message));
    }
    void pw.worker.terminate();
  }

  private done(p: Pending): void {
    clearTimeout(p.timer);
    p.pw.load -= p.weight;
    p.pw.jobs -= 1;
    // A worker with work keeps the process alive (its answer is awaited); an idle one does not.
    if (p.pw.jobs === 0) p.pw.worker.unref();
  }
}
