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

export async function recordAutofillOutcome(trx: Knex.Transaction, card: Card, fileId: string): Promise<number> {
  const proposal = (await trx('autofill_proposals').where({ file_id: fileId, org_id: card.orgId, status: 'done' }).first('fields', 'fingerprint')) as
    | { fields: Record<string, unknown>; fingerprint: Fingerprint | null }
    | undefined;
  if (!proposal) return 0;
  // The registered card joins the pool later scans are checked against for duplicates.
  if (proposal.fingerprint) await rememberFingerprint(trx, card.orgId, card.id, proposal.fingerprint);
  const corr = card.correspondentId ? ((await trx('correspondents').where({ id: card.correspondentId }).first('name')) as { name: string } | undefined) : undefined;
  const actual = comparable(card, corr?.name ?? null);
  const rows = Object.entries(actual).map(([field, accepted]) => {
    const proposed = proposal.fields[field];
    return { org_id: card.orgId, card_id: card.id, file_id: fileId, field, proposed: norm(proposed), accepted: norm(accepted), correct: norm(proposed) === norm(accepted) };
  });
  // A field neither proposed nor filled tells nothing about accuracy.
  const informative = rows.filter((r) => r.proposed !== null || r.accepted !== null);
  if (informative.length > 0) await trx('autofill_outcomes').insert(informative);
  return informative.length;
}
