// The archive storage root in a bucket with S3 Object Lock, on s3rver with the Object Lock emulation
// (objectLockShim.ts): the suite of testing/objectLockSuite.ts, which ocflStoreObjectLockReal.test.ts runs against a
// real server. Retention runs by Date.now() in the emulation, so time moves with fake Dates.
import { Client } from 'minio';
import { afterEach, vi } from 'vitest';
import { parseS3Endpoint } from '../../storage/s3Endpoint.ts';
import { startS3rver, type RunningS3rver } from '../../storage/testing/startS3rver.ts';
import { DAY, describeOcflObjectLock, type LockedBucket, type ObjectLockBackend } from './testing/objectLockSuite.ts';

afterEach(() => {
  vi.useRealTimers();
});

describeOcflObjectLock('OCFL storage root on s3rver with the Object Lock emulation', false, async () => {
  const servers = new Map<string, RunningS3rver>();
  const lockDays = 30;
  const ruleDays = 10;
  const backend: ObjectLockBackend = {
    lockDays,
    ruleDays,
    async bucket(defaultRule) {
      const name = `${defaultRule ? 'ruled' : 'locked'}-${servers.size}`;
      const s3 = await startS3rver({ objectLock: { bucket: name, ...(defaultRule ? { defaultRetention: { mode: defaultRule, days: ruleDays } } : {}) } });
      servers.set(name, s3);
      const client = new Client({ ...parseS3Endpoint(s3.endpoint), accessKey: s3.accessKey, secretKey: s3.secretKey, region: 'us-east-1', pathStyle: true });
      return { client, s3: { endpoint: s3.endpoint, bucket: name, accessKey: s3.accessKey, secretKey: s3.secretKey } };
    },
    async retention(bucket: LockedBucket, key: string) {
      return servers.get(bucket.s3.bucket)?.objectLock?.retention(key);
    },
    async legalHold(bucket: LockedBucket, key: string) {
      return servers.get(bucket.s3.bucket)?.objectLock?.legalHold(key) ?? false;
    },
    async endRetention() {
      // Every retention the emulation holds is shorter than this.
      const later = Date.now() + (Math.max(lockDays, ruleDays) + 1) * DAY;
      if (vi.isFakeTimers()) vi.setSystemTime(later);
      else vi.useFakeTimers({ toFake: ['Date'], now: later });
    },
    async stop() {
      for (const s3 of servers.values()) await s3.stop();
    },
  };
  return backend;
});
