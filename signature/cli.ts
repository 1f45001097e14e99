// `kartoteka verify <signed-file> [<signature-file>] --trust <file-or-dir> [--trust …] [--crl <file>]…
// [--ocsp <file>]… [--at <ISO-8601 time>] [--json]`
// Exit codes: 0 all TOTAL_PASSED, 1 any TOTAL_FAILED, 2 any INDETERMINATE (none failed), 3 unusable input.
import { readFile } from 'node:fs/promises';
import { SignatureError } from './errors.ts';
import { parseSignedData } from './cms.ts';
import { objectsFrom, toDer } from './input.ts';
import type { SignatureReport, ValidationReport } from './report.ts';
import { TrustStore } from './trustStore.ts';
import { verifySignatures } from './verify.ts';

const USAGE =
  'Использование / usage: kartoteka verify <signed-file> [<signature-file>] --trust <file-or-dir> [--trust …] ' +
  '[--crl <file>]… [--ocsp <file>]… [--at <ISO-8601 time>] [--json]\n';

class UsageError extends Error {
  readonly ru: string;
  constructor(en: string, ru: string) {
    super(en);
    this.ru = ru;
  }
}

interface Args {
  files: string[];
  trust: string[];
  crl: string[];
  ocsp: string[];
  at?: Date;
  json: boolean;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { files: [], trust: [], crl: [], ocsp: [], json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      if (eq > 0) return arg.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`option ${flag} needs a value`, `параметру ${flag} нужно значение`);
      return v;
    };
    switch (flag) {
      case '--trust':
        a.trust.push(value());
        break;
      case '--crl':
        a.crl.push(value());
        break;
      case '--ocsp':
        a.ocsp.push(value());
        break;
      case '--at': {
        const v = value();
        const d = new Date(v);
        if (Number.isNaN(d.getTime())) throw new UsageError(`--at: not an ISO-8601 time: ${v}`, `--at: время не в формате ISO 8601: ${v}`);
        a.at = d;
        break;
      }
      case '--json':
        a.json = true;
        break;
      case '--help':
      case '-h':
        throw new UsageError('help', 'справка');
      default:
        if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`, `неизвестный параметр ${arg}`);
        a.files.push(arg);
    }
  }
  if (a.files.length === 0 || a.files.length > 2) throw new UsageError('give the signed file and optionally the signature file', 'укажите подписанный файл и, при необходимости, файл подписи');
  if (a.trust.length === 0) throw new UsageError('at least one --trust is required', 'нужен хотя бы один параметр --trust');
  return a;
}

async function readInput(path: string, what: string, whatRu: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (e) {
    const code = e instanceof Error && 'code' in e ? String(e.code) : '';
    throw new UsageError(`cannot read ${what} ${path}${code ? ` (${code})` : ''}`, `не удалось прочитать ${whatRu} ${path}`);
  }
}

function isCms(bytes: Uint8Array): boolean {
  try {
    parseSignedData(toDer(bytes));
    return true;
  } catch {
    return false;
  }
}

export function exitCode(report: ValidationReport): number {
  const ind = report.signatures.map((s) => s.indication);
  if (ind.includes('TOTAL_FAILED')) return 1;
  if (ind.includes('INDETERMINATE')) return 2;
  return 0;
}

function toJson(report: ValidationReport): string {
  const { evidence, ...rest } = report;
  return JSON.stringify(
    {
      ...rest,
      // The evidence bundle itself is binary; the JSON lists it by hash (the library returns the bytes).
      evidence: evidence.map((e) => ({ type: e.type, sha256: e.sha256, size: e.der.length, description: e.description })),
    },
    null,
    2,
  );
}

function human(s: SignatureReport): string {
  const lines = [`${s.id}: ${s.indication}${s.subIndication ? ' / ' + s.subIndication : ''}`, `  ${s.messageRu}`, `  ${s.message}`];
  if (s.signer) {
    const q = s.signer.qualified;
    lines.push(`  Подписант / signer: ${s.signer.subject}`);
    if (q.position) lines.push(`  Должность / position: ${q.position}`);
    if (q.organisation) lines.push(`  Организация / organisation: ${q.organisation}`);
    if (q.inn || q.innle) lines.push(`  ИНН / INN: ${q.inn ?? ''} ${q.innle ? 'ИНН ЮЛ / INNLE: ' + q.innle : ''}`.trimEnd());
    if (q.ogrn) lines.push(`  ОГРН / OGRN: ${q.ogrn}`);
    if (q.snils) lines.push(`  СНИЛС / SNILS: ${q.snils}`);
    lines.push(`  Сертификат / certificate: ${s.signer.serialNumber}, ${s.signer.notBefore} — ${s.signer.notAfter}`);
  }
  if (s.signatureAlgorithm) lines.push(`  Алгоритм / algorithm: ${s.signatureAlgorithm}`);
  s.certificateChain.forEach((c, i) => lines.push(`  ${i === 0 ? 'Цепочка / chain:' : '               '} ${c.subject}${c.trustAnchor ? ' [доверенный / trusted]' : ''}`));
  lines.push(`  Время подписи (заявленное) / claimed signing time: ${s.signingTime ?? '—'}`);
  lines.push(`  Наилучшее время подписи / best signature time: ${s.bestSignatureTime}`);
  for (const t of s.timestamps) lines.push(`  Штамп времени / time-stamp: ${t.type} ${t.genTime} ${t.valid ? 'OK' : 'не принят / not used: ' + (t.problem ?? '')}`);
  for (const r of s.revocation) lines.push(`  Отзыв / revocation: ${r.type} ${r.status}${r.revocationTime ? ' ' + r.revocationTime : ''} (${r.certificate})`);
  if (s.pdf) lines.push(`  PDF: ${s.pdf.coversWholeFile ? 'подпись покрывает весь файл / covers the whole file' : `после подписи добавлено ${s.pdf.appendedBytes} байт / ${s.pdf.appendedBytes} bytes appended after signing`}`);
  for (const w of s.warnings) lines.push(`  ! ${w}`);
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  try {
    const args = parseArgs(argv);
    const trust = await TrustStore.load(args.trust);
    const first = await readInput(args.files[0]!, 'file', 'файл');
    const second = args.files[1] ? await readInput(args.files[1], 'signature file', 'файл подписи') : undefined;
    const crls = (await Promise.all(args.crl.map((p) => readInput(p, 'CRL', 'СОС')))).flatMap((b) => objectsFrom(b, 'CRL'));
    const ocsps = (await Promise.all(args.ocsp.map((p) => readInput(p, 'OCSP response', 'ответ OCSP')))).flatMap((b) => objectsFrom(b, 'OCSP response'));
    // Users swap the two files; the signature is the one that parses as CMS.
    const swapped = second !== undefined && isCms(first) && !isCms(second);
    const input = second ? (swapped ? { data: second, signature: first } : { data: first, signature: second }) : { data: first };
    const opts = { trustAnchors: trust, crls, ocspResponses: ocsps, ...(args.at ? { validationTime: args.at } : {}) };
    const report = await verifySignatures(input, opts);
    process.stdout.write(args.json ? toJson(report) + '\n' : report.signatures.map(human).join('\n\n') + `\n\nSHA-256: ${report.documentHash ?? '—'}\n`);
    return exitCode(report);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(e.message === 'help' ? USAGE : `Ошибка: ${e.ru}\nError: ${e.message}\n\n${USAGE}`);
      return e.message === 'help' ? 0 : 3;
    }
    if (e instanceof SignatureError) {
      process.stderr.write(`Ошибка: входные данные непригодны для проверки (${e.code})\nError: unusable input: ${e.message}\n`);
      return 3;
    }
    process.stderr.write(`Ошибка: непредвиденный сбой проверки\nError: unexpected failure: ${e instanceof Error ? e.message : String(e)}\n`);
    return 3;
  }
}
