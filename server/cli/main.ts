// Subcommand dispatcher for bin/kartoteka. Each command lives in its own module and is loaded
// lazily so that `kartoteka pdfa check` does not pay for starting the database.

export type Command = (argv: string[]) => Promise<number | void>;

interface CommandEntry {
  summary: string;
  load: () => Promise<Command>;
}

const commands: Record<string, CommandEntry> = {
  serve: {
    summary: 'start the server (npm start)',
    load: async () => (await import('./commands/serve.ts')).main,
  },
  migrate: {
    summary: 'apply database migrations',
    load: async () => (await import('./commands/migrate.ts')).main,
  },
  worker: {
    summary: 'run a job worker process (PostgreSQL)',
    load: async () => (await import('./commands/worker.ts')).main,
  },
  audit: {
    summary: 'audit verify [--json]: check the audit hash chains',
    load: async () => (await import('./commands/audit.ts')).main,
  },
  user: {
    summary: 'user add <login> --name … --roles …',
    load: async () => (await import('./commands/user.ts')).main,
  },
  verify: {
    summary: 'verify electronic signatures (CMS/CAdES/PAdES)',
    load: async () => (await import('../../signature/cli.ts')).main,
  },
  extract: {
    summary: 'OCR and extract card fields from scans',
    load: async () => (await import('../../ocr/cli.ts')).extractMain,
  },
  'suggest-executor': {
    summary: 'suggest executors from the resolution history',
    load: async () => (await import('../../ocr/cli.ts')).suggestExecutorMain,
  },
  pdfa: {
    summary: 'PDF/A tools: pdfa check <file> [--json]',
    load: async () => (await import('../../archive/cli.ts')).pdfaMain,
  },
  archive: {
    summary: 'archive tools: archive verify <package> [--json]',
    load: async () => (await import('../../archive/cli.ts')).archiveMain,
  },
};

export function registerCommand(name: string, entry: CommandEntry): void {
  commands[name] = entry;
}

function usage(): string {
  const lines = Object.entries(commands)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, c]) => `  ${name.padEnd(18)} ${c.summary}`);
  return `Использование / usage: kartoteka <command> [options]\n\n${lines.join('\n')}\n`;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  const entry = commands[name];
  if (!entry) {
    process.stderr.write(`Неизвестная команда / unknown command: ${name}\n\n${usage()}`);
    return 2;
  }
  const command = await entry.load();
  try {
    const code = await command(rest);
    return typeof code === 'number' ? code : 0;
  } catch (error) {
    // Usage mistakes and refusals get a message, never a stack trace.
    if (error && typeof error === 'object' && 'code' in error && typeof (error as { code: unknown }).code === 'string') {
      const e = error as Error & { code: string };
      process.stderr.write(`${e.message}\n`);
      return e.code === 'CLI_USAGE' ? 2 : 1;
    }
    throw error;
  }
}
