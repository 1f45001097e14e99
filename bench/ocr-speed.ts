// OCR speed and accuracy: the tesseract.js worker pool vs the native `tesseract` CLI on the same pages.
//   npx tsx bench/ocr-speed.ts [--corpus .tmp/letters] [--variant scan] [--pages 12]
// Native runs with OMP_THREAD_LIMIT=1, one process per core. Character error rate is measured against the
// born-digital PDF's own text, both outputs regrouped into lines by the same code (top-to-bottom, left-to-right).
// Besides wall time, CPU time is reported (the pool's threads all live in this process; native's are children):
// on a machine shared with other work the CPU seconds per page compare the two more steadily than wall time.
// The pool's CPU is also split by thread (tesseract.js workers, preparation, the rest), and native tesseract is
// run a second time on the very pages the pool recognised (our prepared PNGs): that ratio is the WebAssembly
// engine's own cost against native code on the same pixels, a floor no change to the preparation can go under.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { OcrEngine } from '../ocr/engine.ts';
import { groupWords, preparePages } from '../ocr/prepare.ts';
import type { OcrWord } from '../ocr/types.ts';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const opt = (name: string, dflt: string): string => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1]! : dflt;
};
const corpus = resolve(opt('--corpus', join(root, '.tmp/letters')));
const variant = opt('--variant', 'scan');
const suffix = variant === 'clean' ? '.png' : `.${variant}.jpg`;
const count = Number(opt('--pages', '12'));
const cores = availableParallelism();

const ids = readdirSync(corpus)
  .filter((f) => /^[A-Z]\d+\.json$/.test(f))
  .map((f) => f.slice(0, -5))
  .sort()
  .slice(0, count);

function normalise(lines: string[]): string {
  return lines.join('\n').replace(/[ \t]+/g, ' ').replace(/[‐‑‒–—−]/g, '-').replace(/[«»“”„]/g, '"').trim();
}

