import { describe, expect, it } from 'vitest';
import { archiveSettingsFrom } from './archiveConfig.ts';

const config = { dataDir: '/tmp/kartoteka-config-test', s3: null };

describe('archive settings: the evidence record digest', () => {
  it('defaults to SHA-256 and takes SHA-512 or Streebog by name', () => {
    expect(archiveSettingsFrom(config, {}).ersAlgorithm).toBe('sha256');
    expect(archiveSettingsFrom(config, { ERS_HASH_ALGORITHM: 'SHA512' }).ersAlgorithm).toBe('sha512');
    expect(archiveSettingsFrom(config, { ERS_HASH_ALGORITHM: 'streebog512', TSA_URL: 'http://tsa.example.ru/tsp' }).ersAlgorithm).toBe('streebog512');
  });

  it('refuses an unknown digest, and Streebog without a TSA that accepts it, in both languages', () => {
    expect(() => archiveSettingsFrom(config, { ERS_HASH_ALGORITHM: 'md5' })).toThrow(/должен быть одним из .* must be one of sha256, sha512, streebog256, streebog512/);
    expect(() => archiveSettingsFrom(config, { ERS_HASH_ALGORITHM: 'streebog256' })).toThrow(/требует TSA_URL .* needs TSA_URL/);
  });
});
