// A job kind with slots of its own (its definition's `concurrency`) runs that many jobs at once beside the worker's
// general slots, which the other kinds share.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/testServer.ts';
import { enqueueJob } from './queue.ts';
import { defineJob } from './registry.ts';
import { JobWorker } from './worker.ts';

let release!: () => void;
const gate = new Promise<void>((resolve) => (release = resolve));
const now = { waiting: 0, other: 0 };
const most = { waiting: 0, other: 0 };

async function hold(kind: 'waiting' | 'other'): Promise<void> {
  now[kind] += 1;
  most[kind] = Math.max(most[kind], now[kind]);
  await gate;
  now[kind] -= 1;
}

defineJob({ kind: 'test.own_slots', concurrency: 3, handler: () => hold('waiting') });
defineJob({ kind: 'test.shared_slots', handler: () => hold('other') });

describe('job worker slots per kind', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer();
  });
  afterAll(async () => srv?.close());

  it('runs up to a kind’s own count of its jobs beside the general slots', async () => {
    const orgId = ((await srv.rt.knex('organisations').first('id')) as { id: string }).id;
    for (let i = 0; i < 5; i++) await enqueueJob(srv.rt.knex, { kind: 'test.own_slots', orgId });
    for (let i = 0; i < 3; i++) await enqueueJob(srv.rt.knex, { kind: 'test.shared_slots', orgId });
    const worker = new JobWorker(srv.rt.knex, srv.rt.blobs, pino({ level: 'silent' }), { kinds: ['test.own_slots', 'test.shared_slots'], concurrency: 1 });
    const drained = worker.drain();
    await expect.poll(() => ({ ...now })).toEqual({ waiting: 3, other: 1 });
    release();
    expect(await drained).toBe(8);
    expect(most).toEqual({ waiting: 3, other: 1 });
    const states = (await srv.rt.knex('jobs').whereIn('kind', ['test.own_slots', 'test.shared_slots']).pluck('state')) as string[];
    expect(states.every((s) => s === 'done')).toBe(true);
  });
});
