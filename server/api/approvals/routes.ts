import { Type } from '@sinclair/typebox';
import { defineRoute, type AuthedContext } from '../../http/route.ts';
import { IdParams, Uuid } from '../common.ts';
import { DecisionBody, RouteBody, WithdrawBody } from './schema.ts';
import { Card } from '../../models/Card.ts';
import { ApprovalRoute } from '../../models/ApprovalRoute.ts';
import { assertCardVisible, visibleCards } from '../../policies/cardAccess.ts';
import { approvalActions } from '../../policies/approvalAccess.ts';
import { ApprovalRouteSchema, approvalRounds } from '../../presenters/approvalPresenter.ts';
import { CardSummarySchema, presentCard } from '../../presenters/cardPresenter.ts';
import { createApprovalRoute, startNewRound, updateApprovalRoute } from '../../commands/approvals/buildApprovalRoute.ts';
import { decideApproval, startApprovalRoute, withdrawApprovalRoute } from '../../commands/approvals/runApprovalRoute.ts';
import { approvalSheetPdf } from '../../records/approvalSheet.ts';
import { contentDisposition } from '../../http/safeFileName.ts';
import { today } from '../../records/today.ts';
import { CLOSED_FOR_APPROVAL } from '../../records/approvalRules.ts';
import { principalsOf } from '../../records/deputies.ts';
import { PrincipalSchema } from '../../presenters/absencePresenter.ts';

async function present<P, Q, B>(ctx: AuthedContext<P, Q, B>, route: ApprovalRoute) {
  const [view] = await approvalRounds(ctx.app.knex, ctx.actor.orgId, { routeIds: [route.id] });
  ctx.setVersion(route.version);
  return view!;
}

/** The route, on a card the actor may see (a restricted card's route is as hidden as the card). */
async function visibleRoute<P, Q, B>(ctx: AuthedContext<P, Q, B>, id: string): Promise<ApprovalRoute> {
  const route = await ctx.scope.findOr404(ApprovalRoute, id);
  await assertCardVisible(ctx.app.knex, ctx.actor, await ctx.scope.findOr404(Card, route.cardId));
  return route;
}

const BUILD_ERRORS = ['APPROVAL_CARD_KIND', 'APPROVAL_CARD_CLOSED', 'APPROVAL_ROUTE_OPEN', 'APPROVAL_ROUTE_STATE', 'APPROVAL_NOT_INITIATOR', 'APPROVAL_APPROVER_INACTIVE', 'APPROVAL_APPROVER_NO_ACCOUNT'];

defineRoute({
  operationId: 'cardApprovalRoutes',
  method: 'get',
  path: '/api/cards/:id/approvals',
  summary: 'Маршруты согласования карточки по кругам / the card’s approval routes, round by round',
  tags: ['approvals'],
  access: 'authenticated',
  permission: 'cards.read',
  resource: 'card',
  params: IdParams,
  success: {
    status: 200,
    description: 'Круги согласования и что вызывающему доступно сейчас',
    schema: Type.Object({
      items: Type.Array(ApprovalRouteSchema),
      actions: Type.Object({
        build: Type.Boolean(),
        edit: Type.Boolean(),
        start: Type.Boolean(),
        newRound: Type.Boolean(),
        withdraw: Type.Boolean(),
        decide: Type.Boolean(),
        decideFor: Type.Array(PrincipalSchema, { description: 'Визы за отсутствующих, которых вызывающий замещает сегодня / visas for absent approvers' }),
      }),
    }),
  },
  async handler(ctx) {
    const card = await ctx.scope.findOr404(Card, ctx.params.id);
    await assertCardVisible(ctx.app.knex, ctx.actor, card);
    const items = await approvalRounds(ctx.app.knex, ctx.actor.orgId, { cardId: card.id });
    const principals = await principalsOf(ctx.app.knex, ctx.actor.orgId, ctx.actor.staffId, today());
    return { items, actions: approvalActions(ctx.actor, card, items, principals) };
  },
});

defineRoute({
  operationId: 'createApprovalRoute',
  method: 'post',
  path: '/api/cards/:id/approvals',
  summary: 'Новый маршрут (круг) согласования — черновик с этапами / a new approval round as a draft',
  tags: ['approvals'],
  access: 'authenticated',
  permission: 'approvals.manage',
  resource: 'card',
  params: IdParams,
  body: RouteBody,
  success: { status: 201, description: 'Маршрут', schema: ApprovalRouteSchema },
  errors: BUILD_ERRORS,
  async handler(ctx) {
    return present(ctx, await ctx.write((unit) => createApprovalRoute(unit, ctx.actor, ctx.params.id, ctx.body.stages)));
  },
});

