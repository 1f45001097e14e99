import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { HttpClient } from './http.ts';
import { ApiError } from './problem.ts';
import { createRecordsApi, searchQuery } from './recordsEndpoints.ts';
import { startRecordingServer, type RecordingServer } from './recordingServer.ts';

// A real local HTTP server: the multipart upload, If-Match on card writes and query building go over the wire.
let server: RecordingServer;
let baseUrl = '';
let seen: RecordingServer['seen'] = [];

beforeAll(async () => {
  server = await startRecordingServer(({ body }, url, json) => {
    if (url.pathname === '/api/files') {
      if (body.length > 2000) return json(413, { code: 'BLOB_TOO_LARGE', status: 413, messages: { ru: 'Файл слишком большой', en: 'Too large' } }, 'application/problem+json');
      return json(201, { id: 'f1', sha256: 'a'.repeat(64), size: 5, mime: 'text/plain', name: 'письмо.txt' });
    }
    if (url.pathname === '/api/cards/c1') return json(200, { id: 'c1', version: 4 });
    if (url.pathname === '/api/search') return json(200, { hits: [], total: { value: 0, capped: false }, facets: {}, mode: 'fulltext', nextCursor: null });
    return json(404, { code: 'NOT_FOUND', status: 404 }, 'application/problem+json');
  });
  baseUrl = server.baseUrl;
  seen = server.seen;
});

afterAll(() => server.close());

function client() {
  const http = new HttpClient({ baseUrl, cookies: () => 'kt_csrf=from-cookie' });
  return createRecordsApi(http);
}

describe('records API client', () => {
  test('uploads one file as multipart field "file" with the CSRF header', async () => {
    const stored = await client().files.upload(new File(['привет'], 'письмо.txt', { type: 'text/plain' }));
    expect(stored.id).toBe('f1');
    const request = seen.at(-1);
    expect(request?.method).toBe('POST');
    expect(request?.type).toMatch(/^multipart\/form-data; boundary=/);
    expect(request?.csrf).toBe('from-cookie');
    const text = request?.body.toString('utf8') ?? '';
    expect(text).toContain('name="file"');
    expect(text).toContain('привет');
  });

  test('an upload refused by the server is an ApiError with its code', async () => {
    await expect(client().files.upload(new File(['x'.repeat(5000)], 'big.txt'))).rejects.toSatisfy(
      (error) => error instanceof ApiError && error.code === 'BLOB_TOO_LARGE' && error.status === 413,
    );
  });

  test('card writes carry If-Match with the version read', async () => {
    await client().cards.update({ id: 'c1', version: 3 }, { summary: 'новое' });
    expect(seen.at(-1)?.method).toBe('PATCH');
    expect(seen.at(-1)?.ifMatch).toBe('"v3"');
  });

  test('search sends lists comma-separated and leaves empty filters out', async () => {
    await client().search({ q: '  ремонт ', kind: ['incoming', 'appeal'], status: [], typing: true }, ['kind', 'status']);
    const url = new URL(seen.at(-1)?.url ?? '', baseUrl);
    expect(Object.fromEntries(url.searchParams)).toEqual({ q: 'ремонт', kind: 'incoming,appeal', typing: 'true', facets: 'kind,status' });
    expect(searchQuery({ q: '   ' }, []).q).toBeUndefined();
  });
});
