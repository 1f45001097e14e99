// A report as one XLSX sheet (exceljs): a bold title, a blank line, a bold header row, the rows, and bold closing rows
// (totals). Opens as it is in Excel and LibreOffice; the headers are in Russian, as the report reads on screen.
import ExcelJS from 'exceljs';

export interface XlsxTable {
  sheet: string;
  title: string;
  headers: readonly string[];
  rows: readonly (readonly (string | number)[])[];
  /** rows set in bold after the others */
  totals?: readonly (readonly (string | number)[])[];
  /** column widths in characters, first column first; the last one repeats */
  widths: readonly number[];
}

export async function tableXlsx(table: XlsxTable): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Kartoteka';
  const sheet = book.addWorksheet(table.sheet);
  sheet.addRow([table.title]).font = { bold: true, size: 13 };
  sheet.addRow([]);
  const header = sheet.addRow([...table.headers]);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle' };
  for (const r of table.rows) sheet.addRow([...r]);
  for (const r of table.totals ?? []) sheet.addRow([...r]).font = { bold: true };
  sheet.columns.forEach((c, i) => {
    c.width = table.widths[Math.min(i, table.widths.length - 1)] ?? 16;
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}
