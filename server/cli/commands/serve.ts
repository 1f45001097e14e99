import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Server } from 'node:http';
import cluster from 'node:cluster';
import { loadConfig } from '../../config.ts';
import { createLogger } from '../../logger.ts';
import { boot } from '../../boot.ts';
import { DataDirLockedError } from '../../db/dataDirLock.ts';
import { createHttpApp } from '../../http/app.ts';
import { CLIENT_DIST } from '../../http/staticClient.ts';
import { seedDemoOnFirstStart } from '../../demo/firstStart.ts';
import { parse } from '../args.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function buildClientIfMissing(): void {
  if (fs.existsSync(path.join(CLIENT_DIST, 'index.html'))) return;
  if (!fs.existsSync(path.join(ROOT, 'client', 'vite.config.ts'))) return;
  process.stdout.write('Сборка клиента / building the client (first start)…\n');
  const vite = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--config', 'client/vite.config.ts', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) process.stderr.write('Клиент не собран / client build failed; the API still runs\n');
}

/**
 * WEB_CONCURRENCY > 1 on PostgreSQL: the primary applies migrations and seeds once, then forks that many HTTP
 * processes sharing the port (node:cluster). One process uses one core for request handling; PGlite stays single-process.
 */
async function runCluster(processes: number): Promise<number> {
  const config = loadConfig();
  const rt = await boot(config, createLogger(config.logLevel), { worker: false });
  if (config.seedDemo) {
    const credentials = await seedDemoOnFirstStart(rt, config.demoPassword, { content: config.seedDemoContent });
    if (credentials) process.stdout.write(credentials);
  }
  await rt.shutdown();
  buildClientIfMissing();
  for (let i = 0; i < processes; i += 1) cluster.fork();
  let stopping = false;
  cluster.on('exit', (worker, code) => {
    if (!stopping) {
      process.stderr.write(`HTTP process ${worker.process.pid} exited (${code}); starting another\n`);
      cluster.fork();
    }
  });
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      stopping = true;
      const workers = Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);
      let left = workers.length;
      if (left === 0) resolve();
      for (const w of workers) {
        w.once('exit', () => {
          left -= 1;
          if (left === 0) resolve();
        });
        w.kill('SIGTERM');
      }
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  parse(argv, {}, false);
  const config = loadConfig();
  const processes = Number(process.env.WEB_CONCURRENCY || '1');
  if (cluster.isPrimary && processes > 1) {
    if (config.databaseUrl) return runCluster(processes);
    process.stderr.write('WEB_CONCURRENCY > 1 требует PostgreSQL (DATABASE_URL); запускается один процесс / needs PostgreSQL; starting one process\n');
  }
  const log = createLogger(config.logLevel);
  let rt: Awaited<ReturnType<typeof boot>>;
  try {
    rt = await boot(config, log);
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
  if (config.seedDemo && cluster.isPrimary) {
    const credentials = await seedDemoOnFirstStart(rt, config.demoPassword, { content: config.seedDemoContent });
    if (credentials) process.stdout.write(credentials);
  }
  if (cluster.isPrimary) buildClientIfMissing();
  const app = createHttpApp(rt);
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(config.port, config.host, () => resolve(s));
  });
  server.requestTimeout = 15 * 60_000;
  rt.worker?.start();
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  process.stdout.write(`Картотека слушает / Kartoteka listening on http://localhost:${port} (${rt.db.kind}, blobs: ${rt.blobs.kind})\n`);
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.stdout.write('Остановка / shutting down…\n');
      server.close(() => resolve());
      server.closeAllConnections();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await rt.shutdown();
  // A cluster worker keeps its IPC channel to the primary open, which would keep it alive after shutdown.
  if (cluster.isWorker) cluster.worker?.disconnect();
  return 0;
}
