// Exports of the discipline report: XLSX through exceljs, PDF/A through the archive library's generator
// (embedded Cyrillic font, so the printout can be filed as it is).
import { tableXlsx } from './xlsxTable.ts';
import type { DisciplineGroup, DisciplineRow } from './discipline.ts';

const HEADERS = ['Подразделение / исполнитель', 'Всего поручений', 'Исполнено в срок', 'Исполнено с нарушением срока', 'Просрочено (не исполнено)', 'На исполнении', '% в срок'];

function cells(r: DisciplineRow): (string | number)[] {
  return [r.name, r.assigned, r.doneOnTime, r.doneLate, r.overdueOpen, r.inProgress, r.onTimePercent ?? '—'];
}

export async function disciplineXlsx(title: string, rows: DisciplineRow[], total: DisciplineRow): Promise<Buffer> {
  return tableXlsx({ sheet: 'Исполнительская дисциплина', title, headers: HEADERS, rows: rows.map(cells), totals: [cells(total)], widths: [48, 16] });
}

export async function disciplinePdf(title: string, org: string, groupBy: DisciplineGroup, rows: DisciplineRow[], total: DisciplineRow, documentId: string): Promise<Uint8Array> {
  const line = (r: DisciplineRow) =>
    `${r.name}: всего ${r.assigned}; в срок ${r.doneOnTime}; с нарушением срока ${r.doneLate}; просрочено ${r.overdueOpen}; на исполнении ${r.inProgress}; в срок ${r.onTimePercent ?? '—'}%`;
  // Loaded on first use: the archive library is large and most report requests are JSON.
  const { generateDocument } = await import('../../../archive/index.ts');
  return generateDocument(
    { title, author: org, created: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'), documentId },
    [
      { text: org, bold: true, size: 12 },
      { text: title, bold: true, size: 14 },
      { text: `Группировка: ${groupBy === 'department' ? 'по подразделениям' : 'по исполнителям'}` },
      ...rows.map((r) => ({ text: line(r) })),
      { text: line(total), bold: true },
    ],
  );
}
