// OCFL 1.1 object validation (spec sections 3–4): declaration, root layout, inventories and
// sidecars, version directories, content files and every manifest and fixity digest.
import { DigestCache, digest, GOST_EXTENSION } from './digest.ts';
import { checkInventory, INVENTORY_TYPE, type Inventory, type Issue } from './inventory.ts';
import { memoTree, walkFiles, type Tree } from './tree.ts';

export interface OcflResult {
  valid: boolean;
  errors: Issue[];
  warnings: Issue[];
  inventory?: Inventory;
}

const REGISTERED_EXTENSIONS = new Set([
  '0001-digest-algorithms', '0002-flat-direct-storage-layout', '0003-hash-and-id-n-tuple-storage-layout',
  '0004-hashed-n-tuple-storage-layout', '0005-mutable-head', '0006-flat-omit-prefix-storage-layout',
  '0007-n-tuple-omit-prefix-storage-layout', '0008-schema-registry', '0009-digest-algorithms', '0010-differential-compressed-storage',
  GOST_EXTENSION,
]);
const SIDECAR_ALGS = ['sha512', 'sha256', 'sha1', 'md5', 'blake2b-512'];
const READS_IN_FLIGHT = 8;

const text = (b: Uint8Array): string => new TextDecoder().decode(b);

interface LoadedInventory {
  inv?: Inventory;
  bytes?: Uint8Array;
  raw?: unknown;
  /** the sidecar's algorithm and the digest computed of `bytes` */
  digest?: [string, string | undefined];
  /** checked without any error or warning (so a byte-identical copy needs no second check) */
  clean?: boolean;
}

export interface ValidateOptions {
  /**
   * Called with the root inventory (when it is well-formed) as soon as every content file has been read and its
   * digests started, so a caller can do its own work on this thread while the hash pool computes them.
   */
  onInventory?: (inv: Inventory) => void;
}

export async function validateObject(source: Tree, root = '', cache: DigestCache = new DigestCache(), options: ValidateOptions = {}): Promise<OcflResult> {
  // Each file is read once, however many inventories and fixity blocks list it.
  const tree = memoTree(source);
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  const err = (code: string, message: string): void => {
    errors.push({ code, message });
  };
  const warn = (code: string, message: string): void => {
    warnings.push({ code, message });
  };
  const at = (p: string): string => (root === '' ? p : `${root}/${p}`);
  const entries = (await tree.list(root)) ?? [];

  // Conformance declaration.
  const decls = entries.filter((e) => !e.dir && e.name.startsWith('0='));
  if (decls.length !== 1) err('E003', decls.length === 0 ? 'no version declaration file 0=ocfl_object_1.1' : 'several version declaration files');
  else {
    const name = decls[0]!.name;
    if (name !== '0=ocfl_object_1.1' && name !== '0=ocfl_object_1.0') err('E006', `the declaration ${name} is not 0=ocfl_object_1.x`);
    const content = await tree.read(at(name));
    if (!content || text(content) !== `${name.slice(2)}\n`) err('E007', `the declaration file does not contain "${name.slice(2)}\\n"`);
  }

  const extensions = new Set<string>();
  const ext = entries.find((e) => e.name === 'extensions');
  if (ext) {
    for (const e of (await tree.list(at('extensions'))) ?? []) {
      if (!e.dir) err('E067', `extensions/ contains the file ${e.name}`);
      else {
        if (!REGISTERED_EXTENSIONS.has(e.name)) warn('W013', `extension ${e.name} is not a registered extension`);
        extensions.add(e.name === GOST_EXTENSION ? 'gost' : e.name);
      }
    }
  }

  const root_ = await loadInventory(tree, at(''), 'root inventory', extensions, err, warn);
  if (!root_.bytes) err('E063', 'there is no inventory.json in the object root');
  const inv = root_.inv;
  if (inv) {
    await startDigests(tree, at(''), inv, cache);
    options.onInventory?.(inv);
  }

  // Root layout.
  const versionDirs = entries.filter((e) => e.dir && /^v\d+$/.test(e.name)).map((e) => e.name);
  const allowed = (name: string, dir: boolean): boolean =>
    (!dir && (name.startsWith('0=') || name === 'inventory.json' || SIDECAR_ALGS.some((a) => name === `inventory.json.${a}`))) ||
    (dir && (/^v\d+$/.test(name) || name === 'logs' || name === 'extensions'));
  for (const e of entries) if (!allowed(e.name, e.dir)) err('E001', `unexpected ${e.dir ? 'directory' : 'file'} ${e.name} in the object root`);
  if (!inv) return { valid: errors.length === 0, errors, warnings };

  const versionNames = Object.keys(inv.versions);
  for (const v of versionNames) if (!versionDirs.includes(v)) err('E010', `version directory ${v} is missing`);
  for (const d of versionDirs) if (!versionNames.includes(d)) err('E046', `version directory ${d} is not in the root inventory (the root inventory is not the latest)`);

  const contentDir = inv.contentDirectory ?? 'content';
  const ordered = [...versionNames].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
  const onDisk = new Set<string>();
  let previousType = INVENTORY_TYPE;
  for (const v of ordered) {
    const vEntries = (await tree.list(at(v))) ?? [];
    for (const e of vEntries) {
      if (e.dir && e.name !== contentDir) warn('W002', `version ${v} contains the extra directory ${e.name}`);
      if (!e.dir && e.name !== 'inventory.json' && !SIDECAR_ALGS.some((a) => e.name === `inventory.json.${a}`)) err('E015', `version ${v} contains the file ${e.name} outside its content directory`);
    }
    if (vEntries.some((e) => e.dir && e.name === contentDir)) {
      const { files, emptyDirs } = await walkFiles(tree, at(`${v}/${contentDir}`));
      const prefix = root === '' ? '' : `${root}/`;
      for (const f of files) onDisk.add(f.slice(prefix.length));
      for (const d of emptyDirs) err('E024', `empty directory ${d.slice(prefix.length)} in the content`);
    }
    const hasInv = vEntries.some((e) => !e.dir && e.name === 'inventory.json');
    if (!hasInv) {
      warn('W010', `version ${v} has no inventory.json`);
      continue;
    }
    // The head version's inventory is a copy of the root one (E064): parsed and checked once.
    const vi = await loadInventory(tree, at(v), `${v} inventory`, extensions, err, warn, root_);
    if (!vi.inv) {
      if (isObj(vi.raw) && vi.raw.type !== undefined && vi.raw.type !== INVENTORY_TYPE && typeof vi.raw.type === 'string' && vi.raw.type < previousType) {
        err('E103', `version ${v} uses an older specification than an earlier version`);
      }
      continue;
    }
    previousType = vi.inv.type;
    if (vi.inv.head !== v) err('E040', `the ${v} inventory has head ${vi.inv.head}`);
    if (vi.inv.id !== inv.id) err('E037', `the ${v} inventory id ${vi.inv.id} differs from ${inv.id}`);
    if ((vi.inv.contentDirectory ?? 'content') !== contentDir) err('E019', `the ${v} inventory uses a different contentDirectory`);
    if (v === inv.head && root_.bytes && vi.bytes && !sameBytes(root_.bytes, vi.bytes)) err('E064', `the root inventory differs from the ${v} inventory`);
    compareVersions(inv, vi.inv, v, err, warn);
    await checkDigests(tree, at(''), vi.inv, `${v} inventory`, err, onDisk, false, cache);
  }
  await checkDigests(tree, at(''), inv, 'root inventory', err, onDisk, true, cache);
  return { valid: errors.length === 0, errors, warnings, inventory: inv };
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.length).equals(Buffer.from(b.buffer, b.byteOffset, b.length));
}

