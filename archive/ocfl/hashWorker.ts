// Worker thread of hashPool.ts: digests of the buffers it is sent, computed with this thread's hashers.
import { parentPort } from 'node:worker_threads';
import { digest } from './digest.ts';

interface Job {
  id: number;
  data: Uint8Array;
  algorithms: string[];
}

parentPort!.on('message', ({ id, data, algorithms }: Job) => {
  const digests: Record<string, string | undefined> = {};
  for (const a of algorithms) digests[a] = digest(a, data);
  parentPort!.postMessage({ id, digests });
});
