import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat as fsStat } from 'node:fs/promises';
import { join } from 'node:path';
import { fanOut } from './blobId.ts';
import type { BlobInfo, BlobStore, ByteRange, HoldChecker, PutOptions } from './blobStore.ts';
import { resolveRange } from './byteRange.ts';
import { isNotFound, syncDirectory } from './fsDurability.ts';
import { OCTET_STREAM, sniffMime } from './sniffMime.ts';
import { purgeStaleTempFiles, spoolToTempFile, TEMP_SUFFIX, type BlobBody } from './spool.ts';
import { StorageError } from './storageError.ts';

const STALE_TEMP_MS = 24 * 60 * 60 * 1000;

/**
 * Content-addressed blobs under `DATA_DIR/blobs/ab/cd/<sha256>` with the sniffed MIME in a
 * `<sha256>.json` sidecar. Writes go temp file → fsync → rename → fsync directory, so a reader sees
 * either no blob or the complete one; the sidecar is renamed into place before the content, so a
 * present content file always has its sidecar.
 */
export async function createFsBlobStore(dataDir: string, holds: HoldChecker): Promise<BlobStore> {
  const root = join(dataDir, 'blobs');
  const tmpDir = join(root, 'tmp');
  try {
    await mkdir(tmpDir, { recursive: true });
    await purgeStaleTempFiles(tmpDir, STALE_TEMP_MS);
  } catch (error) {
    throw new StorageError('STORAGE_UNAVAILABLE', `blob directory ${root} is not usable`, { cause: error });
  }
  return new FsBlobStore(root, tmpDir, holds);
}

class FsBlobStore implements BlobStore {
  readonly kind = 'fs' as const;

  constructor(
    private readonly root: string,
    private readonly tmpDir: string,
    private readonly holds: HoldChecker,
  ) {}

  async put(body: BlobBody, options: PutOptions = {}): Promise<BlobInfo> {
    const spooled = await spoolToTempFile(body, this.tmpDir, options);
    try {
      const existing = await this.stat(spooled.sha256);
      // Same digest and size means the same bytes are already stored; a size mismatch means the
      // stored copy is damaged, and renaming the fresh copy over it repairs it.
      if (existing && existing.size === spooled.size) return existing;

      await this.install(spooled.path, spooled.sha256, spooled.mime).catch((error: unknown) => {
        throw unavailable(error);
      });
      return { sha256: spooled.sha256, size: spooled.size, mime: spooled.mime };
    } finally {
      await spooled.discard();
    }
  }

  async get(sha256: string, range?: ByteRange): Promise<NodeJS.ReadableStream> {
    const path = this.contentPath(sha256);
    // Opening first turns a missing blob into a rejected promise instead of a stream error, and
    // reading through the same handle means a concurrent delete cannot truncate the response.
    const handle = await open(path, 'r').catch((error: unknown) => {
      throw isNotFound(error) ? notFound(sha256) : unavailable(error);
    });
    try {
      const { size } = await handle.stat();
      const resolved = resolveRange(range, size);
      // Reads of up to 1 MiB instead of the stream default 64 KiB: a scan of a few MB was two dozen reads, each a
      // trip through the thread pool and an event-loop turn; the buffer never exceeds what is asked for.
      const length = resolved ? resolved.end - resolved.start + 1 : size;
      const highWaterMark = Math.min(Math.max(length, 16 * 1024), 1024 * 1024);
      return handle.createReadStream(resolved ? { start: resolved.start, end: resolved.end, highWaterMark } : { highWaterMark });
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  async stat(sha256: string): Promise<BlobInfo | null> {
    const path = this.contentPath(sha256);
    let size: number;
    try {
      size = (await fsStat(path)).size;
    } catch (error) {
      if (isNotFound(error)) return null;
      throw unavailable(error);
    }
    const mime = (await this.readSidecarMime(`${path}.json`)) ?? (await sniffMime(path, false).catch(() => OCTET_STREAM));
    return { sha256, size, mime };
  }

  async delete(sha256: string): Promise<void> {
    const path = this.contentPath(sha256);
    if (await this.holds.isHeld(sha256)) {
      throw new StorageError('BLOB_RETENTION_HOLD', `blob ${sha256} is under a retention hold`);
    }
    // Content before sidecar: a crash in between leaves an orphan sidecar, which the next put of the
    // same bytes overwrites, never content without its MIME.
    await rm(path, { force: true });
    await rm(`${path}.json`, { force: true });
    await syncDirectory(join(path, '..')).catch((error: unknown) => {
      if (!isNotFound(error)) throw unavailable(error);
    });
  }

  async check(): Promise<void> {
    const probe = join(this.tmpDir, `health-${randomUUID()}${TEMP_SUFFIX}`);
    const payload = randomBytes(32);
    try {
      const handle = await open(probe, 'wx', 0o600);
      try {
        await handle.writeFile(payload);
        await handle.sync();
      } finally {
        await handle.close();
      }
      const readBack = await readFile(probe);
      if (!readBack.equals(payload)) throw new Error('probe read back different bytes');
    } catch (error) {
      throw unavailable(error);
    } finally {
      await rm(probe, { force: true }).catch(() => undefined);
    }
  }

  private contentPath(sha256: string): string {
    return join(this.root, ...fanOut(sha256));
  }

  private async install(tempPath: string, sha256: string, mime: string): Promise<void> {
    const [a, b, sha] = fanOut(sha256);
    const dir = join(this.root, a, b);
    const createdDirs = await mkdir(dir, { recursive: true });
    await this.writeSidecar(dir, sha, mime);
    await rename(tempPath, join(dir, sha));
    await syncDirectory(dir);
    if (createdDirs !== undefined) {
      await syncDirectory(join(this.root, a));
      await syncDirectory(this.root);
    }
  }

  private async writeSidecar(dir: string, sha256: string, mime: string): Promise<void> {
    const temp = join(this.tmpDir, `${randomUUID()}${TEMP_SUFFIX}`);
    try {
      const handle = await open(temp, 'wx', 0o600);
      try {
        await handle.writeFile(JSON.stringify({ mime }));
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, join(dir, `${sha256}.json`));
    } finally {
      await rm(temp, { force: true });
    }
  }

  private async readSidecarMime(path: string): Promise<string | undefined> {
    try {
      const parsed: unknown = JSON.parse(await readFile(path, 'utf8'));
      if (typeof parsed === 'object' && parsed !== null && 'mime' in parsed && typeof parsed.mime === 'string') {
        return parsed.mime;
      }
      return undefined;
    } catch (error) {
      // A missing or unreadable sidecar (hand-copied blob) falls back to sniffing the content.
      if (isNotFound(error) || error instanceof SyntaxError) return undefined;
      throw unavailable(error);
    }
  }
}

function notFound(sha256: string): StorageError {
  return new StorageError('BLOB_NOT_FOUND', `blob ${sha256} does not exist`);
}

function unavailable(error: unknown): StorageError {
  if (error instanceof StorageError) return error;
  return new StorageError('STORAGE_UNAVAILABLE', 'blob storage failed', { cause: error });
}
