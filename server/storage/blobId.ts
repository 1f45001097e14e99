import { StorageError } from './storageError.ts';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Blob ids are lowercase hex SHA-256 digests and nothing else. Every path or object key is derived
 * from an id that passed this check, so no caller-supplied string ever reaches the filesystem or S3.
 */
export function assertBlobId(sha256: unknown): asserts sha256 is string {
  if (typeof sha256 !== 'string' || !SHA256_HEX.test(sha256)) {
    throw new StorageError('BLOB_INVALID_ID', 'blob id must be a lowercase hex SHA-256 digest (64 characters)');
  }
}

/** `ab/cd/<sha>` parts: two fan-out levels keep directories (and MinIO prefixes) small. */
export function fanOut(sha256: string): [string, string, string] {
  assertBlobId(sha256);
  return [sha256.slice(0, 2), sha256.slice(2, 4), sha256];
}
