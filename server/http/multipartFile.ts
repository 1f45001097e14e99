// Streams one multipart field named `file` into the blob store without buffering it in memory.
import type Koa from 'koa';
import busboy from 'busboy';
import type { BlobInfo, BlobStore } from '../storage/index.ts';
import { isStorageError } from '../storage/index.ts';
import { AppError } from './problem.ts';

export interface UploadedBlob extends BlobInfo {
  name: string;
}

export async function receiveFile(ctx: Koa.Context, blobs: BlobStore, maxBytes: number): Promise<UploadedBlob> {
  if (!ctx.is('multipart/form-data')) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', { ru: 'Ожидается multipart/form-data с полем file', en: 'Expected multipart/form-data with a file field' });
  }
  const declared = Number(ctx.get('Content-Length') || '0');
  // Multipart framing adds a little; anything far beyond the limit is refused before reading a byte.
  if (declared > maxBytes + 64 * 1024) throw new AppError('BLOB_TOO_LARGE');
  return new Promise<UploadedBlob>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: ctx.req.headers, limits: { files: 1, fields: 10, fileSize: maxBytes + 1 }, defParamCharset: 'utf8' });
    } catch {
      reject(new AppError('VALIDATION_FAILED', { ru: 'Некорректный multipart-запрос', en: 'Malformed multipart request' }));
      return;
    }
    let pending: Promise<UploadedBlob> | null = null;
    parser.on('file', (field, stream, info) => {
      if (field !== 'file' || pending) {
        stream.resume();
        return;
      }
      pending = blobs
        .put(stream, { maxBytes, declaredName: info.filename })
        .then((blob) => ({ ...blob, name: info.filename ?? 'file' }))
        .catch((error: unknown) => {
          if (isStorageError(error, 'BLOB_TOO_LARGE')) throw new AppError('BLOB_TOO_LARGE');
          throw error;
        });
      // A refused upload (too large, storage down) answers at once; the rest of the request is drained unread.
      pending.catch((error: unknown) => {
        ctx.req.unpipe(parser);
        ctx.req.resume();
        stream.resume();
        reject(error);
      });
    });
    parser.on('error', () => reject(new AppError('VALIDATION_FAILED', { ru: 'Некорректный multipart-запрос', en: 'Malformed multipart request' })));
    parser.on('close', () => {
      if (!pending) {
        reject(new AppError('VALIDATION_FAILED', { ru: 'В запросе нет поля file', en: 'The request has no file field', errors: [{ path: '/body/file', message: 'required', messageRu: 'обязательное поле' }] }));
        return;
      }
      pending.then(resolve, reject);
    });
    ctx.req.pipe(parser);
  });
}
