// Settings of the archival pipeline, taken at boot from the server's config and environment. Jobs get only
// knex and the blob store, so the storage root and the TSA are reached through this module.
import { availableParallelism } from 'node:os';
import type { Config } from '../../config.ts';
import { ERS_ALGORITHMS, type ErsAlgorithm } from '../../../archive/index.ts';
import { openOcflStore, type ObjectLockSettings, type OcflStore } from './ocflStore.ts';

export interface ArchiveSettings {
  dataDir: string;
  s3: Config['s3'];
  s3Prefix: string;
  /** RFC 3161 TSA; null → the local test TSA (untrusted, labelled so in every report) */
  tsaUrl: string | null;
  /** how fast the scheduled fixity job may re-hash stored objects */
  fixityMbPerMin: number;
  /** pause between two runs of the scheduled fixity job */
  fixityIntervalMs: number;
  /** renew evidence records this many days before the TSA certificate expires */
  renewDays: number;
  /**
   * Digest of new evidence records and hash trees (ERS_HASH_ALGORITHM). Records in another algorithm are renewed
   * with this one (RFC 4998 hash-tree renewal) by the next boot's check: raising it is how an administrator answers
   * an algorithm's weakening.
   */
  ersAlgorithm: ErsAlgorithm;
  /** OCR text layers on PDF/A copies of scans (ARCHIVE_OCR=0 turns it off, e.g. for benchmarks) */
  ocr: boolean;
  /** S3 Object Lock retention of version files, when the bucket has Object Lock enabled */
  objectLock: ObjectLockSettings;
  /**
   * Digests of large files on the archive library's hash worker pool while the job's thread does the rest
   * (ARCHIVE_HASH_WORKERS=0 keeps all hashing on the job's thread); the pool starts with the first large file.
   */
  hashWorkers: boolean;
}

let settings: ArchiveSettings | null = null;
let store: { key: string; store: Promise<OcflStore> } | null = null;

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} должно быть положительным числом / ${name} must be a positive number, got "${raw}"`);
  return n;
}

function ersAlgorithm(raw: string | undefined, tsaUrl: string | null): ErsAlgorithm {
  if (raw === undefined || raw === '') return 'sha256';
  const found = ERS_ALGORITHMS.find((a) => a === raw.toLowerCase());
  if (!found) throw new Error(`ERS_HASH_ALGORITHM должен быть одним из ${ERS_ALGORITHMS.join(', ')} / ERS_HASH_ALGORITHM must be one of ${ERS_ALGORITHMS.join(', ')}, got "${raw}"`);
  // Said at boot rather than by every evidence job failing later: the local test TSA stamps SHA-2 imprints only.
  if (found.startsWith('streebog') && !tsaUrl) {
    throw new Error(`ERS_HASH_ALGORITHM=${found} требует TSA_URL службы штампов времени, принимающей ГОСТ Р 34.11-2012 / needs TSA_URL of a TSA that accepts GOST R 34.11-2012 imprints (the local test TSA takes SHA-2 only)`);
  }
  return found;
}

export function archiveSettingsFrom(config: Pick<Config, 'dataDir' | 's3'>, env: NodeJS.ProcessEnv = process.env): ArchiveSettings {
  return {
    dataDir: config.dataDir,
    s3: config.s3,
    s3Prefix: env.ARCHIVE_S3_PREFIX || 'ocfl/',
    tsaUrl: env.TSA_URL || null,
    fixityMbPerMin: positive(env, 'FIXITY_MB_PER_MIN', 600),
    fixityIntervalMs: positive(env, 'FIXITY_INTERVAL_MINUTES', 24 * 60) * 60_000,
    renewDays: positive(env, 'ERS_RENEW_DAYS', 90),
    ersAlgorithm: ersAlgorithm(env.ERS_HASH_ALGORITHM, env.TSA_URL || null),
    ocr: env.ARCHIVE_OCR !== '0',
    objectLock: {
      days: env.ARCHIVE_S3_LOCK_DAYS ? positive(env, 'ARCHIVE_S3_LOCK_DAYS', 1) : 0,
      mode: env.ARCHIVE_S3_LOCK_MODE === 'GOVERNANCE' ? 'GOVERNANCE' : 'COMPLIANCE',
    },
    hashWorkers: env.ARCHIVE_HASH_WORKERS !== '0' && availableParallelism() > 1,
  };
}

export function configureArchive(config: Pick<Config, 'dataDir' | 's3'>, env: NodeJS.ProcessEnv = process.env): void {
  settings = archiveSettingsFrom(config, env);
}

export function archiveSettings(): ArchiveSettings {
  if (!settings) throw new Error('the archive is not configured: boot() calls configureArchive(config)');
  return settings;
}

/** The storage root for the current settings (tests boot several servers, each with its own DATA_DIR). */
export function archiveStore(): Promise<OcflStore> {
  const s = archiveSettings();
  const key = `${s.dataDir}|${s.s3?.endpoint ?? ''}|${s.s3?.bucket ?? ''}|${s.s3Prefix}`;
  if (!store || store.key !== key) store = { key, store: openOcflStore({ dataDir: s.dataDir, s3: s.s3, s3Prefix: s.s3Prefix, objectLock: s.objectLock }) };
  return store.store;
}
