// A citizen's appeal sent through the internet reception becomes a registered appeal card of the organisation, made by
// the same registration code as the clerk's form (prepareRegistration / registerPrepared), then gets its receipt.
//
// Three steps, each committed before the next: (1) the files and the citizen as a correspondent; (2) the registration
// in the organisation's registration group, with the status-code row written in the same transaction; (3) the
// receipt, stored and attached. Blobs are written outside transactions (a registration group must not touch anything
// outside its transaction). A failure after (2) leaves a registered appeal without a receipt, which staff can still
// print from the card (GET /api/cards/:id/registration-receipt.pdf).
import { randomUUID } from 'node:crypto';
import type { AppServices } from '../../services.ts';
import { AppError } from '../../http/problem.ts';
import { runWriteAs } from '../../http/route.ts';
import type { UploadedBlob } from '../../http/multipartFile.ts';
import type { Card } from '../../models/Card.ts';
import { Staff } from '../../models/Staff.ts';
import { TenantScope } from '../../tenancy/scope.ts';
import { findJournal } from '../cards/registerCard.ts';
import { prepareRegistration, registerPrepared } from '../cards/registerNewCards.ts';
import type { CardInput } from '../cards/cardInput.ts';
import { createCorrespondent } from '../saveCorrespondent.ts';
import { recordUploadedFile } from '../../files/recordUploadedFile.ts';
import { attachmentTypeOf, ATTACHMENT_TYPES } from '../../reception/attachmentTypes.ts';
import { RECEPTION_ACTOR, receptionRegistrar } from '../../reception/receptionActor.ts';
import { appealDocumentPdf, citizenName, firstWords, type Citizen } from '../../reception/receptionDocuments.ts';
import { hashStatusCode, newStatusCode } from '../../reception/statusCode.ts';
import type { PublicReception } from '../../reception/receptionSettings.ts';
import { issueAppealReceipt } from './issueAppealReceipt.ts';

export const APPEAL_TYPES = ['заявление', 'предложение', 'жалоба'] as const;

export interface AppealSubmission extends Citizen {
  appealType?: (typeof APPEAL_TYPES)[number] | undefined;
  text: string;
  consent: boolean;
}

/** 59-FZ art. 12 part 1: thirty days from registration. */
export const ANSWER_DAYS = 30;
/** What the card's delivery method says for appeals of this channel. */
export const RECEPTION_DELIVERY_METHOD = 'интернет-приёмная';

export interface SubmittedAppeal {
  card: Card;
  statusCode: string;
  receipt: { fileId: string; pdf: Uint8Array };
}

/** Checks what the schema cannot: consent, an address for the answer, the kind of every file. */
export function checkSubmission(submission: AppealSubmission, files: UploadedBlob[], reception: PublicReception): void {
  checkAppealFields(submission);
  checkAttachments(files, reception);
}

/** Consent and an address for the answer: known before any file is read. */
export function checkAppealFields(submission: AppealSubmission): void {
  if (submission.consent !== true) {
    throw new AppError('RECEPTION_CONSENT_REQUIRED', { errors: [{ path: '/body/consent', message: 'consent required', messageRu: 'нужно согласие' }] });
  }
  if (!submission.email?.trim() && !submission.postalAddress?.trim()) {
    throw new AppError('RECEPTION_CONTACT_REQUIRED', {
      errors: [
        { path: '/body/email', message: 'an e-mail or a postal address is required', messageRu: 'укажите адрес электронной почты или почтовый адрес' },
        { path: '/body/postalAddress', message: 'an e-mail or a postal address is required', messageRu: 'укажите адрес электронной почты или почтовый адрес' },
      ],
    });
  }
}

