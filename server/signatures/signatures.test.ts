import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { startTestServer, type TestClient, type TestServer } from '../testing/testServer.ts';
import { JobWorker } from '../jobs/worker.ts';
import { loadManifest, readFixture, type FixtureCase } from '../../signature/fixtures/manifest.ts';
import { verificationTasks } from './signatureFiles.ts';

const cases = loadManifest();
if (cases.length === 0) console.warn('[skip] signature integration: signature/fixtures/out/manifest.json is missing');

let srv: TestServer;
let clerk: TestClient;
let admin: TestClient;
let worker: JobWorker;

async function upload(bytes: Uint8Array, name: string): Promise<string> {
  return (await clerk.upload(bytes, name)).body.id;
}

function bundleOf(c: FixtureCase): string {
  return c.trust
    .map((p) => {
      const bytes = readFixture(p);
      const text = Buffer.from(bytes).toString('utf8');
      return text.includes('-----BEGIN') ? text : `-----BEGIN CERTIFICATE-----\n${Buffer.from(bytes).toString('base64')}\n-----END CERTIFICATE-----\n`;
    })
    .join('\n');
}

interface Check {
  id: string;
  status: string;
  summary: string;
  report: { signatures?: { indication: string; subIndication: string | null; signer: { qualified: Record<string, unknown> } | null }[] };
}

describe('which files are signatures, and what they sign', () => {
  it('pairs a detached signature with the document named like it, else with the main document; checks PDFs alone', () => {
    const tasks = verificationTasks([
      { id: 'a', name: 'письмо.pdf', mime: 'application/pdf', role: 'main' },
      { id: 'b', name: 'приложение.docx', mime: 'application/octet-stream', role: 'attachment' },
      { id: 'c', name: 'приложение.docx.sig', mime: 'application/octet-stream', role: 'attachment' },
      { id: 'd', name: 'подпись.p7s', mime: 'application/octet-stream', role: 'attachment' },
    ]);
    expect(tasks).toEqual([
      { fileId: 'b', signatureFileId: 'c' },
      { fileId: 'a', signatureFileId: 'd' },
    ]);
    expect(verificationTasks([{ id: 'p', name: 'скан.pdf', mime: 'application/pdf', role: 'main' }])).toEqual([{ fileId: 'p', signatureFileId: null }]);
    expect(verificationTasks([{ id: 's', name: 'attached.p7s', mime: 'application/octet-stream', role: 'main' }])).toEqual([{ fileId: 's', signatureFileId: null }]);
  });
});

describe.skipIf(cases.length === 0)('signature verification on cards', () => {
  beforeAll(async () => {
    srv = await startTestServer();
    clerk = await srv.login('clerk');
    admin = await srv.login('admin');
    worker = new JobWorker(srv.rt.knex, srv.rt.blobs, pino({ level: 'silent' }), { kinds: ['signature.verify'] });
  });
  afterAll(async () => srv?.close());

  async function verifyCase(c: FixtureCase): Promise<Check[]> {
    const imported = await admin.post<{ items: unknown[] }>('/api/trust-anchors', { bundle: bundleOf(c) });
    expect(imported.status).toBe(201);
    const fileIds: string[] = [];
    if (c.pdf) fileIds.push(await upload(readFixture(c.pdf), 'документ.pdf'));
    if (c.data) fileIds.push(await upload(readFixture(c.data), 'документ.txt'));
    if (c.signature) fileIds.push(await upload(readFixture(c.signature), c.data ? 'документ.txt.sig' : 'документ.p7s'));
    const card = await clerk.post<{ id: string }>('/api/cards', { kind: 'incoming', register: true, summary: `Подписанный документ ${c.name}`, fileIds });
    await worker.drain();
    return (await clerk.get<{ items: Check[] }>(`/api/cards/${card.body.id}/signatures`)).body.items;
  }

  it('a tampered detached signature is reported failed, with the reason', async () => {
    const c = cases.find((x) => x.data && x.signature && !x.crl.length && !x.ocsp.length && x.expected.indication === 'TOTAL_FAILED');
    if (!c) return;
    const [check] = await verifyCase(c);
    expect(check?.status).toBe('failed');
    expect(check?.report.signatures?.[0]?.subIndication).toBe(c.expected.subIndication);
    expect(check?.summary).toMatch(/TOTAL_FAILED/);
  });

  it('a signature without revocation data is indeterminate, never passed, and gives a printable protocol', async () => {
    const c = cases.find((x) => x.data && x.signature && !x.crl.length && !x.ocsp.length && x.expected.indication === 'INDETERMINATE');
    if (!c) return;
    const [check] = await verifyCase(c);
    expect(check?.status).toBe('indeterminate');
    const pdf = await clerk.get(`/api/signature-checks/${check?.id}/protocol`);
    expect(pdf.status).toBe(200);
    expect(pdf.text.startsWith('%PDF-')).toBe(true);
  });

  it('signed PDFs are checked for their embedded signatures', async () => {
    const c = cases.find((x) => x.pdf && !x.data && !x.signature);
    if (!c) return;
    const checks = await verifyCase(c);
    expect(checks.length).toBeGreaterThan(0);
    expect(['passed', 'failed', 'indeterminate']).toContain(checks[0]?.status);
  });

  it('re-verification on demand and trust store administration', async () => {
    const anchors = await admin.get<{ items: { id: string }[] }>('/api/trust-anchors');
    expect(anchors.body.items.length).toBeGreaterThan(0);
    expect((await admin.post<{ code: string }>('/api/trust-anchors', { bundle: 'not a certificate' })).body.code).toBe('VALIDATION_FAILED');
    const cards = await clerk.get<{ items: { id: string }[] }>('/api/cards?limit=1');
    const again = await clerk.post<{ queued: number }>(`/api/cards/${cards.body.items[0]?.id}/signatures/verify`);
    expect(again.status).toBe(202);
    expect((await admin.delete(`/api/trust-anchors/${anchors.body.items[0]?.id}`)).status).toBe(204);
  });
});
