// Thread entry of the preparation worker: answers prepare/turn requests from prepClient.ts.
import { parentPort } from 'node:worker_threads';
import { bandOf, preparePages, turnPage, type ImagePage, type PrepareOptions, type PreparedPage } from './prepare.ts';

export type PrepRequest =
  | { id: number; op: 'prepare'; bytes: Uint8Array; options: PrepareOptions }
  | { id: number; op: 'turn'; page: ImagePage; quarters: number }
  | { id: number; op: 'band'; page: ImagePage; y0: number; y1: number; flip: boolean; x0?: number; x1?: number };

export type PrepResponse =
  | { id: number; ok: true; pages: PreparedPage[] }
  | { id: number; ok: true; band: Uint8Array }
  | { id: number; ok: false; code: 'OCR_INPUT_UNSUPPORTED' | 'OCR_INPUT_UNREADABLE'; message: string };

const port = parentPort;
if (!port) throw new Error('prepWorker.ts must run in a worker thread');

port.on('message', (req: PrepRequest) => {
  void handle(req).then((res) => {
    const transfer = !res.ok
      ? []
      : 'band' in res
        ? [res.band.buffer as ArrayBuffer]
        : res.pages.flatMap((p) => (p.kind === 'image' ? [p.png.buffer as ArrayBuffer] : []));
    port.postMessage(res, transfer);
  });
});

async function handle(req: PrepRequest): Promise<PrepResponse> {
  try {
    if (req.op === 'prepare') return { id: req.id, ok: true, pages: await preparePages(req.bytes, req.options) };
    if (req.op === 'band') return { id: req.id, ok: true, band: bandOf(req.page, req.y0, req.y1, req.flip, req.x0, req.x1) };
    return { id: req.id, ok: true, pages: [turnPage(req.page, req.quarters)] };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { id: req.id, ok: false, code: message === 'UNSUPPORTED' ? 'OCR_INPUT_UNSUPPORTED' : 'OCR_INPUT_UNREADABLE', message };
  }
}
