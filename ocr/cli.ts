// Black-box commands:
//   kartoteka extract <file>… [--dedupe] [--langs rus+eng] [--org organisation.json] [--history history.json] --json
//   kartoteka suggest-executor --history <history.json> --input <letters.json> --json
import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { findDuplicate, type Fingerprint } from './dedupe.ts';
import { OcrEngine } from './engine.ts';
import { OcrError } from './errors.ts';
import type { ExtractContext, LetterFields } from './extract/extractLetter.ts';
import { analyseScan } from './intake.ts';
import { ExecutorModel, type CardToRoute } from './models/executorModel.ts';
import { buildExtractContext, discoverContextFiles, loadHistory, loadOrganisation } from './orgContext.ts';

interface ParsedArgs {
  files: string[];
  flags: Set<string>;
  options: Map<string, string>;
}

const VALUE_OPTIONS = new Set(['--langs', '--org', '--history', '--input', '--jobs']);

function parseArgs(argv: string[]): ParsedArgs {
  const files: string[] = [];
  const flags = new Set<string>();
  const options = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (VALUE_OPTIONS.has(a)) {
      const v = argv[++i];
      if (v === undefined) throw new OcrError('OCR_INPUT_UNREADABLE', `${a} needs a value`);
      options.set(a, v);
    } else if (a.startsWith('--')) flags.add(a);
    else files.push(a);
  }
  return { files, flags, options };
}

/** `L0001.p2.png` is page 2 of `L0001.png` when both are given. */
export function groupPageFiles(files: string[]): Array<{ key: string; pages: string[] }> {
  const groups: Array<{ key: string; pages: string[] }> = [];
  const byBase = new Map<string, { key: string; pages: string[] }>();
  const pageOf = (f: string): { base: string; page: number } => {
    const m = /^(.*)\.p(\d{1,3})(\.[^/]*)$/.exec(f);
    return m ? { base: `${m[1]}${m[3]}`, page: Number(m[2]) } : { base: f, page: 1 };
  };
  for (const f of files) {
    const { base, page } = pageOf(f);
    if (page === 1) {
      const g = { key: f, pages: [f] };
      groups.push(g);
      byBase.set(base, g);
    }
  }
  for (const f of files) {
    const { base, page } = pageOf(f);
    if (page === 1) continue;
    const g = byBase.get(base);
    if (g) g.pages.push(f);
    else {
      const alone = { key: f, pages: [f] };
      groups.push(alone);
    }
  }
  for (const g of groups) g.pages.sort((a, b) => pageOf(a).page - pageOf(b).page);
  return groups;
}

function contextFor(files: string[], options: Map<string, string>): ExtractContext {
  const found = files[0] ? discoverContextFiles(dirname(resolve(files[0]))) : { org: null, history: null };
  const orgFile = options.get('--org') ?? found.org;
  const historyFile = options.get('--history') ?? found.history;
  return buildExtractContext(orgFile ? loadOrganisation(orgFile) : null, historyFile ? loadHistory(historyFile) : []);
}

interface ExtractOutput {
  fields: LetterFields;
  confidence: Record<string, number>;
  duplicateOf: string | null;
}

export async function extractMain(argv: string[]): Promise<number> {
  let args: ParsedArgs;
  try {
    args = parseArgs(argv);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    return 2;
  }
  if (args.files.length === 0 || args.flags.has('--help')) {
    process.stderr.write('Использование / usage: kartoteka extract <file>… [--dedupe] [--langs rus+eng] [--org FILE] [--history FILE] --json\n');
    return 2;
  }
  const ctx = contextFor(args.files, args.options);
  const langs = args.options.get('--langs');
  const groups = groupPageFiles(args.files);
  const engine = new OcrEngine();
  const results = new Map<string, { out: ExtractOutput; fingerprint: Fingerprint }>();
  let failed = 0;
  try {
    // A bounded number of letters in flight keeps memory flat while every worker stays busy.
    const queue = [...groups];
    const inFlight = Math.max(1, engine.poolSize + 1);
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        for (let g = queue.shift(); g; g = queue.shift()) {
          try {
            const bytes = await Promise.all(g.pages.map((p) => readFile(p)));
            const r = await analyseScan(engine, bytes, ctx, langs ? { langs } : {});
            results.set(g.key, {
              out: { fields: r.extraction.fields, confidence: r.extraction.confidence, duplicateOf: null },
              fingerprint: r.fingerprint,
            });
          } catch (err) {
            failed++;
            const code = err instanceof OcrError ? err.code : 'OCR_WORKER_FAILED';
            process.stderr.write(`${g.key}: ${code}: ${(err as Error).message}\n`);
          }
        }
      }),
    );
  } finally {
    await engine.close();
  }
  if (args.flags.has('--dedupe')) {
    const earlier: Array<{ id: string; fingerprint: Fingerprint }> = [];
    for (const g of groups) {
      const r = results.get(g.key);
      if (!r) continue;
      r.out.duplicateOf = findDuplicate(r.fingerprint, earlier)?.id ?? null;
      earlier.push({ id: g.key, fingerprint: r.fingerprint });
    }
  }
  const output: Record<string, ExtractOutput> = {};
  for (const g of groups) {
    const r = results.get(g.key);
    if (!r) continue;
    for (const p of g.pages) output[p] = r.out;
  }
  if (args.flags.has('--json')) process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
  else {
    for (const [path, r] of Object.entries(output)) {
      process.stdout.write(`${basename(path)}\n`);
      for (const [k, v] of Object.entries(r.fields)) {
        if (v !== null) process.stdout.write(`  ${k.padEnd(18)} ${JSON.stringify(v)}  (${r.confidence[k] ?? 0})\n`);
      }
      if (r.duplicateOf) process.stdout.write(`  duplicateOf        ${r.duplicateOf}\n`);
    }
  }
  return failed ? 1 : 0;
}

export async function suggestExecutorMain(argv: string[]): Promise<number> {
  let args: ParsedArgs;
  try {
    args = parseArgs(argv);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    return 2;
  }
  const historyFile = args.options.get('--history');
  const inputFile = args.options.get('--input');
  if (!historyFile || !inputFile) {
    process.stderr.write('Использование / usage: kartoteka suggest-executor --history <history.json> --input <letters.json> --json\n');
    return 2;
  }
  try {
    const model = ExecutorModel.train(loadHistory(historyFile));
    const raw: unknown = JSON.parse(await readFile(inputFile, 'utf8'));
    if (!Array.isArray(raw)) throw new OcrError('OCR_INPUT_UNREADABLE', `${inputFile}: not a JSON array`);
    const out: Record<string, string[]> = {};
    for (const item of raw as Array<CardToRoute & { id?: string }>) {
      if (!item || typeof item.id !== 'string') continue;
      out[item.id] = model.suggest(item).suggestions.map((s) => s.executor);
    }
    if (args.flags.has('--json')) process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    else for (const [id, list] of Object.entries(out)) process.stdout.write(`${id}\t${list.join('; ')}\n`);
    return 0;
  } catch (err) {
    const code = err instanceof OcrError ? err.code : 'OCR_INPUT_UNREADABLE';
    process.stderr.write(`${code}: ${(err as Error).message}\n`);
    return 1;
  }
}
