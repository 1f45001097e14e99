// Archival packages: archiving a filed card, the package registry and viewer, server-side verification, the
// deterministic ZIP download, and fixity checks on demand. Archivists and administrators only.
import { Type } from '@sinclair/typebox';
import { defineRoute } from '../../http/route.ts';
import { AppError } from '../../http/problem.ts';
import { decodeCursor, PageSchema, pageOf } from '../../http/pagination.ts';
import { contentDisposition } from '../../http/safeFileName.ts';
import { IdParams } from '../common.ts';
import { ArchivePackage } from '../../models/ArchivePackage.ts';
import { Card } from '../../models/Card.ts';
import { assertCardVisible } from '../../policies/cardAccess.ts';
import { packageZip, verifyTree } from '../../../archive/index.ts';
import { archiveCard, enqueueCardPackaging } from '../../archive/packages/archiveCard.ts';
import { archiveStore } from '../../archive/packages/archiveConfig.ts';
import { withObjectLocks } from '../../archive/packages/objectLock.ts';
import { checkFixity, recordFixity } from '../../archive/packages/fixity.ts';
import { cardBriefs, presentPackage, presentPackageDetail } from '../../archive/packages/presentPackage.ts';
import './searchRoutes.ts';
import { FixityCheckSchema, PackageDetailSchema, PackageListQuery, PackageSummarySchema, VerifySchema } from './schema.ts';

const notReady = (): AppError =>
  new AppError('CONFLICT', { ru: 'Пакет ещё не сформирован', en: 'The package has not been built yet' });

async function packagedOr409(pkg: ArchivePackage): Promise<ArchivePackage> {
  if (pkg.status !== 'packaged') throw notReady();
  return pkg;
}

defineRoute({
  operationId: 'archiveCard',
  method: 'post',
  path: '/api/cards/:id/archive',
  summary: 'Передать документ в архив: формирование архивного пакета (If-Match) / archive a filed card and build its package',
  tags: ['archive'],
  access: 'authenticated',
  permission: 'archive.manage',
  resource: 'card',
  params: IdParams,
  success: { status: 202, description: 'Карточка в архиве, пакет формируется', schema: PackageSummarySchema },
  errors: ['CARD_TRANSITION_FORBIDDEN', 'PRECONDITION_FAILED', 'PRECONDITION_REQUIRED'],
  async handler(ctx) {
    const version = ctx.ifMatch();
    const store = await archiveStore();
    const { card, pkg } = await ctx.write(async (unit) => {
      const current = await unit.scope.findOr404(Card, ctx.params.id);
      await assertCardVisible(unit.trx, ctx.actor, current);
      return archiveCard(unit, current.id, version, store.kind);
    });
    ctx.app.worker?.nudge();
    ctx.setVersion(card.version);
    ctx.koa.status = 202;
    return presentPackage(pkg, await cardBriefs(ctx.app.knex, ctx.actor.orgId, [pkg]));
  },
});

defineRoute({
  operationId: 'listPackages',
  method: 'get',
  path: '/api/packages',
  summary: 'Архивные пакеты, новые сверху / archival packages, newest first',
  tags: ['archive'],
  access: 'authenticated',
  permission: 'archive.manage',
  query: PackageListQuery,
  success: { status: 200, description: 'Страница пакетов', schema: PageSchema(PackageSummarySchema) },
  async handler(ctx) {
    const limit = ctx.query.limit ?? 50;
    const after = decodeCursor(ctx.query.cursor, 2);
    const q = ctx.query.q?.trim();
    const rows = await ctx.scope
      .query(ArchivePackage)
      .modify((b) => {
        if (ctx.query.status) b.where('status', ctx.query.status);
        if (ctx.query.objectType) b.where('object_type', ctx.query.objectType);
        if (ctx.query.fixityAlert !== undefined) b.where('fixity_alert', ctx.query.fixityAlert);
        if (ctx.query.destroyed !== undefined) b.where((w) => (ctx.query.destroyed ? w.whereNotNull('destroyed_at') : w.whereNull('destroyed_at')));
        if (ctx.query.objectId) b.where('object_id', ctx.query.objectId);
        if (q) {
          const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
          b.whereRaw('object_id IN (SELECT id FROM cards WHERE org_id = ? AND (reg_number ILIKE ? OR summary ILIKE ?))', [ctx.actor.orgId, like, like]);
        }
        if (after) b.whereRaw('(created_at, id::text) < (?::timestamptz, ?)', after);
      })
      .orderByRaw('created_at DESC, id::text DESC')
      .limit(limit + 1);
    const cards = await cardBriefs(ctx.app.knex, ctx.actor.orgId, rows);
    return pageOf(rows, limit, (p) => [p.createdAt.toISOString(), p.id], (p) => presentPackage(p, cards));
  },
});

