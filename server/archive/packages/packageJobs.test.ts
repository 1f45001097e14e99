// The packaging job records its package row while it still holds the object's lock, from the row as it is then:
// another writer of the object (evidence, renewal, destruction) that finished in between would otherwise have its
// version entry dropped, or a newer current version overwritten by an older one. And a card destroyed while the job
// waited for the lock is not packaged again over its destruction version.
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobDefinition } from '../../jobs/registry.ts';
import { startTestServer, type TestServer } from '../../testing/testServer.ts';
import type { PackageVersionEntry } from '../../models/ArchivePackage.ts';
import { withObjectLocks } from './objectLock.ts';

interface Row {
  id: string;
  ocfl_id: string;
  status: string;
  current_version: number;
  versions: PackageVersionEntry[];
}

interface QueuedJob {
  id: number;
  kind: string;
  org_id: string;
  payload: { packageId: string };
}

describe('archive.package_card and other writers of the object', () => {
  let srv: TestServer;
  /** Runs the job's handler as a worker would, with `finish` standing in for the worker's. */
  const runPackagingJob = (job: QueuedJob, finish: (work: (trx: Knex.Transaction) => Promise<void>) => Promise<void>): Promise<void> =>
    jobDefinition('archive.package_card')!.handler({
      id: job.id,
      kind: job.kind,
      orgId: job.org_id,
      payload: job.payload,
      attempt: 1,
      knex: srv.rt.knex,
      blobs: srv.rt.blobs,
      signal: new AbortController().signal,
      finish,
    });
  beforeAll(async () => {
    srv = await startTestServer();
  });
  afterAll(async () => {
    await srv?.close();
  });

  it('records the package before another writer of the object may start, keeping entries recorded since the job read the row', async () => {
    const clerk = await srv.login('clerk');
    const archivist = await srv.login('archivist');
    const file = (await clerk.upload(new TextEncoder().encode('Письмо о ремонте дороги'), 'письмо.txt')).body.id;
    const card = await clerk.post<{ id: string; version: number }>('/api/cards', { kind: 'incoming', register: true, summary: 'О ремонте дороги', fileIds: [file] });
    expect(card.status).toBe(201);
    const filed = await clerk.post<{ version: number }>(`/api/cards/${card.body.id}/file-in-case`, { caseIndex: '01-10' }, { 'if-match': `"v${card.body.version}"` });
    expect(filed.status).toBe(200);
    expect((await archivist.post(`/api/cards/${card.body.id}/archive`, {}, { 'if-match': `"v${filed.body.version}"` })).status).toBe(202);

    const { knex } = srv.rt;
    const job = (await knex('jobs').where({ kind: 'archive.package_card', state: 'queued' }).first()) as QueuedJob;
    const row = (await knex('archive_packages').where({ id: job.payload.packageId }).first()) as Row;
    // Recorded by another writer after the job read the row (a stand-in entry: the job must not drop it).
    const other: PackageVersionEntry = { version: 'v0', created: '2026-11-24T00:00:00Z', message: 'another writer', anchor: { sha512: 'a', sha256: 'b', 'streebog-256': 'c' } };
    const order: string[] = [];
    let next: Promise<void> | undefined;
    await runPackagingJob(job, async (work) => {
      await knex('archive_packages').where({ id: row.id }).update({ versions: JSON.stringify([other]) });
      // The next writer asks for the object while this job records what it wrote: it must wait until the record is made.
      next = withObjectLocks([row.ocfl_id], async () => {
        order.push('next writer');
      });
      await knex.transaction(work);
        order.push('recorded');
    });
    await next;
    expect(order).toEqual(['recorded', 'next writer']);
    const after = (await knex('archive_packages').where({ id: row.id }).first()) as Row;
    expect(after.status).toBe('packaged');
    expect(after.current_version).toBe(1);
    expect(after.versions.map((v) => v.version)).toEqual(['v0', 'v1']);
  });

  it('writes nothing for a card destroyed while the job waited for the object', async () => {
    const clerk = await srv.login('clerk');
    const archivist = await srv.login('archivist');
    const file = (await clerk.upload(new TextEncoder().encode('Письмо о сносе сарая'), 'письмо.txt')).body.id;
    const card = await clerk.post<{ id: string; version: number }>('/api/cards', { kind: 'incoming', register: true, summary: 'О сносе сарая', fileIds: [file] });
    const filed = await clerk.post<{ version: number }>(`/api/cards/${card.body.id}/file-in-case`, { caseIndex: '01-10' }, { 'if-match': `"v${card.body.version}"` });
    expect((await archivist.post(`/api/cards/${card.body.id}/archive`, {}, { 'if-match': `"v${filed.body.version}"` })).status).toBe(202);

    const { knex } = srv.rt;
    const row = (await knex('archive_packages').where({ object_id: card.body.id }).first()) as Row;
    const job = (await knex('jobs').where({ kind: 'archive.package_card', state: 'queued' }).whereRaw("payload->>'packageId' = ?", [row.id]).first()) as QueuedJob;
    let finished = false;
    let running: Promise<void> | undefined;
    // Another writer holds the object; the job reads the row (not yet destroyed) and waits; the destruction is marked.
    await withObjectLocks([row.ocfl_id], async () => {
      running = runPackagingJob(job, async (work) => {
        finished = true;
        await knex.transaction(work);
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      await knex('archive_packages').where({ id: row.id }).update({ destroyed_at: knex.fn.now() });
    });
    await running;
    expect(finished).toBe(false);
    const after = (await knex('archive_packages').where({ id: row.id }).first()) as Row;
    expect(after.status).not.toBe('packaged');
    expect(after.versions).toEqual([]);
  });
});
