// Offline verification of an archival package (directory or .zip): OCFL structure and every
// digest, the package.json anchor, the PDF/A reports (re-run) and the signatures against the
// evidence inside the package. Needs no server, database or network.
import { readFile, stat } from 'node:fs/promises';
import { unzipSync } from 'fflate';
import { verifySignatures, type ValidationReport } from '../../signature/index.ts';
import { DigestCache, GOST_EXTENSION } from '../ocfl/digest.ts';
import { canonicalJson, stableJson } from '../ocfl/json.ts';
import { GOST_EXTENSION_CONFIG } from '../ocfl/write.ts';
import { packageZip } from './build.ts';
import { bytesRead, fsTree, memoTree, memoryTree, SharedArena, type Tree } from '../ocfl/tree.ts';
import type { Inventory } from '../ocfl/inventory.ts';
import { validateObject } from '../ocfl/validate.ts';
import { SHARED_WORKERS, shouldUseHashWorkers } from '../ocfl/hashPool.ts';
import { checkPdfa } from '../pdfa/validate.ts';
import { PACKAGE_FORMAT, PATHS, type MemberEntry, type PackageManifest, type SignatureEntry } from './layout.ts';
import { verifyEvidenceRecord } from '../ers/evidence.ts';
import { RECORDS } from './evidence.ts';
import { checkDestruction, EVENTS_FILE } from './destruction.ts';

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export interface VerifyResult {
  valid: boolean;
  checks: Check[];
  /** bytes of the object's files read and verified (for throughput figures) */
  bytes?: number;
  /** what the package is, for aggregate checks across packages */
  package?: { id: string; anchor: string; members: MemberEntry[] };
  /** set when the package's documents were destroyed under a destruction act (its head records the event) */
  destroyed?: { at: string; detail: string };
}

/** Re-verifies one signature from the package's own evidence; replaceable for other signature engines. */
export type SignatureVerifier = (args: {
  data: Uint8Array;
  /** null: the signatures are embedded in `data`, a PDF (PAdES) */
  signature: Uint8Array | null;
  trustAnchors: Uint8Array[];
  certificates: Uint8Array[];
  crls: Uint8Array[];
  ocspResponses: Uint8Array[];
  validationTime: Date;
}) => Promise<string[]>;

export const defaultSignatureVerifier: SignatureVerifier = async (a) => {
  const report = await verifySignatures(
    a.signature ? { data: a.data, signature: a.signature } : { pdf: a.data },
    { trustAnchors: a.trustAnchors, intermediates: a.certificates, crls: a.crls, ocspResponses: a.ocspResponses, validationTime: a.validationTime },
  );
  return report.signatures.map((s) => s.indication);
};

const DIGEST_CODES = new Set(['E060', 'E092', 'E093']);
const COLLECTION_IN_FLIGHT = 3;

interface Opened {
  tree: Tree;
  root: string;
  /** for a .zip: whether it is byte-identical to the canonical packaging of its entries */
  zipCanonical?: boolean;
}

async function openPackage(path: string): Promise<Opened | string> {
  let s;
  try {
    s = await stat(path);
  } catch {
    return `${path} does not exist`;
  }
  // A command-line or batch verification owns its thread: blocking reads cost a fraction of the CPU (tree.ts).
  if (s.isDirectory()) return { tree: fsTree(path, { sync: true }), root: '' };
  let entries: Record<string, Uint8Array>;
  const zip = new Uint8Array(await readFile(path));
  try {
    entries = unzipSync(zip);
  } catch (e) {
    return `${path} is neither a directory nor a readable .zip (${e instanceof Error ? e.message : String(e)})`;
  }
  const files = new Map<string, Uint8Array>();
  for (const [k, v] of Object.entries(entries)) if (!k.endsWith('/')) files.set(k, v);
  const decl = [...files.keys()].find((k) => /(^|\/)0=ocfl_object_1\.\d$/.test(k));
  const root = decl ? decl.replace(/\/?0=ocfl_object_1\.\d$/, '') : '';
  // Packages are zipped deterministically, so re-zipping the entries must give the same bytes;
  // this catches changes in zip headers that never reach the extracted files.
  const again = packageZip(files);
  const zipCanonical = Buffer.from(again.buffer, again.byteOffset, again.length).equals(Buffer.from(zip.buffer, zip.byteOffset, zip.length));
  return { tree: memoryTree(files), root, zipCanonical };
}

