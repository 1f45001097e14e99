import { Type } from '@sinclair/typebox';
import { defineRoute } from '../../http/route.ts';
import { AppError, notFound } from '../../http/problem.ts';
import { IdParams, Uuid } from '../common.ts';
import { Card } from '../../models/Card.ts';
import { assertCardVisible } from '../../policies/cardAccess.ts';
import { enqueueCardSignatureChecks } from '../../signatures/signatureJobs.ts';
import { signatureProtocolPdf } from '../../signatures/signatureProtocol.ts';
import { contentDisposition } from '../../http/safeFileName.ts';
import { SignatureError, TrustStore } from '../../../signature/index.ts';

const CheckSchema = Type.Object({
  id: Uuid,
  fileId: Uuid,
  signatureFileId: Type.Union([Uuid, Type.Null()]),
  status: Type.String(),
  summary: Type.String(),
  validatedAt: Type.String({ format: 'date-time' }),
  report: Type.Unknown(),
});

interface CheckRow {
  id: string;
  card_id: string;
  file_id: string;
  signature_file_id: string | null;
  status: string;
  summary: string;
  validated_at: Date;
  report: unknown;
}
const present = (r: CheckRow) => ({ id: r.id, fileId: r.file_id, signatureFileId: r.signature_file_id, status: r.status, summary: r.summary, validatedAt: r.validated_at.toISOString(), report: r.report });

defineRoute({
  operationId: 'cardSignatures',
  method: 'get',
  path: '/api/cards/:id/signatures',
  summary: 'Результаты проверки электронных подписей файлов карточки (новые сверху) / signature verification results',
  tags: ['signatures'],
  access: 'authenticated',
  permission: 'cards.read',
  resource: 'card',
  params: IdParams,
  success: { status: 200, description: 'Проверки', schema: Type.Object({ items: Type.Array(CheckSchema) }) },
  async handler(ctx) {
    const card = await ctx.scope.findOr404(Card, ctx.params.id);
    await assertCardVisible(ctx.app.knex, ctx.actor, card);
    const rows = (await ctx.scope.table('signature_checks').where({ card_id: card.id }).orderBy('validated_at', 'desc')) as CheckRow[];
    return { items: rows.map(present) };
  },
});

defineRoute({
  operationId: 'reverifyCardSignatures',
  method: 'post',
  path: '/api/cards/:id/signatures/verify',
  summary: 'Проверить подписи заново (фоновое задание) / re-verify signatures on demand',
  tags: ['signatures'],
  access: 'authenticated',
  permission: 'cards.read',
  resource: 'card',
  params: IdParams,
  success: { status: 202, description: 'Проверка поставлена в очередь', schema: Type.Object({ queued: Type.Integer() }) },
  async handler(ctx) {
    const queued = await ctx.write(async (unit) => {
      const card = await unit.scope.findOr404(Card, ctx.params.id);
      await assertCardVisible(unit.trx, ctx.actor, card);
      const n = await enqueueCardSignatureChecks(unit.trx, unit.scope.orgId, card.id);
      await unit.audit({ action: 'signature.reverify_requested', objectType: 'card', objectId: card.id, payload: { queued: n } });
      return n;
    });
    return { queued };
  },
});

defineRoute({
  operationId: 'signatureProtocol',
  method: 'get',
  path: '/api/signature-checks/:id/protocol',
  summary: 'Протокол проверки подписи для печати (PDF/A) / printable verification protocol',
  tags: ['signatures'],
  access: 'authenticated',
  permission: 'cards.read',
  resource: 'signature_check',
  params: IdParams,
  success: { status: 200, description: 'PDF/A', contentType: 'application/pdf' },
  async handler(ctx) {
    const row = (await ctx.scope.table('signature_checks').where({ id: ctx.params.id }).first()) as CheckRow | undefined;
    if (!row) throw notFound();
    const card = await ctx.scope.findOr404(Card, row.card_id);
    await assertCardVisible(ctx.app.knex, ctx.actor, card);
    const org = (await ctx.app.knex('organisations').where({ id: ctx.actor.orgId }).first('name')) as { name: string };
    ctx.koa.type = 'application/pdf';
    ctx.koa.set('Content-Disposition', contentDisposition('attachment', `Протокол проверки подписи ${card.regNumber ?? card.id}.pdf`));
    ctx.koa.body = Buffer.from(await signatureProtocolPdf({ orgName: org.name, card, check: { id: row.id, status: row.status, summary: row.summary, validatedAt: row.validated_at, report: row.report } }));
    return undefined;
  },
});