async function loadInventory(
  tree: Tree,
  dir: string,
  where: string,
  extensions: Set<string>,
  err: (c: string, m: string) => void,
  warn: (c: string, m: string) => void,
  copyOf?: LoadedInventory,
): Promise<LoadedInventory> {
  const path = dir === '' ? 'inventory.json' : `${dir.replace(/\/$/, '')}/inventory.json`;
  const bytes = await tree.read(path);
  if (!bytes) return {};
  const same = copyOf?.clean && copyOf.bytes && sameBytes(copyOf.bytes, bytes) ? copyOf : undefined;
  let raw: unknown;
  let inv: Inventory | undefined;
  let clean = false;
  if (same) ({ raw, inv } = same);
  else {
    try {
      raw = JSON.parse(text(bytes));
    } catch {
      err('E033', `${where} is not valid JSON`);
      return { bytes };
    }
    const res = checkInventory(raw, where, extensions);
    for (const e of res.errors) err(e.code, e.message);
    for (const w of res.warnings) warn(w.code, w.message);
    inv = res.inv;
    clean = res.errors.length === 0 && res.warnings.length === 0;
  }
  const alg = isObj(raw) && typeof raw.digestAlgorithm === 'string' ? raw.digestAlgorithm : 'sha512';
  const sidecar = await tree.read(`${path}.${alg}`);
  const actual = same?.digest?.[0] === alg ? same.digest[1] : digest(alg, bytes);
  if (!sidecar) err('E058', `${where} has no sidecar inventory.json.${alg}`);
  else {
    const m = /^([0-9a-fA-F]+)[ \t]+inventory\.json\n?$/.exec(text(sidecar));
    if (!m) err('E061', `the sidecar of ${where} is not "DIGEST inventory.json"`);
    else if (actual !== undefined && actual !== m[1]!.toLowerCase()) err('E060', `the sidecar digest of ${where} does not match the inventory`);
  }
  const loaded: LoadedInventory = { bytes, raw, digest: [alg, actual], clean };
  if (inv) loaded.inv = inv;
  return loaded;
}

