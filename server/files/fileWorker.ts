// Worker thread: text extraction and preview rendering run here, never on the HTTP event loop.
import { parentPort } from 'node:worker_threads';
import { extractText } from './extractText.ts';
import { NoSuchPageError, renderPreview } from './renderPreview.ts';

export interface FileTask {
  id: number;
  bytes: Uint8Array;
  mime: string;
  /** Only render this page's preview (no text extraction). */
  page?: number;
}

parentPort?.on('message', async (task: FileTask) => {
  if (task.page !== undefined) {
    try {
      const image = await renderPreview(task.bytes, task.mime, task.page);
      parentPort?.postMessage({ id: task.id, ok: true, image });
    } catch (error) {
      parentPort?.postMessage({ id: task.id, ok: false, error: error instanceof Error ? error.message : String(error), noSuchPage: error instanceof NoSuchPageError });
    }
    return;
  }
  try {
    const text = await extractText(task.bytes, task.mime);
    let preview: Uint8Array | null = null;
    let previewError: string | null = null;
    try {
      preview = await renderPreview(task.bytes, task.mime);
    } catch (error) {
      previewError = error instanceof Error ? error.message : String(error);
    }
    parentPort?.postMessage({ id: task.id, ok: true, text, preview, previewError });
  } catch (error) {
    parentPort?.postMessage({ id: task.id, ok: false, error: error instanceof Error ? error.message : String(error) });
  }
});
