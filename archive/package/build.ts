// Builds the archival package of one card (or case, inventory, act): an OCFL 1.1 object whose
// head version holds the E-ARK CSIP-named layout and package.json, the single hash anchor.
// Everything that varies (times, names, agents) comes from the input: same input, same bytes.
import canonicalize from 'canonicalize';
import { zipSync } from 'fflate';
import type { ValidationReport } from '../../signature/index.ts';
import { DigestCache, PACKAGE_DIGESTS } from '../ocfl/digest.ts';
import { stableJson } from '../ocfl/json.ts';
import { buildObject } from '../ocfl/write.ts';
import { checkPdfa } from '../pdfa/validate.ts';
import { VALIDATOR } from '../pdfa/version.ts';
import { PACKAGE_FORMAT, PATHS, type FileEntry, type MemberEntry, type PackageManifest, type PdfaEntry, type Role, type SignatureEntry } from './layout.ts';
import { verifyDocument } from './verifyDoc.ts';

export class PackageError extends Error {
  constructor(
    readonly code: 'PACKAGE_INVALID_INPUT',
    message: string,
  ) {
    super(message);
  }
}

export interface InputFile {
  name: string;
  bytes: Uint8Array;
  mime: string;
}

export interface SignatureInput {
  /**
   * file name of the detached CMS signature, stored with the originals; for a signature embedded in the PDF it
   * signs (PAdES, `embedded`), only the name of its evidence folder
   */
  name: string;
  /** the detached signature's bytes; unused for an embedded one */
  bytes?: Uint8Array;
  /** the signature lives inside `signs` (a PDF): no file of its own, and the verifier reads the PDF alone */
  embedded?: boolean;
  /** name of the original it signs */
  signs: string;
  /** the signature library's report made at ingest */
  report: ValidationReport;
  trustAnchors: Uint8Array[];
}

export interface PreservationEvent {
  type: string;
  at: string;
  agent: string;
  outcome: 'success' | 'failure' | 'warning';
  detail: string;
  target?: string;
}

export interface PackageInput {
  id: string;
  kind: PackageManifest['kind'];
  /** RFC 3339 time of ingest, with seconds and offset */
  created: string;
  agent: { name: string; address: string };
  descriptive: Record<string, unknown>;
  originals: InputFile[];
  signatures?: SignatureInput[];
  /** PDF/A renditions; `conversion` (e.g. from normalizeToPdfa) becomes a preservation event */
  pdfa?: (InputFile & { conversion?: { method: string; reason: string; from?: string } })[];
  events?: PreservationEvent[];
  evidence?: (InputFile & { role?: Role })[];
  /** for a case or an inventory: the packages it aggregates, pinned by their anchors */
  members?: MemberEntry[];
}

export interface BuiltPackage {
  /** the OCFL object, path → bytes */
  files: Map<string, Uint8Array>;
  manifest: PackageManifest;
  /** digests of package.json: what timestamps and evidence records protect */
  anchor: { sha512: string; sha256: string; 'streebog-256': string };
}

const enc = new TextEncoder();

function safeName(n: string): string {
  if (!/^[^/\\\0]+$/.test(n) || n === '.' || n === '..') throw new PackageError('PACKAGE_INVALID_INPUT', `invalid file name "${n}"`);
  return n;
}

function digests(cache: DigestCache, b: Uint8Array): FileEntry['digests'] {
  return { sha512: cache.digest('sha512', b)!, sha256: cache.digest('sha256', b)!, 'streebog-256': cache.digest('streebog-256', b)! };
}

export function buildPackage(input: PackageInput): BuiltPackage {
  const cache = new DigestCache();
  return finish(input, assemble(input, cache), cache);
}

/**
 * `buildPackage` with the digests of large inputs on the hash pool, computed while this thread
 * validates the PDF/A copies and writes the metadata. A caller that has the bytes earlier (a server reading blobs)
 * can `start` them on its own cache sooner and pass it. Same bytes as `buildPackage`.
 */
