// Worker thread of streebogParallel.ts: hashes the buffers it is sent with this thread's Streebog.
import { parentPort } from 'node:worker_threads';
import { streebog256, streebog512 } from './streebog.ts';

interface Job {
  id: number;
  data: Uint8Array;
  bits: 256 | 512;
}

parentPort!.on('message', ({ id, data, bits }: Job) => {
  const digest = bits === 512 ? streebog512(data) : streebog256(data);
  parentPort!.postMessage({ id, digest }, [digest.buffer as ArrayBuffer]);
});
