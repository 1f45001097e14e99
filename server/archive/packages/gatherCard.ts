// Everything a card's archival package holds, read from the database and the blob store: the files as
// received, the signatures with the evidence their stored checks used, PDF/A copies, and the descriptive
// metadata (requisites, resolutions, assignments and their history, approval rounds, an appeal's 59-FZ record, access mark, case, retention).
import type { Knex } from 'knex';
import { PACKAGE_DIGESTS, type DigestCache, type PackageInput, type SignatureInput, type InputFile, type PackageRole } from '../../../archive/index.ts';
import type { ValidationReport } from '../../../signature/index.ts';
import { readBlob } from '../../files/fileJobs.ts';
import { isSignatureFile, verificationTasks } from '../../signatures/signatureFiles.ts';
import type { BlobStore } from '../../storage/index.ts';
import type { PackageNote } from '../../models/ArchivePackage.ts';
import { approvalRounds, type ApprovalRouteView } from '../../presenters/approvalPresenter.ts';
import { loadAppealRecord, type AppealRecord } from '../../records/appeals/appealRecord.ts';
import { makeRendition, pdfName, type Rendition, type RenditionOptions } from './renditions.ts';

export const PACKAGE_AGENT = { name: 'Kartoteka', address: 'https://kartoteka.example/archive' };

interface FileRow {
  id: string;
  name: string;
  mime: string;
  sha256: string;
  size: number;
  role: string;
  position: number;
  created_at: Date;
}

interface CheckRow {
  id: string;
  file_id: string;
  signature_file_id: string | null;
  status: string;
  summary: string;
  report: Omit<ValidationReport, 'evidence'> & { evidence?: { type: string; sha256: string; description: string }[]; error?: unknown };
  validated_at: Date;
}

/** JSON as stored (dates as strings), so the package's canonical JSON sees what jsonb would. */
const plain = <T>(v: T): unknown => JSON.parse(JSON.stringify(v ?? null)) as unknown;

export function rfc3339(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Unique, path-safe file names inside the package (two attachments may share a name). */
function uniqueNames(files: FileRow[]): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const f of files) {
    let base = f.name.replace(/[/\\\0]/g, '_').replace(/^\.+$/, '_') || 'file';
    if (used.has(base)) base = `${f.position + 1}-${base}`;
    while (used.has(base)) base = `_${base}`;
    used.add(base);
    out.set(f.id, base);
  }
  return out;
}