export async function buildPackageAsync(input: PackageInput, cache: DigestCache = new DigestCache(true)): Promise<BuiltPackage> {
  for (const f of [...input.originals, ...(input.pdfa ?? []), ...(input.evidence ?? [])]) cache.start(f.bytes, PACKAGE_DIGESTS);
  const assembled = assemble(input, cache);
  await cache.settle();
  return finish(input, assembled, cache);
}

interface Assembled {
  content: Map<string, { bytes: Uint8Array; mime: string; role: Role }>;
  signatures: SignatureEntry[];
  pdfa: PdfaEntry[];
  /** files that name a digest of a large input: made once the digests are known (on the pool, after `settle`) */
  later: (() => void)[];
}

/** Every file of the head version but package.json, with the signature and PDF/A entries of the manifest. */
function assemble(input: PackageInput, cache: DigestCache): Assembled {
  const sha = (b: Uint8Array): string => cache.digest('sha256', b)!;
  const content = new Map<string, { bytes: Uint8Array; mime: string; role: Role }>();
  const put = (path: string, bytes: Uint8Array, mime: string, role: Role): void => {
    if (content.has(path)) throw new PackageError('PACKAGE_INVALID_INPUT', `two files map to ${path}`);
    content.set(path, { bytes, mime, role });
  };
  const json = (v: unknown): Uint8Array => enc.encode(stableJson(v));

  for (const f of input.originals) put(`${PATHS.original}/${safeName(f.name)}`, f.bytes, f.mime, 'original');

  const events: PreservationEvent[] = [
    ...(input.events ?? []),
    { type: 'ingest', at: input.created, agent: input.agent.name, outcome: 'success', detail: `package ${input.id} created` },
  ];

  const signatures: SignatureEntry[] = [];
  for (const s of input.signatures ?? []) {
    const name = safeName(s.name);
    if (!input.originals.some((o) => o.name === s.signs)) throw new PackageError('PACKAGE_INVALID_INPUT', `signature ${name} signs the unknown file ${s.signs}`);
    if (!s.embedded) {
      if (!s.bytes) throw new PackageError('PACKAGE_INVALID_INPUT', `signature ${name} has no bytes`);
      put(`${PATHS.original}/${name}`, s.bytes, 'application/pkcs7-signature', 'signature');
    }
    const dir = `${PATHS.signatureEvidence}/${name}`;
    const evidence: string[] = [];
    for (const e of s.report.evidence) {
      const p = `${dir}/${e.type}-${e.sha256.slice(0, 16)}.der`;
      if (!content.has(p)) put(p, e.der, e.type === 'certificate' ? 'application/pkix-cert' : e.type === 'crl' ? 'application/pkix-crl' : e.type === 'ocsp' ? 'application/ocsp-response' : 'application/timestamp-reply', 'signature-evidence');
      evidence.push(p);
    }
    const anchors = s.trustAnchors.map((a) => {
      const p = `${dir}/trust-anchors/${sha(a).slice(0, 16)}.der`;
      if (!content.has(p)) put(p, a, 'application/pkix-cert', 'trust-anchor');
      return p;
    });
    // The report is stored without the raw evidence bytes, which live in their own files.
    const report = { ...s.report, evidence: s.report.evidence.map((e, i) => ({ type: e.type, sha256: e.sha256, description: e.description, file: evidence[i] })) };
    put(`${dir}/report.json`, json(report), 'application/json', 'signature-report');
    const times = s.report.signatures.map((x) => x.bestSignatureTime).sort();
    signatures.push({
      signature: s.embedded ? `${PATHS.original}/${s.signs}` : `${PATHS.original}/${name}`,
      signs: `${PATHS.original}/${s.signs}`,
      report: `${dir}/report.json`,
      trustAnchors: anchors,
      evidence: [...new Set(evidence)].sort(),
      validationTime: times[0] ?? s.report.validationTime,
      indications: s.report.signatures.map((x) => x.indication),
    });
    events.push({
      type: 'signature-validation',
      at: s.report.validationTime,
      agent: 'kartoteka signature library',
      outcome: s.report.signatures.every((x) => x.indication === 'TOTAL_PASSED') ? 'success' : 'warning',
      detail: s.report.signatures.map((x) => `${x.id}: ${x.indication}`).join('; '),
      target: `${PATHS.original}/${name}`,
    });
  }

  const pdfa: PdfaEntry[] = [];
  const later: (() => void)[] = [];
  for (const f of input.pdfa ?? []) {
    const name = safeName(f.name);
    const path = `${PATHS.pdfa}/${name}`;
    put(path, f.bytes, f.mime, 'pdfa');
    const report = checkPdfa(f.bytes);
    const reportPath = `${PATHS.pdfaEvidence}/${name}.report.json`;
    // The copy's SHA-256 may still be on the hash pool: asked for now, this thread would hash the copy a second time.
    later.push(() => put(reportPath, json({ checker: VALIDATOR, file: path, sha256: sha(f.bytes), checkedAt: input.created, report }), 'application/json', 'pdfa-report'));
    pdfa.push({ file: path, report: reportPath, conformant: report.conformant });
    if (f.conversion) {
      events.push({
        type: 'conversion',
        at: input.created,
        agent: input.agent.name,
        outcome: 'success',
        detail: `${f.conversion.method}: ${f.conversion.reason}${f.conversion.from ? ` (from ${PATHS.original}/${f.conversion.from})` : ''}`,
        target: path,
      });
    }
    events.push({
      type: 'validation',
      at: input.created,
      agent: `${VALIDATOR.name} ${VALIDATOR.version}`,
      outcome: report.conformant ? 'success' : 'failure',
      detail: report.conformant ? `conforms to ${report.profile}` : `${report.errors.length} ${report.profile} errors`,
      target: path,
    });
  }

  for (const e of input.evidence ?? []) put(`evidence/${safeName(e.name)}`, e.bytes, e.mime, e.role ?? 'evidence');
  put(`${PATHS.descriptive}/${input.kind}.json`, json(input.descriptive), 'application/json', 'descriptive-metadata');
  events.sort((a, b) => (a.at + a.type + (a.target ?? '')).localeCompare(b.at + b.type + (b.target ?? '')));
  put(`${PATHS.preservation}/events.json`, json(events), 'application/json', 'preservation-metadata');
  put(PATHS.verify, enc.encode(verifyDocument(input.id)), 'text/markdown', 'documentation');
  return { content, signatures, pdfa, later };
}

