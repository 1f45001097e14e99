// Read access to a directory tree, on disk or in memory (an unpacked .zip), so the OCFL
// validator and the package verifier work the same on both.
import { closeSync, fstatSync, openSync, readdirSync, readSync } from 'node:fs';
import { open, readdir, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { WORKER_MIN_BYTES } from './hashPool.ts';

export interface Entry {
  name: string;
  dir: boolean;
}

export interface Tree {
  list(path: string): Promise<Entry[] | undefined>;
  read(path: string): Promise<Uint8Array | undefined>;
}

export interface FsTreeOptions {
  /**
   * Read with blocking calls. A package is ≈ 20 small files; through the promise API each costs four thread-pool
   * round trips (open, stat, read, close) and ≈ 0.1–0.2 ms of CPU, through the blocking calls ≈ 15 µs, so a batch
   * verification (the CLI, `verifyCollection`) reads a whole package for ≈ 0.3 ms instead of 2–4 ms of CPU. Not
   * for a server's event loop: a large or uncached file blocks it while it is read.
   */
  sync?: boolean;
  /** With `sync`: where large files are read, for a caller that reuses the memory once it is done with the tree. */
  arena?: SharedArena;
}

/**
 * Shared memory for the large files of one verification, handed to the next one by `reset`: a new
 * SharedArrayBuffer is zeroed and faulted in page by page, which costs about as much as reading the file from the
 * page cache (and once the allocator reuses freed memory, zeroing 8 MB took ≈ 3 ms). The caller resets it only when
 * nothing uses the arrays it gave out any more. Chunks are sized to what is read (in steps of 2 MB).
 */
export class SharedArena {
  private static readonly CHUNK = 2 * 2 ** 20;
  /** Chunks above this size are not kept for the next verification (a rare huge file). */
  private static readonly KEEP = 64 * 2 ** 20;
  private chunks: SharedArrayBuffer[] = [];
  private current = 0;
  private offset = 0;

  alloc(size: number): Uint8Array {
    while (this.current < this.chunks.length && this.chunks[this.current]!.byteLength - this.offset < size) {
      this.current++;
      this.offset = 0;
    }
    if (this.current === this.chunks.length) {
      this.chunks.push(new SharedArrayBuffer(Math.max(1, Math.ceil(size / SharedArena.CHUNK)) * SharedArena.CHUNK));
      this.offset = 0;
    }
    const out = new Uint8Array(this.chunks[this.current]!, this.offset, size);
    this.offset += (size + 7) & ~7;
    return out;
  }

  reset(): void {
    this.chunks = this.chunks.filter((c) => c.byteLength <= SharedArena.KEEP);
    this.current = 0;
    this.offset = 0;
  }
}

const byName = (a: Entry, b: Entry): number => (a.name < b.name ? -1 : 1);

export function fsTree(root: string, options: FsTreeOptions = {}): Tree {
  if (options.sync) return fsTreeSync(root, options.arena);
  return {
    async list(path) {
      try {
        const entries = await readdir(join(root, path), { withFileTypes: true });
        return entries.map((e) => ({ name: e.name, dir: e.isDirectory() })).sort(byName);
      } catch {
        return undefined;
      }
    },
    async read(path) {
      // One handle for the type check and the read; the Buffer's memory is used as it is (no copy).
      let handle;
      try {
        handle = await open(join(root, path), 'r');
        const s = await handle.stat();
        if (!s.isFile()) return undefined;
        if (s.size >= WORKER_MIN_BYTES) return await readShared(handle, s.size);
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

function fsTreeSync(root: string, arena?: SharedArena): Tree {
  const list = (path: string): Entry[] | undefined => {
    try {
      return readdirSync(join(root, path), { withFileTypes: true }).map((e) => ({ name: e.name, dir: e.isDirectory() })).sort(byName);
    } catch {
      return undefined;
    }
  };
  const read = (path: string): Uint8Array | undefined => {
    let fd: number | undefined;
    try {
      fd = openSync(join(root, path), 'r');
      const s = fstatSync(fd);
      if (!s.isFile()) return undefined;
      // Large files in shared memory, as in the promise version: the hash pool reads them where they are.
      const large = s.size >= WORKER_MIN_BYTES;
      const out = large ? (arena?.alloc(s.size) ?? new Uint8Array(new SharedArrayBuffer(s.size))) : new Uint8Array(s.size);
      let at = 0;
      while (at < out.length) {
        const n = readSync(fd, out, at, out.length - at, at);
        if (n === 0) break;
        at += n;
      }
      // A file that changed size while being read is read again as it is now, so that its size and digests are judged.
      if (at === out.length && readSync(fd, new Uint8Array(1), 0, 1, at) === 0) return out;
      return readToEnd(fd);
    } catch {
      return undefined;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  };
  return { list: async (path) => list(path), read: async (path) => read(path) };
}

function readToEnd(fd: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  let at = 0;
  for (;;) {
    const chunk = new Uint8Array(1 << 16);
    const n = readSync(fd, chunk, 0, chunk.length, at);
    if (n === 0) break;
    chunks.push(chunk.subarray(0, n));
    at += n;
  }
  const b = Buffer.concat(chunks);
  return new Uint8Array(b.buffer, b.byteOffset, b.length);
}

/**
 * A large file is read into shared memory: the hash pool's worker then digests the very bytes this thread checks
 * (PDF/A re-validation, signatures), with no copy sent and no second allocation in the worker.
 */
async function readShared(handle: FileHandle, size: number): Promise<Uint8Array> {
  const out = new Uint8Array(new SharedArrayBuffer(size));
  let at = 0;
  while (at < size) {
    const { bytesRead } = await handle.read(out, at, size - at, at);
    if (bytesRead === 0) break;
    at += bytesRead;
  }
  // A file that changed size while being read is returned as it is now, so that its size and digests are judged.
  if (at === size && (await handle.read(new Uint8Array(1), 0, 1, size)).bytesRead === 0) return out;
  const b = await handle.readFile();
  return new Uint8Array(b.buffer, b.byteOffset, b.length);
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
      return [...out].map(([name, dir]) => ({ name, dir })).sort(byName);
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