defineRoute({
  operationId: 'listFixityAlerts',
  method: 'get',
  path: '/api/archive/fixity-alerts',
  summary: 'Пакеты с нарушением целостности (тревоги проверки фиксированности) / packages whose fixity check failed',
  tags: ['archive'],
  access: 'authenticated',
  permission: 'archive.manage',
  success: { status: 200, description: 'Тревоги', schema: Type.Object({ items: Type.Array(Type.Object({ package: PackageSummarySchema, lastCheck: Type.Union([FixityCheckSchema, Type.Null()]) })) }) },
  async handler(ctx) {
    const rows = await ctx.scope.query(ArchivePackage).where('fixity_alert', true).orderBy('last_fixity_at', 'desc').limit(500);
    const cards = await cardBriefs(ctx.app.knex, ctx.actor.orgId, rows);
    const items = [];
    for (const p of rows) {
      const c = (await ctx.scope.table('fixity_checks').where({ package_id: p.id }).whereNot({ result: 'ok' }).orderBy('checked_at', 'desc').first()) as
        | { id: string; package_version: number; result: string; files: number; bytes: string | number; problems: { code: string; message: string }[]; trigger: string; checked_at: Date }
        | undefined;
      items.push({
        package: presentPackage(p, cards),
        lastCheck: c ? { id: c.id, packageVersion: c.package_version, result: c.result, files: c.files, bytes: Number(c.bytes), problems: c.problems, trigger: c.trigger, checkedAt: c.checked_at.toISOString() } : null,
      });
    }
    return { items };
  },
});

defineRoute({
  operationId: 'getPackage',
  method: 'get',
  path: '/api/packages/:id',
  summary: 'Архивный пакет: состав, версии OCFL, история проверок, доказательства / package manifest, versions, fixity, evidence',
  tags: ['archive'],
  access: 'authenticated',
  permission: 'archive.manage',
  resource: 'archive_package',
  params: IdParams,
  success: { status: 200, description: 'Пакет', schema: PackageDetailSchema },
  async handler(ctx) {
    const pkg = await ctx.scope.findOr404(ArchivePackage, ctx.params.id);
    return presentPackageDetail(ctx.app.knex, ctx.actor.orgId, pkg);
  },
});

defineRoute({
  operationId: 'verifyPackage',
  method: 'get',
  path: '/api/packages/:id/verify',
  summary: 'Проверить пакет так же, как автономный проверяющий (OCFL, дайджесты, PDF/A, подписи, доказательства) / verify the stored package',
  tags: ['archive'],
  access: 'authenticated',
  permission: 'archive.manage',
  resource: 'archive_package',
  params: IdParams,
  success: { status: 200, description: 'Результат проверки', schema: VerifySchema },
  async handler(ctx) {
    const pkg = await packagedOr409(await ctx.scope.findOr404(ArchivePackage, ctx.params.id));
    const store = await archiveStore();
    // Under the object's lock: a job writing the next version (an evidence record, a destruction) has its version
    // directory on disk before the root inventory names it, which the verifier would report as E046.
    const result = await withObjectLocks([pkg.ocflId], () => verifyTree(store.tree(pkg.ocflId)), ctx.app.knex);
    return { valid: result.valid, checks: result.checks, version: `v${pkg.currentVersion}`, anchor: result.package?.anchor ?? null };
  },
});

defineRoute({
  operationId: 'downloadPackage',
  method: 'get',
  path: '/api/packages/:id/download',
  summary: 'Скачать пакет (ZIP, побайтно воспроизводимый) / the package as a reproducible ZIP',
  tags: ['archive'],
  access: 'authenticated',
  permission: 'archive.manage',
  resource: 'archive_package',
  params: IdParams,
  success: { status: 200, description: 'ZIP', contentType: 'application/zip' },
  async handler(ctx) {
    const pkg = await packagedOr409(await ctx.scope.findOr404(ArchivePackage, ctx.params.id));
    const files = await (await archiveStore()).read(pkg.ocflId);
    if (!files) throw notReady();
    const cards = await cardBriefs(ctx.app.knex, ctx.actor.orgId, [pkg]);
    const name = cards.get(pkg.objectId)?.reg_number ?? pkg.objectId;
    ctx.koa.type = 'application/zip';
    ctx.koa.set('Content-Disposition', contentDisposition('attachment', `Архивный пакет ${name} v${pkg.currentVersion}.zip`));
    ctx.koa.body = Buffer.from(packageZip(files));
    await ctx.write((unit) => unit.audit({ action: 'archive.package_downloaded', objectType: 'archive_package', objectId: pkg.id, payload: { version: pkg.currentVersion } }));
    return undefined;
  },
});

