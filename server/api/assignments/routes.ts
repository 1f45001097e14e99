import { Type } from '@sinclair/typebox';
import { defineRoute } from '../../http/route.ts';
import { IdParams, Uuid } from '../common.ts';
import { CommentBody, DecisionBody, ExtendBody, ReasonBody, ReportBody, ResolutionBody, SubassignmentBody } from './schema.ts';
import { Card } from '../../models/Card.ts';
import { Assignment } from '../../models/Assignment.ts';
import { Resolution } from '../../models/Resolution.ts';
import { AssignmentSchema, presentAssignments, staffNames } from '../../presenters/assignmentPresenter.ts';
import { issueResolution } from '../../commands/assignments/issueResolution.ts';
import { acceptAssignment, decideDeadlineChange, reportAssignment, requestDeadlineChange, returnAssignment } from '../../commands/assignments/workOnAssignment.ts';
import { today } from '../../records/today.ts';
import type { AuthedContext } from '../../http/route.ts';
import { assertCardVisible } from '../../policies/cardAccess.ts';

const ResolutionSchema = Type.Object({
  id: Uuid,
  parentAssignmentId: Type.Union([Uuid, Type.Null()]),
  author: Type.Object({ id: Uuid, name: Type.String() }),
  onBehalf: Type.Boolean(),
  text: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  assignments: Type.Array(AssignmentSchema),
});

async function one<P, Q, B>(ctx: AuthedContext<P, Q, B>, a: Assignment) {
  const [view] = await presentAssignments(ctx.app.knex, ctx.actor.orgId, [a], today());
  ctx.setVersion(a.version);
  return view;
}

defineRoute({
  operationId: 'issueResolution',
  method: 'post',
  path: '/api/cards/:id/resolutions',
  summary: 'Резолюция с поручениями (делопроизводитель может внести резолюцию руководителя с бумаги) / a resolution with assignments',
  tags: ['assignments'],
  access: 'authenticated',
  permission: 'resolutions.write',
  resource: 'card',
  params: IdParams,
  body: ResolutionBody,
  success: { status: 201, description: 'Резолюция', schema: ResolutionSchema },
  errors: ['CARD_NOT_IN_WORK', 'STAFF_LINK_REQUIRED'],
  async handler(ctx) {
    const { resolution, assignments } = await ctx.write((unit) => issueResolution(unit, ctx.actor, ctx.params.id, ctx.body));
    const names = await staffNames(ctx.app.knex, ctx.actor.orgId, [resolution.authorStaffId]);
    return {
      id: resolution.id,
      parentAssignmentId: null,
      author: { id: resolution.authorStaffId, name: names.get(resolution.authorStaffId) ?? '—' },
      onBehalf: resolution.onBehalf,
      text: resolution.text,
      createdAt: resolution.createdAt.toISOString(),
      assignments: await presentAssignments(ctx.app.knex, ctx.actor.orgId, assignments, today()),
    };
  },
});

defineRoute({
  operationId: 'cardAssignments',
  method: 'get',
  path: '/api/cards/:id/assignments',
  summary: 'Дерево резолюций и поручений карточки / the card’s resolutions and assignment tree',
  tags: ['assignments'],
  access: 'authenticated',
  permission: 'cards.read',
  resource: 'card',
  params: IdParams,
  success: { status: 200, description: 'Резолюции (подпоручения — через parentAssignmentId)', schema: Type.Object({ items: Type.Array(ResolutionSchema) }) },
  async handler(ctx) {
    const card = await ctx.scope.findOr404(Card, ctx.params.id);
    await assertCardVisible(ctx.app.knex, ctx.actor, card);
    const resolutions = await ctx.scope.query(Resolution).where({ card_id: card.id }).orderBy('created_at');
    const assignments = await ctx.scope.query(Assignment).where({ card_id: card.id }).orderBy('created_at');
    const views = await presentAssignments(ctx.app.knex, ctx.actor.orgId, assignments, today());
    const names = await staffNames(ctx.app.knex, ctx.actor.orgId, resolutions.map((r) => r.authorStaffId));
    return {
      items: resolutions.map((r) => ({
        id: r.id,
        parentAssignmentId: r.parentAssignmentId,
        author: { id: r.authorStaffId, name: names.get(r.authorStaffId) ?? '—' },
        onBehalf: r.onBehalf,
        text: r.text,
        createdAt: r.createdAt.toISOString(),
        assignments: views.filter((v) => v.resolutionId === r.id),
      })),
    };
  },
});

