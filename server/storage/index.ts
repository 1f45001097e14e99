export {
  createBlobStore,
  StorageError,
  isStorageError,
  type BlobBody,
  type BlobInfo,
  type BlobStore,
  type BlobStoreConfig,
  type ByteRange,
  type HoldChecker,
  type PutOptions,
  type S3Config,
  type StorageErrorCode,
} from './blobStore.ts';
