import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {
  readonly code = 'CLI_USAGE';
}

/** node:util parseArgs with errors turned into a usage message instead of a stack trace. */
export function parse<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T, allowPositionals = true) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
