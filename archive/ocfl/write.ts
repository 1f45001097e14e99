// OCFL 1.1 object writer. Deterministic: the same versions give the same bytes (created times
// come from the input, JSON keys are sorted, content is stored once per digest). Versions are
// append-only: writing to disk refuses to change any existing file inside a version directory.
import { mkdir, open, readFile, rename } from 'node:fs/promises';
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

const WRITES_IN_FLIGHT = 4;

// The server records a package as stored right after this returns, so the bytes must be on disk by then: every file
// is fsynced before it counts, and so is every directory that gained an entry (a file's name lives in its directory).
async function writeDurably(path: string, bytes: Uint8Array, flag: 'wx' | 'w'): Promise<void> {
  const handle = await open(path, flag);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** fsync of a directory, so that the names it gained survive a crash. */
export async function syncDirectory(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Writes an object map to a directory. Files in version directories are created once and never
 * changed; the root inventory is replaced atomically, its sidecar last (OCFL 3.7 E062).
 */
export async function writeObjectToDir(dir: string, files: Map<string, Uint8Array>): Promise<void> {
  const rootInventory = ['inventory.json', 'inventory.json.sha512'];
  const version = [...files].filter(([p]) => !rootInventory.includes(p));
  // Each directory is made once, then the files are written a few at a time (the file system's thread pool works
  // on several); an existing file is only read when the exclusive create finds it, to prove it unchanged.
  const dirs = [...new Set(version.map(([p]) => dirname(join(dir, p))))].sort();
  for (const d of dirs) await mkdir(d, { recursive: true });
  await mkdir(dir, { recursive: true });
  const writeOne = async ([p, b]: [string, Uint8Array]): Promise<void> => {
    const target = join(dir, p);
    try {
      await writeDurably(target, b, 'wx');
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const existing = await readFile(target);
    if (Buffer.compare(existing, Buffer.from(b.buffer, b.byteOffset, b.length)) !== 0) {
      throw new OcflError('OCFL_VERSION_IMMUTABLE', `refusing to change ${p}: existing versions are immutable`);
    }
  };
  for (let i = 0; i < version.length; i += WRITES_IN_FLIGHT) await Promise.all(version.slice(i, i + WRITES_IN_FLIGHT).map(writeOne));
  // Deepest first, up to the object's own directory and the one that holds it.
  const touched = new Set<string>();
  for (const d of dirs) for (let p = d; p.startsWith(dir) && !touched.has(p); p = dirname(p)) touched.add(p);
  touched.add(dir);
  touched.add(dirname(dir));
  for (const d of [...touched].sort((a, b) => b.length - a.length)) await syncDirectory(d);
  for (const p of rootInventory) {
    const b = files.get(p);
    if (!b) continue;
    const tmp = join(dir, `.${p}.tmp`);
    await writeDurably(tmp, b, 'w');
    await rename(tmp, join(dir, p));
  }
  await syncDirectory(dir);
}
