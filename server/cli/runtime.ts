import { loadConfig, type Config } from '../config.ts';
import { createLogger } from '../logger.ts';
import { boot, type BootOptions } from '../boot.ts';
import { DataDirLockedError } from '../db/dataDirLock.ts';

export type Runtime = Awaited<ReturnType<typeof boot>>;

/** Boots for a CLI command, turning the common start-up failures into a clear message and exit code 1. */
export async function withRuntime(options: BootOptions & { logLevel?: string }, work: (rt: Runtime, config: Config) => Promise<number>): Promise<number> {
  const config = loadConfig();
  const log = createLogger(options.logLevel ?? process.env.LOG_LEVEL ?? 'warn');
  let rt: Runtime;
  try {
    rt = await boot(config, log, options);
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
  try {
    return await work(rt, config);
  } finally {
    await rt.shutdown();
  }
}
