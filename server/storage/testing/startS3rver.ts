import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { emulateObjectLock, type ObjectLockEmulation, type ObjectLockOptions } from './objectLockShim.ts';
import { installS3rverShim } from './s3rverShim.ts';

export interface RunningS3rver {
  endpoint: string;
  accessKey: string;
  secretKey: string;
  /** `METHOD /path?query-names` of every request, so tests can see which S3 calls were made. */
  readonly requests: readonly string[];
  /** present when started with `objectLock` */
  readonly objectLock?: ObjectLockEmulation;
  stop(): Promise<void>;
}

/**
 * An in-process s3rver on a random loopback port with its own temp directory; with `objectLock`, that bucket
 * behaves as one with S3 Object Lock (see objectLockShim.ts). Tests only.
 */
export async function startS3rver(options: { objectLock?: ObjectLockOptions } = {}): Promise<RunningS3rver> {
  const directory = await mkdtemp(join(tmpdir(), 'kartoteka-s3rver-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory });
  installS3rverShim(server);
  const objectLock = options.objectLock ? emulateObjectLock(options.objectLock) : undefined;
  if (objectLock) server.middleware.unshift(objectLock.middleware);
  const requests: string[] = [];
  server.middleware.unshift(async (ctx, next) => {
    requests.push(`${ctx.method} ${ctx.path}?${Object.keys(ctx.query).sort().join('&')}`);
    await next();
  });
  const { port } = await server.run();
  return {
    requests,
    ...(objectLock ? { objectLock } : {}),
    endpoint: `http://127.0.0.1:${port}`,
    // s3rver's built-in account. It checks the access key id but not SigV4 signatures.
    accessKey: 'S3RVER',
    secretKey: 'S3RVER',
    async stop() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
