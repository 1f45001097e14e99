// A second tenant with one object of every tenant-owned kind, for cross-organisation tests.
import type { Knex } from 'knex';
import { createOrganisation } from '../commands/createOrganisation.ts';
import { createUser } from '../commands/createUser.ts';
import { createDepartment } from '../commands/manageDepartments.ts';
import { createPosition, createStaff } from '../commands/manageStaff.ts';
import { TenantScope } from '../tenancy/scope.ts';
import { appendAudit } from '../audit/appendAudit.ts';
import { enqueueJob } from '../jobs/queue.ts';
import type { WriteUnit } from '../http/route.ts';
import { ROLES } from '../models/User.ts';
import type { BlobStore } from '../storage/index.ts';
import { PDFDocument } from 'pdf-lib';
import { storeFixturePackage } from '../archive/packages/fixturePackage.ts';
import { inventoryPdf, pdfTime, type InventoryContent } from '../archive/inventoryDocument.ts';

export interface OtherOrganisation {
  orgId: string;
  /** One id per resource name used in route declarations. */
  ids: Record<string, string>;
  login: string;
}

function unitFor(trx: Knex.Transaction, orgId: string): WriteUnit {
  return {
    trx,
    scope: new TenantScope(orgId, trx),
    audit: async (e) => {
      await appendAudit(trx, { ...e, orgId, actor: null });
    },
    auditEvent: (e) => ({ ...e, orgId, actor: null }),
  };
}