defineRoute({
  operationId: 'getAssignment',
  method: 'get',
  path: '/api/assignments/:id',
  summary: 'Поручение с историей / an assignment with its history',
  tags: ['assignments'],
  access: 'authenticated',
  permission: 'cards.read',
  resource: 'assignment',
  params: IdParams,
  success: {
    status: 200,
    description: 'Поручение',
    schema: Type.Composite([
      AssignmentSchema,
      Type.Object({ events: Type.Array(Type.Object({ type: Type.String(), at: Type.String({ format: 'date-time' }), actor: Type.Union([Type.String(), Type.Null()]), text: Type.Union([Type.String(), Type.Null()]), payload: Type.Unknown() })) }),
    ]),
  },
  async handler(ctx) {
    const a = await ctx.scope.findOr404(Assignment, ctx.params.id);
    const events = (await ctx.app
      .knex('assignment_events as e')
      .leftJoin('users as u', 'u.id', 'e.actor_user_id')
      .where({ 'e.assignment_id': a.id, 'e.org_id': ctx.actor.orgId })
      .orderBy('e.id')
      .select('e.type', 'e.created_at', 'u.full_name', 'e.text', 'e.payload')) as { type: string; created_at: Date; full_name: string | null; text: string | null; payload: unknown }[];
    const view = await one(ctx, a);
    return { ...view, events: events.map((e) => ({ type: e.type, at: e.created_at.toISOString(), actor: e.full_name, text: e.text, payload: e.payload })) };
  },
});

defineRoute({
  operationId: 'createSubassignments',
  method: 'post',
  path: '/api/assignments/:id/subassignments',
  summary: 'Исполнитель даёт подпоручения (дерево любой глубины) / sub-assignments from the executor',
  tags: ['assignments'],
  access: 'authenticated',
  permission: 'assignments.work',
  resource: 'assignment',
  params: IdParams,
  body: SubassignmentBody,
  success: { status: 201, description: 'Подпоручения', schema: Type.Object({ items: Type.Array(AssignmentSchema) }) },
  errors: ['DEADLINE_AFTER_PARENT', 'NOT_ASSIGNMENT_PARTICIPANT'],
  async handler(ctx) {
    const { assignments } = await ctx.write(async (unit) => {
      const parent = await unit.scope.findOr404(Assignment, ctx.params.id);
      return issueResolution(unit, ctx.actor, parent.cardId, ctx.body, parent);
    });
    return { items: await presentAssignments(ctx.app.knex, ctx.actor.orgId, assignments, today()) };
  },
});

defineRoute({
  operationId: 'reportAssignment',
  method: 'post',
  path: '/api/assignments/:id/report',
  summary: 'Отчёт исполнителя с текстом и файлами / executor’s report',
  tags: ['assignments'],
  access: 'authenticated',
  permission: 'assignments.work',
  resource: 'assignment',
  params: IdParams,
  body: ReportBody,
  success: { status: 200, description: 'Поручение', schema: AssignmentSchema },
  async handler(ctx) {
    return one(ctx, await ctx.write((unit) => reportAssignment(unit, ctx.actor, ctx.params.id, ctx.body)));
  },
});

defineRoute({
  operationId: 'acceptAssignment',
  method: 'post',
  path: '/api/assignments/:id/accept',
  summary: 'Принять отчёт — снять с контроля / accept the report (take off control)',
  tags: ['assignments'],
  access: 'authenticated',
  permission: 'assignments.work',
  resource: 'assignment',
  params: IdParams,
  body: CommentBody,
  success: { status: 200, description: 'Поручение', schema: AssignmentSchema },
  async handler(ctx) {
    return one(ctx, await ctx.write((unit) => acceptAssignment(unit, ctx.actor, ctx.params.id, ctx.body.comment)));
  },
});

defineRoute({
  operationId: 'returnAssignment',
  method: 'post',
  path: '/api/assignments/:id/return',
  summary: 'Вернуть на доработку с причиной / return for rework',
  tags: ['assignments'],
  access: 'authenticated',
  permission: 'assignments.work',
  resource: 'assignment',
  params: IdParams,
  body: ReasonBody,
  success: { status: 200, description: 'Поручение', schema: AssignmentSchema },
  async handler(ctx) {
    return one(ctx, await ctx.write((unit) => returnAssignment(unit, ctx.actor, ctx.params.id, ctx.body.reason)));
  },
});

defineRoute({
  operationId: 'requestExtension',
  method: 'post',
  path: '/api/assignments/:id/extend',
  summary: 'Запрос на перенос срока с причиной / ask for a deadline change',
  tags: ['assignments'],
  access: 'authenticated',
  permission: 'assignments.work',
  resource: 'assignment',
  params: IdParams,
  body: ExtendBody,
  success: { status: 201, description: 'Запрос создан', schema: Type.Object({ requestId: Uuid }) },
  async handler(ctx) {
    return ctx.write((unit) => requestDeadlineChange(unit, ctx.actor, ctx.params.id, ctx.body));
  },
});

defineRoute({
  operationId: 'decideExtension',
  method: 'post',
  path: '/api/assignments/:id/extend/decision',
  summary: 'Автор резолюции утверждает или отклоняет перенос срока / the resolution’s author decides',
  tags: ['assignments'],
  access: 'authenticated',
  permission: 'assignments.work',
  resource: 'assignment',
  params: IdParams,
  body: DecisionBody,
  success: { status: 200, description: 'Поручение', schema: AssignmentSchema },
  async handler(ctx) {
    return one(ctx, await ctx.write((unit) => decideDeadlineChange(unit, ctx.actor, ctx.params.id, ctx.body)));
  },
});