function compareVersions(current: Inventory, older: Inventory, v: string, err: (c: string, m: string) => void, warn: (c: string, m: string) => void): void {
  const sameAlg = current.digestAlgorithm === older.digestAlgorithm;
  for (const [name, ov] of Object.entries(older.versions)) {
    const cv = current.versions[name];
    if (!cv) {
      err('E066', `version ${name} of the ${v} inventory is missing from the root inventory`);
      continue;
    }
    // Compare states as logical path → content. With different algorithms, compare through the manifests' content paths.
    const logical = (inv: Inventory, ver: typeof ov): Map<string, string> => {
      const m = new Map<string, string>();
      for (const [d, paths] of Object.entries(ver.state)) for (const p of paths) m.set(p, sameAlg ? d : (inv.manifest[d] ?? []).slice().sort().join('|'));
      return m;
    };
    const a = logical(older, ov);
    const b = logical(current, cv);
    if (a.size !== b.size || [...a].some(([p, d]) => b.get(p) !== d)) err('E066', `version ${name} in the ${v} inventory has a different state than in the root inventory`);
    if (JSON.stringify(ov.created) !== JSON.stringify(cv.created) || JSON.stringify(ov.message) !== JSON.stringify(cv.message) || JSON.stringify(ov.user) !== JSON.stringify(cv.user)) {
      warn('W011', `version ${name} metadata in the ${v} inventory differs from the root inventory`);
    }
  }
}

/** Reads every content file of the root manifest and starts the digests its manifest and fixity entries need. */
async function startDigests(tree: Tree, root: string, inv: Inventory, cache: DigestCache): Promise<void> {
  const base = root.replace(/\/$/, '');
  const algorithms = new Map<string, string[]>();
  for (const paths of Object.values(inv.manifest)) for (const p of paths) algorithms.set(p, [inv.digestAlgorithm]);
  for (const [alg, block] of Object.entries(inv.fixity ?? {})) for (const paths of Object.values(block)) for (const p of paths) algorithms.get(p)?.push(alg);
  // Reads are issued a few at a time: a package is mostly small files, and one at a time each waits for the disk.
  const entries = [...algorithms];
  const files: [Uint8Array, string[]][] = [];
  for (let i = 0; i < entries.length; i += READS_IN_FLIGHT) {
    const batch = entries.slice(i, i + READS_IN_FLIGHT);
    const read = await Promise.all(batch.map(([p]) => tree.read(base === '' ? p : `${base}/${p}`)));
    read.forEach((data, j) => {
      if (data) files.push([data, batch[j]![1]]);
    });
  }
  if (!cache.useWorkers(files.reduce((n, [d]) => n + d.length, 0))) return;
  // Largest first: the longest Streebog stream bounds the wall time, so it starts before the small ones.
  files.sort(([a], [b]) => b.length - a.length);
  for (const [data, algs] of files) cache.start(data, algs);
}

async function checkDigests(
  tree: Tree,
  root: string,
  inv: Inventory,
  where: string,
  err: (c: string, m: string) => void,
  onDisk: Set<string>,
  isRoot: boolean,
  cache: DigestCache,
): Promise<void> {
  const base = root.replace(/\/$/, '');
  const read = (p: string): Promise<Uint8Array | undefined> => tree.read(base === '' ? p : `${base}/${p}`);
  const listed = new Set<string>();
  for (const [d, paths] of Object.entries(inv.manifest)) {
    for (const p of paths) {
      listed.add(p);
      if (!isRoot && !onDisk.has(p)) continue;
      const data = await read(p);
      if (!data) {
        err('E092', `${where}: content file ${p} does not exist`);
        continue;
      }
      if ((await cache.digestAsync(inv.digestAlgorithm, data)) !== d.toLowerCase()) err('E092', `${where}: content file ${p} does not match its ${inv.digestAlgorithm} digest`);
    }
  }
  for (const [alg, block] of Object.entries(inv.fixity ?? {})) {
    for (const [d, paths] of Object.entries(block)) {
      for (const p of paths) {
        const data = await read(p);
        if (!data) continue;
        const actual = await cache.digestAsync(alg, data);
        if (actual !== undefined && actual !== d.toLowerCase()) err('E093', `${where}: content file ${p} does not match its ${alg} fixity digest`);
      }
    }
  }
  // Every file in a content directory must be in the manifest (of the root, and of the version inventory for its own and earlier versions).
  const head = Number(inv.head.slice(1));
  for (const f of onDisk) {
    const v = Number(/^v(\d+)\//.exec(f)?.[1] ?? NaN);
    if (v <= head && !listed.has(f)) err('E023', `${where}: content file ${f} is not in the manifest`);
  }
}
