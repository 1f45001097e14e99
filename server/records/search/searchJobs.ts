import type { Knex } from 'knex';
import { defineJob } from '../../jobs/registry.ts';
import { enqueueJob } from '../../jobs/queue.ts';
import { createPostgresSearch } from '../../../search/index.ts';
import { buildSearchDocument } from './searchDocument.ts';

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
});