defineRoute({
  operationId: 'getApprovalRoute',
  method: 'get',
  path: '/api/approval-routes/:id',
  summary: 'Маршрут согласования с этапами и визами / an approval route with its stages and visas',
  tags: ['approvals'],
  access: 'authenticated',
  permission: 'cards.read',
  resource: 'approval_route',
  params: IdParams,
  success: { status: 200, description: 'Маршрут', schema: ApprovalRouteSchema },
  async handler(ctx) {
    return present(ctx, await visibleRoute(ctx, ctx.params.id));
  },
});

defineRoute({
  operationId: 'updateApprovalRoute',
  method: 'put',
  path: '/api/approval-routes/:id',
  summary: 'Этапы черновика маршрута, If-Match / the stages of a draft route',
  tags: ['approvals'],
  access: 'authenticated',
  permission: 'approvals.manage',
  resource: 'approval_route',
  params: IdParams,
  body: RouteBody,
  success: { status: 200, description: 'Маршрут', schema: ApprovalRouteSchema },
  errors: ['APPROVAL_ROUTE_STATE', 'APPROVAL_APPROVER_INACTIVE', 'APPROVAL_APPROVER_NO_ACCOUNT'],
  async handler(ctx) {
    const version = ctx.ifMatch();
    return present(ctx, await ctx.write((unit) => updateApprovalRoute(unit, ctx.actor, ctx.params.id, version, ctx.body.stages)));
  },
});

defineRoute({
  operationId: 'startApprovalRoute',
  method: 'post',
  path: '/api/approval-routes/:id/start',
  summary: 'Запустить согласование, If-Match / start the approval',
  tags: ['approvals'],
  access: 'authenticated',
  permission: 'approvals.manage',
  resource: 'approval_route',
  params: IdParams,
  success: { status: 200, description: 'Маршрут', schema: ApprovalRouteSchema },
  errors: ['APPROVAL_ROUTE_STATE', 'APPROVAL_CARD_CLOSED', 'APPROVAL_CARD_KIND'],
  async handler(ctx) {
    const version = ctx.ifMatch();
    return present(ctx, await ctx.write((unit) => startApprovalRoute(unit, ctx.actor, ctx.params.id, version)));
  },
});

defineRoute({
  operationId: 'decideApproval',
  method: 'post',
  path: '/api/approval-routes/:id/decision',
  summary: 'Виза согласующего текущего этапа: согласовано, с замечаниями, отклонено / the current approver’s decision',
  tags: ['approvals'],
  access: 'authenticated',
  permission: 'approvals.decide',
  resource: 'approval_route',
  params: IdParams,
  body: DecisionBody,
  success: { status: 200, description: 'Маршрут', schema: ApprovalRouteSchema },
  errors: ['APPROVAL_ROUTE_STATE', 'APPROVAL_NOT_CURRENT_APPROVER', 'APPROVAL_NOT_DEPUTY', 'APPROVAL_COMMENT_REQUIRED', 'APPROVAL_CARD_CLOSED', 'STAFF_LINK_REQUIRED'],
  async handler(ctx) {
    return present(ctx, await ctx.write((unit) => decideApproval(unit, ctx.actor, ctx.app.blobs, ctx.params.id, ctx.body)));
  },
});

defineRoute({
  operationId: 'withdrawApprovalRoute',
  method: 'post',
  path: '/api/approval-routes/:id/withdraw',
  summary: 'Отозвать с согласования с причиной (инициатор), If-Match / withdraw the route',
  tags: ['approvals'],
  access: 'authenticated',
  permission: 'approvals.manage',
  resource: 'approval_route',
  params: IdParams,
  body: WithdrawBody,
  success: { status: 200, description: 'Маршрут', schema: ApprovalRouteSchema },
  errors: ['APPROVAL_ROUTE_STATE', 'APPROVAL_NOT_INITIATOR'],
  async handler(ctx) {
    const version = ctx.ifMatch();
    return present(ctx, await ctx.write((unit) => withdrawApprovalRoute(unit, ctx.actor, ctx.params.id, version, ctx.body.reason)));
  },
});

defineRoute({
  operationId: 'startApprovalRound',
  method: 'post',
  path: '/api/approval-routes/:id/rounds',
  summary: 'Новый круг после отклонения — черновик с теми же этапами / a new round after a rejection',
  tags: ['approvals'],
  access: 'authenticated',
  permission: 'approvals.manage',
  resource: 'approval_route',
  params: IdParams,
  success: { status: 201, description: 'Новый круг', schema: ApprovalRouteSchema },
  errors: BUILD_ERRORS,
  async handler(ctx) {
    return present(ctx, await ctx.write((unit) => startNewRound(unit, ctx.actor, ctx.params.id)));
  },
});

