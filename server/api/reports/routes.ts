import { Type } from '@sinclair/typebox';
import { defineRoute } from '../../http/route.ts';
import { AppError } from '../../http/problem.ts';
import { IsoDateSchema } from '../cards/schema.ts';
import { DISCIPLINE_METRICS, disciplineDrillDown, disciplineReport, type DisciplineMetric } from '../../records/reports/discipline.ts';
import { disciplinePdf, disciplineXlsx } from '../../records/reports/disciplineExport.ts';
import { contentDisposition } from '../../http/safeFileName.ts';
import { today } from '../../records/today.ts';
import { appealsReport } from '../../records/reports/appealsReport.ts';
import { appealsXlsx } from '../../records/reports/appealsExport.ts';
import { APPEAL_RESULTS } from '../../records/appeals/appealResults.ts';

const RowSchema = Type.Object({
  key: Type.Union([Type.String(), Type.Null()]),
  name: Type.String(),
  assigned: Type.Integer(),
  doneOnTime: Type.Integer(),
  doneLate: Type.Integer(),
  overdueOpen: Type.Integer(),
  inProgress: Type.Integer(),
  onTimePercent: Type.Union([Type.Number(), Type.Null()]),
});

const GroupBy = Type.Union([Type.Literal('department'), Type.Literal('executor')], { default: 'department' });

defineRoute({
  operationId: 'disciplineReport',
  method: 'get',
  path: '/api/reports/discipline',
  summary: 'Исполнительская дисциплина: поручения со сроком в периоде; format=json|xlsx|pdf / executive discipline report',
  tags: ['reports'],
  access: 'authenticated',
  permission: 'reports.read',
  query: Type.Object({
    from: IsoDateSchema,
    to: IsoDateSchema,
    groupBy: Type.Optional(GroupBy),
    format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('xlsx'), Type.Literal('pdf')], { default: 'json' })),
  }),
  success: { status: 200, description: 'Отчёт', schema: Type.Object({ from: IsoDateSchema, to: IsoDateSchema, groupBy: Type.String(), rows: Type.Array(RowSchema), total: RowSchema }) },
  async handler(ctx) {
    const { from, to } = ctx.query;
    if (to < from) throw new AppError('VALIDATION_FAILED', { ru: 'Конец периода раньше начала', en: 'The period ends before it starts' });
    const groupBy = ctx.query.groupBy ?? 'department';
    const report = await disciplineReport(ctx.app.knex, { orgId: ctx.actor.orgId, from, to, today: today(), groupBy });
    const title = `Исполнительская дисциплина за период с ${from} по ${to}`;
    if (ctx.query.format === 'xlsx') {
      ctx.koa.type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      ctx.koa.set('Content-Disposition', contentDisposition('attachment', `Исполнительская дисциплина ${from}—${to}.xlsx`));
      ctx.koa.body = await disciplineXlsx(title, report.rows, report.total);
      return undefined;
    }
    if (ctx.query.format === 'pdf') {
      const org = (await ctx.app.knex('organisations').where({ id: ctx.actor.orgId }).first('name')) as { name: string };
      ctx.koa.type = 'application/pdf';
      ctx.koa.set('Content-Disposition', contentDisposition('attachment', `Исполнительская дисциплина ${from}—${to}.pdf`));
      ctx.koa.body = Buffer.from(await disciplinePdf(title, org.name, groupBy, report.rows, report.total, `discipline-${ctx.actor.orgId}-${from}-${to}-${groupBy}`));
      return undefined;
    }
    return { from, to, groupBy, ...report };
  },
});

defineRoute({
  operationId: 'disciplineDrillDown',
  method: 'get',
  path: '/api/reports/discipline/items',
  summary: 'Расшифровка ячейки отчёта: поручения и карточки / drill-down to assignments and cards',
  tags: ['reports'],
  access: 'authenticated',
  permission: 'reports.read',
  query: Type.Object({
    from: IsoDateSchema,
    to: IsoDateSchema,
    groupBy: Type.Optional(GroupBy),
    key: Type.Optional(Type.String({ format: 'uuid' })),
    metric: Type.Union(DISCIPLINE_METRICS.map((m) => Type.Literal(m))),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })),
  }),
  success: {
    status: 200,
    description: 'Поручения',
    schema: Type.Object({
      items: Type.Array(
        Type.Object({
          assignmentId: Type.String(),
          cardId: Type.String(),
          regNumber: Type.Union([Type.String(), Type.Null()]),
          summary: Type.String(),
          executor: Type.String(),
          deadline: Type.Union([Type.String(), Type.Null()]),
          status: Type.String(),
          reportedOn: Type.Union([Type.String(), Type.Null()]),
        }),
      ),
    }),
  },
  async handler(ctx) {
    const items = await disciplineDrillDown(ctx.app.knex, {
      orgId: ctx.actor.orgId,
      from: ctx.query.from,
      to: ctx.query.to,
      today: today(),
      groupBy: ctx.query.groupBy ?? 'department',
      key: ctx.query.key ?? null,
      metric: ctx.query.metric as DisciplineMetric,
      limit: ctx.query.limit ?? 200,
    });
    return { items };
  },
});

defineRoute({
  operationId: 'appealsReport',
  method: 'get',
  path: '/api/reports/appeals',
  summary: 'Обращения граждан, зарегистрированные в периоде: по итогам рассмотрения, просроченные, продлённые, переадресованные; format=json|xlsx / citizens’ appeals report',
  tags: ['reports'],
  access: 'authenticated',
  permission: 'reports.read',
  query: Type.Object({ from: IsoDateSchema, to: IsoDateSchema, format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('xlsx')], { default: 'json' })) }),
  success: {
    status: 200,
    description: 'Отчёт',
    schema: Type.Object({
      from: IsoDateSchema,
      to: IsoDateSchema,
      registered: Type.Integer(),
      pending: Type.Integer(),
      byResult: Type.Object(Object.fromEntries(APPEAL_RESULTS.map((code) => [code, Type.Integer()]))),
      overdue: Type.Integer(),
      extended: Type.Integer(),
      forwarded: Type.Integer(),
      forwardedLate: Type.Integer(),
    }),
  },
  async handler(ctx) {
    const { from, to } = ctx.query;
    if (to < from) throw new AppError('VALIDATION_FAILED', { ru: 'Конец периода раньше начала', en: 'The period ends before it starts' });
    const report = await appealsReport(ctx.app.knex, { orgId: ctx.actor.orgId, from, to, today: today() });
    if (ctx.query.format === 'xlsx') {
      ctx.koa.type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      ctx.koa.set('Content-Disposition', contentDisposition('attachment', `Обращения граждан ${from}—${to}.xlsx`));
      ctx.koa.body = await appealsXlsx(report);
      return undefined;
    }
    return report;
  },
});