defineRoute({
  operationId: 'checkPackageFixity',
  method: 'post',
  path: '/api/packages/:id/fixity',
  summary: 'Проверить фиксированность (пересчитать дайджесты) сейчас / re-hash the stored package now',
  tags: ['archive'],
  access: 'authenticated',
  permission: 'archive.manage',
  resource: 'archive_package',
  params: IdParams,
  success: { status: 200, description: 'Результат', schema: FixityCheckSchema },
  async handler(ctx) {
    const pkg = await packagedOr409(await ctx.scope.findOr404(ArchivePackage, ctx.params.id));
    const outcome = await checkFixity(pkg.ocflId, ctx.app.knex);
    const id = await ctx.write((unit) => recordFixity(unit.trx, { id: pkg.id, org_id: pkg.orgId, ocfl_id: pkg.ocflId }, outcome, 'manual', { id: ctx.actor.userId, login: ctx.actor.login }));
    return { id, packageVersion: outcome.version, result: outcome.result, files: outcome.files, bytes: outcome.bytes, problems: outcome.problems, trigger: 'manual', checkedAt: new Date().toISOString() };
  },
});

defineRoute({
  operationId: 'repackage',
  method: 'post',
  path: '/api/packages/:id/repackage',
  summary: 'Пересобрать пакет из текущих данных: при изменениях — новая версия OCFL / rebuild; a change becomes a new OCFL version',
  tags: ['archive'],
  access: 'authenticated',
  permission: 'archive.manage',
  resource: 'archive_package',
  params: IdParams,
  success: { status: 202, description: 'Поставлено в очередь', schema: PackageSummarySchema },
  async handler(ctx) {
    const pkg = await ctx.scope.findOr404(ArchivePackage, ctx.params.id);
    if (pkg.objectType !== 'card') throw new AppError('CONFLICT', { ru: 'Пересборка доступна для пакетов документов', en: 'Only document packages can be rebuilt here' });
    if (pkg.destroyedAt) throw new AppError('CONFLICT', { ru: 'Документ уничтожен по акту: пакет не пересобирается', en: 'The document was destroyed under an act: its package is not rebuilt' });
    const store = await archiveStore();
    await ctx.write(async (unit) => {
      await enqueueCardPackaging(unit, pkg.objectId, store.kind);
      await unit.audit({ action: 'archive.repackage_requested', objectType: 'archive_package', objectId: pkg.id, payload: {} });
    });
    ctx.app.worker?.nudge();
    ctx.koa.status = 202;
    return presentPackage(pkg, await cardBriefs(ctx.app.knex, ctx.actor.orgId, [pkg]));
  },
});

defineRoute({
  operationId: 'clearFixityAlert',
  method: 'post',
  path: '/api/packages/:id/fixity-alert/clear',
  summary: 'Снять тревогу после восстановления пакета (последняя проверка должна быть успешной) / clear the alert after repair',
  tags: ['archive'],
  access: 'authenticated',
  permission: 'archive.manage',
  resource: 'archive_package',
  params: IdParams,
  body: Type.Object({ note: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false }),
  success: { status: 200, description: 'Пакет', schema: PackageSummarySchema },
  async handler(ctx) {
    const pkg = await ctx.write(async (unit) => {
      const current = await unit.scope.findOr404(ArchivePackage, ctx.params.id);
      if (current.lastFixityResult !== 'ok') throw new AppError('CONFLICT', { ru: 'Сначала восстановите пакет: последняя проверка не прошла', en: 'Repair the package first: the last check failed' });
      await unit.scope.table('archive_packages').where({ id: current.id }).update({ fixity_alert: false, updated_at: unit.trx.fn.now() });
      await unit.audit({ action: 'archive.fixity_alert_cleared', objectType: 'archive_package', objectId: current.id, payload: { note: ctx.body.note ?? null } });
      return unit.scope.findOr404(ArchivePackage, current.id);
    });
    return presentPackage(pkg, await cardBriefs(ctx.app.knex, ctx.actor.orgId, [pkg]));
  },
});
