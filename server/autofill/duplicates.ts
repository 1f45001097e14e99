// Near-duplicate detection among the organisation's registered cards: candidates are the cards from the same
// INN or correspondent plus the most recent ones, compared by text similarity (word alignment tolerant of OCR) and
// requisites (ocr/dedupe).
import { setImmediate } from 'node:timers/promises';
import type { Knex } from 'knex';
import type { DuplicateMatch, Fingerprint } from '../../ocr/index.ts';
import { ocrLibrary } from './ocrService.ts';

const RECENT = 5000;
const SLICE = 250;

export async function findDuplicateCard(db: Knex | Knex.Transaction, orgId: string, fp: Fingerprint): Promise<(DuplicateMatch & { regNumber: string | null }) | null> {
  const rows = (await db('card_fingerprints')
    .where('org_id', orgId)
    .where((w) => {
      if (fp.inn) w.orWhere('inn', fp.inn);
      if (fp.correspondent) w.orWhere('correspondent', fp.correspondent);
      w.orWhereIn('card_id', db('card_fingerprints').where('org_id', orgId).orderBy('created_at', 'desc').limit(RECENT).select('card_id'));
    })
    .select('card_id', 'fingerprint')) as { card_id: string; fingerprint: Fingerprint }[];
  const { findDuplicate } = await ocrLibrary();
  // A comparison aligns two letters word by word (≈ 10–15 µs); thousands of candidates would hold the event loop,
  // which in a single-process installation also answers HTTP, for tens of milliseconds. So the candidates go in
  // slices with a turn of the loop between them; the best match is the same (an earlier one wins a tie, as in one pass).
  let match: DuplicateMatch | null = null;
  for (let i = 0; i < rows.length; i += SLICE) {
    if (i > 0) await setImmediate();
    const best = findDuplicate(fp, rows.slice(i, i + SLICE).map((r) => ({ id: r.card_id, fingerprint: r.fingerprint })));
    if (best && (!match || best.score > match.score)) match = best;
  }
  if (!match) return null;
  const card = (await db('cards').where({ id: match.id, org_id: orgId }).first('reg_number')) as { reg_number: string | null } | undefined;
  return { ...match, regNumber: card?.reg_number ?? null };
}

export async function rememberFingerprint(trx: Knex.Transaction, orgId: string, cardId: string, fp: Fingerprint): Promise<void> {
  await trx('card_fingerprints')
    .insert({ card_id: cardId, org_id: orgId, inn: fp.inn, correspondent: fp.correspondent, fingerprint: JSON.stringify(fp) })
    .onConflict('card_id')
    .merge();
}
