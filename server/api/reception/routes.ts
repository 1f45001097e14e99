// The internet reception (интернет-приёмная): the administrator's settings, the public form and status check (no
// session: the slug in the address names the organisation), and the registration receipt for staff.
import { createHash } from 'node:crypto';
import type Koa from 'koa';
import type { AppServices } from '../../services.ts';
import { defineRoute } from '../../http/route.ts';
import { AppError } from '../../http/problem.ts';
import { validate } from '../../http/validation.ts';
import { contentDisposition } from '../../http/safeFileName.ts';
import { IdParams } from '../common.ts';
import { Card } from '../../models/Card.ts';
import { TenantScope } from '../../tenancy/scope.ts';
import { assertCardVisible } from '../../policies/cardAccess.ts';
import { ATTACHMENT_TYPES } from '../../reception/attachmentTypes.ts';
import { findOpenReception, findReceptionBySlug, readReceptionSettings, settingsView } from '../../reception/receptionSettings.ts';
import { receiveAppealForm } from '../../reception/receiveAppealForm.ts';
import { findOnlineAppeal, presentAppealStatus } from '../../reception/appealStatus.ts';
import { formatStatusCode } from '../../reception/statusCode.ts';
import { receiptFileName, receiptPdf } from '../../reception/receptionDocuments.ts';
import { saveReceptionSettings } from '../../commands/reception/saveReceptionSettings.ts';
import { ANSWER_DAYS, checkAppealFields, submitAppeal, type AppealSubmission } from '../../commands/reception/submitAppeal.ts';
import { issueAppealReceipt, receiptContent, receptionAppealOf } from '../../commands/reception/issueAppealReceipt.ts';
import { issueStatusCode } from '../../commands/reception/issueStatusCode.ts';
import { AppealBody, AppealStatusSchema, ReceptionFormSchema, ReceptionSettingsBody, ReceptionSettingsSchema, SlugParams, StatusQueryBody, SubmittedSchema } from './schema.ts';


defineRoute({
  operationId: 'getReceptionSettings',
  method: 'get',
  path: '/api/org/reception',
  summary: 'Настройки интернет-приёмной своей организации / the organisation’s internet reception settings',
  tags: ['reception'],
  access: 'authenticated',
  permission: 'org.read',
  success: { status: 200, description: 'Настройки (version 0 — ещё не сохранены)', schema: ReceptionSettingsSchema },
  async handler(ctx) {
    const settings = await readReceptionSettings(ctx.app.knex, ctx.actor.orgId);
    ctx.setVersion(settings.version);
    return settingsView(settings);
  },
});

defineRoute({
  operationId: 'saveReceptionSettings',
  method: 'put',
  path: '/api/org/reception',
  summary: 'Сохранить настройки интернет-приёмной (If-Match, "v0" — первое сохранение) / save the internet reception settings',
  tags: ['reception'],
  access: 'authenticated',
  permission: 'org.manage',
  body: ReceptionSettingsBody,
  success: { status: 200, description: 'Сохранено', schema: ReceptionSettingsSchema },
  errors: ['RECEPTION_NOT_CONFIGURED', 'RECEPTION_SLUG_TAKEN'],
  async handler(ctx) {
    const version = ctx.ifMatch();
    const settings = await ctx.write((unit) => saveReceptionSettings(unit, version, ctx.body));
    ctx.setVersion(settings.version);
    return settingsView(settings);
  },
});

defineRoute({
  operationId: 'getReceptionForm',
  method: 'get',
  path: '/api/public/reception/:slug',
  summary: 'Интернет-приёмная: организация, приём открыт ли, ограничения файлов (без входа) / the public form’s description',
  tags: ['reception'],
  access: 'public',
  params: SlugParams,
  success: { status: 200, description: 'Описание формы', schema: ReceptionFormSchema },
  errors: ['RECEPTION_NOT_FOUND'],
  async handler(ctx) {
    const { settings, organisation } = await findReceptionBySlug(ctx.app.knex, ctx.params.slug);
    return {
      slug: ctx.params.slug,
      organisation,
      enabled: settings.enabled && settings.journalId !== null,
      limits: {
        maxFiles: settings.maxFiles,
        maxFileBytes: settings.maxFileBytes,
        allowedTypes: settings.allowedTypes.map((type) => ({ type, mime: ATTACHMENT_TYPES[type].mime, extensions: [...ATTACHMENT_TYPES[type].extensions] })),
      },
      answerDays: ANSWER_DAYS,
    };
  },
});

