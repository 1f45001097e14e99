import { Type } from '@sinclair/typebox';
import { defineRoute } from '../../http/route.ts';
import { PageSchema, decodeCursor, pageOf } from '../../http/pagination.ts';
import { AppError, notFound } from '../../http/problem.ts';
import { retryDeadJob, type JobRow } from '../../jobs/queue.ts';

const JobSchema = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  state: Type.String(),
  attempts: Type.Integer(),
  maxAttempts: Type.Integer(),
  lastError: Type.Union([Type.String(), Type.Null()]),
  runAt: Type.String({ format: 'date-time' }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

const presentJob = (j: JobRow) => ({
  id: j.id,
  kind: j.kind,
  state: j.state,
  attempts: j.attempts,
  maxAttempts: j.max_attempts,
  lastError: j.last_error,
  runAt: j.run_at.toISOString(),
  createdAt: j.created_at.toISOString(),
  updatedAt: j.updated_at.toISOString(),
});

defineRoute({
  operationId: 'listJobs',
  method: 'get',
  path: '/api/jobs',
  summary: 'Фоновые задания организации (по умолчанию — «мёртвые») / background jobs, dead ones by default',
  tags: ['jobs'],
  access: 'authenticated',
  permission: 'jobs.read',
  query: Type.Object({
    state: Type.Optional(Type.Union(['queued', 'running', 'done', 'dead'].map((s) => Type.Literal(s)), { default: 'dead' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
  }),
  success: { status: 200, description: 'Страница заданий', schema: PageSchema(JobSchema) },
  async handler(ctx) {
    const limit = ctx.query.limit ?? 50;
    const before = decodeCursor(ctx.query.cursor, 1);
    const rows = (await ctx.app
      .knex('jobs')
      .where({ org_id: ctx.actor.orgId, state: ctx.query.state ?? 'dead' })
      .modify((q) => {
        if (before) q.where('id', '<', before[0] as number);
      })
      .orderBy('id', 'desc')
      .limit(limit + 1)) as JobRow[];
    return pageOf(rows, limit, (j) => [j.id], presentJob);
  },
});

defineRoute({
  operationId: 'retryJob',
  method: 'post',
  path: '/api/jobs/:id/retry',
  summary: 'Перезапустить «мёртвое» задание / retry a dead job',
  tags: ['jobs'],
  access: 'authenticated',
  permission: 'jobs.manage',
  resource: 'job',
  params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
  success: { status: 200, description: 'Задание снова в очереди', schema: JobSchema },
  errors: ['JOB_NOT_RETRYABLE'],
  async handler(ctx) {
    const job = await ctx.write(async (unit) => {
      const existing = (await unit.scope.table('jobs').where('id', ctx.params.id).first()) as JobRow | undefined;
      if (!existing) throw notFound();
      if (existing.state !== 'dead') throw new AppError('JOB_NOT_RETRYABLE');
      const row = await retryDeadJob(unit.trx, existing.id);
      if (!row) throw new AppError('JOB_NOT_RETRYABLE');
      await unit.audit({ action: 'job.retried', objectType: 'job', objectId: String(existing.id), payload: { kind: existing.kind, lastError: existing.last_error } });
      return row;
    });
    return presentJob(job);
  },
});
