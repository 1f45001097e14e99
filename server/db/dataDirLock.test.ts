import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from './dataDirLock.ts';

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'kartoteka-lock-'));
}

describe('data directory lock', () => {
  it('refuses a second holder in the same process and frees on release', () => {
    const dir = tmp();
    const lock = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    lock.release();
    lockDataDir(dir).release();
  });

  it('refuses while another live process holds it', async () => {
    const dir = tmp();
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)']);
    fs.writeFileSync(path.join(dir, 'kartoteka.lock'), `${child.pid}\n`);
    try {
      expect(() => lockDataDir(dir)).toThrow(/already in use by process/);
    } finally {
      child.kill();
    }
  });

  it('takes over a stale lock left by a dead process', async () => {
    const dir = tmp();
    const child = spawn(process.execPath, ['-e', '0']);
    await new Promise((resolve) => child.on('close', resolve));
    fs.writeFileSync(path.join(dir, 'kartoteka.lock'), `${child.pid}\n`);
    const lock = lockDataDir(dir);
    expect(fs.readFileSync(path.join(dir, 'kartoteka.lock'), 'utf8').trim()).toBe(String(process.pid));
    lock.release();
    expect(fs.existsSync(path.join(dir, 'kartoteka.lock'))).toBe(false);
  });
});
