import { afterAll, beforeAll, expect, test } from 'vitest';
import { createApi } from './endpoints.ts';
import { HttpClient } from './http.ts';
import { startRecordingServer, type RecordingServer } from './recordingServer.ts';

let server: RecordingServer;

beforeAll(async () => {
  let version = 0;
  server = await startRecordingServer((_request, url, json) => {
    if (url.pathname === '/api/org') return json(200, { id: 'o1', name: 'Администрация', version: (version += 1), acquisitionSource: true });
    return json(404, { code: 'NOT_FOUND', status: 404 }, 'application/problem+json');
  });
});

afterAll(() => server.close());

test('the organisation asked for twice at once is one request; asked again later, a new one', async () => {
  const api = createApi(new HttpClient({ baseUrl: server.baseUrl, cookies: () => '' }));
  const before = server.seen.length;
  const [a, b] = await Promise.all([api.org.get(), api.org.get()]);
  expect(a).toEqual(b);
  expect(server.seen.length - before).toBe(1);
  const later = await api.org.get();
  expect(server.seen.length - before).toBe(2);
  expect(later.version).toBe(a.version + 1);
});
