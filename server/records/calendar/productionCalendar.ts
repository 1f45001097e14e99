// The Russian production calendar: exceptions to the Monday–Friday week (Labour Code art. 112 and the
// government's decrees on transferring days off). Only exceptions are listed; every other Saturday and Sunday
// is a day off and every other weekday a working day. Administrators can edit the table (calendar_days).

export interface CalendarException {
  day: string;
  working: boolean;
  note: string;
  source: string;
}

const DECREE_2025 = 'Постановление Правительства РФ от 04.10.2024 № 1335';
const DECREE_2026 = 'Постановление Правительства РФ от 24.09.2025 № 1466';
// At the time of writing only a draft was public for 2027: holidays follow art. 112, the two transfers announced in
// the draft are included, and January's transfers must be checked against the final decree (editable in the UI).
const RULES_2027 = 'ТК РФ ст. 112 и проект постановления о переносе выходных дней в 2027 году';

const off = (day: string, note: string, source: string): CalendarException => ({ day, working: false, note, source });
const work = (day: string, note: string, source: string): CalendarException => ({ day, working: true, note, source });

const NEW_YEAR = 'Новогодние каникулы';

export const productionCalendar: CalendarException[] = [
  // 2025
  ...['2025-01-01', '2025-01-02', '2025-01-03', '2025-01-06', '2025-01-07'].map((d) => off(d, NEW_YEAR, DECREE_2025)),
  off('2025-01-08', 'Новогодние каникулы (8 января)', DECREE_2025),
  off('2025-05-01', 'Праздник Весны и Труда', DECREE_2025),
  off('2025-05-02', 'Перенос с субботы 4 января', DECREE_2025),
  off('2025-05-08', 'Перенос с воскресенья 23 февраля', DECREE_2025),
  off('2025-05-09', 'День Победы', DECREE_2025),
  off('2025-06-12', 'День России', DECREE_2025),
  off('2025-06-13', 'Перенос с субботы 8 марта', DECREE_2025),
  work('2025-11-01', 'Рабочая суббота (перенос на 3 ноября)', DECREE_2025),
  off('2025-11-03', 'Перенос с субботы 1 ноября', DECREE_2025),
  off('2025-11-04', 'День народного единства', DECREE_2025),
  off('2025-12-31', 'Перенос с воскресенья 5 января', DECREE_2025),
  // 2026
  ...['2026-01-01', '2026-01-02', '2026-01-05', '2026-01-06', '2026-01-07', '2026-01-08'].map((d) => off(d, NEW_YEAR, DECREE_2026)),
  off('2026-01-09', 'Перенос с субботы 3 января', DECREE_2026),
  off('2026-02-23', 'День защитника Отечества', DECREE_2026),
  off('2026-03-09', 'Перенос с воскресенья 8 марта', DECREE_2026),
  off('2026-05-01', 'Праздник Весны и Труда', DECREE_2026),
  off('2026-05-11', 'Перенос с субботы 9 мая', DECREE_2026),
  off('2026-06-12', 'День России', DECREE_2026),
  off('2026-11-04', 'День народного единства', DECREE_2026),
  off('2026-12-31', 'Перенос с воскресенья 4 января', DECREE_2026),
  // 2027
  ...['2027-01-01', '2027-01-04', '2027-01-05', '2027-01-06', '2027-01-07', '2027-01-08'].map((d) => off(d, NEW_YEAR, RULES_2027)),
  off('2027-02-23', 'День защитника Отечества', RULES_2027),
  off('2027-03-08', 'Международный женский день', RULES_2027),
  off('2027-05-03', 'Перенос с субботы 1 мая', RULES_2027),
  off('2027-05-10', 'Перенос с воскресенья 9 мая', RULES_2027),
  off('2027-06-14', 'Перенос с субботы 12 июня', RULES_2027),
  off('2027-11-04', 'День народного единства', RULES_2027),
  off('2027-11-05', 'Перенос (проект): отдых 4–7 ноября', RULES_2027),
  work('2027-11-13', 'Рабочая суббота (проект)', RULES_2027),
];
