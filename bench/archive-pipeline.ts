// Archive pipeline through the server: packages per second made by the `archive.package_card` job for a typical
// card — a 3-page A4 scan (image-only PDF, JPEG pages at 200 dpi) plus a document with a detached GOST R 34.10-2012
// signature (CRLs embedded) — excluding OCR (ARCHIVE_OCR=0). Cards are registered, signature-checked, filed and
// archived over HTTP beforehand; only the packaging jobs are timed (gathering, PDF/A of the scan, package build with
// SHA-512/SHA-256/Streebog digests, OCFL write to DATA_DIR/ocfl, database records and audit).
// Timed with one, two and three (the slots the job kind has in each worker) jobs at a time. Before timing, the uploads
// are processed as the server does in the background (`file.process`: text layer, preview), as they would be long
// before anyone archives the card.
// Usage: npx tsx bench/archive-pipeline.ts [cards]   (prints figures; --write updates BENCHMARKS.md; DATABASE_URL=… for PostgreSQL;
//   --jobs=1,3 times only those concurrencies; --cpu-prof=<file> writes V8 CPU profiles of the main thread while the
//   timed jobs run, <file>-1, -2, …)
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadavg } from 'node:os';
import pino from 'pino';
import { JobWorker } from '../server/jobs/worker.ts';
import { startTestServer, usingPostgres } from '../server/testing/testServer.ts';
import { verifyTree } from '../archive/index.ts';
import { archiveStore } from '../server/archive/packages/archiveConfig.ts';
import { scanPage, scanPdf } from '../server/archive/packages/scanFixture.ts';
import { machineLine, updateBenchmarks } from './report.ts';
import { withEmbeddedCrls } from '../server/archive/packages/cadesFixture.ts';

