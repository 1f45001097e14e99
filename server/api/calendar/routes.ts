import { Type } from '@sinclair/typebox';
import { defineRoute } from '../../http/route.ts';
import { IsoDateSchema } from '../cards/schema.ts';
import { CALENDAR_CACHE, loadCalendar } from '../../records/calendar/loadCalendar.ts';
import { cachedDataChanged } from '../../db/sharedCache.ts';
import { addCalendarDays, addWorkingDays, isWorkingDay } from '../../records/calendar/workingDays.ts';
import { appendAudit } from '../../audit/appendAudit.ts';

const DaySchema = Type.Object({ day: IsoDateSchema, working: Type.Boolean(), note: Type.String(), source: Type.String() });

defineRoute({
  operationId: 'listCalendar',
  method: 'get',
  path: '/api/calendar',
  summary: 'Производственный календарь: исключения из пятидневки за год / production calendar exceptions of a year',
  tags: ['calendar'],
  access: 'authenticated',
  permission: 'cards.read',
  query: Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) }),
  success: { status: 200, description: 'Дни', schema: Type.Object({ items: Type.Array(DaySchema) }) },
  async handler(ctx) {
    const rows = (await ctx.app
      .knex('calendar_days')
      .whereBetween('day', [`${ctx.query.year}-01-01`, `${ctx.query.year}-12-31`])
      .orderBy('day')) as { day: string; working: boolean; note: string; source: string }[];
    return { items: rows };
  },
});

defineRoute({
  operationId: 'computeDeadline',
  method: 'get',
  path: '/api/calendar/deadline',
  summary: 'Срок: дата + N календарных или рабочих дней / compute a deadline',
  tags: ['calendar'],
  access: 'authenticated',
  permission: 'cards.read',
  query: Type.Object({ from: IsoDateSchema, days: Type.Integer({ minimum: 0, maximum: 3650 }), type: Type.Union([Type.Literal('calendar'), Type.Literal('working')]) }),
  success: { status: 200, description: 'Срок', schema: Type.Object({ deadline: IsoDateSchema, working: Type.Boolean() }) },
  async handler(ctx) {
    const calendar = await loadCalendar(ctx.app.knex);
    const deadline = ctx.query.type === 'working' ? addWorkingDays(calendar, ctx.query.from, ctx.query.days) : addCalendarDays(calendar, ctx.query.from, ctx.query.days);
    return { deadline, working: isWorkingDay(calendar, deadline) };
  },
});

defineRoute({
  operationId: 'putCalendarDay',
  method: 'put',
  path: '/api/calendar/:day',
  summary: 'Задать день как рабочий или выходной / mark a day working or not',
  tags: ['calendar'],
  access: 'authenticated',
  permission: 'calendar.manage',
  params: Type.Object({ day: IsoDateSchema }),
  body: Type.Object({ working: Type.Boolean(), note: Type.String({ minLength: 1, maxLength: 300 }) }, { additionalProperties: false }),
  success: { status: 200, description: 'День', schema: DaySchema },
  async handler(ctx) {
    const row = { day: ctx.params.day, working: ctx.body.working, note: ctx.body.note, source: `изменено: ${ctx.actor.login}` };
    await ctx.app.knex.transaction(async (trx) => {
      const before = await trx('calendar_days').where({ day: row.day }).first();
      await trx('calendar_days').insert(row).onConflict('day').merge();
      await cachedDataChanged(trx, CALENDAR_CACHE);
      // The calendar is shared by the installation; the change is recorded in the editor's organisation chain.
      await appendAudit(trx, { orgId: ctx.actor.orgId, actor: { id: ctx.actor.userId, login: ctx.actor.login }, action: 'calendar.day_set', objectType: 'calendar_day', objectId: row.day, payload: { from: before ?? null, to: row }, requestId: ctx.requestId });
    });
    return row;
  },
});
