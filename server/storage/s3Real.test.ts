import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe } from 'vitest';
import { createBlobStore } from './blobStore.ts';
import { describeBlobStoreContract } from './testing/blobStoreContract.ts';
import { HoldSet } from './testing/holdSet.ts';

// The same contract against a real S3 service (MinIO in CI or production staging). Fixtures carry a
// random salt and only blobs created by the suite are deleted, so a shared bucket is safe.
const { S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY, S3_SECRET_KEY, S3_REGION } = process.env;

const configured = Boolean(S3_ENDPOINT && S3_BUCKET && S3_ACCESS_KEY && S3_SECRET_KEY);
if (!configured) {
  console.warn(
    S3_ENDPOINT
      ? 'server/storage: real S3 contract skipped: S3_ENDPOINT is set but S3_BUCKET, S3_ACCESS_KEY or S3_SECRET_KEY is missing'
      : 'server/storage: real S3 contract skipped: set S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY, S3_SECRET_KEY to run it against MinIO/S3',
  );
}

describe.skipIf(!configured)('BlobStore contract: real S3', () => {
  describeBlobStoreContract(`S3 at ${S3_ENDPOINT ?? '(not configured)'}`, async () => {
    const s3 = { endpoint: S3_ENDPOINT ?? '', bucket: S3_BUCKET ?? '', accessKey: S3_ACCESS_KEY ?? '', secretKey: S3_SECRET_KEY ?? '', ...(S3_REGION ? { region: S3_REGION } : {}) };
    const dataDir = await mkdtemp(join(tmpdir(), 'kartoteka-s3-real-'));
    const holds = new HoldSet();
    const store = await createBlobStore({ dataDir, s3 }, holds);
    return {
      store,
      holds,
      tempFiles: () => readdir(join(dataDir, 'tmp', 'blob-upload')),
      teardown: () => rm(dataDir, { recursive: true, force: true }),
    };
  });
});
