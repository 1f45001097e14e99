import type { Knex } from 'knex';
import { defineJob } from '../../jobs/registry.ts';
import { enqueueJob } from '../../jobs/queue.ts';
import { createPostgresSearch } from '../../../search/index.ts';
import { buildSearchDocument, buildSearchDocuments } from './searchDocument.ts';

/** Asks for a card's search entry to be rebuilt after the current transaction commits. */
export async function reindexCard(trx: Knex.Transaction, orgId: string, cardId: string): Promise<void> {
  await enqueueJob(trx, { kind: 'search.index_card', orgId, payload: { cardId }, dedupeKey: cardId });
}

defineJob({
  kind: 'search.index_card',
  async handler(job) {
    const cardId = String(job.payload.cardId);
    if (!job.orgId) return;
    const orgId = job.orgId;
    await job.finish(async (trx) => {
      const engine = createPostgresSearch(trx);
      const doc = await buildSearchDocument(trx, orgId, cardId);
      if (doc) await engine.index([doc]);
      else await engine.remove(orgId, [cardId]);
    });
  },
  // Every registration enqueues one: at hundreds a second they are indexed a batch per transaction.
  batch: {
    size: 500,
    async run(trx, jobs) {
      const engine = createPostgresSearch(trx);
      const byOrg = new Map<string, string[]>();
      for (const job of jobs) if (job.orgId) byOrg.set(job.orgId, [...(byOrg.get(job.orgId) ?? []), String(job.payload.cardId)]);
      for (const [orgId, cardIds] of byOrg) {
        const docs = await buildSearchDocuments(trx, orgId, cardIds);
        if (docs.length > 0) await engine.index(docs);
        const found = new Set(docs.map((d) => d.id));
        const gone = cardIds.filter((id) => !found.has(id));
        if (gone.length > 0) await engine.remove(orgId, gone);
      }
    },
  },
});
