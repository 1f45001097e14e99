import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import type { Database } from './db/connect.ts';
import type { BlobStore } from './storage/index.ts';
import type { JobWorker } from './jobs/worker.ts';
import type { LoginThrottle } from './auth/loginThrottle.ts';
import type { ReceptionThrottle } from './reception/receptionThrottle.ts';

/** What a running Kartoteka holds: one of each, created at start by server/boot.ts. */
export interface AppServices {
  config: Config;
  db: Database;
  knex: Knex;
  blobs: BlobStore;
  log: Logger;
  worker: JobWorker | null;
  loginThrottle: LoginThrottle;
  receptionThrottle: ReceptionThrottle;
}
