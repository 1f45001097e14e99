// Archive throughput: packages per second for a typical card (3-page A4 scan at 200 dpi plus a
// detached GOST R 34.10-2012 signature with its CRLs), excluding OCR; and offline verification
// speed compared with plain hashing of the same bytes (verification should be hashing-bound).
// MB/s everywhere is bytes of the OCFL objects (every file of every version, inventories included) per second of
// wall-clock time; MB = 10^6 bytes.
// Usage: npx tsx bench/archive-package.ts [packages] [--write] [--phases]   (--write updates BENCHMARKS.md; --phases
// prints where one thread's CPU goes in a verification, per package, and stops)
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { streebog256, verifySignatures } from '../signature/index.ts';
import {
  buildPackage,
  checkPdfa,
  defaultSignatureVerifier,
  DigestCache,
  fsTree,
  imagesToPdfa,
  memoryTree,
  startHashWorkers,
  stopHashWorkers,
  verifyCollection,
  validateObject,
  verifyTree,
  writeObjectToDir,
  type PackageInput,
  type VerifyOptions,
} from '../archive/index.ts';
import { machineLine, updateBenchmarks } from './report.ts';

const N = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 20);
const FIX = new URL('../signature/fixtures/out/', import.meta.url);
const pemToDer = (pem: string): Uint8Array => Uint8Array.from(Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64'));

function scanPage(n: number): Uint8Array {
  const c = createCanvas(1654, 2339);
  const g = c.getContext('2d');
  g.fillStyle = '#f4f1ea';
  g.fillRect(0, 0, 1654, 2339);
  g.fillStyle = '#222';
  g.font = '28px serif';
  for (let y = 200; y < 2200; y += 44) g.fillText(`Страница ${n}. Строка ${y}: входящее письмо, резолюция, исполнитель, срок исполнения.`, 120, y);
  return new Uint8Array(c.encodeSync('jpeg', 80));
}

const data = new Uint8Array(readFileSync(new URL('doc.txt', FIX)));
const signature = new Uint8Array(readFileSync(new URL('gost256A/detached.p7s', FIX)));
const anchor = pemToDer(readFileSync(new URL('trust/gost256A-root.pem', FIX), 'utf8'));
const crls = ['gost256A/inter.crl', 'gost256A/root.crl'].map((p) => new Uint8Array(readFileSync(new URL(p, FIX))));
const report = await verifySignatures({ data, signature }, { trustAnchors: [anchor], crls, validationTime: new Date('2026-11-24T10:00:00Z') });
const pages = [1, 2, 3].map(scanPage);
const scanBytes = pages.reduce((n, p) => n + p.length, 0);
const load0 = loadavg()[0]!;

const size = (files: Map<string, Uint8Array>): number => [...files.values()].reduce((n, b) => n + b.length, 0);
const mbs = (bytes: number, ms: number): number => bytes / 1e6 / (ms / 1000);
/** Linux scheduler statistics of this process's threads (ms): on a core, and waiting for one while runnable. */
function schedstat(): { main: number; waiting: number } {
  const read = (tid: string): number[] => readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ').map(Number);
  try {
    let waiting = 0;
    for (const tid of readdirSync('/proc/self/task')) {
      try {
        waiting += read(tid)[1]! / 1e6;
      } catch {
        // the thread ended meanwhile
      }
    }
    return { main: read(String(process.pid))[0]! / 1e6, waiting };
  } catch {
    return { main: NaN, waiting: NaN };
  }
}
/**
 * Wall-clock MB/s, CPU ms per MB (all threads of the process), CPU ms per MB of the main thread, and how many of our
 * threads waited for a core on average (other work on the machine, or more busy threads than cores) during `run`,
 * which returns the bytes it handled.
 */
async function measured(run: () => Promise<number> | number): Promise<[number, number, number, number]> {
  const c0 = process.cpuUsage();
  const s0 = schedstat();
  const t = performance.now();
  const bytes = await run();
  const ms = performance.now() - t;
  const cpu = process.cpuUsage(c0);
  const s1 = schedstat();
  const mb = bytes / 1e6;
  return [mbs(bytes, ms), (cpu.user + cpu.system) / 1000 / mb, (s1.main - s0.main) / mb, (s1.waiting - s0.waiting) / ms];
}

const built: Map<string, Uint8Array>[] = [];
const t0 = performance.now();
for (let i = 0; i < N; i++) {
  const meta = { title: `Входящее письмо № ${i}`, author: 'Канцелярия', created: '2026-01-15T09:00:00+03:00', documentId: `card-${i}` };
  const pdfa = await imagesToPdfa(meta, pages.map((image) => ({ image, kind: 'jpeg' as const, dpi: 200 })));
  const input: PackageInput = {
    id: `urn:kartoteka:card:${i}`,
    kind: 'card',
    created: '2026-01-15T09:00:00+03:00',
    agent: { name: 'Архивист', address: 'mailto:archive@example.org' },
    descriptive: { number: String(i), correspondent: 'ООО «Ромашка»' },
    originals: [{ name: 'letter.txt', bytes: data, mime: 'text/plain' }],
    signatures: [{ name: 'letter.txt.p7s', bytes: signature, signs: 'letter.txt', report, trustAnchors: [anchor] }],
    pdfa: [{ name: 'letter.pdf', bytes: pdfa, mime: 'application/pdf' }],
  };
  built.push(buildPackage(input).files);
}
const buildMs = performance.now() - t0;
const packageBytes = built.reduce((n, f) => n + size(f), 0);
const one = built[built.length - 1]!;

// The pool is started once, as a server or a long verification run does; its start-up is not timed.
const w0 = performance.now();
startHashWorkers();
await new DigestCache(true).digestAsync('sha512', new Uint8Array(0));
const warm = new DigestCache(true);
const warmBuf = new Uint8Array(1 << 20);
warm.start(warmBuf, ['streebog-256']);
warm.start(warmBuf.subarray(1), ['streebog-256']);
await Promise.all([warm.digestAsync('streebog-256', warmBuf), warm.digestAsync('streebog-256', warmBuf.subarray(1))]);
const poolStartMs = performance.now() - w0;

const V = Math.max(10, N);
async function verifyOne(options: VerifyOptions): Promise<number> {
  for (let i = 0; i < V; i++) {
    // As the offline verifier (`verifyPackage`) does: this thread hashes too.
    const r = await verifyTree(memoryTree(one), '', undefined, { share: true, ...options });
    if (!r.valid) throw new Error(`verification failed: ${JSON.stringify(r.checks.filter((c) => !c.ok))}`);
  }
  return size(one) * V;
}

const dir = await mkdtemp(join(tmpdir(), 'kartoteka-bench-archive-'));
try {
  for (let i = 0; i < built.length; i++) await writeObjectToDir(join(dir, `p${String(i).padStart(4, '0')}`), built[i]!);
  if (process.argv.includes('--phases')) {
    await phases();
    await rm(dir, { recursive: true, force: true });
    await stopHashWorkers();
    process.exit(0);
  }
  async function verifyDir(options: VerifyOptions): Promise<number> {
    const r = await verifyCollection(dir, undefined, options);
    if (!r.valid) throw new Error(`collection failed: ${JSON.stringify(r.checks.filter((c) => !c.ok))}`);
    return r.bytes ?? 0;
  }
  // Plain hashing of the same bytes: three digests per file on this thread, then with Streebog of the large files
  // on the pool (what verification can at best approach on this machine).
  function hashInline(): number {
    for (const files of built) {
      const cache = new DigestCache(false);
      for (const b of files.values()) for (const a of ['sha512', 'sha256', 'streebog-256']) cache.digest(a, b);
    }
    return packageBytes;
  }
  async function hashPooled(): Promise<number> {
    const cache = new DigestCache(true);
    for (const files of built) for (const b of files.values()) cache.start(b, ['sha512', 'sha256', 'streebog-256']);
    for (const files of built) for (const b of files.values()) for (const a of ['sha512', 'sha256', 'streebog-256']) await cache.digestAsync(a, b);
    return packageBytes;
  }

  // Back to back, twice, so a change in the machine's load shows up as a spread rather than a bias.
  const rows: Record<string, [number, number, number, number][]> = {};
  const add = async (k: string, run: () => Promise<number> | number): Promise<void> => {
    (rows[k] ??= []).push(await measured(run));
  };
  for (let round = 0; round < 2; round++) {
    await add('one-inline', () => verifyOne({ workers: false }));
    await add('one-pool', () => verifyOne({ workers: true }));
    await add('dir-inline', () => verifyDir({ workers: false }));
    await add('dir-pool', () => verifyDir({ workers: true }));
    await add('hash-inline', hashInline);
    await add('hash-pool', hashPooled);
  }
  const span = (v: number[], unit: string): string => {
    const [lo, hi] = [Math.min(...v), Math.max(...v)];
    return lo.toFixed(0) === hi.toFixed(0) ? `${lo.toFixed(0)} ${unit}` : `${lo.toFixed(0)}–${hi.toFixed(0)} ${unit}`;
  };
  const range = (k: string): string =>
    `${span(rows[k]!.map((r) => r[0]), 'MB/s')} | ${span(rows[k]!.map((r) => r[1]), 'ms')} | ${span(rows[k]!.map((r) => r[2]), 'ms')}`;
  const waiting = Object.values(rows).flat().map((r) => r[3]);
  // What each digest costs on one core, and the most two cores could verify if they did nothing but hash. The
  // native reference is OpenSSL's GOST engine (C, the usual Streebog implementation), when it is installed.
  const sample = new Uint8Array(64 * 2 ** 20).map((_, i) => (i * 131 + 7) & 255);
  const perAlgorithm: [string, (b: Uint8Array) => unknown][] = [
    ['SHA-512 (OpenSSL via node:crypto)', (b) => createHash('sha512').update(b).digest()],
    ['SHA-256 (OpenSSL via node:crypto)', (b) => createHash('sha256').update(b).digest()],
    ['Streebog-256 (ours, WebAssembly)', (b) => streebog256(b)],
  ];
  const algMs = perAlgorithm.map(([name, run]) => {
    const best = Math.min(
      ...[0, 1, 2].map(() => {
        const c0 = process.cpuUsage();
        run(sample);
        const c = process.cpuUsage(c0);
        return (c.user + c.system) / 1000 / (sample.length / 1e6);
      }),
    );
    return [name, best] as const;
  });
  const childCpuMs = (): number => {
    const f = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /s, '').split(' ');
    return ((Number(f[13]) + Number(f[14])) * 1000) / 100; // cutime + cstime of waited-for children, in 1/100 s
  };
  let gostEngine: number | null = null;
  try {
    const file = join(dir, 'sample.bin');
    writeFileSync(file, sample);
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const c0 = childCpuMs();
      const r = spawnSync('openssl', ['dgst', '-engine', 'gost', '-md_gost12_256', file], { encoding: 'utf8' });
      if (r.status !== 0 || !r.stdout.includes(Buffer.from(streebog256(sample)).toString('hex'))) throw new Error('no GOST engine');
      runs.push((childCpuMs() - c0) / (sample.length / 1e6));
    }
    gostEngine = Math.min(...runs);
  } catch {
    gostEngine = null;
  }
  const threeMs = algMs.reduce((n, [, ms]) => n + ms, 0);
  const load1 = loadavg()[0]!;
  const pkgMb = (size(one) / 1e6).toFixed(2);
  const body = [
    `Typical card: 3-page A4 scan at 200 dpi (${(scanBytes / 1e6).toFixed(2)} MB JPEG) → PDF/A-2B, detached GOST R 34.10-2012 signature with CRLs (signature/fixtures), OCR excluded; package ${pkgMb} MB (OCFL object, all files). ${N} packages; load average ${load0.toFixed(1)} at the start, ${load1.toFixed(1)} at the end (2 cores shared with other work).`,
    '',
    'MB/s = bytes of the OCFL objects verified (every file read once and checked) per second of wall-clock time. "Pool": hash worker threads, one per core, started once ' +
      `(${poolStartMs.toFixed(0)} ms here). A verification shares the digests of its files ≥ 256 KiB (one job per digest) between the workers of all cores but one and the main thread, which takes the jobs no worker has started when it has no other check to do (a large Streebog digest in slices, between which it finishes and starts packages); small files and every other check are on the main thread. Plain hashing with the pool uses every worker. Each figure is the range of two rounds run back to back.`,
    '',
    `Build: PDF/A conversion + PDF/A validation + package (OCFL, 3 digests per file), one thread: ${((N * 1000) / buildMs).toFixed(1)} packages/s, ${mbs(packageBytes, buildMs).toFixed(1)} MB/s (target ≥ 20 packages/s).`,
    '',
    '| measure | wall MB/s | CPU ms per MB (all threads) | of which the main thread | target |',
    '|---|---|---|---|---|',
    `| verification of one package at a time, one thread (in memory) | ${range('one-inline')} | |`,
    `| verification of one package at a time, pool (in memory) | ${range('one-pool')} | hashing-bound |`,
    `| verification of ${N} packages from disk (\`verifyCollection\`), one thread | ${range('dir-inline')} | |`,
    `| verification of ${N} packages from disk (\`verifyCollection\`), pool | ${range('dir-pool')} | ≥ 200 MB/s, hashing-bound |`,
    `| plain SHA-512 + SHA-256 + Streebog-256 of the same bytes, one thread | ${range('hash-inline')} | — |`,
    `| plain SHA-512 + SHA-256 + Streebog-256 of the same bytes, pool | ${range('hash-pool')} | — |`,
    '',
    `Threads of this process waiting for a core while runnable, on average over the runs: ${Math.min(...waiting).toFixed(2)}–${Math.max(...waiting).toFixed(2)} (Linux schedstat; above ≈ 0.1 other work on the machine slowed the wall-clock figures).`,
    '',
    `CPU per algorithm, one core (best of three over 64 MiB): ${algMs.map(([n, ms]) => `${n} ${ms.toFixed(2)} ms/MB (${(1000 / ms).toFixed(0)} MB/s)`).join('; ')}${gostEngine === null ? '' : `; for reference, Streebog-256 in OpenSSL's GOST engine (native C) ${gostEngine.toFixed(2)} ms/MB (${(1000 / gostEngine).toFixed(0)} MB/s)`}. The three digests cost ${threeMs.toFixed(1)} ms of CPU per MB, so two cores doing nothing but hash reach at most ${(2000 / threeMs).toFixed(0)} MB/s; verification also reads the files, re-validates the PDF/A copies and the signatures, and checks OCFL and package.json.`,
  ].join('\n');
  console.log(`${machineLine()}\n${body}`);
  if (process.argv.includes('--write')) updateBenchmarks('archive', 'Archival packages: build and offline verification (bench/archive-package.ts)', `npx tsx bench/archive-package.ts ${N} --write`, body);
} finally {
  await rm(dir, { recursive: true, force: true });
  await stopHashWorkers();
}

