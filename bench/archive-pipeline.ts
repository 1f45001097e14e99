// Archive pipeline through the server: packages per second made by the `archive.package_card` job for a typical
// card — a 3-page A4 scan (image-only PDF, JPEG pages at 200 dpi) plus a document with a detached GOST R 34.10-2012
// signature (CRLs embedded) — excluding OCR (ARCHIVE_OCR=0). Cards are registered, signature-checked, filed and
// archived over HTTP beforehand; only the packaging jobs are timed (gathering, PDF/A of the scan, package build with
// SHA-512/SHA-256/Streebog digests, OCFL write to DATA_DIR/ocfl, database records and audit).
// Usage: npx tsx bench/archive-pipeline.ts [cards]   (prints figures; --write updates BENCHMARKS.md)
import { readFileSync } from 'node:fs';
import pino from 'pino';
import { JobWorker } from '../server/jobs/worker.ts';
import { startTestServer } from '../server/testing/testServer.ts';
import { verifyTree } from '../archive/index.ts';
import { archiveStore } from '../server/archive/packages/archiveConfig.ts';
import { scanPage, scanPdf } from '../server/archive/packages/scanFixture.ts';
import { machineLine, updateBenchmarks } from './report.ts';
import { withEmbeddedCrls } from '../server/archive/packages/cadesFixture.ts';

process.env.ARCHIVE_OCR = '0';
const N = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 10) + 1;
const FIX = new URL('../signature/fixtures/out/', import.meta.url);
const fixture = (p: string): Uint8Array => new Uint8Array(readFileSync(new URL(p, FIX)));


const srv = await startTestServer();
try {
  const clerk = await srv.login('clerk');
  const archivist = await srv.login('archivist');
  const admin = await srv.login('admin');
  await admin.post('/api/trust-anchors', { bundle: Buffer.from(fixture('trust/gost256A-root.pem')).toString('utf8') });
  const scan = await scanPdf([1, 2, 3].map((n) => scanPage(n, { dpi: 200 })));
  const data = fixture('doc.txt');
  const signature = withEmbeddedCrls(fixture('gost256A/detached.p7s'), [fixture('gost256A/inter.crl'), fixture('gost256A/root.crl')]);
  const quiet = pino({ level: 'silent' });
  const prep = new JobWorker(srv.rt.knex, srv.rt.blobs, quiet, { kinds: ['signature.verify'] });
  const cards: string[] = [];
  for (let i = 0; i < N; i++) {
    const ids = [
      (await clerk.upload(scan, `скан-${i}.pdf`)).body.id,
      (await clerk.upload(data, 'doc.txt')).body.id,
      (await clerk.upload(signature, 'doc.txt.sig')).body.id,
    ];
    const card = await clerk.post<{ id: string; version: number }>('/api/cards', { kind: 'incoming', register: true, summary: `Письмо ${i} о ремонте`, fileIds: ids });
    cards.push(card.body.id);
  }
  await prep.drain();
  const archive = async (id: string): Promise<void> => {
    const v = (await clerk.get<{ version: number }>(`/api/cards/${id}`)).body.version;
    await clerk.post(`/api/cards/${id}/file-in-case`, { caseIndex: '01-10' }, { 'if-match': `"v${v}"` });
    const v2 = (await clerk.get<{ version: number }>(`/api/cards/${id}`)).body.version;
    const res = await archivist.post(`/api/cards/${id}/archive`, {}, { 'if-match': `"v${v2}"` });
    if (res.status !== 202) throw new Error(`archive failed: ${res.status} ${res.text}`);
  };
  const worker = new JobWorker(srv.rt.knex, srv.rt.blobs, quiet, { kinds: ['archive.package_card'], concurrency: 1 });
  // The first package loads pdf.js, fonts and the PDF/A validator (~1.5 s): it warms up and is not timed.
  await archive(cards.shift()!);
  const w0 = performance.now();
  await worker.drain();
  const warmupMs = performance.now() - w0;
  for (const id of cards) await archive(id);
  const t0 = performance.now();
  await worker.drain();
  const seconds = (performance.now() - t0) / 1000;
  const rows = (await srv.rt.knex('archive_packages').orderBy('created_at').select('status', 'size_bytes')) as { status: string; size_bytes: number }[];
  const packaged = rows.slice(1).filter((r) => r.status === 'packaged');
  if (packaged.length !== cards.length) throw new Error(`${packaged.length} of ${cards.length} packaged: ${JSON.stringify(rows.map((r) => r.status))}`);
  // Server-side verification (what GET /api/packages/:id/verify runs): OCFL, every digest, PDF/A re-validation,
  // the GOST signature against the package's own evidence.
  const store = await archiveStore();
  const ids = (await srv.rt.knex('archive_packages').where({ status: 'packaged' }).orderBy('created_at').limit(5).pluck('ocfl_id')) as string[];
  const v0 = performance.now();
  let verifiedBytes = 0;
  for (const id of ids) {
    const r = await verifyTree(store.tree(id));
    if (!r.valid) throw new Error(`package ${id} does not verify: ${JSON.stringify(r.checks.filter((c) => !c.ok))}`);
    verifiedBytes += [...((await store.read(id)) ?? new Map()).values()].reduce((n, b) => n + b.length, 0);
  }
  const verifySeconds = (performance.now() - v0) / 1000;
  const timed = cards.length;
  const inBytes = timed * (scan.length + data.length + signature.length);
  const outBytes = packaged.reduce((n, r) => n + Number(r.size_bytes), 0);
  const line = (label: string, value: string): string => `| ${label} | ${value} |`;
  const body = [
    `Server job \`archive.package_card\` (1 worker), ${timed} cards timed after one warm-up package (${warmupMs.toFixed(0)} ms), each a 3-page A4 scan PDF at 200 dpi (${(scan.length / 1024).toFixed(0)} KiB) + a detached GOST signature with embedded CRLs; no OCR. Noisy: 2 cores shared with other work.`,
    '',
    '| measure | value |',
    '|---|---|',
    line('packages/s', (timed / seconds).toFixed(2)),
    line('ms per package', ((seconds * 1000) / timed).toFixed(0)),
    line('input MB/s (originals)', (inBytes / 2 ** 20 / seconds).toFixed(2)),
    line('written MB/s (OCFL objects)', (outBytes / 2 ** 20 / seconds).toFixed(2)),
    line('object size', `${(outBytes / timed / 1024).toFixed(0)} KiB`),
    line('verification (server side, per package)', `${((verifySeconds * 1000) / ids.length).toFixed(0)} ms, ${(verifiedBytes / 2 ** 20 / verifySeconds).toFixed(1)} MB/s`),
  ].join('\n');
  console.log(`${machineLine()}\n${body}`);
  if (process.argv.includes('--write')) updateBenchmarks('archive-pipeline', 'Archive pipeline through the server (packages/s)', `npx tsx bench/archive-pipeline.ts ${N - 1} --write`, body);
} finally {
  await srv.close();
}
