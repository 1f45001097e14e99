// Starts a real `bin/kartoteka serve` process for a benchmark, on PGlite in a temp DATA_DIR or on PostgreSQL in a
// fresh schema, and cleans both up afterwards.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export const BENCH_PASSWORD = 'bench-password-123';
export const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export type Backend = 'pglite' | 'postgres';

export interface BenchServer {
  url: string;
  /** CPU seconds (user + system) the server process has used so far. */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

export async function startBenchServer(backend: Backend, extraEnv: NodeJS.ProcessEnv = {}): Promise<BenchServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kartoteka-bench-'));
  const schema = `bench_${process.pid}_${Date.now()}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    KARTOTEKA_DEMO_PASSWORD: BENCH_PASSWORD,
    KARTOTEKA_DEMO: '1',
    // The demo documents would leave packaging and file jobs running under the measured load.
    KARTOTEKA_DEMO_CONTENT: '0',
    PORT: '0',
    LOG_LEVEL: 'error',
    DATABASE_URL: backend === 'postgres' ? PG_URL : '',
    ...(backend === 'postgres' ? { DATABASE_SCHEMA: schema } : {}),
    ...extraEnv,
  };
  const { child, url } = await new Promise<{ child: ChildProcess; url: string }>((resolve, reject) => {
    // BENCH_NODE_ARGS passes flags such as --cpu-prof to the server process only (NODE_OPTIONS refuses them).
    const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const c = spawn(process.execPath, [...nodeArgs, 'bin/kartoteka', 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const on = (d: Buffer): void => {
      out += d.toString();
      const m = /listening on (http:\/\/localhost:\d+)/.exec(out);
      if (m?.[1]) resolve({ child: c, url: m[1].replace('localhost', '127.0.0.1') });
    };
    c.stdout.on('data', on);
    c.stderr.on('data', on);
    c.on('close', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
  return {
    url,
    cpuSeconds: () => (child.pid ? processCpuSeconds(child.pid) : 0),
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.on('close', r));
      fs.rmSync(dataDir, { recursive: true, force: true });
      if (backend === 'postgres') {
        const c = new pg.Client({ connectionString: PG_URL });
        await c.connect();
        await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await c.end();
      }
    },
  };
}

export async function benchLogin(url: string, login: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password: BENCH_PASSWORD }) });
  if (res.status !== 200) throw new Error(`bench login ${login} failed: ${res.status}`);
  const body = (await res.json()) as { csrfToken: string };
  return { cookie: res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; '), csrf: body.csrfToken };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

// Linux /proc accounting: utime and stime are fields 14 and 15 of /proc/<pid>/stat, in clock ticks (USER_HZ = 100
// on every Linux this runs on). CPU per operation stays meaningful when other work shares the machine, unlike
// throughput.
const TICKS_PER_SECOND = 100;

export function processCpuSeconds(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** CPU seconds of every PostgreSQL server process on this machine (backends, WAL writer, checkpointer...). */
export function postgresCpuSeconds(): number {
  let total = 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const comm = fs.readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
      if (comm === 'postgres' || comm.startsWith('postgres:')) total += processCpuSeconds(Number(entry));
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}
