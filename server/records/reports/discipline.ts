// Executive-discipline report (исполнительская дисциплина): assignments whose deadline falls in the period,
// grouped by the executor's department or by executor.
import type { Knex } from 'knex';

export type DisciplineGroup = 'department' | 'executor';
export const DISCIPLINE_METRICS = ['assigned', 'doneOnTime', 'doneLate', 'overdueOpen', 'inProgress'] as const;
export type DisciplineMetric = (typeof DISCIPLINE_METRICS)[number];

export interface DisciplineRow {
  key: string | null;
  name: string;
  assigned: number;
  doneOnTime: number;
  doneLate: number;
  overdueOpen: number;
  inProgress: number;
  /** Share of completed assignments done on time, 0–100, null when nothing is completed. */
  onTimePercent: number | null;
}

// One predicate per metric, shared by the totals and the drill-down so the two can never disagree.
const METRIC_SQL: Record<DisciplineMetric, string> = {
  assigned: 'TRUE',
  doneOnTime: "a.status = 'accepted' AND a.reported_on <= a.deadline",
  doneLate: "a.status = 'accepted' AND a.reported_on > a.deadline",
  overdueOpen: "a.status IN ('open','reported') AND a.deadline < :today",
  inProgress: "a.status IN ('open','reported') AND a.deadline >= :today",
};

const GROUP_SQL: Record<DisciplineGroup, { key: string; name: string; join: string }> = {
  department: {
    key: 'a.executor_department_id',
    name: "coalesce(d.name, 'Без подразделения')",
    join: 'LEFT JOIN departments d ON d.id = a.executor_department_id',
  },
  executor: {
    key: 'a.executor_staff_id',
    name: "s.last_name || ' ' || left(s.first_name, 1) || '.' || coalesce(left(s.middle_name, 1) || '.', '')",
    join: 'JOIN staff s ON s.id = a.executor_staff_id',
  },
};

export interface DisciplineQuery {
  orgId: string;
  from: string;
  to: string;
  today: string;
  groupBy: DisciplineGroup;
}

export async function disciplineReport(db: Knex, q: DisciplineQuery): Promise<{ rows: DisciplineRow[]; total: DisciplineRow }> {
  const g = GROUP_SQL[q.groupBy];
  const result = (await db.raw(
    `SELECT ${g.key} AS key, min(${g.name}) AS name,
            count(*) FILTER (WHERE ${METRIC_SQL.assigned}) AS assigned,
            count(*) FILTER (WHERE ${METRIC_SQL.doneOnTime}) AS done_on_time,
            count(*) FILTER (WHERE ${METRIC_SQL.doneLate}) AS done_late,
            count(*) FILTER (WHERE ${METRIC_SQL.overdueOpen}) AS overdue_open,
            count(*) FILTER (WHERE ${METRIC_SQL.inProgress}) AS in_progress
       FROM assignments a ${g.join}
      WHERE a.org_id = :org AND a.status <> 'cancelled' AND a.deadline BETWEEN :from AND :to
      GROUP BY ${g.key}
      ORDER BY min(${g.name})`,
    { org: q.orgId, from: q.from, to: q.to, today: q.today },
  )) as { rows: { key: string | null; name: string; assigned: number; done_on_time: number; done_late: number; overdue_open: number; in_progress: number }[] };
  const rows = result.rows.map((r) => withPercent({ key: r.key, name: r.name, assigned: r.assigned, doneOnTime: r.done_on_time, doneLate: r.done_late, overdueOpen: r.overdue_open, inProgress: r.in_progress }));
  const total = withPercent(
    rows.reduce(
      (t, r) => ({ ...t, assigned: t.assigned + r.assigned, doneOnTime: t.doneOnTime + r.doneOnTime, doneLate: t.doneLate + r.doneLate, overdueOpen: t.overdueOpen + r.overdueOpen, inProgress: t.inProgress + r.inProgress }),
      { key: null, name: 'Итого', assigned: 0, doneOnTime: 0, doneLate: 0, overdueOpen: 0, inProgress: 0 },
    ),
  );
  return { rows, total };
}

function withPercent(r: Omit<DisciplineRow, 'onTimePercent'>): DisciplineRow {
  const done = r.doneOnTime + r.doneLate;
  return { ...r, onTimePercent: done === 0 ? null : Math.round((1000 * r.doneOnTime) / done) / 10 };
}

export interface DrillDownItem {
  assignmentId: string;
  cardId: string;
  regNumber: string | null;
  summary: string;
  executor: string;
  deadline: string | null;
  status: string;
  reportedOn: string | null;
}

export async function disciplineDrillDown(db: Knex, q: DisciplineQuery & { key: string | null; metric: DisciplineMetric; limit: number }): Promise<DrillDownItem[]> {
  const g = GROUP_SQL[q.groupBy];
  const result = (await db.raw(
    `SELECT a.id AS assignment_id, c.id AS card_id, c.reg_number, c.summary, a.deadline, a.status, a.reported_on,
            st.last_name || ' ' || left(st.first_name, 1) || '.' AS executor
       FROM assignments a
       JOIN cards c ON c.id = a.card_id
       JOIN staff st ON st.id = a.executor_staff_id
      WHERE a.org_id = :org AND a.status <> 'cancelled' AND a.deadline BETWEEN :from AND :to
        AND ${g.key} IS NOT DISTINCT FROM :key::uuid AND (${METRIC_SQL[q.metric]})
      ORDER BY a.deadline, c.reg_number
      LIMIT :limit`,
    { org: q.orgId, from: q.from, to: q.to, today: q.today, key: q.key, limit: q.limit },
  )) as { rows: { assignment_id: string; card_id: string; reg_number: string | null; summary: string; deadline: string | null; status: string; reported_on: string | null; executor: string }[] };
  return result.rows.map((r) => ({ assignmentId: r.assignment_id, cardId: r.card_id, regNumber: r.reg_number, summary: r.summary, executor: r.executor, deadline: r.deadline, status: r.status, reportedOn: r.reported_on }));
}
