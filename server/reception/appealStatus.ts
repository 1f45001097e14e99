// What a citizen may learn about an appeal: given its registration number AND the status code from the receipt, and
// only within the organisation the public address names. Any mismatch — unknown number, wrong code, a number of
// another organisation, an appeal registered on paper — is the same "not found".
import type { Knex } from 'knex';
import { AppError } from '../http/problem.ts';
import type { CardStatus } from '../models/Card.ts';
import { statusCodeMatches } from './statusCode.ts';

export type PublicAppealStatus = 'registered' | 'in_work' | 'answered' | 'forwarded' | 'cancelled';

export interface AppealStatusView {
  regNumber: string;
  regDate: string;
  status: PublicAppealStatus;
  deadline: string | null;
  /** the term was extended (59-FZ art. 12 part 2): `deadline` is the new one */
  extended: boolean;
  /** the day the answer was given (the card executed), when it was */
  answeredOn: string | null;
  /** the body the appeal was forwarded to (a public body, named as in the notice) and the day */
  forwarding: { to: string; on: string } | null;
}

const PUBLIC_STATUS: Record<CardStatus, PublicAppealStatus> = {
  draft: 'registered',
  registered: 'registered',
  in_work: 'in_work',
  executed: 'answered',
  filed: 'answered',
  archived: 'answered',
  cancelled: 'cancelled',
};

interface Row {
  id: string;
  reg_number: string;
  reg_date: string | Date;
  status: CardStatus;
  deadline: string | Date | null;
  executed_at: Date | null;
  status_code_hash: string;
  receipt_file_id: string | null;
  extended: string | null;
  forwarded_to: string | null;
  forwarded_to_full: string | null;
  forwarded_on: string | Date | null;
}

const DUMMY_HASH = '0'.repeat(64);

const isoDay = (value: string | Date): string => (typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10));

/** The internet appeal behind a number and a code within one organisation, or RECEPTION_STATUS_NOT_FOUND. */
export async function findOnlineAppeal(db: Knex, orgId: string, regNumber: string, code: string): Promise<Row> {
  const rows = (await db('cards as c')
    .join('reception_appeals as r', 'r.card_id', 'c.id')
    .leftJoin('appeal_extensions as x', 'x.card_id', 'c.id')
    .leftJoin('appeal_forwardings as f', 'f.card_id', 'c.id')
    .leftJoin('correspondents as fc', 'fc.id', 'f.correspondent_id')
    .where({ 'c.org_id': orgId, 'c.kind': 'appeal', 'c.reg_number': regNumber.trim() })
    .select('c.id', 'c.reg_number', 'c.reg_date', 'c.status', 'c.deadline', 'c.executed_at', 'r.status_code_hash', 'r.receipt_file_id', 'x.id as extended', 'fc.name as forwarded_to', 'fc.full_name as forwarded_to_full', 'f.forwarded_on')) as Row[];
  // A number may repeat across years when a journal starts again each year; the code tells them apart. An unknown
  // number costs the same digest as a known one, so the answer's timing does not tell which numbers exist.
  if (rows.length === 0) statusCodeMatches(code, DUMMY_HASH);
  const row = rows.find((r) => statusCodeMatches(code, r.status_code_hash));
  if (!row) throw new AppError('RECEPTION_STATUS_NOT_FOUND');
  return row;
}

/**
 * Nothing of the card but its number, dates and a coarse status: whether the term was extended (not why) and, for a
 * forwarded appeal, the body it went to (not the clerk, the reason or the outgoing number).
 */
export function presentAppealStatus(row: Row): AppealStatusView {
  const forwarded = row.forwarded_on !== null && row.forwarded_to !== null;
  const status = forwarded && row.status !== 'cancelled' ? 'forwarded' : PUBLIC_STATUS[row.status];
  return {
    regNumber: row.reg_number,
    regDate: isoDay(row.reg_date),
    status,
    deadline: row.deadline ? isoDay(row.deadline) : null,
    extended: row.extended !== null,
    answeredOn: status === 'answered' && row.executed_at ? row.executed_at.toISOString().slice(0, 10) : null,
    forwarding: forwarded ? { to: row.forwarded_to_full ?? row.forwarded_to ?? '', on: isoDay(row.forwarded_on ?? '') } : null,
  };
}