defineRoute({
  operationId: 'approvalSheet',
  method: 'get',
  path: '/api/cards/:id/approval-sheet.pdf',
  summary: 'Лист согласования (PDF/A) по всем кругам / the approval sheet',
  tags: ['approvals'],
  access: 'authenticated',
  permission: 'cards.read',
  resource: 'card',
  params: IdParams,
  success: { status: 200, description: 'PDF/A', contentType: 'application/pdf' },
  async handler(ctx) {
    const card = await ctx.scope.findOr404(Card, ctx.params.id);
    await assertCardVisible(ctx.app.knex, ctx.actor, card);
    const rounds = await approvalRounds(ctx.app.knex, ctx.actor.orgId, { cardId: card.id });
    const last = rounds[rounds.length - 1];
    const at = last?.finishedAt ?? last?.startedAt ?? last?.createdAt;
    const org = (await ctx.app.knex('organisations').where({ id: ctx.actor.orgId }).first('name')) as { name: string };
    ctx.koa.type = 'application/pdf';
    ctx.koa.set('Content-Disposition', contentDisposition('attachment', `Лист согласования ${card.regNumber ?? card.id}.pdf`));
    ctx.koa.body = Buffer.from(await approvalSheetPdf({ orgName: org.name, card, rounds, at: at ? new Date(at) : card.createdAt }));
    return undefined;
  },
});

const WaitingSchema = Type.Object({
  routeId: Uuid,
  round: Type.Integer(),
  stage: Type.Integer(),
  dueOn: Type.Union([Type.String(), Type.Null()]),
  overdue: Type.Boolean({ description: 'Срок этапа прошёл / the stage’s deadline has passed' }),
  stageStartedAt: Type.Union([Type.String(), Type.Null()]),
  card: CardSummarySchema,
  onBehalfOf: Type.Union([PrincipalSchema, Type.Null()], { description: 'Виза отсутствующего, которого я замещаю («за …») / an absent approver’s visa I stand in for' }),
});

defineRoute({
  operationId: 'inboxApprovals',
  method: 'get',
  path: '/api/inbox/approvals',
  summary: 'На согласовании у меня и у тех, кого я замещаю сегодня: активный этап, виза не дана / waiting for my approval',
  tags: ['inbox', 'approvals'],
  access: 'authenticated',
  permission: 'cards.read',
  query: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })) }),
  success: { status: 200, description: 'Ожидают моей визы, по сроку', schema: Type.Object({ items: Type.Array(WaitingSchema) }) },
  async handler(ctx) {
    const staff = ctx.actor.staffId;
    if (!staff) return { items: [] };
    const t = today();
    const visible = visibleCards(ctx.actor, 'cards');
    // The absent people I stand in for today: their pending visas are listed with mine, marked «за …». A short IN list
    // keeps the pending-visa index (approval_visas_pending on org_id, staff_id) usable.
    const principals = await principalsOf(ctx.app.knex, ctx.actor.orgId, staff, t);
    const forWhom = new Map(principals.map((p) => [p.staffId, p]));
    const rows = (await ctx.app
      .knex('approval_visas as v')
      .join('approval_stages as s', 's.id', 'v.stage_id')
      .join('approval_routes as r', 'r.id', 'v.route_id')
      .where('v.org_id', ctx.actor.orgId)
      .whereIn('v.staff_id', [staff, ...forWhom.keys()])
      .where({ 's.status': 'active', 'r.status': 'in_progress' })
      .whereNull('v.decision')
      .orderByRaw("coalesce(s.due_on, '9999-12-31'::date), s.started_at, v.id")
      .limit(ctx.query.limit ?? 50)
      .select('v.card_id', 'v.staff_id', 'r.id as route_id', 'r.round', 's.position', 's.due_on', 's.started_at')) as {
      card_id: string;
      staff_id: string;
      route_id: string;
      round: number;
      position: number;
      due_on: string | null;
      started_at: Date | null;
    }[];
    const cards = await ctx.scope
      .query(Card)
      .whereIn('id', rows.map((r) => r.card_id))
      .whereNotIn('status', [...CLOSED_FOR_APPROVAL])
      .whereRaw(visible.sql, visible.bindings);
    const byId = new Map(cards.map((c) => [c.id, c]));
    return {
      items: rows.flatMap((r) => {
        const card = byId.get(r.card_id);
        if (!card) return [];
        const onBehalfOf = r.staff_id === staff ? null : (forWhom.get(r.staff_id) ?? null);
        return [{ routeId: r.route_id, round: r.round, stage: r.position, dueOn: r.due_on, overdue: r.due_on !== null && r.due_on < t, stageStartedAt: r.started_at?.toISOString() ?? null, card: presentCard(card), onBehalfOf }];
      }),
    };
  },
});
