import { withRuntime } from '../runtime.ts';
import { parse } from '../args.ts';

/** A separate worker process (PostgreSQL): claims jobs until SIGTERM, or until the queue is empty with --drain. */
export async function main(argv: string[]): Promise<number> {
  const { values } = parse(argv, { concurrency: { type: 'string' }, drain: { type: 'boolean' }, 'poll-ms': { type: 'string' } }, false);
  if (!process.env.DATABASE_URL) {
    process.stderr.write(
      'Отдельные процессы-обработчики работают только с PostgreSQL (DATABASE_URL); встроенный сервер уже выполняет задания сам.\n' +
        'Separate workers need PostgreSQL (DATABASE_URL); the embedded server already runs jobs in-process.\n',
    );
    return 1;
  }
  const concurrency = Number(values.concurrency ?? '2');
  const pollMs = Number(values['poll-ms'] ?? '500');
  return withRuntime({ worker: true, workerOptions: { concurrency, pollMs }, logLevel: process.env.LOG_LEVEL ?? 'info' }, async (rt) => {
    const worker = rt.worker;
    if (!worker) return 1;
    if (values.drain) {
      const n = await worker.drain();
      process.stdout.write(`${JSON.stringify({ worker: worker.id, processed: n })}\n`);
      return 0;
    }
    worker.start();
    process.stdout.write(`worker ${worker.id} started\n`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    return 0;
  });
}
