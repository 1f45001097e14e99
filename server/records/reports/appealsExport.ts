// The appeals report as XLSX: the same lines as on screen (AppealsReportPanel), with Russian names.
import { APPEAL_RESULTS, RESULT_NAMES } from '../appeals/appealResults.ts';
import type { AppealsReport } from './appealsReport.ts';
import { tableXlsx } from './xlsxTable.ts';

export const APPEALS_XLSX_HEADERS = ['Показатель', 'Количество'] as const;

export function appealsReportTitle(from: string, to: string): string {
  return `Обращения граждан, зарегистрированные за период с ${from} по ${to}`;
}

export function appealsXlsx(report: AppealsReport): Promise<Buffer> {
  const rows: (string | number)[][] = [
    ['Зарегистрировано', report.registered],
    ['На рассмотрении (итог не внесён)', report.pending],
    ['С нарушением срока', report.overdue],
    ['Срок продлён', report.extended],
    ['Переадресовано', report.forwarded],
    ['из них позже 7 дней', report.forwardedLate],
    ['По итогам рассмотрения:'],
    ...APPEAL_RESULTS.map((code) => [RESULT_NAMES[code].ru, report.byResult[code]]),
  ];
  return tableXlsx({ sheet: 'Обращения граждан', title: appealsReportTitle(report.from, report.to), headers: APPEALS_XLSX_HEADERS, rows, widths: [44, 14] });
}