defineRoute({
  operationId: 'submitAppeal',
  method: 'post',
  path: '/api/public/reception/:slug/appeals',
  summary: 'Отправить обращение (multipart: поле appeal — JSON, поля files — файлы) / send an appeal',
  tags: ['reception'],
  access: 'public',
  params: SlugParams,
  upload: true,
  success: { status: 201, description: 'Зарегистрировано: номер, срок, код проверки статуса', schema: SubmittedSchema },
  errors: [
    'RECEPTION_NOT_FOUND', 'RECEPTION_DISABLED', 'RECEPTION_THROTTLED', 'RECEPTION_REJECTED', 'RECEPTION_CONSENT_REQUIRED', 'RECEPTION_CONTACT_REQUIRED',
    'RECEPTION_FILE_TYPE', 'RECEPTION_TOO_MANY_FILES', 'RECEPTION_FILE_TOO_LARGE', 'PAYLOAD_TOO_LARGE', 'MALFORMED_JSON',
  ],
  async handler(ctx) {
    const reception = await findOpenReception(ctx.app.knex, ctx.params.slug);
    ctx.app.receptionThrottle.takeSubmission(ctx.koa.ip || 'unknown');
    let early: AppealSubmission | null = null;
    const form = await receiveAppealForm(ctx.koa, ctx.app.blobs, reception.settings, {
      onField: (name, value) => {
        if (name === 'appeal') early = readAppeal(value);
      },
    });
    const submission = early ?? readAppeal(form.fields.appeal);
    const { card, statusCode, receipt } = await submitAppeal(ctx.app, reception, submission, form.files, ctx.requestId);
    return {
      regNumber: card.regNumber ?? '',
      regDate: card.regDate ?? '',
      deadline: card.deadline,
      statusCode,
      receipt: { name: receiptFileName(card.regNumber ?? card.id), size: receipt.pdf.length, sha256: receiptSha(receipt.pdf) },
    };
  },
});

/** The appeal's JSON checked in full but for its files: syntax, schema, honeypot, consent, an address for the answer. */
function readAppeal(value: string | undefined): AppealSubmission {
  const submission = validate<AppealSubmission & { website?: string }>(AppealBody, parseAppealField(value), 'body');
  if (submission.website && submission.website.trim() !== '') throw new AppError('RECEPTION_REJECTED');
  checkAppealFields(submission);
  return submission;
}

function parseAppealField(value: string | undefined): unknown {
  if (value === undefined) {
    throw new AppError('VALIDATION_FAILED', { ru: 'В запросе нет поля appeal', en: 'The request has no appeal field', errors: [{ path: '/body/appeal', message: 'required', messageRu: 'обязательное поле' }] });
  }
  try {
    return JSON.parse(value) as unknown;
  } catch {
    throw new AppError('MALFORMED_JSON');
  }
}

function receiptSha(pdf: Uint8Array): string {
  return createHash('sha256').update(pdf).digest('hex');
}

defineRoute({
  operationId: 'checkAppealStatus',
  method: 'post',
  path: '/api/public/reception/:slug/status',
  summary: 'Статус обращения по номеру и коду из уведомления (без входа) / an appeal’s status by number and code',
  tags: ['reception'],
  access: 'public',
  params: SlugParams,
  body: StatusQueryBody,
  success: { status: 200, description: 'Статус', schema: AppealStatusSchema },
  errors: ['RECEPTION_NOT_FOUND', 'RECEPTION_STATUS_NOT_FOUND', 'RECEPTION_THROTTLED'],
  async handler(ctx) {
    const { settings } = await findReceptionBySlug(ctx.app.knex, ctx.params.slug);
    return presentAppealStatus(await checkedAppeal(ctx.app, ctx.koa.ip || 'unknown', settings.orgId, ctx.body));
  },
});

