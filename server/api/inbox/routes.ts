import { Type } from '@sinclair/typebox';
import { defineRoute } from '../../http/route.ts';
import { decodeCursor, pageOf, PageSchema } from '../../http/pagination.ts';
import { Assignment } from '../../models/Assignment.ts';
import { Card } from '../../models/Card.ts';
import { AssignmentSchema, presentAssignments } from '../../presenters/assignmentPresenter.ts';
import { CardSummarySchema, presentCard } from '../../presenters/cardPresenter.ts';
import { inboxCounts } from '../../records/inboxQueries.ts';
import { addDays } from '../../records/calendar/workingDays.ts';
import { today } from '../../records/today.ts';
import { can } from '../../policies/index.ts';
import { principalsOf } from '../../records/deputies.ts';
import { PrincipalSchema } from '../../presenters/absencePresenter.ts';

const InboxAssignmentSchema = Type.Composite([
  AssignmentSchema,
  Type.Object({ onBehalfOf: Type.Union([PrincipalSchema, Type.Null()], { description: 'Поручение отсутствующего, которого я замещаю («за …») / an absent executor’s assignment' }) }),
]);

defineRoute({
  operationId: 'inboxCounts',
  method: 'get',
  path: '/api/inbox/counts',
  summary: 'Счётчики для значков навигации / counts for the navigation badges',
  tags: ['inbox'],
  access: 'authenticated',
  permission: 'cards.read',
  query: Type.Object({ days: Type.Optional(Type.Integer({ minimum: 1, maximum: 60, default: 3 })) }),
  success: {
    status: 200,
    description: 'Счётчики',
    schema: Type.Object({
      todo: Type.Integer(),
      overdue: Type.Integer(),
      dueSoon: Type.Integer(),
      onControl: Type.Integer(),
      awaitingRegistration: Type.Integer(),
      awaitingResolution: Type.Integer(),
      awaitingApproval: Type.Integer(),
    }),
  },
  async handler(ctx) {
    const t = today();
    return inboxCounts(ctx.app.knex, ctx.actor.orgId, ctx.actor.staffId, t, addDays(t, ctx.query.days ?? 3), can(ctx.actor, 'cards.register'));
  },
});

defineRoute({
  operationId: 'inboxAssignments',
  method: 'get',
  path: '/api/inbox/assignments',
  summary: 'Мои поручения (и тех, кого я замещаю сегодня): к исполнению, просроченные, со сроком в ближайшие N дней, на моём контроле / my assignments',
  tags: ['inbox'],
  access: 'authenticated',
  permission: 'cards.read',
  query: Type.Object({
    view: Type.Union([Type.Literal('todo'), Type.Literal('overdue'), Type.Literal('due'), Type.Literal('control')], { default: 'todo' }),
    days: Type.Optional(Type.Integer({ minimum: 1, maximum: 60, default: 3 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 300 })),
  }),
  success: { status: 200, description: 'Поручения по сроку', schema: PageSchema(InboxAssignmentSchema) },
  async handler(ctx) {
    const t = today();
    const limit = ctx.query.limit ?? 50;
    const after = decodeCursor(ctx.query.cursor, 2);
    const staff = ctx.actor.staffId;
    if (!staff) return { items: [], nextCursor: null };
    const view = ctx.query.view ?? 'todo';
    // The open assignments of the people I stand in for today come with mine, marked «за …»; control stays personal
    // (accepting a report is the controller's own judgement). A short IN list keeps assignments_executor_open usable.
    const principals = view === 'control' ? [] : await principalsOf(ctx.app.knex, ctx.actor.orgId, staff, t);
    const forWhom = new Map(principals.map((p) => [p.staffId, p]));
    const rows = await ctx.scope
      .query(Assignment)
      .modify((q) => {
        if (view === 'control') q.where('controller_staff_id', staff).whereIn('status', ['open', 'reported']);
        else q.whereIn('executor_staff_id', [staff, ...forWhom.keys()]).where('status', 'open');
        if (view === 'overdue') q.where('deadline', '<', t);
        if (view === 'due') q.whereBetween('deadline', [t, addDays(t, ctx.query.days ?? 3)]);
        // Keyset on (deadline, id) with undated assignments last.
        if (after) q.whereRaw("(coalesce(deadline, '9999-12-31'::date), id::text) > (?::date, ?)", after);
      })
      .orderByRaw("coalesce(deadline, '9999-12-31'::date), id::text")
      .limit(limit + 1);
    const page = pageOf(rows, limit, (a) => [a.deadline ?? '9999-12-31', a.id], (a) => a);
    const items = await presentAssignments(ctx.app.knex, ctx.actor.orgId, page.items, t);
    return { items: items.map((a) => ({ ...a, onBehalfOf: a.executor.id === staff ? null : (forWhom.get(a.executor.id) ?? null) })), nextCursor: page.nextCursor };
  },
});

defineRoute({
  operationId: 'inboxCards',
  method: 'get',
  path: '/api/inbox/cards',
  summary: 'Ожидают регистрации (черновики) или моей резолюции / cards awaiting registration or my resolution',
  tags: ['inbox'],
  access: 'authenticated',
  permission: 'cards.read',
  query: Type.Object({
    view: Type.Union([Type.Literal('registration'), Type.Literal('resolution')]),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  }),
  success: { status: 200, description: 'Карточки', schema: Type.Object({ items: Type.Array(CardSummarySchema) }) },
  async handler(ctx) {
    const limit = ctx.query.limit ?? 50;
    if (ctx.query.view === 'registration') {
      if (!can(ctx.actor, 'cards.register')) return { items: [] };
      const rows = await ctx.scope.query(Card).where('status', 'draft').orderBy('created_at').limit(limit);
      return { items: rows.map(presentCard) };
    }
    if (!ctx.actor.staffId) return { items: [] };
    const rows = await ctx.scope.query(Card).where({ addressee_staff_id: ctx.actor.staffId, status: 'registered' }).orderBy('reg_date').limit(limit);
    return { items: rows.map(presentCard) };
  },
});
