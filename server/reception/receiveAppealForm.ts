// Reads the public appeal form: multipart/form-data with the appeal as JSON in the field `appeal` and up to
// `maxFiles` files in fields named `files`, each streamed into the blob store (its MIME type sniffed from the bytes)
// and cut off at `maxFileBytes`. One request, so that an anonymous citizen never leaves uploads without an appeal.
import type Koa from 'koa';
import busboy from 'busboy';
import type { BlobStore } from '../storage/index.ts';
import { isStorageError } from '../storage/index.ts';
import { AppError } from '../http/problem.ts';
import type { UploadedBlob } from '../http/multipartFile.ts';

export interface AppealForm {
  fields: Record<string, string>;
  files: UploadedBlob[];
}

/** The appeal's JSON; long appeals fit, a novel does not. */
const MAX_FIELD_BYTES = 256 * 1024;
const malformed = (): AppError => new AppError('VALIDATION_FAILED', { ru: 'Некорректный multipart-запрос', en: 'Malformed multipart request' });

export interface FormOptions {
  /**
   * Called with each field as it arrives; a throw refuses the request there. The appeal's JSON comes before the files
   * (our client sends it first), so a refused appeal stores none of its files.
   */
  onField?(name: string, value: string): void;
}

export async function receiveAppealForm(ctx: Koa.Context, blobs: BlobStore, limits: { maxFiles: number; maxFileBytes: number }, options: FormOptions = {}): Promise<AppealForm> {
  if (!ctx.is('multipart/form-data')) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', { ru: 'Ожидается multipart/form-data с полем appeal', en: 'Expected multipart/form-data with an appeal field' });
  }
  const declared = Number(ctx.get('Content-Length') || '0');
  // Refused before a byte is read when the request cannot fit the limits at all.
  if (declared > limits.maxFiles * limits.maxFileBytes + MAX_FIELD_BYTES + 256 * 1024) throw new AppError('PAYLOAD_TOO_LARGE');
  return new Promise<AppealForm>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: ctx.req.headers,
        limits: { files: limits.maxFiles, fields: 20, fieldSize: MAX_FIELD_BYTES, fileSize: limits.maxFileBytes + 1 },
        defParamCharset: 'utf8',
      });
    } catch {
      reject(malformed());
      return;
    }
    const fields: Record<string, string> = {};
    const pending: Promise<UploadedBlob | null>[] = [];
    let failed = false;
    const fail = (error: unknown): void => {
      if (failed) return;
      failed = true;
      // The answer goes out at once; the rest of the request is drained unread.
      ctx.req.unpipe(parser);
      ctx.req.resume();
      reject(error);
    };
    parser.on('field', (name, value, info) => {
      if (failed) return;
      if (info.valueTruncated) {
        fail(new AppError('PAYLOAD_TOO_LARGE'));
        return;
      }
      fields[name] = value;
      try {
        options.onField?.(name, value);
      } catch (error) {
        fail(error);
      }
    });
    parser.on('file', (field, stream, info) => {
      // A file input left empty still sends a part without a name and without bytes.
      if (field !== 'files' || failed || !info.filename) {
        stream.resume();
        return;
      }
      const name = info.filename;
      const put = blobs
        .put(stream, { maxBytes: limits.maxFileBytes, declaredName: name })
        .then((blob) => ({ ...blob, name }))
        .catch((error: unknown) => {
          stream.resume();
          if (isStorageError(error, 'BLOB_TOO_LARGE')) {
            throw new AppError('RECEPTION_FILE_TOO_LARGE', {
              ru: `Файл «${name}» больше допустимых ${Math.floor(limits.maxFileBytes / 1024 / 1024)} МБ`,
              en: `The file "${name}" exceeds ${Math.floor(limits.maxFileBytes / 1024 / 1024)} MB`,
              errors: [{ path: '/body/files', message: 'too large', messageRu: 'слишком большой файл' }],
            });
          }
          throw error;
        });
      put.catch(fail);
      pending.push(put);
    });
    parser.on('filesLimit', () =>
      fail(new AppError('RECEPTION_TOO_MANY_FILES', { ru: `Можно приложить не более ${limits.maxFiles} файлов`, en: `At most ${limits.maxFiles} files can be attached` })),
    );
    parser.on('fieldsLimit', () => fail(malformed()));
    parser.on('error', () => fail(malformed()));
    parser.on('close', () => {
      if (failed) return;
      Promise.all(pending).then(
        (files) => resolve({ fields, files: files.filter((f): f is UploadedBlob => f !== null) }),
        fail,
      );
    });
    ctx.req.pipe(parser);
  });
}