async function latestChecks(trx: Knex | Knex.Transaction, orgId: string, cardId: string): Promise<CheckRow[]> {
  const rows = (await trx('signature_checks').where({ org_id: orgId, card_id: cardId }).orderBy('validated_at', 'desc')) as CheckRow[];
  const seen = new Set<string>();
  return rows.filter((r) => {
    const k = `${r.file_id}:${r.signature_file_id ?? ''}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** From this size a file's digests go to the hash pool (archive/ocfl/hashPool.ts, WORKER_MIN_BYTES). */
const SHARED_MIN_BYTES = 256 * 1024;

/**
 * A large file in shared memory: the hash pool's worker reads it where it is, where an ordinary array would be copied
 * into the message and again out of it (≈ 1 ms of CPU per MB and thread).
 */
function shared(bytes: Uint8Array): Uint8Array {
  if (bytes.length < SHARED_MIN_BYTES || bytes.buffer instanceof SharedArrayBuffer) return bytes;
  const out = new Uint8Array(new SharedArrayBuffer(bytes.length));
  out.set(bytes);
  return out;
}

/** A card's file, large ones read straight into shared memory (see `shared`). */
async function readFile(blobs: BlobStore, f: FileRow): Promise<Uint8Array> {
  const size = Number(f.size);
  if (size < SHARED_MIN_BYTES) return readBlob(blobs, f.sha256);
  const out = new Uint8Array(new SharedArrayBuffer(size));
  let offset = 0;
  for await (const chunk of await blobs.get(f.sha256)) {
    const bytes = chunk as Uint8Array;
    // A blob of another size than recorded is read as it is; its digests will tell.
    if (offset + bytes.length > size) return shared(await readBlob(blobs, f.sha256));
    out.set(bytes, offset);
    offset += bytes.length;
  }
  return offset === size ? out : shared(await readBlob(blobs, f.sha256));
}

async function reportWithBytes(blobs: BlobStore, report: CheckRow['report']): Promise<ValidationReport> {
  const evidence = await Promise.all(
    (report.evidence ?? []).map(async (e) => ({ type: e.type as ValidationReport['evidence'][number]['type'], sha256: e.sha256, description: e.description, der: await readBlob(blobs, e.sha256) })),
  );
  return { ...(report as Omit<ValidationReport, 'evidence'>), evidence };
}

interface Description {
  card: Record<string, unknown> & { correspondent_id: string | null; journal_id: string | null; department_id: string | null; case_index: string | null; case_id?: unknown };
  org: unknown;
  resolutions: unknown[];
  assignments: unknown[];
  history: unknown[];
  correspondent: unknown;
  journal: unknown;
  department: unknown;
  events: unknown[];
  approvals: ApprovalRouteView[];
  /** a citizen's appeal: its extension, forwarding and result of consideration (59-FZ) */
  appeal: AppealRecord | null;
  caseRow: Record<string, unknown> | null;
}

/** The database rows of the descriptive metadata: read while the files are read and their PDF/A copies made. */
async function readDescription(trx: Knex | Knex.Transaction, orgId: string, cardId: string): Promise<Description> {
  // Independent reads are issued together: on PostgreSQL outside a transaction they run on several connections.
  const [card, org, resolutions, assignments, history, approvals] = (await Promise.all([
    trx('cards').where({ org_id: orgId, id: cardId }).first(),
    trx('organisations').where({ id: orgId }).first('id', 'name', 'short_name'),
    trx('resolutions').where({ org_id: orgId, card_id: cardId }).orderBy(['created_at', 'id']).select('id', 'parent_assignment_id', 'author_staff_id', 'on_behalf', 'text', 'created_at'),
    trx('assignments').where({ org_id: orgId, card_id: cardId }).orderBy(['created_at', 'id']),
    trx('audit_log').where({ chain: orgId, object_type: 'card', object_id: cardId }).orderBy('seq').select('seq', 'at', 'actor_login', 'action', 'payload', 'hash'),
    approvalRounds(trx, orgId, { cardId }),
  ])) as [Description['card'], unknown, unknown[], { id: string }[], unknown[], ApprovalRouteView[]];
  // The nomenclature (cases, retention) is another module's: a card has case_id only where the cases table exists
  // (the migration adding the column follows the one creating the table), so no catalog query is needed to know.
  const [correspondent, journal, department, events, caseRow, appeal] = await Promise.all([
    card.correspondent_id ? (trx('correspondents').where({ org_id: orgId, id: card.correspondent_id }).first('id', 'type', 'name', 'inn') as Promise<unknown>) : null,
    card.journal_id ? (trx('journals').where({ org_id: orgId, id: card.journal_id }).first('id', 'kind', 'name', 'prefix') as Promise<unknown>) : null,
    card.department_id ? (trx('departments').where({ org_id: orgId, id: card.department_id }).first('id', 'name', 'code') as Promise<unknown>) : null,
    assignments.length
      ? (trx('assignment_events').whereIn('assignment_id', assignments.map((a) => a.id)).orderBy('id').select('assignment_id', 'type', 'actor_user_id', 'text', 'payload', 'created_at') as Promise<unknown[]>)
      : [],
    typeof card.case_id === 'string'
      ? (trx('cases')
          .where({ org_id: orgId, id: card.case_id })
          .first('id', 'case_index', 'title', 'year', 'status', 'retention_kind', 'retention_years', 'personnel', 'list_article', 'opened_on', 'closed_on', 'start_date', 'end_date') as Promise<Record<string, unknown> | undefined>)
      : undefined,
    card.kind === 'appeal' ? loadAppealRecord(trx, orgId, cardId) : null,
  ]);
  return { card, org, resolutions, assignments, history, correspondent, journal, department, events, approvals, appeal, caseRow: caseRow ?? null };
}

function descriptive(d: Description, files: FileRow[], names: Map<string, string>): Record<string, unknown> {
  const { card, caseRow } = d;
  const retention = caseRow ? { kind: caseRow.retention_kind, years: caseRow.retention_years, article: caseRow.list_article, personnel: caseRow.personnel } : null;
  const { fields, ...requisites } = card;
  return plain({
    fund: d.org,
    card: { ...requisites, fields },
    accessMark: card.access_mark ?? null,
    journal: d.journal,
    correspondent: d.correspondent,
    department: d.department,
    case: caseRow ?? (card.case_index ? { index: card.case_index } : null),
    retention,
    resolutions: d.resolutions,
    assignments: d.assignments,
    assignmentEvents: d.events,
    // Every approval round with its stages and visas (position, name, decision, remarks, time), as on the sheet.
    approvals: d.approvals,
    // Only for appeals: the term's extension, the forwarding and the result, each with who and when.
    ...(d.appeal ? { appeal: d.appeal } : {}),
    history: d.history,
    files: files.map((f) => ({ id: f.id, name: names.get(f.id), receivedName: f.name, role: f.role, mime: f.mime, size: Number(f.size), sha256: f.sha256 })),
  }) as Record<string, unknown>;
}

/**
 * A rebuilt package keeps the PDF/A copy of an unchanged original: conversions (Ghostscript, OCR) are not
 * byte-reproducible, and a copy once archived should not drift.
 */
function reusedRendition(previous: Map<string, Uint8Array> | null | undefined, name: string, original: Uint8Array): { rendition?: Rendition; note?: PackageNote } | null {
  const before = previous?.get(`representations/rep-original/${name}`);
  const pdf = previous?.get(`representations/rep-pdfa/${pdfName(name)}`);
  if (!before || !pdf || Buffer.compare(before, original) !== 0) return null;
  return { rendition: { name: pdfName(name), bytes: pdf, mime: 'application/pdf', conversion: { method: 'kept', reason: 'the original is unchanged: the archived PDF/A copy is kept' } } };
}

export interface GatheredCard {
  input: PackageInput;
  notes: PackageNote[];
}

export async function gatherCard(
  trx: Knex | Knex.Transaction,
  blobs: BlobStore,
  args: {
    orgId: string;
    cardId: string;
    ocflId: string;
    created: Date;
    renditions: RenditionOptions;
    previous?: Map<string, Uint8Array> | null;
    /** digests of the package being built: those of large files start on the hash pool as the files are read */
    cache?: DigestCache;
  },
): Promise<GatheredCard> {
  const { orgId, cardId } = args;
  const description = readDescription(trx, orgId, cardId);
  // Awaited below; until then a failure must not count as unhandled (it is thrown where awaited).
  description.catch(() => undefined);
  const files = (await trx('card_files as cf')
    .join('files as f', 'f.id', 'cf.file_id')
    .where({ 'cf.card_id': cardId, 'cf.org_id': orgId })
    .orderBy('cf.position')
    .select('f.id', 'f.name', 'f.mime', 'f.sha256', 'f.size', 'f.created_at', 'cf.role', 'cf.position')) as FileRow[];
  const names = uniqueNames(files);
  const bytes = new Map<string, Uint8Array>();
  const [, checks, anchorRows, texts] = await Promise.all([
    Promise.all(
      files.map(async (f) => {
        const b = await readFile(blobs, f);
        bytes.set(f.id, b);
        // Hashed on the pool while this thread makes the PDF/A copies and reads the rest.
        args.cache?.start(b, PACKAGE_DIGESTS);
      }),
    ),
    latestChecks(trx, orgId, cardId),
    trx('trust_anchors').where({ org_id: orgId }).orderBy('sha256').pluck('der_base64') as Promise<string[]>,
    // What the file-processing job read from each upload: a scan is recognised without parsing its PDF again.
    trx('file_texts').whereIn('file_id', files.map((f) => f.id)).where({ method: 'pdf-text-layer' }).select('file_id', 'text', 'pages') as Promise<{ file_id: string; text: string; pages: number | null }[]>,
  ]);
  const created = rfc3339(args.created);
  const notes: PackageNote[] = [];
  const anchors = anchorRows.filter((b) => b.length > 0).map((b) => new Uint8Array(Buffer.from(b, 'base64')));
  const knownText = new Map(texts.map((t) => [t.file_id, { text: t.text, pages: t.pages === null ? null : Number(t.pages) }]));

  // Signatures whose stored check passed (detached, or embedded in a PDF) are re-verifiable offline: they go to the
  // package's signature list. Any other signature file stays an original, its report kept as evidence with a note.
  const signatures: SignatureInput[] = [];
  const evidence: (InputFile & { role?: PackageRole })[] = [];
  const asSignature = new Set<string>();
  const tasks = verificationTasks(files.map((f) => ({ id: f.id, name: f.name, mime: f.mime, role: f.role })));
  for (const check of checks) {
    const report = check.report;
    const data = files.find((f) => f.id === check.file_id);
    if (!data) continue;
    const label = check.signature_file_id ? names.get(check.signature_file_id)! : names.get(check.file_id)!;
    if (check.signature_file_id && check.status === 'passed' && tasks.some((t) => t.fileId === check.file_id && t.signatureFileId === check.signature_file_id)) {
      signatures.push({ name: label, bytes: bytes.get(check.signature_file_id)!, signs: names.get(check.file_id)!, report: await reportWithBytes(blobs, report), trustAnchors: anchors });
      asSignature.add(check.signature_file_id);
      continue;
    }
    // A passed signature embedded in a PDF (PAdES) is re-verifiable offline too: the PDF is its own signature file.
    if (!check.signature_file_id && check.status === 'passed' && data.mime === 'application/pdf') {
      signatures.push({ name: `${label}.pades`, embedded: true, signs: label, report: await reportWithBytes(blobs, report), trustAnchors: anchors });
      continue;
    }
    // Embedded (PAdES) signatures and unproven ones: the report and its evidence bytes, listed in package.json.
    const full = report.evidence ? await reportWithBytes(blobs, report) : null;
    const prefix = `signature-${label}`;
    for (const e of full?.evidence ?? []) {
      const n = `${prefix}-${e.type}-${e.sha256.slice(0, 16)}.der`;
      if (!evidence.some((x) => x.name === n)) evidence.push({ name: n, bytes: e.der, mime: 'application/octet-stream', role: 'signature-evidence' });
    }
    const stored = { checkId: check.id, status: check.status, summary: check.summary, validatedAt: check.validated_at, report: { ...report, evidence: (report.evidence ?? []).map((e) => ({ ...e, file: `evidence/${prefix}-${e.type}-${e.sha256.slice(0, 16)}.der` })) } };
    evidence.push({ name: `${prefix}.report.json`, bytes: new TextEncoder().encode(`${JSON.stringify(plain(stored), null, 2)}\n`), mime: 'application/json', role: 'signature-report' });
    notes.push({
      file: label,
      kind: 'signature',
      message: check.signature_file_id
        ? `Подпись не подтверждена при приёме (${check.status}); протокол сохранён, но подпись не перепроверяется как действительная / signature not proven at ingest (${check.status}): its report is kept as evidence`
        : `Подпись внутри PDF (${check.status}); протокол и доказательства сохранены / signature embedded in the PDF (${check.status}): report and evidence kept`,
    });
  }

  const originals: InputFile[] = files.filter((f) => !asSignature.has(f.id)).map((f) => ({ name: names.get(f.id)!, bytes: bytes.get(f.id)!, mime: isSignatureFile(f) ? 'application/pkcs7-signature' : f.mime }));
  const pdfa: NonNullable<PackageInput['pdfa']> = [];
  // The copy's dates are the upload's, so rebuilding the package later yields the same PDF/A bytes.
  const meta = (f: FileRow) => ({ title: f.name, author: PACKAGE_AGENT.name, created: rfc3339(f.created_at), documentId: `${args.ocflId}/${f.id}` });
  for (const f of files.filter((x) => !isSignatureFile(x))) {
    const r = reusedRendition(args.previous, names.get(f.id)!, bytes.get(f.id)!) ?? (await makeRendition({ name: names.get(f.id)!, mime: f.mime, bytes: bytes.get(f.id)!, text: knownText.get(f.id) }, meta(f), args.renditions));
    if (r.note) notes.push(r.note);
    if (r.rendition) {
      r.rendition.bytes = shared(r.rendition.bytes);
      // The build waits for these (the copy exists only now): Streebog-256, most of the work, on one worker and the
      // SHA digests on the other, rather than all three one after another on one.
      args.cache?.start(r.rendition.bytes, ['streebog-256']);
      args.cache?.start(r.rendition.bytes, PACKAGE_DIGESTS);
      if (pdfa.some((p) => p.name === r.rendition!.name)) r.rendition.name = `${names.get(f.id)!}.pdf`;
      pdfa.push({ ...r.rendition, ...(r.rendition.conversion ? { conversion: { ...r.rendition.conversion, from: names.get(f.id)! } } : {}) });
    }
  }

  const input: PackageInput = {
    id: args.ocflId,
    kind: 'card',
    created,
    agent: PACKAGE_AGENT,
    descriptive: descriptive(await description, files, names),
    originals,
    signatures,
    pdfa,
    evidence,
  };
  return { input, notes };
}
