// Field-extraction, duplicate and executor benchmark over the generated letter corpus.
//   npx tsx bench/ocr-letters.ts [--corpus .tmp/letters] [--variants clean,scan,hard] [--cache .tmp/ocr-cache]
//     [--out .tmp/bench-ocr] [--no-executor] [--jobs N] [--pool OUT1,OUT2…]
// --pool: the fingerprints of earlier runs (their --out folders, same variant) are registered first, then this run's,
// in one stream, as one organisation would: a match between two corpora is a false positive (the generator's
// correspondents are the same in every seed, so this tests letters from one sender's template against each other).
// Runs what `kartoteka extract --dedupe --json` runs (OCR, extraction, dedupe in registration order) on
// each image variant, converts paths to letter ids and scores with ../shared/letters/scoring/score.mjs.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findDuplicate, type Fingerprint } from '../ocr/dedupe.ts';
import { OcrEngine } from '../ocr/engine.ts';
import { analyseDocument, mergeDocuments } from '../ocr/intake.ts';
import { ExecutorModel, type CardToRoute } from '../ocr/models/executorModel.ts';
import { buildExtractContext, loadHistory, loadOrganisation } from '../ocr/orgContext.ts';
import type { OcrDocument } from '../ocr/types.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const opt = (name: string, dflt: string): string => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1]! : dflt;
};
const corpus = resolve(opt('--corpus', join(root, '.tmp/letters')));
const variants = opt('--variants', 'clean,scan,hard').split(',');
const cacheDir = args.includes('--cache') ? resolve(opt('--cache', join(root, '.tmp/ocr-cache'))) : null;
const scorer = resolve(root, '../shared/letters/scoring/score.mjs');
const outDir = resolve(opt('--out', join(root, '.tmp/bench-ocr')));
mkdirSync(outDir, { recursive: true });
if (cacheDir) mkdirSync(cacheDir, { recursive: true });

const SUFFIX: Record<string, string> = { clean: '.png', scan: '.scan.jpg', hard: '.hard.jpg', pdf: '.pdf' };
const ids = readdirSync(corpus)
  .filter((f) => /^[A-Z]\d+\.json$/.test(f))
  .map((f) => f.slice(0, -5))
  .sort();
const ctx = buildExtractContext(loadOrganisation(join(corpus, 'organisation.json')), loadHistory(join(corpus, 'history.json')));

async function ocr(engine: OcrEngine, file: string): Promise<OcrDocument> {
  const cached = cacheDir ? join(cacheDir, `${basename(file)}.json`) : null;
  if (cached && existsSync(cached)) return JSON.parse(readFileSync(cached, 'utf8')) as OcrDocument;
  const doc = await engine.recognizeFile(file);
  if (cached) writeFileSync(cached, JSON.stringify(doc));
  return doc;
}

function score(pred: string, extra: string[] = []): string {
  return execFileSync(process.execPath, [scorer, '--truth', corpus, '--pred', pred, ...extra], { encoding: 'utf8' });
}

/** Duplicates found over letters registered in one stream: precision, recall and CPU per comparison. */
function pooledDedupe(variant: string, letters: Array<{ id: string; group: string; fingerprint: Fingerprint }>): string {
  const earlier: Array<{ id: string; fingerprint: Fingerprint }> = [];
  const groupOf = new Map(letters.map((l) => [l.id, l.group]));
  const seen = new Set<string>();
  let found = 0;
  let right = 0;
  let expected = 0;
  const wrong: string[] = [];
  const t0 = process.cpuUsage();
  for (const l of letters) {
    if (seen.has(l.group)) expected++;
    const m = findDuplicate(l.fingerprint, earlier);
    if (m) {
      found++;
      if (groupOf.get(m.id) === l.group) right++;
      else wrong.push(`${l.id} → ${m.id} (${m.score})`);
    }
    seen.add(l.group);
    earlier.push({ id: l.id, fingerprint: l.fingerprint });
  }
  const cpu = process.cpuUsage(t0);
  const comparisons = (letters.length * (letters.length - 1)) / 2;
  const us = (cpu.user + cpu.system) / comparisons;
  const line = `### ${variant}, pooled (${letters.length} letters, ${comparisons} comparisons, ${us.toFixed(1)} µs CPU each)\n\nduplicates: precision ${right}/${found}, recall ${right}/${expected}${wrong.length ? `; false: ${wrong.join(', ')}` : ''}`;
  process.stdout.write(`${line}\n\n`);
  return line;
}