/** CPU per package of each part of a one-thread verification (best of three passes over the packages). */
async function phases(): Promise<void> {
  const cpuPerPackage = async (run: (files: Map<string, Uint8Array>, i: number) => unknown): Promise<number> => {
    const passes: number[] = [];
    for (let k = 0; k < 4; k++) {
      const c0 = process.cpuUsage();
      for (let i = 0; i < built.length; i++) await run(built[i]!, i);
      const c = process.cpuUsage(c0);
      passes.push((c.user + c.system) / 1000 / built.length);
    }
    return Math.min(...passes.slice(1));
  };
  const pdf = (files: Map<string, Uint8Array>): Uint8Array => [...files].find(([p]) => p.endsWith('.pdf'))![1];
  const read = await cpuPerPackage(async (_f, i) => {
    const tree = fsTree(join(dir, `p${String(i).padStart(4, '0')}`), { sync: true });
    for (const p of built[i]!.keys()) await tree.read(p);
  });
  const hashing = await cpuPerPackage((files) => {
    const cache = new DigestCache(false);
    for (const b of files.values()) for (const a of ['sha512', 'sha256', 'streebog-256']) cache.digest(a, b);
  });
  const ocfl = await cpuPerPackage((files) => validateObject(memoryTree(files)));
  const pdfa = await cpuPerPackage((files) => checkPdfa(pdf(files)));
  const validationTime = new Date('2026-11-24T10:00:00Z');
  const sig = await cpuPerPackage(() => defaultSignatureVerifier({ data, signature, trustAnchors: [anchor], certificates: [], crls, ocspResponses: [], validationTime }));
  const total = await cpuPerPackage((files) => verifyTree(memoryTree(files), '', undefined, { workers: false }));
  const rows: [string, number][] = [
    ['read the files from disk (blocking reads)', read],
    ['SHA-512 + SHA-256 + Streebog-256 of every file', hashing],
    ['OCFL validation without its hashing', ocfl - hashing],
    ['PDF/A re-validation', pdfa],
    ['signature re-verification', sig],
    ['the rest (package.json, reports, evidence, destruction, promises)', total - ocfl - pdfa - sig],
    ['whole verification in memory, one thread', total],
  ];
  console.log(`CPU ms per package (${(size(one) / 1e6).toFixed(2)} MB), one thread, best of three passes over ${built.length} packages; load ${loadavg()[0]!.toFixed(1)}:`);
  for (const [name, ms] of rows) console.log(`  ${name.padEnd(68)} ${ms.toFixed(2)}`);
}
