export type StorageErrorCode =
  | 'BLOB_NOT_FOUND'
  | 'BLOB_TOO_LARGE'
  | 'BLOB_RETENTION_HOLD'
  | 'BLOB_INVALID_ID'
  | 'BLOB_RANGE_INVALID'
  | 'STORAGE_UNAVAILABLE';

/** The only error the blob store throws on purpose; the server maps `code` to problem+json. */
export class StorageError extends Error {
  readonly code: StorageErrorCode;

  constructor(code: StorageErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageError';
    this.code = code;
  }
}

export function isStorageError(error: unknown, code?: StorageErrorCode): error is StorageError {
  return error instanceof StorageError && (code === undefined || error.code === code);
}
