// Registration throughput: 64 concurrent clients register incoming letters into ONE journal over HTTP against a
// real `bin/kartoteka serve` process, then the numbers they got are checked for duplicates and gaps.
//   npx tsx bench/registration.ts [--seconds 15] [--clients 64] [--backend pglite|postgres|both]
import { parseArgs } from 'node:util';
import { benchLogin, percentile as pct, postgresCpuSeconds, startBenchServer, type Backend } from './serverProcess.ts';
import { updateBenchmarks } from './report.ts';
import { LoadClient } from './httpClient.ts';

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '15' }, clients: { type: 'string', default: '64' }, backend: { type: 'string', default: 'both' } },
});
const SECONDS = Number(values.seconds);
const CLIENTS = Number(values.clients);

async function run(backend: Backend): Promise<string> {
  const server = await startBenchServer(backend);
  const url = server.url;
  try {
    const admin = await benchLogin(url, 'admin');
    const adminBody = { csrfToken: admin.csrf };
    const adminCookie = admin.cookie;
    const journal = (await (
      await fetch(`${url}/api/journals`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: adminCookie, 'x-csrf-token': adminBody.csrfToken },
        body: JSON.stringify({ kind: 'incoming', name: 'Нагрузочный журнал', prefix: 'Б', numberTemplate: '{prefix}-{seq}' }),
      })
    ).json()) as { id: string };
    const sessions = await Promise.all(Array.from({ length: CLIENTS }, () => benchLogin(url, 'clerk')));
    const client = new LoadClient(url, CLIENTS);
    const latencies: number[] = [];
    const numbers: number[] = [];
    let errors = 0;
    const deadline = performance.now() + SECONDS * 1000;
    const started = performance.now();
    const cpu0 = { server: server.cpuSeconds(), pg: postgresCpuSeconds(), client: process.cpuUsage() };
    await Promise.all(
      sessions.map(async (s, c) => {
        let i = 0;
        while (performance.now() < deadline) {
          const t = performance.now();
          const res = await client.request(
            'POST',
            '/api/cards',
            { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf },
            JSON.stringify({ kind: 'incoming', journalId: journal.id, register: true, summary: `О рассмотрении обращения ${c}-${i}`, outNumber: `${c}/${i}` }),
          );
          const body = JSON.parse(res.body) as { regNumber?: string };
          latencies.push(performance.now() - t);
          if (res.status === 201 && body.regNumber) numbers.push(Number(body.regNumber.split('-')[1]));
          else errors += 1;
          i += 1;
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    const clientCpu = process.cpuUsage(cpu0.client);
    client.close();
    // Background jobs the registrations enqueued (search indexing) still run after the clients stop; their CPU
    // belongs to the registrations, so it is counted until the queue is empty.
    await waitForIdleQueue(url, adminCookie);
    const perReg = (seconds: number): string => (numbers.length ? ((seconds * 1000) / numbers.length).toFixed(2) : '–');
    const cpu = {
      server: perReg(server.cpuSeconds() - cpu0.server),
      pg: backend === 'postgres' ? perReg(postgresCpuSeconds() - cpu0.pg) : '–',
      client: perReg((clientCpu.user + clientCpu.system) / 1e6),
    };
    latencies.sort((a, b) => a - b);
    numbers.sort((a, b) => a - b);
    const duplicates = numbers.length - new Set(numbers).size;
    const gaps = numbers.length === 0 ? 0 : (numbers[numbers.length - 1] as number) - numbers.length - duplicates;
    return `| ${backend} | ${CLIENTS} | ${(numbers.length / elapsed).toFixed(0)} | ${pct(latencies, 50).toFixed(1)} | ${pct(latencies, 99).toFixed(1)} | ${numbers.length} | ${errors} | ${duplicates} | ${gaps} | ${cpu.server} | ${cpu.pg} | ${cpu.client} |`;
  } finally {
    await server.stop();
  }
}

/** Waits until the server has no queued or running job left (up to a minute). */
async function waitForIdleQueue(url: string, cookie: string): Promise<void> {
  for (let i = 0; i < 600; i += 1) {
    let busy = false;
    for (const state of ['queued', 'running']) {
      const res = await fetch(`${url}/api/jobs?state=${state}&limit=1`, { headers: { cookie } });
      if (!res.ok) throw new Error(`jobs: ${res.status}`);
      busy ||= ((await res.json()) as { items: unknown[] }).items.length > 0;
    }
    if (!busy) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const backends: ('pglite' | 'postgres')[] = values.backend === 'both' ? ['pglite', 'postgres'] : [values.backend as 'pglite' | 'postgres'];
const rows: string[] = [];
for (const b of backends) rows.push(await run(b));
const table = [
  `${CLIENTS} concurrent HTTP/1.1 keep-alive clients (session + CSRF; node:http, not fetch, to keep the load generator's CPU low), each registering incoming letters into one journal for ${SECONDS} s; numbers checked afterwards.`,
  '',
  'CPU columns: milliseconds of CPU per registration of the server process (including the search indexing it enqueued, counted',
  'until its job queue is empty), of all PostgreSQL processes, and of the load generator; they stay meaningful when other work',
  'shares the machine, while registrations/s and latencies do not.',
  '',
  '| backend | clients | registrations/s | p50 ms | p99 ms | registered | errors | duplicate numbers | gaps | server CPU ms | PostgreSQL CPU ms | client CPU ms |',
  '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ...rows,
].join('\n');
console.log(table);
updateBenchmarks('registration', 'Registration throughput (bench/registration.ts)', `npx tsx bench/registration.ts --seconds ${SECONDS} --clients ${CLIENTS} --backend ${values.backend}`, table);
