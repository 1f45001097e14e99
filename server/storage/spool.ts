import { createHash, randomUUID } from 'node:crypto';
import { open, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { sniffMime } from './sniffMime.ts';
import { StorageError } from './storageError.ts';
import { Utf8TextDetector } from './utf8Text.ts';

export type BlobBody = NodeJS.ReadableStream | AsyncIterable<Uint8Array> | Uint8Array;

export interface SpooledBlob {
  /** Temp file holding the complete, fsynced body. */
  readonly path: string;
  readonly sha256: string;
  readonly size: number;
  readonly mime: string;
  /** Removes the temp file; safe to call after it was renamed away. */
  discard(): Promise<void>;
}

export const TEMP_SUFFIX = '.part';

/**
 * Reads the body exactly once into a fresh temp file in `dir`, hashing, counting and checking UTF-8
 * on the way, and fsyncs it. On any failure (size limit, body error, disk error) the temp file is
 * removed before the error propagates, so a failed put leaves nothing behind.
 */
export async function spoolToTempFile(
  body: BlobBody,
  dir: string,
  options: { maxBytes?: number; declaredName?: string } = {},
): Promise<SpooledBlob> {
  const maxBytes = options.maxBytes ?? Number.POSITIVE_INFINITY;
  if (!(maxBytes >= 0)) throw new RangeError('maxBytes must be a non-negative number');
  const path = join(dir, `${randomUUID()}${TEMP_SUFFIX}`);
  const discard = (): Promise<void> => rm(path, { force: true });
  const hash = createHash('sha256');
  const text = new Utf8TextDetector();
  let size = 0;

  // A stream that errors while the temp file is being opened would otherwise crash the process
  // with an unhandled 'error'; the iterator below still reports that error, it stays errored.
  const stopGuarding = guardStreamErrors(body);
  const handle = await open(path, 'wx', 0o600).catch((error: unknown) => {
    stopGuarding();
    return diskFailure(error);
  });
  try {
    try {
      for await (const chunk of chunksOf(body)) {
        size += chunk.byteLength;
        if (size > maxBytes) {
          // Leaving the loop returns the iterator, which destroys a Node stream: the rest of an
          // oversized upload is never read.
          throw new StorageError('BLOB_TOO_LARGE', `blob exceeds the limit of ${maxBytes} bytes`);
        }
        hash.update(chunk);
        text.update(chunk);
        await writeFully(handle, chunk).catch(diskFailure);
      }
      await handle.sync().catch(diskFailure);
    } finally {
      stopGuarding();
      await handle.close();
    }
    const mime = await sniffMime(path, text.isText, options.declaredName).catch(diskFailure);
    return { path, sha256: hash.digest('hex'), size, mime, discard };
  } catch (error) {
    await discard().catch(() => undefined);
    throw error;
  }
}

function guardStreamErrors(body: BlobBody): () => void {
  if (!('on' in body) || typeof body.on !== 'function' || typeof body.removeListener !== 'function') return () => {};
  const emitter = body as NodeJS.ReadableStream;
  const ignore = (): void => {};
  emitter.on('error', ignore);
  return () => {
    emitter.removeListener('error', ignore);
  };
}

// Errors of the body itself (a client that aborted) propagate unchanged; the disk's are ours.
function diskFailure(error: unknown): never {
  throw new StorageError('STORAGE_UNAVAILABLE', 'cannot write the blob temp file', { cause: error });
}

async function* chunksOf(body: BlobBody): AsyncGenerator<Uint8Array> {
  if (body instanceof Uint8Array) {
    yield body;
    return;
  }
  for await (const chunk of body as AsyncIterable<Uint8Array | string>) {
    // A Node stream in string mode yields strings; store their UTF-8 bytes, as a file upload would.
    yield typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
  }
}

async function writeFully(handle: Awaited<ReturnType<typeof open>>, chunk: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < chunk.byteLength) {
    const { bytesWritten } = await handle.write(chunk, offset, chunk.byteLength - offset);
    offset += bytesWritten;
  }
}

/**
 * Deletes temp files older than `maxAgeMs` left by a process that died mid-put. Younger ones may
 * belong to another live process sharing the data directory (API server and workers), so they stay.
 */
export async function purgeStaleTempFiles(dir: string, maxAgeMs: number, now = Date.now()): Promise<number> {
  let purged = 0;
  for (const name of await readdir(dir)) {
    if (!name.endsWith(TEMP_SUFFIX)) continue;
    const path = join(dir, name);
    const info = await stat(path).catch(() => undefined);
    if (info && now - info.mtimeMs > maxAgeMs) {
      await rm(path, { force: true });
      purged++;
    }
  }
  return purged;
}
