import { createFsBlobStore } from './fsBlobStore.ts';
import { createS3BlobStore, type S3Config } from './s3BlobStore.ts';
import type { BlobBody } from './spool.ts';

export { StorageError, isStorageError, type StorageErrorCode } from './storageError.ts';
export type { S3Config } from './s3BlobStore.ts';
export type { BlobBody } from './spool.ts';

export interface BlobInfo {
  sha256: string;
  size: number;
  mime: string;
}

/** Inclusive byte offsets, as in an HTTP Range header; `end` past the last byte is clamped. */
export interface ByteRange {
  start: number;
  end?: number;
}

export interface PutOptions {
  maxBytes?: number;
  /** The uploader's file name: only refines plain text (`.csv` → text/csv), never overrides sniffed bytes. */
  declaredName?: string;
}

/** Retention holds live in the database; the server injects this. */
export interface HoldChecker {
  isHeld(sha256: string): Promise<boolean>;
}

export interface BlobStore {
  readonly kind: 'fs' | 's3';
  put(body: BlobBody, options?: PutOptions): Promise<BlobInfo>;
  get(sha256: string, range?: ByteRange): Promise<NodeJS.ReadableStream>;
  stat(sha256: string): Promise<BlobInfo | null>;
  /** Idempotent for absent blobs; throws StorageError BLOB_RETENTION_HOLD while held. */
  delete(sha256: string): Promise<void>;
  /** Health check: writes, reads back and deletes a probe; throws StorageError STORAGE_UNAVAILABLE. */
  check(): Promise<void>;
}

export interface BlobStoreConfig {
  dataDir: string;
  /** Absent or null: filesystem blobs under `dataDir/blobs`. */
  s3?: S3Config | null;
}

/** S3 when configured, otherwise the filesystem under `dataDir/blobs`. */
export function createBlobStore(config: BlobStoreConfig, holds: HoldChecker): Promise<BlobStore> {
  return config.s3 ? createS3BlobStore(config.s3, config.dataDir, holds) : createFsBlobStore(config.dataDir, holds);
}
