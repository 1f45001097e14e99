// Starts the pieces of a Kartoteka process in order: database (migrated), blob store, job worker.
import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import { connectDatabase } from './db/connect.ts';
import { migrateLatest } from './db/migrate.ts';
import { createBlobStore } from './storage/index.ts';
import { JobWorker, type WorkerOptions } from './jobs/worker.ts';
import { LoginThrottle } from './auth/loginThrottle.ts';
import { ReceptionThrottle } from './reception/receptionThrottle.ts';
import type { AppServices } from './services.ts';
import './jobs/platformJobs.ts';
import './records/search/searchJobs.ts';
import './signatures/signatureJobs.ts';
import './autofill/autofillJobs.ts';
import './autofill/executorModel.ts';
import { closeOcr } from './autofill/ocrService.ts';
import './files/fileJobs.ts';
import './archive/packages/jobs.ts';
import './archive/purge.ts';
import { configureArchive } from './archive/packages/archiveConfig.ts';
import { scheduleAlgorithmRenewals } from './archive/packages/evidenceJobs.ts';
import { fileProcessor } from './files/fileProcessor.ts';

export interface BootOptions {
  /** Start an in-process worker (the embedded default); `npm run worker` processes pass false. */
  worker?: boolean;
  workerOptions?: WorkerOptions;
  /** Tests: keep PGlite in memory instead of DATA_DIR/db. */
  inMemory?: boolean;
  /** Tests: an in-memory PGlite starts from this dump of an already migrated database. */
  pgliteTemplate?: Blob | null;
}

export async function boot(config: Config, log: Logger, options: BootOptions = {}): Promise<AppServices & { shutdown(): Promise<void> }> {
  const db = await connectDatabase({
    databaseUrl: config.databaseUrl,
    schema: config.databaseSchema,
    pgliteDir: options.inMemory ? null : path.join(config.dataDir, 'db'),
    lockDir: options.inMemory ? null : config.dataDir,
    pgliteTemplate: options.pgliteTemplate ?? null,
    listenForChanges: { onError: (error) => log.warn({ err: error }, 'cache change listener: connection lost, caches bypassed until it is back') },
  });
  try {
    configureArchive(config);
    const applied = await migrateLatest(db.knex);
    if (applied.length > 0) log.info({ applied }, 'migrations applied');
    const knex = db.knex;
    const rehash = await scheduleAlgorithmRenewals(knex);
    if (rehash > 0) log.info({ batches: rehash }, 'evidence records in a superseded digest algorithm queued for hash-tree renewal');
    const blobs = await createBlobStore(
      { dataDir: config.dataDir, ...(config.s3 ? { s3: config.s3 } : {}) },
      {
        isHeld: async (sha256) => Boolean(await knex('blob_holds').where({ sha256 }).whereNull('released_at').first('id')),
      },
    );
    const wantWorker = options.worker ?? config.inProcessWorkers > 0;
    const worker = wantWorker ? new JobWorker(knex, blobs, log.child({ component: 'worker' }), { concurrency: Math.max(1, config.inProcessWorkers), ...options.workerOptions }) : null;
    const services: AppServices = { config, db, knex, blobs, log, worker, loginThrottle: new LoginThrottle(), receptionThrottle: new ReceptionThrottle(config.reception) };
    return {
      ...services,
      async shutdown() {
        await worker?.stop();
        await fileProcessor.close();
        await closeOcr();
        await db.close();
      },
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}