/** package.json over the assembled files (their digests from `cache`), and the OCFL object. */
function finish(input: PackageInput, { content, signatures, pdfa, later }: Assembled, cache: DigestCache): BuiltPackage {
  for (const make of later) make();
  const files: FileEntry[] = [...content]
    .map(([path, f]) => ({ path, size: f.bytes.length, mime: f.mime, role: f.role, digests: digests(cache, f.bytes) }))
    .sort((a, b) => (a.path < b.path ? -1 : 1));
  const manifest: PackageManifest = {
    format: PACKAGE_FORMAT,
    id: input.id,
    kind: input.kind,
    created: input.created,
    files,
    signatures: signatures.sort((a, b) => (a.signature < b.signature ? -1 : 1)),
    pdfa: pdfa.sort((a, b) => (a.file < b.file ? -1 : 1)),
    ...(input.members && input.members.length > 0 ? { members: [...input.members].sort((a, b) => (a.id < b.id ? -1 : 1)) } : {}),
  };
  const anchorBytes = enc.encode(canonicalize(manifest) ?? '');
  const logical = new Map<string, Uint8Array>([...content].map(([p, f]) => [p, f.bytes]));
  logical.set(PATHS.anchor, anchorBytes);
  const object = buildObject(input.id, [{ created: input.created, message: `ingest of ${input.kind} ${input.id}`, user: input.agent, files: logical }], undefined, cache);
  return { files: object, manifest, anchor: digests(cache, anchorBytes) };
}

/** A .zip of the package with fixed timestamps and order, so its bytes are reproducible too. */
export function packageZip(files: Map<string, Uint8Array>): Uint8Array {
  const entries: Record<string, [Uint8Array, { mtime: Date; level: 6 }]> = {};
  // zip stores local DOS time; building the date from local fields keeps the bytes independent of the time zone
  const mtime = new Date(1980, 0, 1, 0, 0, 0);
  for (const p of [...files.keys()].sort()) entries[p] = [files.get(p)!, { mtime, level: 6 }];
  return zipSync(entries);
}
