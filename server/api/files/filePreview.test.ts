import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { startTestServer, type TestClient, type TestServer } from '../../testing/testServer.ts';
import { JobWorker } from '../../jobs/worker.ts';

let srv: TestServer;
let clerk: TestClient;

beforeAll(async () => {
  srv = await startTestServer();
  clerk = await srv.login('clerk');
});
afterAll(async () => srv?.close());

async function threePages(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const [i, size] of [48, 96, 160].entries()) {
    const page = doc.addPage([595, 842]);
    page.drawText(`Page ${i + 1}`, { x: 40, y: 600, size, font });
  }
  return new Uint8Array(await doc.save());
}

async function getBytes(path: string): Promise<{ status: number; pages: string | null; type: string | null; bytes: Buffer }> {
  const cookie = [...clerk.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const res = await fetch(clerk.baseUrl + path, { headers: { cookie } });
  return { status: res.status, pages: res.headers.get('x-page-count'), type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
}

describe('page previews', () => {
  it('serves every page of a PDF as PNG with the page count, and 404 past the last page', async () => {
    const fileId = (await clerk.upload(await threePages(), 'three.pdf')).body.id;
    await new JobWorker(srv.rt.knex, srv.rt.blobs, pino({ level: 'silent' }), {}).drain();

    const first = await getBytes(`/api/files/${fileId}/preview`);
    expect(first.status).toBe(200);
    expect(first.pages).toBe('3');
    const second = await getBytes(`/api/files/${fileId}/preview?page=2`);
    expect(second.status).toBe(200);
    expect(second.type).toBe('image/png');
    expect([...second.bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    const third = await getBytes(`/api/files/${fileId}/preview?page=3`);
    expect(third.status).toBe(200);
    expect(third.bytes.equals(second.bytes)).toBe(false);
    expect(second.bytes.equals(first.bytes)).toBe(false);
    expect((await getBytes(`/api/files/${fileId}/preview?page=4`)).status).toBe(404);
    expect((await clerk.get(`/api/files/${fileId}/preview?page=0`)).status).toBe(400);
  });
});
