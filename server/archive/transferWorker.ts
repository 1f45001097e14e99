// Worker thread: builds transfer ZIPs off the HTTP event loop, one request at a time (see transfer.ts).
import { parentPort } from 'node:worker_threads';
import { buildTransfer, type TransferSpec } from './transferBuild.ts';

parentPort?.on('message', async (task: { id: number; spec: TransferSpec }) => {
  try {
    const zip = await buildTransfer(task.spec);
    parentPort?.postMessage({ id: task.id, ok: true, zip }, [zip.buffer as ArrayBuffer]);
  } catch (error) {
    parentPort?.postMessage({ id: task.id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
