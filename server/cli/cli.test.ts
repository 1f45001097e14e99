import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { connectDatabase } from '../db/connect.ts';

// These tests drive the real command as a user would, on the embedded default (PGlite in DATA_DIR).
const BIN = fileURLToPath(new URL('../../bin/kartoteka', import.meta.url));
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kartoteka-cli-'));
const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', KARTOTEKA_DEMO_PASSWORD: 'cli-demo-password', LOG_LEVEL: 'warn', PORT: '0', WORKERS_IN_PROCESS: '1' };
const children: ChildProcess[] = [];

afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function run(args: string[], input?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdin.end(input ?? '');
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function startServer(): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let out = '';
    const onData = (d: Buffer): void => {
      out += d.toString();
      const m = /listening on (http:\/\/localhost:\d+)/.exec(out);
      if (m?.[1]) resolve({ child, url: m[1], output: () => out });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('close', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.on('close', () => resolve());
    child.kill('SIGTERM');
  });
}

describe('bin/kartoteka', () => {
  it('prints usage and refuses unknown commands', async () => {
    const res = await run(['nonsense']);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/неизвестная команда|unknown command/i);
  });

  it('serves the embedded default, seeds the demo once, and a second process on the same data refuses clearly', async () => {
    const server = await startServer();
    expect(server.output()).toMatch(/demo organisation was created/);
    expect(server.output()).not.toContain('cli-demo-password');
    const health = (await (await fetch(`${server.url}/api/health`)).json()) as { status: string };
    expect(health.status).toBe('ok');
    const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'clerk', password: 'cli-demo-password' }) });
    expect(login.status).toBe(200);

    const second = await run(['serve']);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/уже используется процессом/);
    expect(second.stderr).toMatch(/already in use by process/);
    expect(second.stderr).not.toMatch(/at .*\.ts:\d+/);
    await stop(server.child);
  }, 120_000);

  it('migrate, user add and audit verify work on the stopped data directory', async () => {
    const migrate = await run(['migrate']);
    expect(migrate.code, migrate.stderr).toBe(0);
    expect(migrate.stdout).toMatch(/pending: 0/);

    const add = await run(['user', 'add', 'petrova', '--name', 'Петрова Анна Ивановна', '--roles', 'clerk,executor', '--password-stdin'], 'a-very-long-password\n');
    expect(add.code, add.stderr).toBe(0);
    expect(add.stdout).toMatch(/petrova/);
    const badRole = await run(['user', 'add', 'x1', '--name', 'X', '--roles', 'emperor']);
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toMatch(/emperor/);

    const ok = await run(['audit', 'verify', '--json']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true });
  }, 120_000);

  it('audit verify exits 1 and names the entry after tampering', async () => {
    const db = await connectDatabase({ databaseUrl: null, pgliteDir: path.join(dataDir, 'db'), lockDir: dataDir });
    try {
      await db.knex.raw('ALTER TABLE audit_log DISABLE TRIGGER USER');
      const row = (await db.knex('audit_log').orderBy('id').offset(3).first('id', 'chain', 'seq')) as { id: number; chain: string; seq: number };
      await db.knex('audit_log').where({ id: row.id }).update({ payload: JSON.stringify({ forged: true }) });
      await db.knex.raw('ALTER TABLE audit_log ENABLE TRIGGER USER');
      const res = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
        // The lock is ours while we hold the database, so verify after closing it.
        void db.close().then(async () => resolve(await run(['audit', 'verify'])));
      });
      expect(res.code).toBe(1);
      expect(res.stdout).toMatch(new RegExp(`#${row.seq}\\] hash_mismatch`));
    } finally {
      await db.close().catch(() => undefined);
    }
  }, 120_000);
});
