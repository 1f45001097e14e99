import { Type } from '@sinclair/typebox';
import { defineRoute } from '../../http/route.ts';
import { IdParams, Uuid } from '../common.ts';
import { StoredFile } from '../../models/StoredFile.ts';
import { findVisibleFile } from '../../policies/fileAccess.ts';
import { receiveFile } from '../../http/multipartFile.ts';
import { contentDisposition } from '../../http/safeFileName.ts';
import { parseRange } from '../../http/byteRange.ts';
import { notFound } from '../../http/problem.ts';
import { fileProcessor, PageOutOfRangeError } from '../../files/fileProcessor.ts';
import { readBlob } from '../../files/fileJobs.ts';
import { recordUploadedFile } from '../../files/recordUploadedFile.ts';

const FileSchema = Type.Object({
  id: Uuid,
  sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
  size: Type.Integer(),
  mime: Type.String(),
  name: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
});

const present = (f: StoredFile) => ({ id: f.id, sha256: f.sha256, size: f.size, mime: f.mime, name: f.name, createdAt: f.createdAt.toISOString() });

defineRoute({
  operationId: 'uploadFile',
  method: 'post',
  path: '/api/files',
  summary: 'Загрузить файл (multipart, поле file), потоково, с ограничением размера / upload a file',
  tags: ['files'],
  access: 'authenticated',
  permission: 'files.upload',
  upload: true,
  success: { status: 201, description: 'Файл сохранён', schema: FileSchema },
  errors: ['BLOB_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'],
  async handler(ctx) {
    const blob = await receiveFile(ctx.koa, ctx.app.blobs, ctx.app.config.limits.uploadBytes);
    const file = await ctx.write((unit) => recordUploadedFile(unit, blob, ctx.actor.userId));
    return present(file);
  },
});

defineRoute({
  operationId: 'getFile',
  method: 'get',
  path: '/api/files/:id',
  summary: 'Сведения о файле / file metadata',
  tags: ['files'],
  access: 'authenticated',
  permission: 'files.read',
  resource: 'file',
  params: IdParams,
  success: { status: 200, description: 'Файл', schema: FileSchema },
  async handler(ctx) {
    return present(await findVisibleFile(ctx.scope, ctx.actor, ctx.params.id));
  },
});

defineRoute({
  operationId: 'getFileContent',
  method: 'get',
  path: '/api/files/:id/content',
  summary: 'Содержимое файла, с поддержкой Range / file bytes, with Range support',
  tags: ['files'],
  access: 'authenticated',
  permission: 'files.read',
  resource: 'file',
  params: IdParams,
  success: { status: 200, description: 'Байты файла', contentType: 'application/octet-stream' },
  errors: ['RANGE_NOT_SATISFIABLE'],
  async handler(ctx) {
    const file = await findVisibleFile(ctx.scope, ctx.actor, ctx.params.id);
    const range = parseRange(ctx.koa.get('Range') || undefined, file.size);
    const k = ctx.koa;
    k.set('Accept-Ranges', 'bytes');
    k.set('ETag', `"${file.sha256}"`);
    k.set('Content-Disposition', contentDisposition(k.query.download ? 'attachment' : 'inline', file.name));
    // Stored MIME types come from sniffing, not from the uploader; text is always UTF-8 (see storage/CONTEXT.md).
    k.type = file.mime === 'text/plain' ? 'text/plain; charset=utf-8' : file.mime;
    if (range) {
      k.status = 206;
      k.set('Content-Range', `bytes ${range.start}-${range.end}/${file.size}`);
      k.length = range.end - range.start + 1;
    } else {
      k.status = 200;
      k.length = file.size;
    }
    k.body = await ctx.app.blobs.get(file.sha256, range ?? undefined);
    return undefined;
  },
});

defineRoute({
  operationId: 'getFilePreview',
  method: 'get',
  path: '/api/files/:id/preview',
  summary: 'Изображение страницы (PNG; по умолчанию первой) / a page preview (PNG; the first by default)',
  tags: ['files'],
  access: 'authenticated',
  permission: 'files.read',
  resource: 'file',
  params: IdParams,
  query: Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })) }),
  success: { status: 200, description: 'PNG; X-Page-Count gives the number of pages when known', contentType: 'image/png' },
  async handler(ctx) {
    const file = await findVisibleFile(ctx.scope, ctx.actor, ctx.params.id);
    const row = (await ctx.scope.table('file_texts').where({ file_id: file.id }).first('preview_sha256', 'pages')) as { preview_sha256: string | null; pages: number | null } | undefined;
    // Not processed yet: the client asks again a moment later.
    if (!row?.preview_sha256) throw notFound();
    const page = ctx.query.page ?? 1;
    if (row.pages !== null) ctx.koa.set('X-Page-Count', String(row.pages));
    ctx.koa.type = 'image/png';
    // A file's bytes never change (content-addressed), so neither do its pages.
    ctx.koa.set('Cache-Control', 'private, max-age=86400');
    if (page === 1) {
      ctx.koa.body = await ctx.app.blobs.get(row.preview_sha256);
      return undefined;
    }
    if (row.pages === null || page > row.pages) throw notFound();
    // Later pages are asked for rarely (a field found on page 2, a clerk leafing through): rendered on demand in the
    // file worker thread, off the event loop.
    const image = await fileProcessor.renderPage(await readBlob(ctx.app.blobs, file.sha256), file.mime, page).catch((error: unknown) => {
      if (error instanceof PageOutOfRangeError) return null;
      throw error;
    });
    if (!image) throw notFound();
    ctx.koa.body = Buffer.from(image);
    return undefined;
  },
});

defineRoute({
  operationId: 'getFileText',
  method: 'get',
  path: '/api/files/:id/text',
  summary: 'Извлечённый текст файла / extracted text',
  tags: ['files'],
  access: 'authenticated',
  permission: 'files.read',
  resource: 'file',
  params: IdParams,
  success: { status: 200, description: 'Текст', schema: Type.Object({ method: Type.String(), pages: Type.Union([Type.Integer(), Type.Null()]), text: Type.String(), processedAt: Type.String({ format: 'date-time' }) }) },
  async handler(ctx) {
    const file = await findVisibleFile(ctx.scope, ctx.actor, ctx.params.id);
    const row = (await ctx.scope.table('file_texts').where({ file_id: file.id }).first()) as { method: string; pages: number | null; text: string; processed_at: Date } | undefined;
    if (!row) throw notFound();
    return { method: row.method, pages: row.pages, text: row.text, processedAt: row.processed_at.toISOString() };
  },
});
