import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestClient, type TestServer } from '../../testing/testServer.ts';

let srv: TestServer;
let clerk: TestClient;
beforeAll(async () => {
  srv = await startTestServer({ env: { MAX_UPLOAD_BYTES: String(64 * 1024) } });
  clerk = await srv.login('clerk');
});
afterAll(async () => srv?.close());

async function upload(c: TestClient, bytes: Uint8Array, name: string) {
  return c.upload<Record<string, unknown>>(bytes, name);
}

const PDF = new Uint8Array(Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n'));

describe('files', () => {
  it('streams an upload into the blob store and answers with id, sha256, size, sniffed MIME and a safe name', async () => {
    const res = await upload(clerk, PDF, '../../etc/Письмо\u202e.exe.pdf');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ size: PDF.length, mime: 'application/pdf' });
    expect(res.body.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(res.body.name).toBe('Письмо_.exe.pdf');
    const audit = await srv.rt.knex('audit_log').where({ action: 'file.uploaded', object_id: res.body.id as string }).first();
    expect(audit).toBeTruthy();
  });

  it('serves the content with byte ranges', async () => {
    const res = await upload(clerk, PDF, 'a.pdf');
    const id = res.body.id as string;
    const whole = await clerk.get(`/api/files/${id}/content`);
    expect(whole.status).toBe(200);
    expect(whole.text).toBe(Buffer.from(PDF).toString('latin1'));
    expect(whole.headers.get('content-disposition')).toContain("filename*=UTF-8''a.pdf");
    const part = await clerk.get(`/api/files/${id}/content`, { range: 'bytes=1-3' });
    expect(part.status).toBe(206);
    expect(part.text).toBe('PDF');
    expect(part.headers.get('content-range')).toBe(`bytes 1-3/${PDF.length}`);
    const bad = await clerk.get<{ code: string }>(`/api/files/${id}/content`, { range: 'bytes=9999-' });
    expect(bad.status).toBe(416);
  });

  it('refuses files over the size limit and keeps nothing', async () => {
    const before = await srv.rt.knex('files').count('* as n').first();
    const res = await upload(clerk, new Uint8Array(70 * 1024), 'big.bin');
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('BLOB_TOO_LARGE');
    expect(await srv.rt.knex('files').count('* as n').first()).toEqual(before);
  });

  it('refuses a request without the file field or that is not multipart', async () => {
    const form = new FormData();
    form.append('other', 'x');
    const headers = { cookie: [...clerk.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': clerk.cookies.get('kt_csrf') ?? '' };
    const res = await fetch(`${srv.url}/api/files`, { method: 'POST', body: form, headers });
    expect(res.status).toBe(400);
    expect((await clerk.post<{ code: string }>('/api/files', { file: 'x' })).body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('an auditor may read but not upload', async () => {
    const auditor = await srv.login('auditor');
    expect((await upload(auditor, PDF, 'x.pdf')).status).toBe(403);
  });
});
