// When a card is registered from an autofilled scan, each proposed field is compared with what the clerk kept.
import type { Knex } from 'knex';
import type { Card } from '../models/Card.ts';
import type { Fingerprint } from '../../ocr/index.ts';
import { rememberFingerprint } from './duplicates.ts';

const norm = (v: unknown): string | null => {
  if (v === null || v === undefined || v === '') return null;
  return String(v).toLowerCase().replace(/ё/g, 'е').replace(/[«»"„“]/g, '"').replace(/\s+/g, ' ').trim();
};

/** Proposal field → what the card holds for it. */
function comparable(card: Card, correspondentName: string | null): Record<string, unknown> {
  return {
    correspondent: correspondentName,
    outNumber: card.outNumber,
    outDate: card.outDate,
    subject: card.summary,
    signer: card.signer,
    addressee: card.addressee,
    kind: card.kind === 'appeal' ? 'appeal' : card.kind === 'incoming' ? 'incoming' : null,
  };
}

interface StaffName {
  last_name: string;
  first_name: string;
  middle_name: string | null;
}

/**
 * Whether a printed addressee («Главе округа А. Н. Сергееву») names this staff member: the surname in any case
 * ending, and the initials that are printed. The card keeps the staff member's full name, which as text never
 * equals the printed line, so an accepted addressee would otherwise always count as corrected.
 */
export function namesStaffMember(printed: string, staff: StaffName): boolean {
  const text = printed.replace(/ё/g, 'е').replace(/Ё/g, 'Е');
  const last = staff.last_name.replace(/ё/g, 'е').replace(/Ё/g, 'Е');
  const stem = last.slice(0, Math.max(4, last.length - 2)).toLowerCase();
  const words = text.split(/[\s,]+/);
  if (!words.some((w) => w.toLowerCase().startsWith(stem) && /^[А-ЯЕ]/.test(w))) return false;
  const initials = [...text.matchAll(/(?:^|[\s.])([А-ЯЁ])\./g)].map((m) => m[1]);
  if (initials.length === 0) return false;
  const expected = [staff.first_name[0], staff.middle_name?.[0]].filter((c): c is string => Boolean(c));
  return initials.every((c, i) => expected[i] === c);
}

export async function recordAutofillOutcome(trx: Knex.Transaction, card: Card, fileId: string): Promise<number> {
  const proposal = (await trx('autofill_proposals').where({ file_id: fileId, org_id: card.orgId, status: 'done' }).first('fields', 'fingerprint')) as
    | { fields: Record<string, unknown>; fingerprint: Fingerprint | null }
    | undefined;
  if (!proposal) return 0;
  // The registered card joins the pool later scans are checked against for duplicates.
  if (proposal.fingerprint) await rememberFingerprint(trx, card.orgId, card.id, proposal.fingerprint);
  const corr = card.correspondentId ? ((await trx('correspondents').where({ id: card.correspondentId }).first('name')) as { name: string } | undefined) : undefined;
  const actual = comparable(card, corr?.name ?? null);
  const printedAddressee = proposal.fields.addressee;
  if (typeof printedAddressee === 'string' && card.addresseeStaffId) {
    const staff = (await trx('staff').where({ id: card.addresseeStaffId, org_id: card.orgId }).first('last_name', 'first_name', 'middle_name')) as StaffName | undefined;
    if (staff && namesStaffMember(printedAddressee, staff)) actual.addressee = printedAddressee;
  }
  const rows = Object.entries(actual).map(([field, accepted]) => {
    const proposed = proposal.fields[field];
    return { org_id: card.orgId, card_id: card.id, file_id: fileId, field, proposed: norm(proposed), accepted: norm(accepted), correct: norm(proposed) === norm(accepted) };
  });
  // A field neither proposed nor filled tells nothing about accuracy.
  const informative = rows.filter((r) => r.proposed !== null || r.accepted !== null);
  if (informative.length > 0) await trx('autofill_outcomes').insert(informative);
  return informative.length;
}
