import { createReadStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'minio';
import { fanOut } from './blobId.ts';
import type { BlobInfo, BlobStore, ByteRange, HoldChecker, PutOptions } from './blobStore.ts';
import { resolveRange } from './byteRange.ts';
import { exactSlice } from './exactSlice.ts';
import { parseS3Endpoint } from './s3Endpoint.ts';
import { OCTET_STREAM } from './sniffMime.ts';
import { purgeStaleTempFiles, spoolToTempFile, type BlobBody } from './spool.ts';
import { StorageError } from './storageError.ts';

export interface S3Config {
  /** `http(s)://host[:port]`; a bare host means https. */
  endpoint: string;
  bucket: string;
  accessKey: string;
  secretKey: string;
  region?: string;
}

// minio buffers one whole part in memory per upload. Its default (64 MiB, and ~528 MiB when the size
// is unknown) is too much for a server taking several uploads at once; we always pass the size, and
// 16 MiB parts still allow 160 GB objects before minio grows the part size.
const PART_SIZE = 16 * 1024 * 1024;
const STALE_TEMP_MS = 24 * 60 * 60 * 1000;
const SHA_METADATA = 'x-amz-meta-sha256';

/**
 * Blobs as objects `ab/cd/<sha256>` (the filesystem layout, so a data directory can be mirrored into
 * a bucket) with the sniffed MIME as the object's Content-Type.
 *
 * Uploads are spooled to a local temp file first (hashing, sniffing and the size limit on the way),
 * then sent straight to the content key with a known size. See CONTEXT.md for why this beats
 * "upload to a temp key, then server-side copy".
 */
export async function createS3BlobStore(config: S3Config, dataDir: string, holds: HoldChecker): Promise<BlobStore> {
  const target = parseS3Endpoint(config.endpoint);
  const region = config.region ?? 'us-east-1';
  const client = new Client({
    ...target,
    accessKey: config.accessKey,
    secretKey: config.secretKey,
    // An explicit region spares minio a GetBucketLocation round trip before each first request.
    region,
    // MinIO and most S3-compatible services address buckets by path; virtual hosts need DNS setup.
    pathStyle: true,
    partSize: PART_SIZE,
  });
  const spoolDir = join(dataDir, 'tmp', 'blob-upload');
  try {
    await mkdir(spoolDir, { recursive: true });
    await purgeStaleTempFiles(spoolDir, STALE_TEMP_MS);
  } catch (error) {
    throw new StorageError('STORAGE_UNAVAILABLE', `local spool directory ${spoolDir} is not usable`, { cause: error });
  }
  await ensureBucket(client, config.bucket, region);
  return new S3BlobStore(client, config.bucket, spoolDir, holds);
}

async function ensureBucket(client: Client, bucket: string, region: string): Promise<void> {
  try {
    if (await client.bucketExists(bucket)) return;
    await client.makeBucket(bucket, region);
  } catch (error) {
    // Another process (a worker starting alongside the server) may have created it meanwhile.
    const code = s3ErrorCode(error);
    if (code === 'BucketAlreadyOwnedByYou' || code === 'BucketAlreadyExists') return;
    throw new StorageError('STORAGE_UNAVAILABLE', `S3 bucket ${bucket} is not reachable or cannot be created`, { cause: error });
  }
}

class S3BlobStore implements BlobStore {
  readonly kind = 's3' as const;

  constructor(
    private readonly client: Client,
    private readonly bucket: string,
    private readonly spoolDir: string,
    private readonly holds: HoldChecker,
  ) {}

  async put(body: BlobBody, options: PutOptions = {}): Promise<BlobInfo> {
    const spooled = await spoolToTempFile(body, this.spoolDir, options);
    try {
      const info: BlobInfo = { sha256: spooled.sha256, size: spooled.size, mime: spooled.mime };
      const existing = await this.stat(spooled.sha256);
      if (existing && existing.size === spooled.size) return existing;

      const key = objectKey(spooled.sha256);
      try {
        await this.client.putObject(this.bucket, key, createReadStream(spooled.path), spooled.size, {
          'Content-Type': spooled.mime,
          [SHA_METADATA]: spooled.sha256,
        });
      } catch (error) {
        // A concurrent put of the same bytes may have completed the object (on S3 both uploads can
        // even share one multipart upload id); then the content is there and this put succeeded.
        const after = await this.stat(spooled.sha256).catch(() => null);
        if (after && after.size === spooled.size) return after;
        await this.client.removeIncompleteUpload(this.bucket, key).catch(() => undefined);
        throw unavailable(error);
      }
      return info;
    } finally {
      await spooled.discard();
    }
  }

  async get(sha256: string, range?: ByteRange): Promise<NodeJS.ReadableStream> {
    const key = objectKey(sha256);
    const info = await this.stat(sha256);
    if (!info) throw notFound(sha256);
    const resolved = resolveRange(range, info.size);
    try {
      if (!resolved) return exactSlice(await this.client.getObject(this.bucket, key), 0, info.size);
      const length = resolved.end - resolved.start + 1;
      const response = await this.client.getPartialObject(this.bucket, key, resolved.start, length);
      const rangeIgnored = 'statusCode' in response && response.statusCode === 200;
      return exactSlice(response, rangeIgnored ? resolved.start : 0, length);
    } catch (error) {
      // Deleted between stat and get.
      if (isMissingObject(error)) throw notFound(sha256);
      throw unavailable(error);
    }
  }

  async stat(sha256: string): Promise<BlobInfo | null> {
    const key = objectKey(sha256);
    try {
      const stat = await this.client.statObject(this.bucket, key);
      const contentType: unknown = stat.metaData['content-type'];
      return { sha256, size: stat.size, mime: typeof contentType === 'string' && contentType ? contentType : OCTET_STREAM };
    } catch (error) {
      if (isMissingObject(error)) return null;
      throw unavailable(error);
    }
  }

  async delete(sha256: string): Promise<void> {
    const key = objectKey(sha256);
    if (await this.holds.isHeld(sha256)) {
      throw new StorageError('BLOB_RETENTION_HOLD', `blob ${sha256} is under a retention hold`);
    }
    let versions: string[];
    try {
      versions = await this.versionsOf(key);
    } catch (error) {
      throw unavailable(error);
    }
    // Unversioned (every listed version is the "null" one, or the store lists none): one plain DELETE.
    if (versions.every((v) => v === 'null')) {
      try {
        await this.client.removeObject(this.bucket, key);
      } catch (error) {
        if (!isMissingObject(error)) throw unavailable(error);
      }
      return;
    }
    // In a versioned bucket a plain DELETE only adds a delete marker and the bytes stay as an earlier version: a
    // deleted document's file must be gone, so every version (and marker) is deleted by its id. Object Lock refuses
    // a retained version; that is a retention hold of the storage's own.
    let results: { Code?: string; Message?: string }[];
    try {
      results = (await this.client.removeObjects(this.bucket, versions.map((versionId) => ({ name: key, versionId })))) as unknown as { Code?: string; Message?: string }[];
    } catch (error) {
      throw unavailable(error);
    }
    const failed = (results ?? []).find((r) => r && typeof r === 'object' && r.Code);
    if (failed?.Code === 'AccessDenied') throw new StorageError('BLOB_RETENTION_HOLD', `blob ${sha256} is retained by the storage's Object Lock`);
    if (failed) throw new StorageError('STORAGE_UNAVAILABLE', `deleting blob ${sha256}: ${failed.Code} ${failed.Message ?? ''}`.trim());
  }

  /** Version ids of the key (with delete markers); none where the store keeps no versions. */
  private async versionsOf(key: string): Promise<string[]> {
    const ids: string[] = [];
    try {
      const listing = this.client.listObjects(this.bucket, key, false, { IncludeVersion: true }) as AsyncIterable<{ name?: string; versionId?: string | null }>;
      for await (const item of listing) if (item.name === key && item.versionId) ids.push(item.versionId);
    } catch (error) {
      // s3rver and some gateways have no versions listing.
      if (['MethodNotAllowed', 'NotImplemented'].includes(s3ErrorCode(error) ?? '')) return [];
      throw error;
    }
    return ids;
  }

  async check(): Promise<void> {
    // Not a valid blob id, so a probe can never collide with or be served as a blob.
    const probe = `.health/${randomUUID()}`;
    const payload = randomBytes(32);
    let versionId: string | null | undefined;
    try {
      versionId = (await this.client.putObject(this.bucket, probe, payload, payload.length)).versionId;
      const chunks: Buffer[] = [];
      for await (const chunk of await this.client.getObject(this.bucket, probe)) chunks.push(chunk as Buffer);
      if (!Buffer.concat(chunks).equals(payload)) throw new Error('probe read back different bytes');
    } catch (error) {
      throw unavailable(error);
    } finally {
      // By its version where the bucket keeps versions: a plain DELETE would leave the probe behind a delete marker.
      await this.client.removeObject(this.bucket, probe, versionId && versionId !== 'null' ? { versionId } : undefined).catch(() => undefined);
    }
  }
}

function objectKey(sha256: string): string {
  return fanOut(sha256).join('/');
}

function s3ErrorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

function isMissingObject(error: unknown): boolean {
  const code = s3ErrorCode(error);
  // HEAD responses carry no body, so minio reports them as NotFound rather than NoSuchKey.
  return code === 'NoSuchKey' || code === 'NotFound';
}

function notFound(sha256: string): StorageError {
  return new StorageError('BLOB_NOT_FOUND', `blob ${sha256} does not exist`);
}

function unavailable(error: unknown): StorageError {
  if (error instanceof StorageError) return error;
  return new StorageError('STORAGE_UNAVAILABLE', 'S3 blob storage failed', { cause: error });
}