export async function verifyPackage(path: string, signatureVerifier: SignatureVerifier = defaultSignatureVerifier, options: VerifyOptions = {}): Promise<VerifyResult> {
  const opened = await openPackage(path);
  if (typeof opened === 'string') return { valid: false, checks: [{ name: 'open', ok: false, detail: opened }] };
  const result = await verifyTree(opened.tree, opened.root, signatureVerifier, { share: true, ...options });
  if (opened.zipCanonical !== undefined) {
    result.checks.unshift({
      name: 'zip-container',
      ok: opened.zipCanonical,
      detail: opened.zipCanonical ? 'the .zip is the canonical packaging of its entries' : 'the .zip differs from the canonical packaging of its entries (altered, or re-zipped by another tool)',
    });
    result.valid = result.checks.every((c) => c.ok);
  }
  return result;
}

/** Object roots (directories holding an OCFL object declaration) below `dir`, as relative paths. */
async function objectRoots(tree: Tree, dir = '', depth = 0): Promise<string[]> {
  const entries = (await tree.list(dir)) ?? [];
  if (entries.some((e) => !e.dir && /^0=ocfl_object_1\.\d$/.test(e.name))) return [dir];
  if (depth > 8) return [];
  const out: string[] = [];
  for (const e of entries) if (e.dir && e.name !== 'extensions') out.push(...(await objectRoots(tree, dir === '' ? e.name : `${dir}/${e.name}`, depth + 1)));
  return out;
}

/**
 * Verifies every package under a directory (a storage root or a transfer folder) and the
 * aggregates among them: each member a case or inventory lists must be present with the very
 * package.json it was pinned to.
 */
export async function verifyCollection(dir: string, signatureVerifier: SignatureVerifier = defaultSignatureVerifier, options: VerifyOptions = {}): Promise<VerifyResult> {
  const tree = fsTree(dir, { sync: true });
  const roots = await objectRoots(tree);
  if (roots.length === 0) return { valid: false, checks: [{ name: 'open', ok: false, detail: `no OCFL object under ${dir}` }] };
  const checks: Check[] = [];
  const found = new Map<string, string>();
  const aggregates: { where: string; members: MemberEntry[] }[] = [];
  // A few packages in flight: while a hash worker digests one package's large files, this thread checks the others
  // and, with nothing left to check, takes the digests no worker has started (shared jobs, digest.ts), so both cores
  // stay busy. Results are taken in order, so the report does not depend on timing.
  const results: Promise<VerifyResult>[] = [];
  let seen = 0;
  let bytes = 0;
  // Each package in flight reads its large files into an arena that the next package reuses once this one is
  // verified (every digest started for it has been awaited by then).
  const arenas: SharedArena[] = [];
  const verifyAt = (i: number): Promise<VerifyResult> => {
    const root = roots[i]!;
    // 'auto' for the whole collection: the pool starts once the packages still ahead promise enough bytes.
    const ahead = seen === 0 ? 0 : (bytes / seen) * (roots.length - seen);
    const workers = options.workers === 'auto' || options.workers === undefined ? shouldUseHashWorkers(ahead, options.share === false ? undefined : SHARED_WORKERS) : options.workers;
    const arena = arenas.pop() ?? new SharedArena();
    return verifyTree(fsTree(root === '' ? dir : `${dir}/${root}`, { sync: true, arena }), '', signatureVerifier, { workers, share: options.share ?? true }).then((r) => {
      seen += 1;
      bytes += r.bytes ?? 0;
      arena.reset();
      arenas.push(arena);
      return r;
    });
  };
  // The first package alone for a turn of the event loop: its reads are blocking calls behind resolved promises, so the
  // packages started with it would interleave with it on this thread's microtasks, and its large files would reach
  // the workers only after the reading and inventory checks of all of them.
  results.push(verifyAt(0));
  if (roots.length > 1) await new Promise((r) => setImmediate(r));
  for (let i = 1; i < Math.min(COLLECTION_IN_FLIGHT, roots.length); i++) results.push(verifyAt(i));
  for (let i = 0; i < roots.length; i++) {
    const root = roots[i]!;
    const r = await results[i]!;
    if (i + COLLECTION_IN_FLIGHT < roots.length) results.push(verifyAt(i + COLLECTION_IN_FLIGHT));
    for (const c of r.checks) checks.push({ ...c, name: `${root || '.'}: ${c.name}` });
    if (r.package) {
      found.set(r.package.id, r.package.anchor);
      if (r.package.members.length > 0) aggregates.push({ where: root || '.', members: r.package.members });
    }
  }
  for (const a of aggregates) {
    const problems = a.members.filter((m) => found.get(m.id) !== m.anchor).map((m) => (found.has(m.id) ? `${m.id} has a different package.json than the one listed` : `${m.id} is missing`));
    checks.push({ name: `${a.where}: aggregate-members`, ok: problems.length === 0, detail: problems.length === 0 ? `${a.members.length} member package(s) present and unchanged` : problems.join('; ') });
  }
  return { valid: checks.every((c) => c.ok), checks, bytes };
}