const report: string[] = [];
// --jobs N: OCR workers (default one per core); 1 leaves the other core to whoever shares the machine.
const jobs = Number(opt('--jobs', '0'));
const engine = new OcrEngine(jobs > 0 ? { size: jobs } : {});
try {
  for (const variant of variants) {
    const suffix = SUFFIX[variant];
    if (!suffix) throw new Error(`unknown variant ${variant}`);
    const t0 = Date.now();
    let pages = 0;
    const docs = new Map<string, OcrDocument>();
    const queue = [...ids];
    await Promise.all(
      Array.from({ length: engine.poolSize + 1 }, async () => {
        for (let id = queue.shift(); id; id = queue.shift()) {
          const files = [join(corpus, `${id}${suffix}`)];
          const p2 = join(corpus, `${id}.p2${suffix}`);
          if (suffix !== '.pdf' && existsSync(p2)) files.push(p2);
          const parts = await Promise.all(files.map((f) => ocr(engine, f)));
          const doc = mergeDocuments(parts);
          pages += doc.pages.length;
          docs.set(id, doc);
        }
      }),
    );
    const seconds = (Date.now() - t0) / 1000;
    const preds: Record<string, Record<string, unknown>> = {};
    const earlier: Array<{ id: string; fingerprint: Fingerprint }> = [];
    for (const id of ids) {
      const r = analyseDocument(docs.get(id)!, ctx);
      const dup = findDuplicate(r.fingerprint, earlier);
      earlier.push({ id, fingerprint: r.fingerprint });
      preds[id] = { ...r.extraction.fields, duplicateOf: dup?.id ?? null };
    }
    const corpusName = basename(corpus);
    const groups = ids.map((id) => {
      const truth = JSON.parse(readFileSync(join(corpus, `${id}.json`), 'utf8')) as { duplicateOf?: string | null };
      return { id: `${corpusName}/${id}`, group: `${corpusName}/${truth.duplicateOf ?? id}`, fingerprint: earlier.find((e) => e.id === id)!.fingerprint };
    });
    writeFileSync(join(outDir, `fingerprints-${variant}.json`), JSON.stringify(groups));
    const pool = opt('--pool', '');
    if (pool) report.push(pooledDedupe(variant, [...pool.split(',').flatMap((d) => JSON.parse(readFileSync(join(resolve(d), `fingerprints-${variant}.json`), 'utf8')) as typeof groups), ...groups]));
    const predFile = join(outDir, `pred-${variant}.json`);
    writeFileSync(predFile, JSON.stringify(preds, null, 1));
    const out = score(predFile);
    writeFileSync(join(outDir, `score-${variant}.txt`), score(predFile, ['--verbose']));
    report.push(`### ${variant} (${ids.length} letters, ${pages} pages, OCR+extraction ${seconds.toFixed(0)} s${cacheDir ? ', OCR cache allowed' : ''})\n\n\`\`\`\n${out.trim()}\n\`\`\``);
    process.stdout.write(`${report[report.length - 1]}\n\n`);
  }
} finally {
  await engine.close();
}

if (args.includes('--no-executor')) process.exit(0);
const model = ExecutorModel.train(loadHistory(join(corpus, 'history.json')));
const input = JSON.parse(readFileSync(join(corpus, 'history-test-input.json'), 'utf8')) as Array<CardToRoute & { id: string }>;
const ranked: Record<string, string[]> = {};
for (const item of input) ranked[item.id] = model.suggest(item).suggestions.map((s) => s.executor);
const rankedFile = join(outDir, 'executors.json');
writeFileSync(rankedFile, JSON.stringify(ranked));
const exec = execFileSync(process.execPath, [scorer, '--executor', '--truth', corpus, '--pred', rankedFile], { encoding: 'utf8' });
process.stdout.write(`### executor (${input.length} letters, history ${model.trained})\n\n\`\`\`\n${exec.trim()}\n\`\`\`\n`);
process.stdout.write(`\nmachine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), node ${process.version}, ${new Date().toISOString()}\n`);
