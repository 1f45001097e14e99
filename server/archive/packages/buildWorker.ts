// Worker thread of buildPool.ts: makes a card's PDF/A copies and builds its package (PDF/A validation, digests,
// package.json, OCFL object) away from the server's event loop and heap. OCR, when enabled, is asked of the main
// thread's engine.
import { parentPort } from 'node:worker_threads';
import { buildPackage, PackageError } from '../../../archive/index.ts';
import type { OcrDocument } from '../../../ocr/index.ts';
import { addCopies } from './renditions.ts';
import { largeBuffers, type BuildReply, type BuildRequest, type OcrReply, type OcrRequest } from './buildProtocol.ts';

const port = parentPort!;
const waiting = new Map<number, { resolve: (d: OcrDocument) => void; reject: (e: Error) => void }>();
let nextOcr = 1;

function recognize(image: Uint8Array): Promise<OcrDocument> {
  return new Promise((resolve, reject) => {
    const req = nextOcr++;
    waiting.set(req, { resolve, reject });
    const request: OcrRequest = { type: 'ocr', req, image };
    port.postMessage(request);
  });
}

async function build({ id, gathered, ocr }: BuildRequest): Promise<void> {
  let reply: BuildReply;
  try {
    await addCopies(gathered, { ocr, recognize });
    const built = buildPackage(gathered.input);
    reply = { type: 'built', id, files: built.files, manifest: built.manifest, anchor: built.anchor, notes: gathered.notes };
    port.postMessage(reply, largeBuffers(built.files.values()));
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    reply = { type: 'failed', id, message: e.message, ...(error instanceof PackageError ? { code: error.code } : {}) };
    port.postMessage(reply);
  }
}

port.on('message', (msg: BuildRequest | OcrReply) => {
  if (msg.type === 'build') {
    void build(msg);
    return;
  }
  const w = waiting.get(msg.req);
  if (!w) return;
  waiting.delete(msg.req);
  if (msg.doc) w.resolve(msg.doc);
  else w.reject(new Error(msg.error ?? 'OCR failed'));
});