const AnchorSchema = Type.Object({ id: Uuid, subject: Type.String(), sha256: Type.String(), notAfter: Type.String({ format: 'date-time' }) });

defineRoute({
  operationId: 'listTrustAnchors',
  method: 'get',
  path: '/api/trust-anchors',
  summary: 'Доверенные корневые сертификаты организации / trusted root certificates',
  tags: ['signatures'],
  access: 'authenticated',
  permission: 'org.read',
  success: { status: 200, description: 'Сертификаты', schema: Type.Object({ items: Type.Array(AnchorSchema) }) },
  async handler(ctx) {
    const rows = (await ctx.scope.table('trust_anchors').orderBy('subject')) as { id: string; subject: string; sha256: string; not_after: Date }[];
    return { items: rows.map((r) => ({ id: r.id, subject: r.subject, sha256: r.sha256, notAfter: r.not_after.toISOString() })) };
  },
});

defineRoute({
  operationId: 'importTrustAnchors',
  method: 'post',
  path: '/api/trust-anchors',
  summary: 'Импорт корневых сертификатов из PEM-набора или DER в base64 / import roots from a PEM bundle',
  tags: ['signatures'],
  access: 'authenticated',
  permission: 'org.manage',
  body: Type.Object({ bundle: Type.String({ minLength: 1, maxLength: 5_000_000, description: 'PEM (несколько сертификатов) или base64 DER' }) }, { additionalProperties: false }),
  success: { status: 201, description: 'Добавленные сертификаты', schema: Type.Object({ items: Type.Array(AnchorSchema) }) },
  async handler(ctx) {
    const store = new TrustStore();
    try {
      if (store.addBundle(new Uint8Array(Buffer.from(ctx.body.bundle, 'utf8'))) === 0) throw new SignatureError('SIGNATURE_TRUST_STORE_INVALID', 'no certificates');
    } catch (error) {
      if (!(error instanceof SignatureError)) throw error;
      throw new AppError('VALIDATION_FAILED', { ru: 'В наборе нет ни одного корректного сертификата', en: 'The bundle holds no valid certificate' });
    }
    const items = await ctx.write(async (unit) => {
      const added = [];
      for (const cert of store.certificates()) {
        const summary = store.list().find((s) => s.sha256 === cert.sha256);
        if (!summary) continue;
        const [row] = (await unit.trx('trust_anchors')
          .insert({ org_id: unit.scope.orgId, sha256: cert.sha256, subject: summary.subject, not_after: new Date(summary.notAfter), der_base64: Buffer.from(cert.der).toString('base64'), added_by: ctx.actor.userId })
          .onConflict(['org_id', 'sha256'])
          .merge(['subject'])
          .returning(['id', 'subject', 'sha256', 'not_after'])) as { id: string; subject: string; sha256: string; not_after: Date }[];
        if (row) added.push({ id: row.id, subject: row.subject, sha256: row.sha256, notAfter: row.not_after.toISOString() });
      }
      await unit.audit({ action: 'trust_anchor.imported', objectType: 'trust_anchor', payload: { certificates: added.map((a) => ({ subject: a.subject, sha256: a.sha256 })) } });
      return added;
    });
    return { items };
  },
});

defineRoute({
  operationId: 'removeTrustAnchor',
  method: 'delete',
  path: '/api/trust-anchors/:id',
  summary: 'Удалить доверенный сертификат / remove a trusted root',
  tags: ['signatures'],
  access: 'authenticated',
  permission: 'org.manage',
  resource: 'trust_anchor',
  params: IdParams,
  success: { status: 204, description: 'Удалён' },
  async handler(ctx) {
    await ctx.write(async (unit) => {
      const row = (await unit.scope.table('trust_anchors').where({ id: ctx.params.id }).first('id', 'subject', 'sha256')) as { id: string; subject: string; sha256: string } | undefined;
      if (!row) throw notFound();
      await unit.scope.table('trust_anchors').where({ id: row.id }).del();
      await unit.audit({ action: 'trust_anchor.removed', objectType: 'trust_anchor', objectId: row.id, payload: { subject: row.subject, sha256: row.sha256 } });
    });
    return undefined;
  },
});