export interface VerifyOptions {
  /**
   * Hash large files on the worker pool (`archive/ocfl/hashPool.ts`): `true`, `false`, or `'auto'` (the default:
   * when the pool is running, or when the package is big enough to repay starting it).
   */
  workers?: boolean | 'auto';
  /**
   * Let this thread hash too: large-file digests no worker has started are taken by this thread once it has no
   * other check to do (`DigestCache` with `share`). The default of `verifyPackage` and `verifyCollection` (a batch
   * owns its thread); off by default for `verifyTree`, which a server calls, whose event loop should not run the
   * digest of a large file.
   */
  share?: boolean;
}

/** The head version's package.json and the checks that need no digests (PDF/A re-validation, signatures). */
interface HeadView {
  logical: Map<string, string>;
  read: (p: string) => Promise<Uint8Array | undefined>;
  anchorBytes?: Uint8Array;
  anchorText?: string;
  manifest?: PackageManifest;
  pdfa?: Check;
  signatures?: Check;
}

async function headView(tree: Tree, base: string, inv: Inventory, signatureVerifier: SignatureVerifier): Promise<HeadView> {
  const head = inv.versions[inv.head]?.state ?? {};
  const logical = new Map<string, string>();
  for (const [d, paths] of Object.entries(head)) for (const p of paths) logical.set(p, inv.manifest[d]?.[0] ?? '');
  const read = async (p: string): Promise<Uint8Array | undefined> => {
    const cp = logical.get(p);
    return cp ? tree.read(base + cp) : undefined;
  };
  const view: HeadView = { logical, read };
  view.anchorBytes = await read(PATHS.anchor);
  if (!view.anchorBytes) return view;
  view.anchorText = new TextDecoder().decode(view.anchorBytes);
  try {
    view.manifest = JSON.parse(view.anchorText) as PackageManifest;
  } catch {
    return view;
  }
  view.pdfa = await checkPdfaReports(view.manifest, read);
  view.signatures = await checkSignatures(view.manifest, read, signatureVerifier);
  return view;
}