export function checkAttachments(files: UploadedBlob[], reception: PublicReception): void {
  const allowed = reception.settings.allowedTypes;
  for (const file of files) {
    if (!attachmentTypeOf(file.mime, allowed)) {
      const names = allowed.flatMap((key) => ATTACHMENT_TYPES[key].extensions).join(', ');
      throw new AppError('RECEPTION_FILE_TYPE', {
        ru: `Файл «${file.name}» нельзя приложить: по содержимому это не ${names || 'разрешённый тип'}`,
        en: `The file "${file.name}" cannot be attached: by its content it is not one of ${names || 'the allowed types'}`,
        errors: [{ path: '/body/files', message: `not allowed: ${file.mime}`, messageRu: `недопустимый тип: ${file.mime}` }],
      });
    }
  }
}

export async function submitAppeal(
  app: AppServices,
  reception: PublicReception & { journalId: string },
  submission: AppealSubmission,
  files: UploadedBlob[],
  requestId: string,
): Promise<SubmittedAppeal> {
  checkSubmission(submission, files, reception);
  const orgId = reception.settings.orgId;
  const scope = new TenantScope(orgId, app.knex);
  // Read first, so that a journal switched off since the settings were saved refuses before anything is written.
  const journal = await findJournal(scope, 'appeal', reception.journalId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'JOURNAL_NOT_FOUND') throw new AppError('RECEPTION_DISABLED', { cause: error });
    throw error;
  });
  const addressee = reception.settings.addresseeStaffId ? await scope.query(Staff).findById(reception.settings.addresseeStaffId) : undefined;
  const citizen: Citizen = {
    lastName: submission.lastName.trim(),
    firstName: submission.firstName.trim(),
    middleName: submission.middleName?.trim() || undefined,
    email: submission.email?.trim() || undefined,
    postalAddress: submission.postalAddress?.trim() || undefined,
    phone: submission.phone?.trim() || undefined,
  };
  const name = citizenName(citizen);
  const submittedAt = new Date();
  const appealPdf = await appealDocumentPdf({
    id: randomUUID(),
    orgName: reception.organisation.name,
    citizen,
    appealType: submission.appealType ?? null,
    text: submission.text,
    submittedAt,
    attachmentNames: files.map((f) => f.name),
  });
  const appealBlob = await app.blobs.put(appealPdf);

  const stored = await runWriteAs(app, orgId, RECEPTION_ACTOR, requestId, async (unit) => {
    const fileIds: string[] = [];
    for (const blob of [{ ...appealBlob, name: `Обращение ${name}.pdf` }, ...files]) fileIds.push((await recordUploadedFile(unit, blob, null)).id);
    const { correspondent } = await createCorrespondent(unit, {
      type: 'citizen',
      name,
      ...(citizen.postalAddress ? { address: citizen.postalAddress } : {}),
      ...(citizen.email ? { email: citizen.email } : {}),
      ...(citizen.phone ? { phone: citizen.phone } : {}),
    });
    return { fileIds, correspondentId: correspondent.id };
  });

  const statusCode = newStatusCode();
  const input: CardInput = {
    kind: 'appeal',
    journalId: journal.id,
    summary: firstWords(submission.text),
    correspondentId: stored.correspondentId,
    addressee: addressee ? addressee.fullName : null,
    addresseeStaffId: addressee ? addressee.id : null,
    deliveryMethod: RECEPTION_DELIVERY_METHOD,
    attachmentsCount: files.length,
    deadlineIn: { days: ANSWER_DAYS, type: 'calendar' },
    onControl: true,
    fields: {
      form: 'электронное',
      ...(citizen.email ? { citizenEmail: citizen.email } : {}),
      ...(citizen.postalAddress ? { citizenAddress: citizen.postalAddress } : {}),
      ...(submission.appealType ? { appealType: submission.appealType } : {}),
    },
    fileIds: stored.fileIds,
  };
  const prepared = await prepareRegistration(scope, receptionRegistrar, requestId, input, journal, [
    async (trx, card) => {
      await trx('reception_appeals').insert({ card_id: card.id, org_id: orgId, status_code_hash: hashStatusCode(statusCode), submitted_at: submittedAt });
    },
  ]);
  const card = await registerPrepared(app, prepared);
  app.worker?.nudge();
  const receipt = await issueAppealReceipt(app, card, statusCode, requestId);
  return { card, statusCode, receipt };
}
