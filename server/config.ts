// Configuration comes from environment variables only; every value has an embedded default so that
// `npm start` on a fresh clone needs nothing else.
import path from 'node:path';

import type { S3Config } from './storage/index.ts';

export type { S3Config };

export interface Config {
  dataDir: string;
  port: number;
  host: string;
  databaseUrl: string | null;
  databaseSchema: string | null;
  s3: S3Config | null;
  demoPassword: string | null;
  seedDemo: boolean;
  /** With seedDemo: also the demo organisation's documents (server/demo/CONTEXT.md); off for suites that want empty lists */
  seedDemoContent: boolean;
  inProcessWorkers: number;
  session: { idleMinutes: number; absoluteHours: number; secureCookies: boolean };
  login: { maxFailures: number; lockMinutes: number };
  limits: { jsonBodyBytes: number; uploadBytes: number };
  /** internet reception: per-address limits per hour (in-process, see server/reception/receptionThrottle.ts) */
  reception: { submissionsPerHour: number; wrongCodesPerHour: number };
  logLevel: string;
}

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`${name} должно быть целым неотрицательным числом / ${name} must be a non-negative integer, got "${raw}"`);
  }
  return value;
}

function s3From(env: NodeJS.ProcessEnv): S3Config | null {
  const endpoint = env.S3_ENDPOINT;
  if (!endpoint) return null;
  const missing = ['S3_BUCKET', 'S3_ACCESS_KEY', 'S3_SECRET_KEY'].filter((k) => !env[k]);
  if (missing.length > 0) {
    throw new Error(`S3_ENDPOINT задан, но не заданы / S3_ENDPOINT is set but missing: ${missing.join(', ')}`);
  }
  return {
    endpoint,
    bucket: env.S3_BUCKET as string,
    accessKey: env.S3_ACCESS_KEY as string,
    secretKey: env.S3_SECRET_KEY as string,
    ...(env.S3_REGION ? { region: env.S3_REGION } : {}),
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = env.DATABASE_URL || null;
  return {
    dataDir: path.resolve(env.DATA_DIR || './data'),
    port: intFrom(env, 'PORT', 3000),
    host: env.HOST || '0.0.0.0',
    databaseUrl,
    databaseSchema: env.DATABASE_SCHEMA || null,
    s3: s3From(env),
    demoPassword: env.KARTOTEKA_DEMO_PASSWORD || null,
    // The demo organisation is for the embedded default; a production PostgreSQL stays empty unless asked.
    seedDemo: env.KARTOTEKA_DEMO ? env.KARTOTEKA_DEMO !== '0' : databaseUrl === null,
    seedDemoContent: env.KARTOTEKA_DEMO_CONTENT !== '0',
    inProcessWorkers: intFrom(env, 'WORKERS_IN_PROCESS', 1),
    session: {
      idleMinutes: intFrom(env, 'SESSION_IDLE_MINUTES', 30),
      absoluteHours: intFrom(env, 'SESSION_ABSOLUTE_HOURS', 12),
      secureCookies: env.COOKIE_SECURE === '1',
    },
    login: {
      maxFailures: intFrom(env, 'LOGIN_MAX_FAILURES', 5),
      lockMinutes: intFrom(env, 'LOGIN_LOCK_MINUTES', 15),
    },
    limits: {
      jsonBodyBytes: intFrom(env, 'MAX_JSON_BYTES', 1024 * 1024),
      uploadBytes: intFrom(env, 'MAX_UPLOAD_BYTES', 100 * 1024 * 1024),
    },
    reception: {
      submissionsPerHour: intFrom(env, 'RECEPTION_SUBMISSIONS_PER_HOUR', 10),
      wrongCodesPerHour: intFrom(env, 'RECEPTION_WRONG_CODES_PER_HOUR', 20),
    },
    logLevel: env.LOG_LEVEL || 'info',
  };
}
