// The WHERE clause every query of a search shares: tenancy, access marks, then the user's filters.
// Arrays are tested with @> so that the GIN indexes on executor_ids and department_ids apply.
import type { SearchFilters, SearchViewer } from '../../types.ts';
import { join, list, raw, sql, type Sql } from '../sqlFragment.ts';

export function visibleAndFiltered(orgId: string, viewer: SearchViewer, filters: SearchFilters, today: string | null): Sql {
  const parts: Sql[] = [sql`d.org_id = ${orgId}::uuid`];
  // A card with an access mark (ДСП…) is shown only to its readers, or to a viewer whose role sees all of them.
  if (!viewer.seesRestricted) parts.push(sql`(d.access_mark IS NULL OR d.reader_ids @> ARRAY[${viewer.userId}::uuid])`);

  if (filters.kind?.length) parts.push(sql`d.kind IN (${list(filters.kind)})`);
  if (filters.status?.length) parts.push(sql`d.status IN (${list(filters.status)})`);
  if (filters.regDate?.from) parts.push(sql`d.reg_date >= ${filters.regDate.from}::date`);
  if (filters.regDate?.to) parts.push(sql`d.reg_date <= ${filters.regDate.to}::date`);
  if (filters.journalId) parts.push(sql`d.journal_id = ${filters.journalId}::uuid`);
  if (filters.departmentId) parts.push(sql`d.department_ids @> ARRAY[${filters.departmentId}::uuid]`);
  if (filters.executorId) parts.push(sql`d.executor_ids @> ARRAY[${filters.executorId}::uuid]`);
  if (filters.correspondentId) parts.push(sql`d.correspondent_id = ${filters.correspondentId}::uuid`);
  if (filters.onControl !== undefined) parts.push(sql`d.on_control = ${filters.onControl}`);
  if (filters.overdue !== undefined && today !== null) {
    // Overdue means still open past its deadline; a card executed late is no longer overdue (the discipline report
    // counts those). `today` is the viewer's date, not the database's, so that time zones cannot shift it.
    const overdue = sql`(d.done_at IS NULL AND d.deadline < ${today}::date)`;
    parts.push(filters.overdue ? overdue : sql`NOT coalesce(${overdue}, false)`);
  }
  if (filters.cardIds !== undefined) {
    // One array parameter, however long the list (an inventory may hold tens of thousands of cards).
    parts.push(filters.cardIds.length === 0 ? raw('FALSE') : sql`d.id = ANY(${`{${filters.cardIds.join(',')}}`}::uuid[])`);
  }
  if (filters.accessMark !== undefined) {
    parts.push(filters.accessMark === null ? raw('d.access_mark IS NULL') : sql`d.access_mark = ${filters.accessMark}`);
  }
  return join(parts, '\n      AND ');
}
