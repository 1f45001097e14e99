// Command-line entry points: `kartoteka pdfa check <file> [--json]` and
// `kartoteka archive verify <package dir or .zip> [--json]`.
import { readFile } from 'node:fs/promises';
import { checkPdfa } from './pdfa/validate.ts';
import { PdfReadError } from './pdfa/file.ts';
import { stat, readdir } from 'node:fs/promises';
import { verifyCollection, verifyPackage } from './package/verify.ts';

function out(s: string): void {
  process.stdout.write(s.endsWith('\n') ? s : `${s}\n`);
}

/** `<verb> <path> [--json]`, or undefined after printing the usage line. */
function parse(argv: string[], verb: string, usage: string): { path: string; json: boolean } | undefined {
  const rest = argv.filter((a) => a !== '--json');
  if (rest[0] !== verb || rest.length !== 2) {
    process.stderr.write(`Использование / usage: ${usage}\n`);
    return undefined;
  }
  return { path: rest[1]!, json: argv.includes('--json') };
}

export async function pdfaMain(argv: string[]): Promise<number> {
  const args = parse(argv, 'check', 'kartoteka pdfa check <file> [--json]');
  if (!args) return 2;
  const { path, json } = args;
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    const msg = `Файл не прочитан / cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`;
    if (json) out(JSON.stringify({ conformant: false, profile: 'PDF/A-2B', unreadable: true, message: msg }));
    else process.stderr.write(`${msg}\n`);
    return 3;
  }
  try {
    const report = checkPdfa(bytes);
    if (json) out(JSON.stringify(report));
    else {
      out(`${path}: ${report.conformant ? 'соответствует / conforms to' : 'не соответствует / does not conform to'} ${report.profile}`);
      for (const e of report.errors) out(`  ${e.rule}  ${e.message}`);
    }
    return report.conformant ? 0 : 1;
  } catch (e) {
    // Anything the parser could not make sense of is "unreadable", reported without a stack trace.
    const msg = `PDF не прочитан / unreadable PDF ${path}: ${e instanceof PdfReadError ? e.message : e instanceof Error ? e.message : String(e)}`;
    if (json) out(JSON.stringify({ conformant: false, profile: 'PDF/A-2B', unreadable: true, message: msg }));
    else process.stderr.write(`${msg}\n`);
    return 3;
  }
}

export async function archiveMain(argv: string[]): Promise<number> {
  const args = parse(argv, 'verify', 'kartoteka archive verify <package dir or .zip> [--json]');
  if (!args) return 2;
  // A directory that is not itself an OCFL object is a collection of packages (storage root, transfer).
  const isCollection = await stat(args.path).then(
    async (st) => st.isDirectory() && !(await readdir(args.path)).some((n) => /^0=ocfl_object_1\.\d$/.test(n)),
    () => false,
  );
  const result = isCollection ? await verifyCollection(args.path) : await verifyPackage(args.path);
  if (args.json) out(JSON.stringify({ valid: result.valid, checks: result.checks, ...(result.destroyed ? { destroyed: result.destroyed } : {}) }));
  else {
    out(`${args.path}: ${result.valid ? 'пакет цел / package is valid' : 'пакет НЕ цел / package is INVALID'}`);
    if (result.destroyed) out(`  документы уничтожены / documents destroyed ${result.destroyed.at}: ${result.destroyed.detail}`);
    for (const c of result.checks) out(`  ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}${c.detail ? ` — ${c.detail}` : ''}`);
  }
  return result.valid ? 0 : 1;
}
