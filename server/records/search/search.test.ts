import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { PDFDocument } from 'pdf-lib';
import fontkit from '@pdf-lib/fontkit';
import { startTestServer, TEST_PASSWORD, type TestClient, type TestServer } from '../../testing/testServer.ts';
import { JobWorker } from '../../jobs/worker.ts';
import { createOtherOrganisation } from '../../testing/otherOrganisation.ts';

let srv: TestServer;
let clerk: TestClient;
let worker: JobWorker;

async function letterPdf(lines: string[]): Promise<Uint8Array<ArrayBuffer>> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(fs.readFileSync(new URL('../../../archive/fonts/PTSerif-Regular.ttf', import.meta.url)));
  const page = doc.addPage([595, 842]);
  lines.forEach((line, i) => page.drawText(line, { x: 50, y: 780 - i * 20, size: 12, font }));
  return new Uint8Array(await doc.save());
}

async function upload(bytes: Uint8Array, name: string): Promise<string> {
  return (await clerk.upload(bytes, name)).body.id;
}

interface SearchBody {
  hits: { id: string; regNumber: string; highlights: Record<string, string>; exactNumber: boolean }[];
  total: { value: number; capped: boolean };
  mode: string;
  facets: Record<string, { value: string; count: number }[]>;
}

beforeAll(async () => {
  srv = await startTestServer();
  clerk = await srv.login('clerk');
  worker = new JobWorker(srv.rt.knex, srv.rt.blobs, pino({ level: 'silent' }), {});
});
afterAll(async () => srv?.close());

describe('search through the API', () => {
  it('finds a registered letter by an inflected word of its scanned text, its number and its correspondent with a typo', async () => {
    const corr = await clerk.post<{ id: string }>('/api/correspondents', { type: 'company', name: 'ООО «Управляющая компания Солнечная»', inn: '7707083893' });
    const fileId = await upload(await letterPdf(['Просим включить дворовые территории', 'в программу благоустройства на 2027 год.']), 'письмо.pdf');
    const card = await clerk.post<{ id: string; regNumber: string }>('/api/cards', { kind: 'incoming', register: true, summary: 'О включении в программу', correspondentId: corr.body.id, fileIds: [fileId], outNumber: '12-34/567' });
    await clerk.post('/api/cards', { kind: 'incoming', register: true, summary: 'О ремонте дороги по улице Мира' });
    await worker.drain();

    const text = await clerk.get<{ method: string; text: string }>(`/api/files/${fileId}/text`);
    expect(text.body.method).toBe('pdf-text-layer');
    expect(text.body.text).toContain('благоустройства');
    const preview = await clerk.get(`/api/files/${fileId}/preview`);
    expect(preview.status).toBe(200);
    expect(preview.headers.get('content-type')).toBe('image/png');

    const byWordForm = await clerk.get<SearchBody>(`/api/search?q=${encodeURIComponent('благоустройству дворовой территории')}`);
    expect(byWordForm.body.hits.map((h) => h.id)).toEqual([card.body.id]);
    expect(byWordForm.body.hits[0]?.highlights.extractedText).toMatch(/<mark>/);

    const byNumber = await clerk.get<SearchBody>(`/api/search?q=${encodeURIComponent(card.body.regNumber)}`);
    expect(byNumber.body.hits[0]?.id).toBe(card.body.id);
    expect(byNumber.body.hits[0]?.exactNumber).toBe(true);
    const byOutNumber = await clerk.get<SearchBody>(`/api/search?q=${encodeURIComponent('12-34/567')}`);
    expect(byOutNumber.body.hits[0]?.id).toBe(card.body.id);
    const byInn = await clerk.get<SearchBody>('/api/search?q=7707083893');
    expect(byInn.body.hits[0]?.id).toBe(card.body.id);

    const typo = await clerk.get<SearchBody>(`/api/search?q=${encodeURIComponent('Солнечня')}`);
    expect(typo.body.hits.map((h) => h.id)).toContain(card.body.id);

    const facets = await clerk.get<SearchBody>('/api/search?facets=kind,status');
    expect(facets.body.facets.kind?.find((b) => b.value === 'incoming')?.count).toBeGreaterThanOrEqual(2);
  });

  it('keeps organisations apart and hides restricted cards from those who may not see them', async () => {
    const other = await createOtherOrganisation(srv.rt.knex, srv.rt.blobs, TEST_PASSWORD, 'x');
    const stranger = await srv.login(other.login);
    await clerk.post('/api/cards', { kind: 'incoming', register: true, summary: 'Секретное письмо о мобилизационной подготовке', accessMark: 'ДСП' });
    await clerk.post('/api/cards', { kind: 'incoming', register: true, summary: 'Открытое письмо о мобилизационной подготовке' });
    await worker.drain();
    const q = `/api/search?q=${encodeURIComponent('мобилизационной')}`;
    expect((await clerk.get<SearchBody>(q)).body.total.value).toBe(2);
    expect((await (await srv.login('executor')).get<SearchBody>(q)).body.total.value).toBe(1);
    expect((await stranger.get<SearchBody>(q)).body.total.value).toBe(0);
  });

  it('rejects unknown filters with a clear error', async () => {
    const res = await clerk.get<{ code: string }>('/api/search?kind=telegram');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
  });
});
