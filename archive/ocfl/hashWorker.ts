// Worker thread of hashPool.ts: digests of the buffers it is sent, computed with this thread's hashers. Jobs wait in
// a list and the costliest is done first; a shared job is done only if its claim flag is still free (the caller's
// thread may have taken it meanwhile, and then the worker skips it without an answer).
import { parentPort } from 'node:worker_threads';
import { digest } from './digest.ts';
import type { BatchMessage } from './hashPool.ts';

interface Job {
  id: number;
  data: Uint8Array;
  algorithms: string[];
  cost: number;
  claims?: Int32Array;
  slot: number;
}

const waiting: Job[] = [];
let scheduled = false;

parentPort!.on('message', ({ data, claims, jobs }: BatchMessage) => {
  for (const j of jobs) waiting.push({ ...j, data, ...(claims ? { claims } : {}) });
  schedule();
});

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  // After the messages that have arrived meanwhile, so that the costliest of them is chosen.
  setImmediate(next);
}

function next(): void {
  scheduled = false;
  let best = 0;
  for (let i = 1; i < waiting.length; i++) if (waiting[i]!.cost > waiting[best]!.cost) best = i;
  const job = waiting.splice(best, 1)[0];
  if (job && (!job.claims || Atomics.compareExchange(job.claims, job.slot, 0, 1) === 0)) {
    const digests: Record<string, string | undefined> = {};
    for (const a of job.algorithms) digests[a] = digest(a, job.data);
    parentPort!.postMessage({ id: job.id, digests });
  }
  if (waiting.length > 0) schedule();
}
