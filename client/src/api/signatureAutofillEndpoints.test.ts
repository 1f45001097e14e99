import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createAutofillApi } from './autofillEndpoints.ts';
import { HttpClient } from './http.ts';
import { ApiError } from './problem.ts';
import { startRecordingServer, type RecordingServer } from './recordingServer.ts';
import { createSignatureApi, signatureProtocolUrl } from './signatureEndpoints.ts';

// The signature and autofill routes over a real local HTTP server: paths, bodies, CSRF on writes, queries.
let server: RecordingServer;

beforeAll(async () => {
  server = await startRecordingServer(({ method }, url, json) => {
    if (url.pathname === '/api/cards/c1/signatures') return json(200, { items: [{ id: 's1', fileId: 'f1', signatureFileId: null, status: 'passed', summary: '', validatedAt: '2026-11-24T10:00:00Z', report: null }] });
    if (url.pathname === '/api/cards/c1/signatures/verify') return json(202, { queued: 2 });
    if (url.pathname === '/api/trust-anchors' && method === 'POST') return json(201, { items: [{ id: 'a1', subject: 'CN=Root', sha256: 'ab', notAfter: '2030-01-01T00:00:00Z' }] });
    if (url.pathname === '/api/trust-anchors/a%2F1') return json(204);
    if (url.pathname === '/api/files/f1/autofill' && method === 'POST') return json(202, { status: 'pending', langs: 'rus' });
    if (url.pathname === '/api/autofill/metrics') return json(200, { cards: 0, fields: [], overall: null, months: [] });
    return json(404, { code: 'NOT_FOUND', status: 404, messages: { ru: 'Не найдено', en: 'Not found' } }, 'application/problem+json');
  });
});

afterAll(() => server.close());

const http = () => new HttpClient({ baseUrl: server.baseUrl, cookies: () => 'kt_csrf=token-1' });

describe('signature routes', () => {
  test('checks of a card, re-verification with the CSRF header, the protocol address', async () => {
    const api = createSignatureApi(http());
    expect((await api.forCard('c1')).map((c) => c.id)).toEqual(['s1']);
    expect(await api.reverify('c1')).toBe(2);
    expect(server.seen.at(-1)).toMatchObject({ method: 'POST', url: '/api/cards/c1/signatures/verify', csrf: 'token-1' });
    expect(signatureProtocolUrl('a/b')).toBe('/api/signature-checks/a%2Fb/protocol');
  });

  test('trust store: the bundle goes as JSON, ids are escaped in the path', async () => {
    const api = createSignatureApi(http());
    expect((await api.trustAnchors.import('-----BEGIN CERTIFICATE-----')).map((a) => a.subject)).toEqual(['CN=Root']);
    expect(JSON.parse(server.seen.at(-1)?.body.toString('utf8') ?? '{}')).toEqual({ bundle: '-----BEGIN CERTIFICATE-----' });
    await api.trustAnchors.remove('a/1');
    expect(server.seen.at(-1)).toMatchObject({ method: 'DELETE', url: '/api/trust-anchors/a%2F1', csrf: 'token-1' });
  });
});

describe('autofill routes', () => {
  test('a second recognition names its languages; the default sends none', async () => {
    const api = createAutofillApi(http());
    await api.request('f1', 'rus');
    expect(JSON.parse(server.seen.at(-1)?.body.toString('utf8') ?? '{}')).toEqual({ langs: 'rus' });
    await api.request('f1');
    expect(JSON.parse(server.seen.at(-1)?.body.toString('utf8') ?? '{}')).toEqual({});
  });

  test('metrics leave an empty period bound out of the query', async () => {
    const api = createAutofillApi(http());
    await api.metrics({ from: '2026-01-01', to: '' });
    expect(server.seen.at(-1)?.url).toBe('/api/autofill/metrics?from=2026-01-01');
  });

  test('no proposal yet is a 404 ApiError the panel waits through', async () => {
    await expect(createAutofillApi(http()).get('nope')).rejects.toSatisfy((error) => error instanceof ApiError && error.status === 404);
  });
});
