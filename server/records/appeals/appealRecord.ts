// What 59-FZ adds to an appeal card: the extension of its term, its forwarding by competence and the result of its
// consideration, read together; what may be done next; and the citizen's part of a notice.
import type { Knex } from 'knex';
import { AppError } from '../../http/problem.ts';
import type { Actor } from '../../http/actor.ts';
import type { Card } from '../../models/Card.ts';
import { can } from '../../policies/index.ts';
import { addDays } from '../calendar/workingDays.ts';
import { groundOf, type AppealResult } from './appealResults.ts';
import type { NoticeBase } from './appealNotices.ts';

/** Days after registration within which an appeal is forwarded to the competent body (art. 8 part 3). */
export const FORWARD_DAYS = 7;
/** The most an appeal's term is extended by, once (art. 12 part 2). */
export const EXTENSION_DAYS = 30;

export interface ExtensionView {
  oldDeadline: string;
  newDeadline: string;
  reason: string;
  extendedBy: string;
  extendedAt: string;
  noticeFileId: string | null;
}

export interface ForwardingView {
  correspondentId: string;
  correspondentName: string;
  forwardedOn: string;
  outNumber: string | null;
  lateReason: string | null;
  forwardedBy: string;
  noticeFileId: string | null;
}

export interface ResultView {
  result: AppealResult;
  ground: { code: string; reference: string; ru: string; en: string } | null;
  comment: string | null;
  /** the day consideration ended; a correction does not move it */
  decidedOn: string;
  /** who recorded the result in force (after a correction, who corrected it) */
  decidedBy: string;
  corrected: boolean;
  /** the results this one replaced, oldest first, each with who corrected it, when and why */
  corrections: CorrectionView[];
}

export interface CorrectionView {
  previous: { result: AppealResult; ground: { code: string; reference: string; ru: string; en: string } | null; comment: string | null; decidedOn: string; decidedBy: string };
  reason: string;
  correctedBy: string;
  correctedAt: string;
}

export interface AppealRecord {
  extension: ExtensionView | null;
  forwarding: ForwardingView | null;
  result: ResultView | null;
}

const day = (value: string | Date): string => (typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10));

export async function loadAppealRecord(db: Knex | Knex.Transaction, orgId: string, cardId: string): Promise<AppealRecord> {
  const [ext, fwd, res, corrections] = await Promise.all([
    db('appeal_extensions').where({ org_id: orgId, card_id: cardId }).first() as Promise<Record<string, unknown> | undefined>,
    db('appeal_forwardings as f')
      .join('correspondents as c', 'c.id', 'f.correspondent_id')
      .where({ 'f.org_id': orgId, 'f.card_id': cardId })
      .first('f.*', 'c.name as correspondent_name') as Promise<Record<string, unknown> | undefined>,
    db('appeal_results').where({ org_id: orgId, card_id: cardId }).first() as Promise<Record<string, unknown> | undefined>,
    db('appeal_result_corrections').where({ org_id: orgId, card_id: cardId }).orderBy('created_at').orderBy('id') as Promise<Record<string, unknown>[]>,
  ]);
  const ground = res ? groundOf((res.ground as string | null) ?? null) : null;
  return {
    extension: ext
      ? {
          oldDeadline: day(ext.old_deadline as string | Date),
          newDeadline: day(ext.new_deadline as string | Date),
          reason: ext.reason as string,
          extendedBy: ext.extended_by_name as string,
          extendedAt: (ext.created_at as Date).toISOString(),
          noticeFileId: (ext.notice_file_id as string | null) ?? null,
        }
      : null,
    forwarding: fwd
      ? {
          correspondentId: fwd.correspondent_id as string,
          correspondentName: fwd.correspondent_name as string,
          forwardedOn: day(fwd.forwarded_on as string | Date),
          outNumber: (fwd.out_number as string | null) ?? null,
          lateReason: (fwd.late_reason as string | null) ?? null,
          forwardedBy: fwd.forwarded_by_name as string,
          noticeFileId: (fwd.notice_file_id as string | null) ?? null,
        }
      : null,
    result: res
      ? {
          result: res.result as AppealResult,
          ground: ground ? { ...ground } : null,
          comment: (res.comment as string | null) ?? null,
          decidedOn: day(res.decided_on as string | Date),
          decidedBy: res.decided_by_name as string,
          corrected: corrections.length > 0,
          corrections: corrections.map((c) => {
            const previousGround = groundOf((c.previous_ground as string | null) ?? null);
            return {
              previous: {
                result: c.previous_result as AppealResult,
                ground: previousGround ? { ...previousGround } : null,
                comment: (c.previous_comment as string | null) ?? null,
                decidedOn: day(c.previous_decided_on as string | Date),
                decidedBy: c.previous_decided_by_name as string,
              },
              reason: c.reason as string,
              correctedBy: c.corrected_by_name as string,
              correctedAt: (c.created_at as Date).toISOString(),
            };
          }),
        }
      : null,
  };
}

