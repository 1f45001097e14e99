// OCFL 1.1 object writer. Deterministic: the same versions give the same bytes (created times
// come from the input, JSON keys are sorted, content is stored once per digest). Versions are
// append-only: writing to disk refuses to change any existing file inside a version directory.
import { mkdir, open, readFile, rename, rm, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { DigestCache, digest, GOST_EXTENSION } from './digest.ts';
import { INVENTORY_TYPE, type Inventory } from './inventory.ts';
import { stableJson } from './json.ts';

export class OcflError extends Error {
  constructor(
    // OCFL_OBJECT_RETAINED: the storage (S3 Object Lock) still retains an object that is to be erased.
    readonly code: 'OCFL_VERSION_IMMUTABLE' | 'OCFL_INVALID_INPUT' | 'OCFL_OBJECT_RETAINED',
    message: string,
  ) {
    super(message);
  }
}

export interface VersionInput {
  /** RFC 3339 with seconds and offset, taken from the caller so output is reproducible */
  created: string;
  message: string;
  user: { name: string; address: string };
  /** the complete logical state of this version: logical path → bytes */
  files: Map<string, Uint8Array>;
}

export type FixityAlgorithm = 'sha256' | 'streebog-256';
export const DEFAULT_FIXITY: FixityAlgorithm[] = ['sha256', 'streebog-256'];

const enc = new TextEncoder();

function checkLogicalPath(p: string): void {
  if (p === '' || p.startsWith('/') || p.endsWith('/') || p.split('/').some((e) => e === '' || e === '.' || e === '..')) {
    throw new OcflError('OCFL_INVALID_INPUT', `invalid logical path "${p}"`);
  }
}

export const GOST_EXTENSION_CONFIG = {
  extensionName: GOST_EXTENSION,
  description: 'Fixity digests in addition to the OCFL table: GOST R 34.11-2012 with a 256-bit result (Streebog-256, RFC 6986), hex-encoded lower case.',
  algorithms: {
    sha256: { reference: 'FIPS 180-4', encoding: 'hex' },
    'streebog-256': { reference: 'GOST R 34.11-2012, RFC 6986', encoding: 'hex' },
  },
};

/** Computes the inventory and the new content files for the next version. */
export function nextVersion(
  prev: Inventory | undefined,
  id: string,
  input: VersionInput,
  fixity: FixityAlgorithm[] = DEFAULT_FIXITY,
  cache: DigestCache = new DigestCache(),
): { inventory: Inventory; content: Map<string, Uint8Array> } {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(input.created)) {
    throw new OcflError('OCFL_INVALID_INPUT', `created "${input.created}" is not RFC 3339 with seconds`);
  }
  const n = prev ? Object.keys(prev.versions).length + 1 : 1;
  const v = `v${n}`;
  const manifest: Record<string, string[]> = structuredClone(prev?.manifest ?? {});
  const fix: Record<string, Record<string, string[]>> = structuredClone(prev?.fixity ?? {});
  const state: Record<string, string[]> = {};
  const content = new Map<string, Uint8Array>();
  for (const path of [...input.files.keys()].sort()) {
    checkLogicalPath(path);
    const data = input.files.get(path)!;
    const d = cache.digest('sha512', data)!;
    (state[d] ??= []).push(path);
    if (!manifest[d]) {
      const cp = `${v}/content/${path}`;
      manifest[d] = [cp];
      content.set(cp, data);
      for (const alg of fixity) {
        const block = (fix[alg] ??= {});
        (block[cache.digest(alg, data)!] ??= []).push(cp);
      }
    }
  }
  const versions = { ...structuredClone(prev?.versions ?? {}), [v]: { created: input.created, message: input.message, user: input.user, state } };
  const inventory: Inventory = {
    id,
    type: INVENTORY_TYPE,
    digestAlgorithm: 'sha512',
    head: v,
    manifest,
    versions,
    ...(fixity.length > 0 ? { fixity: fix } : {}),
  };
  return { inventory, content };
}

/** The inventory and its sidecar, as stored in a version directory and (for the head) in the object root. */
function inventoryBytes(inv: Inventory): { inventory: Uint8Array; sidecar: Uint8Array } {
  const inventory = enc.encode(stableJson(inv));
  return { inventory, sidecar: enc.encode(`${digest('sha512', inventory)} inventory.json\n`) };
}

function inventoryFiles(dir: string, { inventory, sidecar }: { inventory: Uint8Array; sidecar: Uint8Array }): [string, Uint8Array][] {
  const prefix = dir === '' ? '' : `${dir}/`;
  return [
    [`${prefix}inventory.json`, inventory],
    [`${prefix}inventory.json.sha512`, sidecar],
  ];
}

