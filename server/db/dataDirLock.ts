// PGlite is a single-process database: two processes writing one data directory silently lose rows.
// A lock file holding the owner's pid stops the second process with a clear message.
import fs from 'node:fs';
import path from 'node:path';

export class DataDirLockedError extends Error {
  readonly code = 'DATA_DIR_LOCKED';
  constructor(readonly lockFile: string, readonly ownerPid: number) {
    super(
      `Каталог данных уже используется процессом ${ownerPid} (${lockFile}). Встроенная база PGlite допускает только один процесс: ` +
        `остановите его или задайте другой DATA_DIR; для нескольких процессов используйте PostgreSQL (DATABASE_URL).\n` +
        `The data directory is already in use by process ${ownerPid} (${lockFile}). The embedded PGlite database allows one process only: ` +
        `stop it or choose another DATA_DIR; use PostgreSQL (DATABASE_URL) to run several processes.`,
    );
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface DirLock {
  release(): void;
}

const heldHere = new Set<string>();

export function lockDataDir(dir: string): DirLock {
  fs.mkdirSync(dir, { recursive: true });
  const lockFile = path.join(dir, 'kartoteka.lock');
  if (heldHere.has(lockFile)) throw new DataDirLockedError(lockFile, process.pid);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = fs.openSync(lockFile, 'wx');
      fs.writeSync(fd, `${process.pid}\n`);
      fs.fsyncSync(fd);
      fs.closeSync(fd);
      heldHere.add(lockFile);
      let released = false;
      const release = (): void => {
        if (released) return;
        released = true;
        heldHere.delete(lockFile);
        try {
          if (fs.readFileSync(lockFile, 'utf8').trim() === String(process.pid)) fs.unlinkSync(lockFile);
        } catch {
          // already gone
        }
      };
      process.once('exit', release);
      return { release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number.parseInt(fs.readFileSync(lockFile, 'utf8').trim(), 10);
      if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) {
        throw new DataDirLockedError(lockFile, owner);
      }
      // The owner died without cleaning up: the lock is stale.
      fs.rmSync(lockFile, { force: true });
    }
  }
  throw new DataDirLockedError(lockFile, -1);
}
