// Writes one benchmark's results into its own section of BENCHMARKS.md, with date, machine and command,
// replacing the previous figures of that benchmark only.
import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

const FILE = fileURLToPath(new URL('../BENCHMARKS.md', import.meta.url));

export function machineLine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.platform()} ${os.release()}, Node ${process.version}`;
}

export function updateBenchmarks(id: string, title: string, command: string, body: string): void {
  const start = `<!-- bench:${id}:start -->`;
  const end = `<!-- bench:${id}:end -->`;
  const section = [
    start,
    `## ${title}`,
    '',
    `- Date: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    `- Machine: ${machineLine()}`,
    `- Command: \`${command}\``,
    '',
    body,
    end,
  ].join('\n');
  let text = fs.existsSync(FILE) ? fs.readFileSync(FILE, 'utf8') : '# Benchmarks\n\nEvery figure here is produced by a script in `bench/`; rerun it to refresh its section.\n';
  const re = new RegExp(`${start}[\\s\\S]*?${end}`);
  text = re.test(text) ? text.replace(re, section) : `${text.trimEnd()}\n\n${section}\n`;
  fs.writeFileSync(FILE, text);
}
