// The appeals report (отчёт по обращениям граждан): appeals registered in the period, counted by the result of
// consideration, overdue, extended and forwarded. Cancelled registrations and drafts are not appeals received.
import type { Knex } from 'knex';
import { APPEAL_RESULTS, type AppealResult } from '../appeals/appealResults.ts';
import { ORG_TIME_ZONE } from '../today.ts';

export interface AppealsReport {
  from: string;
  to: string;
  registered: number;
  /** still under consideration: no result recorded and not forwarded */
  pending: number;
  byResult: Record<AppealResult, number>;
  /** open past the deadline, or answered (executed, or the result recorded) after it */
  overdue: number;
  extended: number;
  forwarded: number;
  /** forwarded after the 7 days, on a recorded reason */
  forwardedLate: number;
}

export interface AppealsReportQuery {
  orgId: string;
  from: string;
  to: string;
  today: string;
}

// The day consideration ended: the card executed (the answer sent) or, without that, the result recorded.
const ENDED = `coalesce((c.executed_at AT TIME ZONE :zone)::date, r.decided_on)`;
const OVERDUE = `c.deadline IS NOT NULL AND CASE WHEN c.status IN ('registered','in_work') AND r.card_id IS NULL THEN :today > c.deadline ELSE ${ENDED} > c.deadline END`;

export async function appealsReport(db: Knex, q: AppealsReportQuery): Promise<AppealsReport> {
  const results = APPEAL_RESULTS.map((code) => `count(*) FILTER (WHERE r.result = '${code}') AS "${code}"`).join(',\n            ');
  const raw = (await db.raw(
    `SELECT count(*) AS registered,
            count(*) FILTER (WHERE r.card_id IS NULL) AS pending,
            ${results},
            count(*) FILTER (WHERE ${OVERDUE}) AS overdue,
            count(x.card_id) AS extended,
            count(f.card_id) AS forwarded,
            count(f.card_id) FILTER (WHERE f.late_reason IS NOT NULL) AS forwarded_late
       FROM cards c
       LEFT JOIN appeal_results r ON r.card_id = c.id
       LEFT JOIN appeal_extensions x ON x.card_id = c.id
       LEFT JOIN appeal_forwardings f ON f.card_id = c.id
      WHERE c.org_id = :orgId AND c.kind = 'appeal' AND c.status NOT IN ('draft','cancelled')
        AND c.reg_date BETWEEN :from AND :to`,
    { orgId: q.orgId, from: q.from, to: q.to, today: q.today, zone: ORG_TIME_ZONE },
  )) as { rows: Record<string, string | number>[] };
  const row = raw.rows[0] ?? {};
  const n = (key: string): number => Number(row[key] ?? 0);
  return {
    from: q.from,
    to: q.to,
    registered: n('registered'),
    pending: n('pending'),
    byResult: Object.fromEntries(APPEAL_RESULTS.map((code) => [code, n(code)])) as Record<AppealResult, number>,
    overdue: n('overdue'),
    extended: n('extended'),
    forwarded: n('forwarded'),
    forwardedLate: n('forwarded_late'),
  };
}
