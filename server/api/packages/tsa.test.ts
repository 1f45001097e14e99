// A TSA configured by TSA_URL: evidence records are time-stamped over HTTP (RFC 3161 §3.4), shown as trusted with
// the TSA's address, and verify offline from the certificate the package carries.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPackage } from '../../../archive/index.ts';
import { JobWorker } from '../../jobs/worker.ts';
import { localTsa, opensslAvailable } from '../../archive/packages/timestamping.ts';
import { startTestServer, type TestClient, type TestServer } from '../../testing/testServer.ts';

const openssl = opensslAvailable();
if (!openssl) console.warn('[skip] TSA over HTTP: openssl answers the time-stamp requests (openssl ts -reply)');

describe.skipIf(!openssl)('evidence records from a TSA at TSA_URL', () => {
  let srv: TestServer;
  let tsaServer: Server;
  let archivist: TestClient;
  let tmp = '';
  let url = '';
  const requests: string[] = [];
  const saved = process.env.TSA_URL;

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'kartoteka-tsa-http-'));
    const answer = localTsa(tmp);
    tsaServer = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        requests.push(`${req.method} ${req.headers['content-type']}`);
        answer(new Uint8Array(Buffer.concat(chunks))).then(
          (reply) => res.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end(Buffer.from(reply)),
          () => res.writeHead(500).end(),
        );
      });
    });
    await new Promise<void>((resolve) => tsaServer.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(tsaServer.address() as AddressInfo).port}/tsa`;
    process.env.TSA_URL = url;
    srv = await startTestServer();
    archivist = await srv.login('archivist');
  });
  afterAll(async () => {
    if (saved === undefined) delete process.env.TSA_URL;
    else process.env.TSA_URL = saved;
    await srv?.close();
    await new Promise<void>((resolve) => tsaServer?.close(() => resolve()));
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('stamps through HTTP, labels the record with the TSA address, and the package verifies offline', async () => {
    const clerk = await srv.login('clerk');
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    doc.addPage([595, 842]).drawText('Order on the municipal archive, 2026: text of the order.', { x: 50, y: 780, size: 12, font });
    const file = (await clerk.upload(await doc.save(), 'приказ.pdf')).body.id;
    const card = await clerk.post<{ id: string; version: number }>('/api/cards', { kind: 'incoming', register: true, summary: 'Приказ об архиве', fileIds: [file] });
    const filed = await clerk.post<{ version: number }>(`/api/cards/${card.body.id}/file-in-case`, { caseIndex: '01-01' }, { 'if-match': `"v${card.body.version}"` });
    const archived = await archivist.post<{ id: string }>(`/api/cards/${card.body.id}/archive`, {}, { 'if-match': `"v${filed.body.version}"` });
    expect(archived.status).toBe(202);
    await new JobWorker(srv.rt.knex, srv.rt.blobs, pino({ level: 'silent' }), { kinds: ['archive.package_card', 'archive.evidence'] }).drain();

    expect(requests).toEqual(['POST application/timestamp-query']);
    const pkg = await archivist.get<{ currentVersion: number; evidence: { tsa: string; trusted: boolean; label: string; current: boolean }[] }>(`/api/packages/${archived.body.id}`);
    expect(pkg.body.currentVersion).toBe(2);
    expect(pkg.body.evidence).toEqual([expect.objectContaining({ tsa: url, trusted: true, label: url, current: true })]);

    const zip = await fetch(`${srv.url}/api/packages/${archived.body.id}/download`, { headers: { cookie: [...archivist.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    const path = join(tmp, 'package.zip');
    writeFileSync(path, new Uint8Array(await zip.arrayBuffer()));
    const result = await verifyPackage(path);
    expect(result.checks.filter((c) => !c.ok)).toEqual([]);
    expect(result.checks.find((c) => c.name === 'evidence-records')?.detail).toMatch(/1 time-stamp/);
  });
});