export async function verifyTree(
  source: Tree,
  root = '',
  signatureVerifier: SignatureVerifier = defaultSignatureVerifier,
  options: VerifyOptions = {},
): Promise<VerifyResult> {
  const checks: Check[] = [];
  const tree = memoTree(source);
  const cache = new DigestCache(options.workers ?? 'auto', options.share ?? false);
  const base = root === '' ? '' : `${root}/`;
  // The checks of the head's content need no digests: they start on this thread as soon as the OCFL validator has
  // read the files and put their digests on the hash pool, and the validator awaits those digests after them.
  let early: Promise<HeadView> | undefined;
  const ocfl = await validateObject(tree, root, cache, {
    onInventory: (inv) => {
      early = headView(tree, base, inv, signatureVerifier);
    },
  });
  const structural = ocfl.errors.filter((e) => !DIGEST_CODES.has(e.code));
  const digestErrors = ocfl.errors.filter((e) => DIGEST_CODES.has(e.code));
  checks.push({ name: 'ocfl-structure', ok: structural.length === 0, detail: structural.length === 0 ? 'OCFL 1.1 object is well-formed' : structural.map((e) => `[${e.code}] ${e.message}`).join('; ') });
  checks.push({
    name: 'ocfl-digests',
    ok: digestErrors.length === 0 && !!ocfl.inventory,
    detail: digestErrors.length === 0 ? 'every manifest (SHA-512) and fixity (SHA-256, Streebog-256) digest matches' : digestErrors.map((e) => `[${e.code}] ${e.message}`).join('; '),
  });
  const inv = ocfl.inventory;
  if (!inv) return { valid: false, checks, bytes: bytesRead(tree) };
  const { logical, read, anchorBytes, anchorText, manifest, pdfa, signatures } = await (early ?? headView(tree, base, inv, signatureVerifier));
  const digest = (alg: string, b: Uint8Array): Promise<string | undefined> => cache.digestAsync(alg, b);

  const anchorProblems: string[] = [];
  if (!anchorBytes) anchorProblems.push('package.json is missing');
  else if (!manifest) anchorProblems.push('package.json is not JSON');
  else {
    if (canonicalJson(manifest) !== anchorText) anchorProblems.push('package.json is not in RFC 8785 canonical form');
    if (manifest.format !== PACKAGE_FORMAT) anchorProblems.push(`unknown package format ${String(manifest.format)}`);
    if (manifest.id !== inv.id) anchorProblems.push(`package id ${manifest.id} differs from the OCFL id ${inv.id}`);
    const listed = new Set((manifest.files ?? []).map((f) => f.path));
    // Evidence records protect package.json, so they (and their TSA certificates) live outside it.
    for (const p of logical.keys()) if (p !== PATHS.anchor && !p.startsWith(`${RECORDS}/`) && !listed.has(p)) anchorProblems.push(`${p} is not listed in package.json`);
    for (const f of manifest.files ?? []) {
      const b = await read(f.path);
      if (!b) {
        anchorProblems.push(`${f.path} is listed but absent`);
        continue;
      }
      if (b.length !== f.size) anchorProblems.push(`${f.path}: size ${b.length} ≠ ${f.size}`);
      for (const alg of ['sha512', 'sha256', 'streebog-256'] as const) {
        if ((await digest(alg, b)) !== f.digests?.[alg]) anchorProblems.push(`${f.path}: ${alg} differs from package.json`);
      }
    }
  }
  const anchorDigest = anchorBytes ? `sha512 ${await digest('sha512', anchorBytes)}, streebog-256 ${await digest('streebog-256', anchorBytes)}` : '';
  checks.push({ name: 'package-anchor', ok: anchorProblems.length === 0, detail: anchorProblems.length === 0 ? `package.json lists every file; anchor ${anchorDigest}` : anchorProblems.join('; ') });

  const extConfig = await tree.read(`${base}extensions/${GOST_EXTENSION}/config.json`);
  const expectedConfig = new TextEncoder().encode(stableJson(GOST_EXTENSION_CONFIG));
  const extOk = !!extConfig && Buffer.from(extConfig).equals(Buffer.from(expectedConfig));
  checks.push({ name: 'ocfl-extensions', ok: extOk, detail: extOk ? `${GOST_EXTENSION} declares SHA-256 and Streebog-256 fixity` : `extensions/${GOST_EXTENSION}/config.json is missing or altered` });

  const doc = await read(PATHS.verify);
  checks.push({ name: 'documentation', ok: !!doc && doc.length > 0, detail: doc ? `${PATHS.verify} present` : `${PATHS.verify} is missing` });

  if (pdfa) checks.push(pdfa);
  if (signatures) checks.push(signatures);
  checks.push(await checkEvidenceRecords([...logical.keys()], read, anchorBytes, cache));
  const destruction = manifest ? checkDestruction(manifest, await read(EVENTS_FILE)) : null;
  if (destruction) checks.push(destruction.check);
  const result: VerifyResult = { valid: checks.every((c) => c.ok), checks, bytes: bytesRead(tree), ...(destruction ? { destroyed: destruction.destroyed } : {}) };
  if (manifest && anchorBytes) result.package = { id: manifest.id, anchor: (await digest('sha512', anchorBytes))!, members: manifest.members ?? [] };
  return result;
}

function parseJson(b: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(b));
  } catch {
    return undefined;
  }
}

async function checkPdfaReports(m: PackageManifest, read: (p: string) => Promise<Uint8Array | undefined>): Promise<Check> {
  const problems: string[] = [];
  for (const e of m.pdfa ?? []) {
    const file = await read(e.file);
    const stored = await read(e.report);
    if (!file || !stored) {
      problems.push(`${e.file}: file or report missing`);
      continue;
    }
    let now;
    try {
      now = checkPdfa(file);
    } catch (err) {
      problems.push(`${e.file}: unreadable (${err instanceof Error ? err.message : String(err)})`);
      continue;
    }
    const saved = parseJson(stored) as { report?: { conformant?: boolean; errors?: { rule: string }[] } } | undefined;
    if (!saved) {
      problems.push(`${e.report}: not JSON`);
      continue;
    }
    const rules = (r: { rule: string }[] | undefined): string => (r ?? []).map((x) => x.rule).sort().join(',');
    if (saved.report?.conformant !== now.conformant || rules(saved.report?.errors) !== rules(now.errors)) {
      problems.push(`${e.file}: re-validation differs from the stored report`);
    }
    if (!now.conformant) problems.push(`${e.file}: not ${now.profile} (${now.errors.map((x) => x.rule).join(', ')})`);
  }
  const n = (m.pdfa ?? []).length;
  return { name: 'pdfa-reports', ok: problems.length === 0, detail: problems.length === 0 ? `${n} PDF/A file(s) re-validated, reports agree` : problems.join('; ') };
}

