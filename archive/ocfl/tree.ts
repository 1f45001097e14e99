// Read access to a directory tree, on disk or in memory (an unpacked .zip), so the OCFL
// validator and the package verifier work the same on both.
import { open, readdir } from 'node:fs/promises';
import { join } from 'node:path';

export interface Entry {
  name: string;
  dir: boolean;
}

export interface Tree {
  list(path: string): Promise<Entry[] | undefined>;
  read(path: string): Promise<Uint8Array | undefined>;
}

export function fsTree(root: string): Tree {
  return {
    async list(path) {
      try {
        const entries = await readdir(join(root, path), { withFileTypes: true });
        return entries.map((e) => ({ name: e.name, dir: e.isDirectory() })).sort((a, b) => (a.name < b.name ? -1 : 1));
      } catch {
        return undefined;
      }
    },
    async read(path) {
      // One handle for the type check and the read; the Buffer's memory is used as it is (no copy).
      let handle;
      try {
        handle = await open(join(root, path), 'r');
        if (!(await handle.stat()).isFile()) return undefined;
        const b = await handle.readFile();
        return new Uint8Array(b.buffer, b.byteOffset, b.length);
      } catch {
        return undefined;
      } finally {
        await handle?.close();
      }
    },
  };
}

/** A tree over `path → bytes`; directories are implied by paths (empty ones end in "/"). */
export function memoryTree(files: Map<string, Uint8Array>): Tree {
  const norm = (p: string): string => p.replace(/^\/+|\/+$/g, '');
  return {
    async list(path) {
      const prefix = norm(path) === '' ? '' : `${norm(path)}/`;
      const out = new Map<string, boolean>();
      let any = prefix === '';
      for (const k of files.keys()) {
        if (!k.startsWith(prefix)) continue;
        any = true;
        const rest = k.slice(prefix.length);
        if (rest === '') continue;
        const i = rest.indexOf('/');
        if (i < 0) out.set(rest, out.get(rest) ?? false);
        else out.set(rest.slice(0, i), true);
      }
      if (!any) return undefined;
      return [...out].map(([name, dir]) => ({ name, dir })).sort((a, b) => (a.name < b.name ? -1 : 1));
    },
    async read(path) {
      return files.get(norm(path));
    },
  };
}

const memoised = new WeakMap<Tree, { bytes: number }>();

/**
 * The tree with each file read once: the OCFL checks, the anchor check and the content checks of one verification
 * see the same bytes (and the digest cache, keyed by the array, hashes them once). Holds what it read until dropped.
 */
export function memoTree(tree: Tree): Tree {
  if (memoised.has(tree)) return tree;
  const files = new Map<string, Promise<Uint8Array | undefined>>();
  const count = { bytes: 0 };
  const out: Tree = {
    list: (p) => tree.list(p),
    read: (p) => {
      let r = files.get(p);
      if (!r) {
        r = tree.read(p).then((b) => {
          count.bytes += b?.length ?? 0;
          return b;
        });
        files.set(p, r);
      }
      return r;
    },
  };
  memoised.set(out, count);
  return out;
}

/** Bytes a `memoTree` has read so far (each file counted once). */
export function bytesRead(tree: Tree): number {
  return memoised.get(tree)?.bytes ?? 0;
}

export async function walkFiles(tree: Tree, path: string): Promise<{ files: string[]; emptyDirs: string[] }> {
  const files: string[] = [];
  const emptyDirs: string[] = [];
  const rec = async (p: string): Promise<void> => {
    const entries = (await tree.list(p)) ?? [];
    if (entries.length === 0) emptyDirs.push(p);
    for (const e of entries) {
      const child = p === '' ? e.name : `${p}/${e.name}`;
      if (e.dir) await rec(child);
      else files.push(child);
    }
  };
  await rec(path);
  return { files, emptyDirs };
}