/** A registered appeal card: the only kind of card these records belong to. */
export function isRegisteredAppeal(card: Card): card is Card & { regNumber: string; regDate: string } {
  return card.kind === 'appeal' && card.regNumber !== null && card.regDate !== null && card.status !== 'draft' && card.status !== 'cancelled';
}

/** Still under consideration here: not forwarded, no result, and the card neither closed nor cancelled. */
function underConsideration(card: Card, record: AppealRecord): boolean {
  return isRegisteredAppeal(card) && (card.status === 'registered' || card.status === 'in_work') && !record.forwarding && !record.result;
}

/** A recorded result (not a forwarding) may be corrected until the card goes to the archive. */
function resultCorrectable(card: Card, record: AppealRecord): boolean {
  return isRegisteredAppeal(card) && card.status !== 'archived' && record.result !== null && record.result.result !== 'forwarded';
}

export function assertResultCorrectable(card: Card, record: AppealRecord): void {
  if (!resultCorrectable(card, record)) throw new AppError('APPEAL_RESULT_NOT_CORRECTABLE');
}

/** Extension and forwarding need an appeal still under consideration. */
export function assertUnderConsideration(card: Card, record: AppealRecord): asserts card is Card & { regNumber: string; regDate: string } {
  if (!underConsideration(card, record)) throw new AppError('APPEAL_NOT_OPEN');
}

/** A result is recorded once, for a registered appeal that was not forwarded (the answer may already be sent). */
export function assertResultOpen(card: Card, record: AppealRecord): void {
  if (!isRegisteredAppeal(card) || card.status === 'archived' || record.result) throw new AppError('APPEAL_NOT_OPEN');
}

export function forwardLastDay(regDate: string): string {
  return addDays(regDate, FORWARD_DAYS);
}

export interface AppealActions {
  extend: boolean;
  forward: boolean;
  /** forwarding today needs a reason: the 7 days have passed */
  forwardLate: boolean;
  decide: boolean;
  /** correct the recorded result (the head or an administrator, with a reason) */
  correct: boolean;
}

export function appealActions(actor: Actor, card: Card, record: AppealRecord, today: string): AppealActions {
  const open = underConsideration(card, record);
  return {
    extend: open && can(actor, 'appeals.extend') && !record.extension && card.deadline !== null,
    forward: open && can(actor, 'appeals.consider'),
    forwardLate: card.regDate !== null && today > forwardLastDay(card.regDate),
    decide: can(actor, 'appeals.consider') && isRegisteredAppeal(card) && card.status !== 'archived' && !record.result,
    correct: can(actor, 'appeals.correct') && resultCorrectable(card, record),
  };
}

/** The citizen as a notice addresses them: the name and where the answer goes. */
export async function noticeBase(db: Knex | Knex.Transaction, card: Card & { regNumber: string; regDate: string }, signerName: string, issuedAt: Date): Promise<NoticeBase> {
  const [org, correspondent] = await Promise.all([
    db('organisations').where({ id: card.orgId }).first('name') as Promise<{ name: string }>,
    card.correspondentId ? (db('correspondents').where({ id: card.correspondentId, org_id: card.orgId }).first('name') as Promise<{ name: string } | undefined>) : Promise.resolve(undefined),
  ]);
  const contact = [card.fields.citizenEmail, card.fields.citizenAddress].filter((v): v is string => typeof v === 'string' && v.trim() !== '').join('; ');
  return {
    cardId: card.id,
    orgName: org.name,
    regNumber: card.regNumber,
    regDate: card.regDate,
    citizenName: correspondent?.name ?? card.signer ?? 'заявитель',
    citizenContact: contact || null,
    signerName,
    issuedAt,
  };
}