function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  let cur = new Array<number>(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

/** Native output as tesseract's own lines (block/paragraph/line ids): native does not deskew, so regrouping
 * its words by baseline would scramble the reading order of tilted scans and overstate its error rate. */
async function nativeLines(file: string): Promise<string[]> {
  const { stdout } = await run('tesseract', [file, 'stdout', '-l', 'rus+eng', 'tsv'], {
    env: { ...process.env, OMP_THREAD_LIMIT: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  const lines = new Map<string, { y: number; x: number; words: string[] }>();
  for (const line of stdout.split('\n').slice(1)) {
    const c = line.split('\t');
    if (c.length < 12 || c[0] !== '5' || !c[11]!.trim()) continue;
    const key = `${c[2]}/${c[3]}/${c[4]}`;
    const l = lines.get(key) ?? { y: Number(c[7]), x: Number(c[6]), words: [] };
    l.words.push(c[11]!.trim());
    lines.set(key, l);
  }
  const rows: OcrWord[] = [...lines.values()].map((l) => ({ text: l.words.join(' '), box: { x0: l.x, y0: l.y, x1: l.x + 1, y1: l.y + 40 }, confidence: 0 }));
  return groupWords(rows).map((l) => l.text);
}

/** CPU seconds used by this process (all its threads) and by its waited-for children (Linux /proc). */
const ticks = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();
function cpuSeconds(): { self: number; children: number } {
  const u = process.cpuUsage();
  let children = Number.NaN;
  try {
    const f = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    // after "pid (comm) ": state is field 3, so cutime (16) and cstime (17) are at 13 and 14
    children = (Number(f[13]) + Number(f[14])) / ticks;
  } catch {
    // not Linux: children's CPU is not reported
  }
  return { self: (u.user + u.system) / 1e6, children };
}

/** CPU seconds of each live thread of this process, by thread id (Linux /proc; empty elsewhere). */
function threadSeconds(): Map<string, number> {
  const out = new Map<string, number>();
  let tids: string[] = [];
  try {
    tids = readdirSync('/proc/self/task');
  } catch {
    return out;
  }
  for (const tid of tids) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime and stime are fields 14 and 15 of stat, 11 and 12 after "pid (comm) "
      out.set(tid, (Number(f[11]) + Number(f[12])) / ticks);
    } catch {
      // the thread ended meanwhile
    }
  }
  return out;
}

/**
 * The pool's CPU per page by thread. All threads are named "node", so they are told apart by how much they did:
 * the `size` busiest are the tesseract.js workers, the next one the preparation thread (the only one that reads
 * images while the pages are timed); the rest is V8's platform threads (garbage collection), libuv and the main thread.
 */
function splitThreads(before: Map<string, number>, after: Map<string, number>, size: number, pages: number): { recognition: number; preparation: number; rest: number } | null {
  const used = [...after].map(([tid, cpu]) => cpu - (before.get(tid) ?? 0)).sort((a, b) => b - a);
  if (used.length <= size) return null;
  const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
  return { recognition: sum(used.slice(0, size)) / pages, preparation: used[size]! / pages, rest: sum(used.slice(size + 1)) / pages };
}

/** Native tesseract over files, `cores` processes at once: CPU seconds of its children and the lines per file. */
async function runNative(files: Map<string, string>): Promise<{ cpu: number; seconds: number; texts: Map<string, string> }> {
  const texts = new Map<string, string>();
  const queue = [...files.keys()];
  const c1 = cpuSeconds();
  const t1 = Date.now();
  await Promise.all(
    Array.from({ length: cores }, async () => {
      for (let id = queue.shift(); id; id = queue.shift()) texts.set(id, normalise(await nativeLines(files.get(id)!)));
    }),
  );
  return { cpu: cpuSeconds().children - c1.children, seconds: (Date.now() - t1) / 1000, texts };
}

function cer(texts: Map<string, string>, reference: Map<string, string>): string {
  let edits = 0;
  let chars = 0;
  for (const [id, text] of texts) {
    const ref = reference.get(id)!;
    edits += levenshtein(text, ref);
    chars += ref.length;
  }
  return `${((100 * edits) / chars).toFixed(2)} %`;
}

const hasNative = await run('tesseract', ['--version']).then(
  () => true,
  () => false,
);

const reference = new Map<string, string>();
const engine = new OcrEngine({ size: cores });
try {
  for (const id of ids) {
    const doc = await engine.recognizeFile(join(corpus, `${id}.pdf`));
    reference.set(id, normalise(doc.pages[0]!.lines.map((l) => l.text)));
  }
  // Warm every worker of the pool (one page each, at once) so that no worker's start-up (~0.5 s CPU: wasm compile,
  // models) is billed to the pages: the pool lives as long as the server, native pays its start-up per page.
  await Promise.all(ids.slice(0, engine.poolSize).map((id) => engine.recognizeFile(join(corpus, `${id}${suffix}`))));

  const pool = { edits: 0, chars: 0 };
  const poolTexts = new Map<string, string>();
  const load0 = loadavg()[0]!;
  const threads0 = threadSeconds();
  const c0 = cpuSeconds();
  const t0 = Date.now();
  await Promise.all(
    ids.map(async (id) => {
      const doc = await engine.recognizeFile(join(corpus, `${id}${suffix}`));
      poolTexts.set(id, normalise(doc.pages[0]!.lines.map((l) => l.text)));
    }),
  );
  const poolSeconds = (Date.now() - t0) / 1000;
  const poolCpu = cpuSeconds().self - c0.self;
  const split = splitThreads(threads0, threadSeconds(), engine.poolSize, ids.length);
  for (const [id, text] of poolTexts) {
    const ref = reference.get(id)!;
    pool.edits += levenshtein(text, ref);
    pool.chars += ref.length;
  }
  process.stdout.write(
    `tesseract.js pool (${engine.poolSize} workers, ${variant}): ${ids.length} pages in ${poolSeconds.toFixed(1)} s = ${((60 * ids.length) / poolSeconds).toFixed(1)} pages/min, CPU ${(poolCpu / ids.length).toFixed(2)} s/page${split ? ` (recognition ${split.recognition.toFixed(2)}, preparation ${split.preparation.toFixed(2)}, rest ${split.rest.toFixed(2)})` : ''}, CER ${((100 * pool.edits) / pool.chars).toFixed(2)} %\n`,
  );

  if (!hasNative) process.stdout.write('native tesseract not installed (apt-get install tesseract-ocr tesseract-ocr-rus): skipped\n');
  else {
    const native = await runNative(new Map(ids.map((id) => [id, join(corpus, `${id}${suffix}`)])));
    process.stdout.write(
      `native tesseract (${cores} processes, OMP_THREAD_LIMIT=1): ${ids.length} pages in ${native.seconds.toFixed(1)} s = ${((60 * ids.length) / native.seconds).toFixed(1)} pages/min, CPU ${(native.cpu / ids.length).toFixed(2)} s/page, CER ${cer(native.texts, reference)}\n`,
    );
    process.stdout.write(`ratio (pool / native): wall time ${(poolSeconds / native.seconds).toFixed(2)}, CPU time ${(poolCpu / native.cpu).toFixed(2)}; load average ${load0.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}\n`);
    // The same engine comparison on equal pixels: native reads the pages exactly as the pool's workers got them.
    const dir = mkdtempSync(join(tmpdir(), 'ocr-speed-'));
    try {
      const prepared = new Map<string, string>();
      for (const id of ids) {
        const page = (await preparePages(readFileSync(join(corpus, `${id}${suffix}`)), { minTextChars: 20 }))[0];
        if (page?.kind !== 'image') continue;
        const file = join(dir, `${id}.png`);
        writeFileSync(file, page.png);
        prepared.set(id, file);
      }
      const same = await runNative(prepared);
      const nativeSame = same.cpu / prepared.size;
      process.stdout.write(
        `native tesseract on the pool's prepared pages: CPU ${nativeSame.toFixed(2)} s/page, CER ${cer(same.texts, reference)}${split ? `; pool recognition / native on the same pixels: ${(split.recognition / nativeSame).toFixed(2)}` : ''}\n`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
} finally {
  await engine.close();
}
process.stdout.write(`machine: ${cores} cores (${cpus()[0]?.model ?? 'unknown'}), node ${process.version}, ${new Date().toISOString()}\n`);
if (!existsSync(corpus)) process.exitCode = 1;
