// The head extends an appeal's term (59-FZ art. 12 part 2): once, by up to 30 days, with a reason. The card's
// deadline moves, the extension is recorded, and the notice to the citizen is rendered (PDF/A) and stored with the card.
// The notice is rendered and its blob written before the transaction (If-Match guarantees the card it describes is the
// card that is changed); a rolled-back write leaves an unreferenced blob, never a row without its blob. The card's
// assignments set to its old term move with it (commands/assignments/workOnAssignment.ts followCardTerm).
import type { AppServices } from '../../services.ts';
import type { Actor } from '../../http/actor.ts';
import { AppError } from '../../http/problem.ts';
import { runWrite } from '../../http/route.ts';
import { Card } from '../../models/Card.ts';
import { loadCalendar } from '../../records/calendar/loadCalendar.ts';
import { addDays, nextWorkingDay } from '../../records/calendar/workingDays.ts';
import { assertUnderConsideration, EXTENSION_DAYS, loadAppealRecord, noticeBase } from '../../records/appeals/appealRecord.ts';
import { extensionNoticeFileName, extensionNoticePdf } from '../../records/appeals/appealNotices.ts';
import { attachNotice } from './attachNotice.ts';
import { APPEAL_EXTENSION_REASON, followCardTerm } from '../assignments/workOnAssignment.ts';

export interface ExtensionInput {
  newDeadline: string;
  reason: string;
}

export async function extendAppealTerm(app: AppServices, actor: Actor, card: Card, expectedVersion: number, input: ExtensionInput, requestId: string): Promise<Card> {
  const record = await loadAppealRecord(app.knex, card.orgId, card.id);
  assertUnderConsideration(card, record);
  if (record.extension) throw new AppError('APPEAL_ALREADY_EXTENDED');
  const oldDeadline = card.deadline;
  if (!oldDeadline) throw new AppError('APPEAL_NO_DEADLINE');
  const calendar = await loadCalendar(app.knex);
  // A deadline that falls on a day off moves to the next working day, and so may the 30th day itself.
  const newDeadline = nextWorkingDay(calendar, input.newDeadline);
  const latest = nextWorkingDay(calendar, addDays(oldDeadline, EXTENSION_DAYS));
  if (newDeadline <= oldDeadline || newDeadline > latest) {
    throw new AppError('APPEAL_EXTENSION_TOO_LONG', { extensions: { currentDeadline: oldDeadline, latestDeadline: latest } });
  }
  const reason = input.reason.trim();
  const pdf = await extensionNoticePdf({ ...(await noticeBase(app.knex, card, actor.fullName, new Date())), oldDeadline, newDeadline, reason });
  const blob = await app.blobs.put(pdf);
  return runWrite(app, actor, requestId, async (unit) => {
    const after = await unit.scope.patchVersioned(Card, card.id, expectedVersion, { deadline: newDeadline, updatedAt: new Date() });
    const inserted = (await unit.trx('appeal_extensions')
      .insert({ org_id: unit.scope.orgId, card_id: card.id, old_deadline: oldDeadline, new_deadline: newDeadline, reason, extended_by: actor.userId, extended_by_name: actor.fullName })
      .onConflict('card_id')
      .ignore()
      .returning('id')) as { id: string }[];
    if (inserted.length === 0) throw new AppError('APPEAL_ALREADY_EXTENDED');
    const file = await attachNotice(unit, card.id, blob, extensionNoticeFileName(card.regNumber), actor.userId);
    await unit.trx('appeal_extensions').where({ card_id: card.id }).update({ notice_file_id: file.id });
    await unit.audit({
      action: 'appeal.term_extended',
      objectType: 'card',
      objectId: card.id,
      payload: { oldDeadline, newDeadline, reason, noticeFileId: file.id, sha256: file.sha256 },
    });
    await followCardTerm(unit, actor, card.id, oldDeadline, newDeadline, APPEAL_EXTENSION_REASON);
    return after;
  });
}
