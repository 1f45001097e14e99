import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ARTIFACTS_DIR, CLIENT_INDEX, REPO_ROOT } from './environment.ts';

export class E2eServerError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

export interface RunningServer {
  baseUrl: string;
  demoPassword: string;
  stop(): Promise<void>;
}

function newestSourceMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestSourceMtime(join(path, name))), stat.mtimeMs);
}

/**
 * Builds the client the way `npm run build` does when no build exists or the sources are newer
 * than it: a stale bundle would test yesterday's client.
 */
export function ensureClientBuilt(): void {
  if (existsSync(CLIENT_INDEX)) {
    const sources = ['client/src', 'client/index.html', 'client/vite.config.ts'].map((path) => join(REPO_ROOT, path));
    const newest = Math.max(...sources.map(newestSourceMtime));
    if (statSync(CLIENT_INDEX).mtimeMs >= newest) return;
  }
  const vite = join(REPO_ROOT, 'node_modules/vite/bin/vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--config', 'client/vite.config.ts'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new E2eServerError('E2E_CLIENT_BUILD_FAILED', `vite build exited with ${result.status}`);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function randomPassword(): string {
  return `e2e-${crypto.randomUUID()}`;
}

async function waitForHealth(baseUrl: string, child: ChildProcess, deadlineMs: number): Promise<void> {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new E2eServerError(
        'E2E_SERVER_EXITED',
        `server exited (${child.exitCode ?? child.signalCode}) before answering /api/health; see test-artifacts/e2e/server.log`,
      );
    }
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await sleep(250);
  }
  throw new E2eServerError('E2E_SERVER_TIMEOUT', `server did not become healthy in ${deadlineMs} ms`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // The server runs in its own process group (detached), so this reaches only what it started.
  process.kill(-child.pid, 'SIGTERM');
  const timedOut = await Promise.race([exited.then(() => false), sleep(15_000).then(() => true)]);
  if (timedOut) {
    process.kill(-child.pid, 'SIGKILL');
    await exited;
  }
}

/** `node bin/kartoteka serve` on a fresh data directory and a free port, as the API contract describes. */
export async function startServer(): Promise<RunningServer> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const dataDir = await mkdtemp(join(tmpdir(), 'kartoteka-e2e-'));
  const port = await freePort();
  const demoPassword = randomPassword();
  const log = createWriteStream(join(ARTIFACTS_DIR, 'server.log'));
  const child = spawn(process.execPath, ['bin/kartoteka', 'serve'], {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    // The suites build their own documents and count them: the demo organisation's documents stay out.
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), KARTOTEKA_DEMO_PASSWORD: demoPassword, KARTOTEKA_DEMO_CONTENT: '0' },
  });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });

  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopChild(child);
    log.end();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(baseUrl, child, 180_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, demoPassword, stop };
}