/** Builds a whole object (every version) as a path → bytes map. */
export function buildObject(id: string, versions: VersionInput[], fixity: FixityAlgorithm[] = DEFAULT_FIXITY, cache: DigestCache = new DigestCache()): Map<string, Uint8Array> {
  if (versions.length === 0) throw new OcflError('OCFL_INVALID_INPUT', 'an OCFL object needs at least one version');
  const files = new Map<string, Uint8Array>();
  files.set('0=ocfl_object_1.1', enc.encode('ocfl_object_1.1\n'));
  if (fixity.includes('streebog-256')) files.set(`extensions/${GOST_EXTENSION}/config.json`, enc.encode(stableJson(GOST_EXTENSION_CONFIG)));
  let inv: Inventory | undefined;
  let head: { inventory: Uint8Array; sidecar: Uint8Array } | undefined;
  for (const input of versions) {
    const next = nextVersion(inv, id, input, fixity, cache);
    inv = next.inventory;
    head = inventoryBytes(inv);
    for (const [p, b] of next.content) files.set(p, b);
    for (const [p, b] of inventoryFiles(inv.head, head)) files.set(p, b);
  }
  // The root inventory is the head version's, byte for byte.
  for (const [p, b] of inventoryFiles('', head!)) files.set(p, b);
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Adds a version to an object held as a file map; earlier versions are left untouched. */
export function addVersion(files: Map<string, Uint8Array>, input: VersionInput, fixity: FixityAlgorithm[] = DEFAULT_FIXITY): Map<string, Uint8Array> {
  const rootInv = files.get('inventory.json');
  if (!rootInv) throw new OcflError('OCFL_INVALID_INPUT', 'the object has no root inventory');
  const prev = JSON.parse(new TextDecoder().decode(rootInv)) as Inventory;
  const next = nextVersion(prev, prev.id, input, fixity);
  const out = new Map(files);
  for (const [p, b] of next.content) out.set(p, b);
  const head = inventoryBytes(next.inventory);
  for (const [p, b] of inventoryFiles(next.inventory.head, head)) out.set(p, b);
  for (const [p, b] of inventoryFiles('', head)) out.set(p, b);
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : 1)));
}

// The server records a package as stored right after `writeObjectToDir` returns, so the bytes must be on disk by then:
// every file is fsynced before it counts, and so is every directory that gained an entry (a file's name lives in its
// directory). The fsyncs are issued together, not one after another: they are independent of each other, and the
// file system commits concurrent ones in one journal transaction, where a chain of them waits for a commit each.

/** fsync of a directory, so that the names it gained survive a crash. */
export async function syncDirectory(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Like Promise.all, but waits for every operation (none may still use a handle when the handles close). */
async function settled(work: Promise<void>[]): Promise<void> {
  const failed = (await Promise.allSettled(work)).find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

/** Creates `path` with `bytes` (not yet fsynced); null when the exclusive create finds the file there already. */
async function create(path: string, bytes: Uint8Array, flag: 'wx' | 'w'): Promise<FileHandle | null> {
  let handle: FileHandle;
  try {
    handle = await open(path, flag);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return null;
    throw e;
  }
  try {
    await handle.writeFile(bytes);
    return handle;
  } catch (e) {
    await handle.close();
    throw e;
  }
}

/**
 * Writes an object map to a directory. Files in version directories are created once and never
 * changed; the root inventory is replaced atomically, its sidecar last (OCFL 3.7 E062). `root`, when given (a
 * storage root holding `dir`), is where the directories made for the object begin: each of them is fsynced too.
 *
 * Crash safety: the root inventory is what makes a version part of the object, so it is renamed into place only
 * after one barrier — every version file's bytes, the new root inventory's temporary copies and every directory on
 * the way to them fsynced (all at once). A crash before the renames leaves a version directory above the stored
 * head, never part of the object (the next writer clears it); after them, the final fsync of the object's directory
 * makes the new head durable before this returns, and only then may a caller record the version as stored.
 */
export async function writeObjectToDir(dir: string, files: Map<string, Uint8Array>, root?: string): Promise<void> {
  const rootInventory = ['inventory.json', 'inventory.json.sha512'];
  const version = [...files].filter(([p]) => !rootInventory.includes(p));
  const staged = rootInventory.filter((p) => files.has(p)).map((p) => [p, join(dir, `.${p}.tmp`), files.get(p)!] as const);
  // Each directory is made once (the deepest ones; their parents come with them).
  const dirs = [...new Set(version.map(([p]) => dirname(join(dir, p))))].sort();
  const leaves = dirs.filter((d, i) => !dirs[i + 1]?.startsWith(`${d}/`));
  await mkdir(dir, { recursive: true });
  await Promise.all(leaves.map((d) => mkdir(d, { recursive: true })));
  const touched = new Set<string>();
  for (const d of dirs) for (let p = d; p.startsWith(`${dir}/`) && !touched.has(p); p = dirname(p)) touched.add(p);
  touched.add(dir);
  touched.add(dirname(dir));
  if (root) for (let p = dirname(dir); p.startsWith(`${root}/`); p = dirname(p)) touched.add(dirname(p));
  const handles: FileHandle[] = [];
  let failed = false;
  try {
    // An existing file is only read when the exclusive create finds it, to prove it unchanged.
    const writeOne = async ([p, b]: readonly [string, Uint8Array]): Promise<void> => {
      const target = join(dir, p);
      const handle = await create(target, b, 'wx');
      if (handle) {
        handles.push(handle);
        return;
      }
      const existing = await readFile(target);
      if (Buffer.compare(existing, Buffer.from(b.buffer, b.byteOffset, b.length)) !== 0) {
        throw new OcflError('OCFL_VERSION_IMMUTABLE', `refusing to change ${p}: existing versions are immutable`);
      }
    };
    await settled([
      ...version.map(writeOne),
      ...staged.map(async ([, tmp, b]) => {
        handles.push((await create(tmp, b, 'w'))!);
      }),
    ]);
    await settled([...handles.map((h) => h.sync()), ...[...touched].map(syncDirectory)]);
  } catch (e) {
    failed = true;
    throw e;
  } finally {
    await Promise.all(handles.map((h) => h.close()));
    // No stray file is left in the object's root, where the validator would count it against the object.
    if (failed) await Promise.all(staged.map(([, tmp]) => rm(tmp, { force: true })));
  }
  for (const [p, tmp] of staged) await rename(tmp, join(dir, p));
  await syncDirectory(dir);
}