process.env.ARCHIVE_OCR = '0';
const N = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 10);
// Warm-up packages, two at a time: pdf.js, pdf-lib, the fonts, the PDF/A validator and the hash pool are loaded and
// their hot code compiled before anything is timed. After 6 of them the CPU per package still fell by a fifth over
// the next 60 (later rows looked cheaper than earlier ones); after 20 the rows compare.
const WARM = 20;
const JOBS = (process.argv.find((a) => a.startsWith('--jobs='))?.slice('--jobs='.length) ?? '1,2,3').split(',').map(Number);
const jobsLabel = (n: number): string => (n === 1 ? 'one job at a time' : `${n} jobs at a time${n === 3 ? ' (the job kind’s slots in a worker)' : ''}`);
const FIX = new URL('../signature/fixtures/out/', import.meta.url);
/** CPU time of this (the main) thread, from /proc on Linux (Node 20 has no per-thread CPU clock); NaN elsewhere. */
function mainThreadCpuMs(): number {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in clock ticks of 1/100 s
  } catch {
    return Number.NaN;
  }
}
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
  const prep = new JobWorker(srv.rt.knex, srv.rt.blobs, quiet, { kinds: ['signature.verify', 'file.process'] });
  const cards: string[] = [];
  for (let i = 0; i < JOBS.length * N + WARM; i++) {
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
  // The job kind's own slots (its definition's `concurrency`) set to the row's count.
  const packagingWorker = (n: number): JobWorker => new JobWorker(srv.rt.knex, srv.rt.blobs, quiet, { kinds: ['archive.package_card'], concurrency: n, kindConcurrency: { 'archive.package_card': n } });
  const warmup = packagingWorker(2);
  for (const id of cards.splice(0, WARM)) await archive(id);
  const w0 = performance.now();
  await warmup.drain();
  const warmupMs = performance.now() - w0;
  // --cpu-prof=<file>: a V8 profile of this thread while the jobs run (both rows; the cards are archived outside it).
  const profileTo = process.argv.find((a) => a.startsWith('--cpu-prof='))?.slice('--cpu-prof='.length);
  const profiler = profileTo ? new Session() : null;
  const profiles: { nodes: unknown[]; samples?: number[]; timeDeltas?: number[] }[] = [];
  profiler?.connect();
  const timedRun = async (concurrency: number, batch: string[]): Promise<{ concurrency: number; seconds: number; cpuMs: number; mainMs: number; outBytes: number }> => {
    const worker = packagingWorker(concurrency);
    for (const id of batch) await archive(id);
    if (profiler) {
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.start');
    }
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const m0 = mainThreadCpuMs();
    await worker.drain();
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(c0);
    const mainMs = mainThreadCpuMs() - m0;
    if (profiler) profiles.push((await profiler.post('Profiler.stop')).profile);
    const rows = (await srv.rt.knex('archive_packages').whereIn('object_id', batch).select('status', 'size_bytes')) as { status: string; size_bytes: number }[];
    const packaged = rows.filter((r) => r.status === 'packaged');
    if (packaged.length !== batch.length) throw new Error(`${packaged.length} of ${batch.length} packaged: ${JSON.stringify(rows.map((r) => r.status))}`);
    return { concurrency, seconds, cpuMs: (cpu.user + cpu.system) / 1000, mainMs, outBytes: packaged.reduce((n, r) => n + Number(r.size_bytes), 0) };
  };
  const runs: Awaited<ReturnType<typeof timedRun>>[] = [];
  for (const [i, n] of JOBS.entries()) runs.push(await timedRun(n, cards.slice(i * N, (i + 1) * N)));
  if (profileTo) profiles.forEach((p, i) => writeFileSync(profileTo.replace(/(\.cpuprofile)?$/, `-${i + 1}.cpuprofile`), JSON.stringify(p)));
  // Server-side verification (what GET /api/packages/:id/verify runs): OCFL, every digest, PDF/A re-validation,
  // the GOST signature against the package's own evidence.
  const store = await archiveStore();
  const ids = (await srv.rt.knex('archive_packages').where({ status: 'packaged' }).orderBy('created_at').limit(5).pluck('ocfl_id')) as string[];
  const v0 = performance.now();
  let verifiedBytes = 0;
  for (const id of ids) {
    const r = await verifyTree(store.tree(id));
    if (!r.valid) throw new Error(`package ${id} does not verify: ${JSON.stringify(r.checks.filter((c) => !c.ok))}`);
    verifiedBytes += r.bytes ?? 0;
  }
  const verifySeconds = (performance.now() - v0) / 1000;
  const timed = N;
  const inBytes = timed * (scan.length + data.length + signature.length);
  const line = (label: string, value: string): string => `| ${label} | ${value} |`;
  const body = [
    `Server job \`archive.package_card\`, ${timed} cards timed per row after ${WARM} warm-up packages, two at a time (${warmupMs.toFixed(0)} ms: pdf.js, pdf-lib, fonts, validator, hash pool), each a 3-page A4 scan PDF at 200 dpi (${(scan.length / 1024).toFixed(0)} KiB) + a detached GOST signature with embedded CRLs; no OCR. Database: ${usingPostgres() ? 'PostgreSQL (DATABASE_URL)' : 'PGlite in the same process'}. Load average ${loadavg()[0]!.toFixed(1)} at the end (2 cores shared with other work).`,
    '',
    `| measure | ${JOBS.map(jobsLabel).join(' | ')} |`,
    `|---|${JOBS.map(() => '---|').join('')}`,
    `| packages/s | ${runs.map((r) => (timed / r.seconds).toFixed(2)).join(' | ')} |`,
    `| ms per package (wall) | ${runs.map((r) => ((r.seconds * 1000) / timed).toFixed(0)).join(' | ')} |`,
    `| CPU ms per package (all threads of the process; less sensitive to other work on the machine) | ${runs.map((r) => (r.cpuMs / timed).toFixed(0)).join(' | ')} |`,
    `| CPU ms per package of the main thread (jobs share it: 1000 ÷ this bounds packages/s) | ${runs.map((r) => (Number.isNaN(r.mainMs) ? '—' : (r.mainMs / timed).toFixed(0))).join(' | ')} |`,
    `| input MB/s (originals) | ${runs.map((r) => (inBytes / 2 ** 20 / r.seconds).toFixed(2)).join(' | ')} |`,
    `| written MB/s (OCFL objects) | ${runs.map((r) => (r.outBytes / 2 ** 20 / r.seconds).toFixed(2)).join(' | ')} |`,
    `| object size | ${runs.map((r) => `${(r.outBytes / timed / 1024).toFixed(0)} KiB`).join(' | ')} |`,
    '',
    `Verification on the server (5 stored packages, one after another, hash pool running): ${((verifySeconds * 1000) / ids.length).toFixed(0)} ms per package, ${(verifiedBytes / 2 ** 20 / verifySeconds).toFixed(1)} MB/s.`,
  ].join('\n');
  console.log(`${machineLine()}\n${body}`);
  if (process.argv.includes('--write')) updateBenchmarks('archive-pipeline', 'Archive pipeline through the server (packages/s)', `${usingPostgres() ? 'DATABASE_URL=postgres://… ' : ''}npx tsx bench/archive-pipeline.ts ${N} --write`, body);
} finally {
  await srv.close();
}