export async function createOtherOrganisation(knex: Knex, blobs: BlobStore, password: string, suffix = 'b'): Promise<OtherOrganisation> {
  // A real one-page PDF, so that text extraction and the preview can be produced for it.
  const pdf = await PDFDocument.create();
  pdf.addPage([595, 842]);
  pdf.setTitle(`Письмо ${suffix}`);
  const blob = await blobs.put(await pdf.save());
  return knex.transaction(async (trx) => {
    const orgId = await createOrganisation(trx, { name: `Администрация сельского поселения Березовка ${suffix}`, shortName: `Березовка ${suffix}` }, null);
    const unit = unitFor(trx, orgId);
    const department = await createDepartment(unit, { name: 'Общий отдел', code: '01' });
    const position = await createPosition(unit, { title: 'Специалист', departmentId: department.id });
    const staff = await createStaff(unit, { lastName: 'Петров', firstName: 'Пётр', departmentId: department.id, positionId: position.id });
    const login = `admin-${suffix}`;
    const user = await createUser(unit, { login, fullName: 'Петров Пётр', password, roles: [...ROLES], staffId: staff.id });
    const [journal] = (await trx('journals').insert({ org_id: orgId, kind: 'incoming', name: 'Входящие', prefix: 'Вх', number_template: '{prefix}-{seq}' }).returning('id')) as { id: string }[];
    const [token] = (await trx('api_tokens').insert({ org_id: orgId, user_id: user.id, name: 'b', token_hash: `h-${suffix}-${Date.now()}`, prefix: 'kt_xxxx' }).returning('id')) as { id: string }[];
    const [session] = (await trx('sessions')
      .insert({ org_id: orgId, user_id: user.id, token_hash: `s-${suffix}-${Date.now()}`, csrf_token: 'x', expires_at: new Date(Date.now() + 3_600_000) })
      .returning('id')) as { id: string }[];
    const [file] = (await trx('files').insert({ org_id: orgId, sha256: blob.sha256, size: blob.size, mime: blob.mime, name: 'письмо.pdf', uploaded_by: user.id }).returning('id')) as { id: string }[];
    const [correspondent] = (await trx('correspondents').insert({ org_id: orgId, type: 'company', name: `ООО «Ромашка ${suffix}»` }).returning('id')) as { id: string }[];
    const [card] = (await trx('cards')
      .insert({ org_id: orgId, kind: 'incoming', status: 'registered', summary: `Письмо ${suffix}`, reg_number: `Вх-1/${suffix}`, journal_id: journal?.id, correspondent_id: correspondent?.id, created_by: user.id })
      .returning('id')) as { id: string }[];
    const [appealCard] = (await trx('cards')
      .insert({ org_id: orgId, kind: 'appeal', status: 'registered', summary: `Обращение ${suffix}`, reg_number: `ОГ-1/${suffix}`, reg_date: '2026-01-15', deadline: '2026-02-16', correspondent_id: correspondent?.id, created_by: user.id })
      .returning('id')) as { id: string }[];
    const [resolution] = (await trx('resolutions').insert({ org_id: orgId, card_id: card?.id, author_staff_id: staff.id, entered_by: user.id, text: 'Рассмотреть' }).returning('id')) as { id: string }[];
    const [assignment] = (await trx('assignments')
      .insert({ org_id: orgId, card_id: card?.id, resolution_id: resolution?.id, executor_staff_id: staff.id, author_staff_id: staff.id, text: 'Рассмотреть', deadline: '2030-01-10' })
      .returning('id')) as { id: string }[];
    // The appeal was extended and forwarded, so that its 59-FZ record is there to leak if a route forgot the scope.
    const [competentBody] = (await trx('correspondents').insert({ org_id: orgId, type: 'government', name: `Министерство ${suffix}` }).returning('id')) as { id: string }[];
    await trx('appeal_extensions').insert({ org_id: orgId, card_id: appealCard?.id, old_deadline: '2026-02-16', new_deadline: '2026-03-16', reason: 'Запрошены документы', extended_by: user.id, extended_by_name: 'Петров Пётр' });
    await trx('appeal_forwardings').insert({ org_id: orgId, card_id: appealCard?.id, correspondent_id: competentBody?.id, forwarded_on: '2026-01-20', forwarded_by: user.id, forwarded_by_name: 'Петров Пётр' });
    await trx('appeal_results').insert({ org_id: orgId, card_id: appealCard?.id, result: 'forwarded', decided_on: '2026-01-20', decided_by: user.id, decided_by_name: 'Петров Пётр' });
    // A draft regulation on its first, started approval round.
    const [draftCard] = (await trx('cards').insert({ org_id: orgId, kind: 'draft', status: 'draft', summary: `Проект постановления ${suffix}`, created_by: user.id }).returning('id')) as { id: string }[];
    const [approvalRoute] = (await trx('approval_routes')
      .insert({ org_id: orgId, card_id: draftCard?.id, round: 1, status: 'in_progress', initiator_user_id: user.id, initiator_staff_id: staff.id, current_stage: 1, started_at: new Date() })
      .returning('id')) as { id: string }[];
    const [approvalStage] = (await trx('approval_stages').insert({ org_id: orgId, route_id: approvalRoute?.id, position: 1, status: 'active', started_at: new Date() }).returning('id')) as { id: string }[];
    await trx('approval_visas').insert({ org_id: orgId, route_id: approvalRoute?.id, stage_id: approvalStage?.id, card_id: draftCard?.id, staff_id: staff.id, position: 1 });
    await enqueueJob(trx, { kind: 'file.process', orgId, payload: { fileId: file?.id } });
    await trx('autofill_proposals').insert({ file_id: file?.id, org_id: orgId, status: 'done', langs: 'rus+eng', fields: JSON.stringify({}), confidence: JSON.stringify({}), sources: JSON.stringify({}) });
    const [check] = (await trx('signature_checks')
      .insert({ org_id: orgId, card_id: card?.id, file_id: file?.id, status: 'error', summary: 'нет подписи', report: JSON.stringify({ error: { code: 'X', message: 'x' } }), validated_at: new Date() })
      .returning('id')) as { id: string }[];
    const [anchor] = (await trx('trust_anchors')
      .insert({ org_id: orgId, sha256: `fixture-${suffix}`, subject: `CN=Корневой УЦ ${suffix}`, not_after: new Date('2035-01-01'), der_base64: '' })
      .returning('id')) as { id: string }[];
    const [archivePackage] = (await trx('archive_packages')
      .insert({ org_id: orgId, object_type: 'card', object_id: card?.id, ocfl_id: `urn:kartoteka:card:${card?.id}`, status: 'packaged', current_version: 1, storage: 'fs' })
      .returning('id')) as { id: string }[];
    await storeFixturePackage(`urn:kartoteka:card:${card?.id}`, `Письмо ${suffix}`);
    // Records management: a nomenclature line, its case, an approved inventory listing it and a draft destruction act.
    const [nomenclatureItem] = (await trx('nomenclature_items').insert({ org_id: orgId, year: 2020, case_index: '01-01', title: 'Переписка', retention_kind: 'years', retention_years: 15 }).returning('id')) as { id: string }[];
    const [archiveCase] = (await trx('cases')
      .insert({ org_id: orgId, nomenclature_item_id: nomenclatureItem?.id, case_index: '01-01', title: 'Переписка', year: 2020, status: 'in_inventory', retention_kind: 'years', retention_years: 15, opened_on: '2020-01-09', closed_on: '2020-12-31' })
      .returning('id')) as { id: string }[];
    const [inventory] = (await trx('inventories').insert({ org_id: orgId, kind: 'long_term', year: 2020, number: 1, title: 'Опись' }).returning('id')) as { id: string }[];
    // Approved, so that its transfer export answers too.
    const approvedAt = new Date('2021-02-01T09:00:00Z');
    const content: InventoryContent = {
      format: 'kartoteka-inventory/3',
      organisation: { name: `Администрация ${suffix}`, shortName: suffix },
      fund: null,
      inventory: { id: inventory?.id ?? '', kind: 'long_term', year: 2020, number: 1, title: 'Опись' },
      compiledBy: null,
      approval: { by: 'Петров Пётр', position: null, at: pdfTime(approvedAt) },
      expertReview: { protocolNumber: '1', protocolDate: '2021-01-20', recordedBy: 'Петров Пётр', recordedAt: '2021-01-20T09:00:00Z' },
      archiveReviewRequired: false,
      archiveReview: null,
      numbering: { first: '1', last: '1', lettered: [], skipped: [] },
      cases: [{ position: 1, number: '1', caseId: archiveCase?.id ?? '', caseIndex: '01-01', title: 'Переписка', year: 2020, section: 'Общий отдел', startDate: null, endDate: null, documents: 0, sheets: 0, retention: '15 лет', listArticle: null }],
      totals: { cases: 1, sheets: 0, documents: 0 },
    };
    const inventoryBlob = await blobs.put(await inventoryPdf(content, approvedAt));
    await trx('inventories').where({ id: inventory?.id }).update({ status: 'approved', approved_at: approvedAt, approved_by_name: 'Петров Пётр', content: JSON.stringify(content), pdf_sha256: inventoryBlob.sha256 });
    await trx('inventory_items').insert({ inventory_id: inventory?.id, org_id: orgId, case_id: archiveCase?.id, position: 1 });
    const [destructionAct] = (await trx('destruction_acts').insert({ org_id: orgId, year: 2026, number: 1, reason: 'Истечение сроков хранения' }).returning('id')) as { id: string }[];
    await trx('destruction_act_items').insert({ act_id: destructionAct?.id, org_id: orgId, case_id: archiveCase?.id, position: 1 });
    // An absence with its deputy (замещение).
    const [deputy] = (await trx('staff').insert({ org_id: orgId, last_name: 'Сидоров', first_name: 'Семён', department_id: department.id }).returning('id')) as { id: string }[];
    const [absence] = (await trx('absences')
      .insert({ org_id: orgId, staff_id: staff.id, deputy_staff_id: deputy?.id, starts_on: '2030-01-01', ends_on: '2030-01-14', reason: 'vacation', created_by: user.id })
      .returning('id')) as { id: string }[];
    const jobId = await enqueueJob(trx, { kind: 'platform.ping', orgId });
    await trx('jobs').where({ id: jobId }).update({ state: 'dead' });
    return {
      orgId,
      login,
      ids: {
        department: department.id,
        position: position.id,
        staff: staff.id,
        user: user.id,
        journal: journal?.id ?? '',
        token: token?.id ?? '',
        session: session?.id ?? '',
        job: String(jobId),
        file: file?.id ?? '',
        correspondent: correspondent?.id ?? '',
        card: card?.id ?? '',
        appeal_card: appealCard?.id ?? '',
        assignment: assignment?.id ?? '',
        signature_check: check?.id ?? '',
        trust_anchor: anchor?.id ?? '',
        archive_package: archivePackage?.id ?? '',
        nomenclature_item: nomenclatureItem?.id ?? '',
        case: archiveCase?.id ?? '',
        inventory: inventory?.id ?? '',
        destruction_act: destructionAct?.id ?? '',
        approval_route: approvalRoute?.id ?? '',
        absence: absence?.id ?? '',
      },
    };
  });
}