async function checkEvidenceRecords(paths: string[], read: (p: string) => Promise<Uint8Array | undefined>, anchor: Uint8Array | undefined, cache: DigestCache): Promise<Check> {
  const records = paths.filter((p) => p.startsWith(`${RECORDS}/`) && p.endsWith('.ers'));
  if (records.length === 0) return { name: 'evidence-records', ok: true, detail: 'no evidence record yet' };
  if (!anchor) return { name: 'evidence-records', ok: false, detail: 'package.json, which the records protect, is missing' };
  const anchors: Uint8Array[] = [];
  for (const p of paths.filter((x) => x.startsWith(`${RECORDS}/tsa/`))) {
    const b = await read(p);
    if (b) anchors.push(b);
  }
  const details: string[] = [];
  let ok = true;
  for (const p of records) {
    const b = await read(p);
    const r = b ? await verifyEvidenceRecord(b, anchor, anchors) : { ok: false, detail: 'missing' };
    ok &&= r.ok;
    details.push(`${p}: ${r.detail}`);
  }
  // The TSA certificates travel with the package; their fingerprints are printed so a reader can
  // compare them with the TSA's published certificate.
  const prints = (await Promise.all(anchors.map((a) => cache.digestAsync('sha256', a)))).join(', ');
  return { name: 'evidence-records', ok, detail: `${details.join('; ')}; TSA certificate SHA-256: ${prints}` };
}

async function checkSignatures(m: PackageManifest, read: (p: string) => Promise<Uint8Array | undefined>, verifier: SignatureVerifier): Promise<Check> {
  const problems: string[] = [];
  const done: string[] = [];
  for (const s of m.signatures ?? []) {
    const r = await verifyOne(s, read, verifier);
    if (r.ok) done.push(`${s.signature}: ${r.detail}`);
    else problems.push(`${s.signature}: ${r.detail}`);
  }
  const n = (m.signatures ?? []).length;
  return {
    name: 'signatures',
    ok: problems.length === 0,
    detail: problems.length > 0 ? problems.join('; ') : n === 0 ? 'the package has no signatures' : done.join('; '),
  };
}

async function verifyOne(s: SignatureEntry, read: (p: string) => Promise<Uint8Array | undefined>, verifier: SignatureVerifier): Promise<{ ok: boolean; detail: string }> {
  const data = await read(s.signs);
  const embedded = s.signature === s.signs;
  const signature = embedded ? null : ((await read(s.signature)) ?? null);
  const reportBytes = await read(s.report);
  if (!data || (!embedded && signature === null) || !reportBytes) return { ok: false, detail: 'signature, signed file or report missing' };
  const report = parseJson(reportBytes) as (Omit<ValidationReport, 'evidence'> & { evidence: { type: string; file: string }[] }) | undefined;
  if (!report || !Array.isArray(report.evidence)) return { ok: false, detail: `${s.report} is not a signature report` };
  const anchors: Uint8Array[] = [];
  for (const p of s.trustAnchors) {
    const b = await read(p);
    if (b) anchors.push(b);
  }
  const byType = async (t: string): Promise<Uint8Array[]> => {
    const out: Uint8Array[] = [];
    for (const e of report.evidence.filter((x) => x.type === t)) {
      const b = await read(e.file);
      if (b) out.push(b);
    }
    return out;
  };
  let indications: string[];
  try {
    indications = await verifier({
      data,
      signature,
      trustAnchors: anchors,
      certificates: await byType('certificate'),
      crls: await byType('crl'),
      ocspResponses: await byType('ocsp'),
      validationTime: new Date(s.validationTime),
    });
  } catch (e) {
    return { ok: false, detail: `verification failed: ${e instanceof Error ? e.message : String(e)}` };
  }
  const expected = s.indications.join(',');
  if (indications.join(',') !== expected) return { ok: false, detail: `now ${indications.join(',')}, at ingest ${expected}` };
  if (!indications.every((i) => i === 'TOTAL_PASSED')) return { ok: false, detail: `signature status ${indications.join(',')}` };
  return { ok: true, detail: `TOTAL_PASSED at ${s.validationTime}` };
}
