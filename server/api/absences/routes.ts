import { Type } from '@sinclair/typebox';
import { defineRoute, type AuthedContext } from '../../http/route.ts';
import { IdParams } from '../common.ts';
import { AbsenceBody, AbsenceQuery, ShortenAbsenceBody } from './schema.ts';
import { Absence } from '../../models/Absence.ts';
import { AbsenceSchema, presentAbsences } from '../../presenters/absencePresenter.ts';
import { cancelAbsence, recordAbsence, shortenAbsence } from '../../commands/manageAbsences.ts';
import { mayReadAbsence } from '../../policies/absenceAccess.ts';
import { can } from '../../policies/index.ts';
import { AppError, notFound } from '../../http/problem.ts';
import { today } from '../../records/today.ts';
import { addDays } from '../../records/calendar/workingDays.ts';

async function present<P, Q, B>(ctx: AuthedContext<P, Q, B>, absence: Absence) {
  ctx.setVersion(absence.version);
  const [view] = await presentAbsences(ctx.app.knex, ctx.actor.orgId, [absence], today());
  return view!;
}

async function readable<P, Q, B>(ctx: AuthedContext<P, Q, B>, id: string): Promise<Absence> {
  const absence = await ctx.scope.findOr404(Absence, id);
  if (!mayReadAbsence(ctx.actor, absence)) throw notFound();
  return absence;
}

const RECORD_ERRORS = ['ABSENCE_PERIOD_INVALID', 'ABSENCE_OVERLAP', 'ABSENCE_DEPUTY_INVALID', 'ABSENCE_DEPUTY_ABSENT', 'ABSENCE_STANDS_IN', 'STAFF_LINK_REQUIRED'];

defineRoute({
  operationId: 'listAbsences',
  method: 'get',
  path: '/api/absences',
  summary: 'Отсутствия: мои, кого я замещаю, или сотрудника (администратор) / absences',
  tags: ['absences'],
  access: 'authenticated',
  permission: 'self.manage',
  query: AbsenceQuery,
  success: { status: 200, description: 'Отсутствия по дате начала', schema: Type.Object({ items: Type.Array(AbsenceSchema) }) },
  async handler(ctx) {
    const staffId = ctx.query.staffId ?? ctx.actor.staffId;
    if (!staffId) return { items: [] };
    if (staffId !== ctx.actor.staffId && !can(ctx.actor, 'users.read')) throw new AppError('FORBIDDEN');
    const day = today();
    const rows = await ctx.scope
      .query(Absence)
      .where(ctx.query.as === 'deputy' ? 'deputy_staff_id' : 'staff_id', staffId)
      .modify((q) => {
        // What is over by more than a day is history; the list shows what still matters unless asked.
        if (!ctx.query.includePast) q.whereNull('cancelled_at').where('ends_on', '>=', addDays(day, -1));
      })
      .orderBy([{ column: 'starts_on', order: 'desc' }, { column: 'id' }])
      .limit(200);
    return { items: await presentAbsences(ctx.app.knex, ctx.actor.orgId, rows, day) };
  },
});

defineRoute({
  operationId: 'recordAbsence',
  method: 'post',
  path: '/api/absences',
  summary: 'Внести отсутствие с заместителем / record an absence and its deputy',
  tags: ['absences'],
  access: 'authenticated',
  permission: 'self.manage',
  body: AbsenceBody,
  success: { status: 201, description: 'Внесено', schema: AbsenceSchema },
  errors: RECORD_ERRORS,
  async handler(ctx) {
    return present(ctx, await ctx.write((unit) => recordAbsence(unit, ctx.actor, ctx.body)));
  },
});

defineRoute({
  operationId: 'getAbsence',
  method: 'get',
  path: '/api/absences/:id',
  summary: 'Отсутствие / an absence',
  tags: ['absences'],
  access: 'authenticated',
  permission: 'self.manage',
  resource: 'absence',
  params: IdParams,
  success: { status: 200, description: 'Отсутствие', schema: AbsenceSchema },
  async handler(ctx) {
    return present(ctx, await readable(ctx, ctx.params.id));
  },
});

defineRoute({
  operationId: 'shortenAbsence',
  method: 'patch',
  path: '/api/absences/:id',
  summary: 'Сократить отсутствие (досрочный выход), If-Match / end an absence earlier',
  tags: ['absences'],
  access: 'authenticated',
  permission: 'self.manage',
  resource: 'absence',
  params: IdParams,
  body: ShortenAbsenceBody,
  success: { status: 200, description: 'Изменено', schema: AbsenceSchema },
  errors: ['ABSENCE_PERIOD_INVALID', 'ABSENCE_STATE', 'PRECONDITION_REQUIRED', 'PRECONDITION_FAILED'],
  async handler(ctx) {
    const version = ctx.ifMatch();
    await readable(ctx, ctx.params.id);
    return present(ctx, await ctx.write((unit) => shortenAbsence(unit, ctx.actor, ctx.params.id, version, ctx.body.endsOn)));
  },
});

defineRoute({
  operationId: 'cancelAbsence',
  method: 'post',
  path: '/api/absences/:id/cancel',
  summary: 'Отменить ещё не начавшееся отсутствие, If-Match / cancel an absence not yet begun',
  tags: ['absences'],
  access: 'authenticated',
  permission: 'self.manage',
  resource: 'absence',
  params: IdParams,
  success: { status: 200, description: 'Отменено', schema: AbsenceSchema },
  errors: ['ABSENCE_STATE', 'PRECONDITION_REQUIRED', 'PRECONDITION_FAILED'],
  async handler(ctx) {
    const version = ctx.ifMatch();
    await readable(ctx, ctx.params.id);
    return present(ctx, await ctx.write((unit) => cancelAbsence(unit, ctx.actor, ctx.params.id, version)));
  },
});
