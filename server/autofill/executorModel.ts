// The organisation's executor-suggestion model: trained from its own resolutions, updated incrementally by a
// job after each new resolution, persisted as JSON.
import type { Knex } from 'knex';
import { defineJob } from '../jobs/registry.ts';
import { enqueueJob } from '../jobs/queue.ts';
import type { CardToRoute, ExecutorModel, RoutedCard } from '../../ocr/index.ts';
import { ocrLibrary } from './ocrService.ts';

interface RoutedRow {
  card_id: string;
  kind: string;
  reg_date: string | null;
  summary: string;
  corr_name: string | null;
  corr_type: string | null;
  executor: string;
  department: string | null;
  resolution: string;
  resolution_id: string;
}

/** Top-level assignments: who the manager sent each card to, in which department, with which words. */
async function routedCards(db: Knex | Knex.Transaction, orgId: string, onlyUnlearned = false): Promise<(RoutedCard & { resolutionId: string })[]> {
  const rows = (await db('assignments as a')
    .join('resolutions as r', 'r.id', 'a.resolution_id')
    .join('cards as c', 'c.id', 'a.card_id')
    .leftJoin('correspondents as k', 'k.id', 'c.correspondent_id')
    .where({ 'a.org_id': orgId })
    .whereNull('a.parent_id')
    .whereNull('r.parent_assignment_id')
    .modify((q) => {
      if (onlyUnlearned) q.where('r.learned', false);
    })
    .orderBy('a.created_at')
    .select('c.id as card_id', 'c.kind', 'c.reg_date', 'c.summary', 'k.name as corr_name', 'k.type as corr_type', 'a.executor_staff_id as executor', 'a.executor_department_id as department', 'r.text as resolution', 'r.id as resolution_id')) as RoutedRow[];
  return rows.map((r) => ({
    id: r.card_id,
    registeredAt: r.reg_date,
    kind: r.kind,
    correspondent: r.corr_name,
    correspondentType: r.corr_type,
    subject: r.summary,
    summary: r.summary,
    department: r.department,
    executor: r.executor,
    resolution: r.resolution,
    resolutionId: r.resolution_id,
  }));
}

/** The stored model, or null when there is none or it was stored by an older version of the library. */
async function storedModel(db: Knex | Knex.Transaction, orgId: string): Promise<ExecutorModel | null> {
  const { ExecutorModel, OcrError } = await ocrLibrary();
  const row = (await db('executor_models').where({ org_id: orgId }).first('state')) as { state: unknown } | undefined;
  if (!row) return null;
  try {
    return ExecutorModel.fromJSON(typeof row.state === 'string' ? (JSON.parse(row.state) as unknown) : row.state);
  } catch (err) {
    if (err instanceof OcrError && err.code === 'OCR_MODEL_INVALID') return null;
    throw err;
  }
}

/** Models read for suggestions, per organisation, while their stored version is unchanged: building a model's
 * tables from thousands of cards takes a noticeable fraction of a second. Never handed to the learning job. */
const readCache = new Map<string, { version: string; model: ExecutorModel }>();
const READ_CACHE_SIZE = 32;

export async function loadExecutorModel(db: Knex | Knex.Transaction, orgId: string): Promise<ExecutorModel> {
  const row = (await db('executor_models').where({ org_id: orgId }).first('updated_at', 'trained')) as { updated_at: Date | string; trained: number } | undefined;
  const version = row ? `${new Date(row.updated_at).toISOString()}/${row.trained}` : null;
  const cached = readCache.get(orgId);
  if (version && cached?.version === version) return cached.model;
  const { ExecutorModel } = await ocrLibrary();
  // An outdated state is retrained from every resolution (the next learning job stores it).
  const model = row ? ((await storedModel(db, orgId)) ?? ExecutorModel.train(await routedCards(db, orgId))) : ExecutorModel.empty();
  if (version) {
    readCache.delete(orgId);
    readCache.set(orgId, { version, model });
    if (readCache.size > READ_CACHE_SIZE) readCache.delete(readCache.keys().next().value!);
  }
  return model;
}

async function saveModel(trx: Knex.Transaction, orgId: string, model: ExecutorModel): Promise<void> {
  const state = model.toJSON();
  await trx('executor_models').insert({ org_id: orgId, state: JSON.stringify(state), trained: state.trained, updated_at: new Date() }).onConflict('org_id').merge();
}

export async function learnFromResolution(trx: Knex.Transaction, orgId: string, cardId: string): Promise<void> {
  await enqueueJob(trx, { kind: 'executor.learn', orgId, payload: { cardId } });
}

defineJob({
  kind: 'executor.learn',
  async handler(job) {
    const orgId = job.orgId;
    if (!orgId) return;
    await job.finish(async (trx) => {
      // Serialise learners of one organisation: each reads and writes the whole model. Every job learns all
      // resolutions not learned yet (its own and any earlier ones), so each is learned exactly once.
      await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [`executor-model:${orgId}`]);
      const fresh = await routedCards(trx, orgId, true);
      if (fresh.length === 0) return;
      const { ExecutorModel } = await ocrLibrary();
      const stored = await storedModel(trx, orgId);
      // No model yet, or one stored by an older version of the library: learn every resolution again.
      const model = stored ?? ExecutorModel.train(await routedCards(trx, orgId));
      if (stored) for (const card of fresh) model.update(card);
      await saveModel(trx, orgId, model);
      // Only what was read: a resolution committed meanwhile is left for the next job.
      await trx('resolutions').whereIn('id', [...new Set(fresh.map((c) => c.resolutionId))]).update({ learned: true });
    });
  },
});

export function cardToRoute(card: { kind: string; summary: string; regDate: string | null }, correspondent: { name: string; type: string } | null): CardToRoute {
  return { kind: card.kind, registeredAt: card.regDate, correspondent: correspondent?.name ?? null, correspondentType: correspondent?.type ?? null, subject: card.summary, summary: card.summary };
}