defineRoute({
  operationId: 'downloadAppealReceipt',
  method: 'post',
  path: '/api/public/reception/:slug/receipt',
  summary: 'Уведомление о регистрации (PDF/A) по номеру и коду (без входа) / the registration receipt by number and code',
  tags: ['reception'],
  access: 'public',
  params: SlugParams,
  body: StatusQueryBody,
  success: { status: 200, description: 'PDF/A', contentType: 'application/pdf' },
  errors: ['RECEPTION_NOT_FOUND', 'RECEPTION_STATUS_NOT_FOUND', 'RECEPTION_THROTTLED'],
  async handler(ctx) {
    const { settings } = await findReceptionBySlug(ctx.app.knex, ctx.params.slug);
    const appeal = await checkedAppeal(ctx.app, ctx.koa.ip || 'unknown', settings.orgId, ctx.body);
    const file = appeal.receipt_file_id ? ((await ctx.app.knex('files').where({ id: appeal.receipt_file_id, org_id: settings.orgId }).first('sha256', 'name')) as { sha256: string; name: string } | undefined) : undefined;
    if (file) return sendReceipt(ctx.koa, appeal.reg_number, await ctx.app.blobs.get(file.sha256));
    // The receipt step failed after the registration: issue it now; the code just matched, so it can be printed.
    const card = await new TenantScope(settings.orgId, ctx.app.knex).findOr404(Card, appeal.id);
    return sendReceipt(ctx.koa, appeal.reg_number, (await issueAppealReceipt(ctx.app, card, formatStatusCode(ctx.body.code), ctx.requestId)).pdf);
  },
});

async function checkedAppeal(app: AppServices, address: string, orgId: string, body: { number: string; code: string }) {
  app.receptionThrottle.assertMayCheck(address);
  try {
    return await findOnlineAppeal(app.knex, orgId, body.number, body.code);
  } catch (error) {
    if (error instanceof AppError && error.code === 'RECEPTION_STATUS_NOT_FOUND') app.receptionThrottle.wrongCode(address);
    throw error;
  }
}

defineRoute({
  operationId: 'getRegistrationReceipt',
  method: 'get',
  path: '/api/cards/:id/registration-receipt.pdf',
  summary: 'Уведомление о регистрации обращения (PDF/A) / the registration receipt of an appeal card',
  tags: ['reception'],
  access: 'authenticated',
  permission: 'cards.read',
  resource: 'appeal_card',
  params: IdParams,
  success: { status: 200, description: 'PDF/A', contentType: 'application/pdf' },
  errors: ['RECEPTION_NOT_APPEAL'],
  async handler(ctx) {
    const card = await ctx.scope.findOr404(Card, ctx.params.id);
    await assertCardVisible(ctx.app.knex, ctx.actor, card);
    const online = await receptionAppealOf(ctx.app.knex, card.orgId, card.id);
    const stored = online?.receipt_file_id ? ((await ctx.scope.table('files').where({ id: online.receipt_file_id }).first('sha256')) as { sha256: string } | undefined) : undefined;
    if (stored) return sendReceipt(ctx.koa, card.regNumber ?? card.id, await ctx.app.blobs.get(stored.sha256));
    // An appeal registered by a clerk (from paper, by e-mail) that has no code: printed on request, without one.
    return sendReceipt(ctx.koa, card.regNumber ?? card.id, await receiptPdf(await receiptContent(ctx.app.knex, card, null, new Date())));
  },
});

defineRoute({
  operationId: 'issueAppealStatusCode',
  method: 'post',
  path: '/api/cards/:id/status-code',
  summary: 'Выдать заявителю код проверки статуса: новое уведомление с кодом (PDF/A); прежний код перестаёт действовать / issue a status code',
  tags: ['reception'],
  access: 'authenticated',
  permission: 'cards.register',
  resource: 'appeal_card',
  params: IdParams,
  success: { status: 200, description: 'PDF/A: уведомление о регистрации с кодом', contentType: 'application/pdf' },
  errors: ['RECEPTION_NOT_APPEAL'],
  async handler(ctx) {
    const card = await ctx.scope.findOr404(Card, ctx.params.id);
    await assertCardVisible(ctx.app.knex, ctx.actor, card);
    return sendReceipt(ctx.koa, card.regNumber ?? card.id, (await issueStatusCode(ctx.app, ctx.actor, card, ctx.requestId)).pdf);
  },
});

/** Answers a receipt as a download named after the number (the handler then returns nothing more). */
function sendReceipt(koa: Koa.Context, regNumber: string, body: Uint8Array | NodeJS.ReadableStream): undefined {
  koa.type = 'application/pdf';
  koa.set('Content-Disposition', contentDisposition('attachment', receiptFileName(regNumber)));
  koa.body = body instanceof Uint8Array ? Buffer.from(body) : body;
  return undefined;
}
