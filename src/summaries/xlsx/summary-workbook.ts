/**
 * The weekly summary as an Excel workbook (exceljs): one right-to-left sheet per table, named
 * with its Arabic title, the Arabic headers in the first row and the column codes in the second,
 * both frozen. Tables of different shapes stacked in one CSV are hard to work with in Excel; a
 * sheet each is not. Cells are written as values, never as formulas, so a post's text that
 * starts with "=" stays text. Rates show as percentages and durations in hours (excel-units.ts);
 * the CSV keeps fractions and seconds.
 */
import ExcelJS from 'exceljs';
import type { Cell, CsvTable } from '../csv/csv-format';
import { excelCell, excelHeaders } from './excel-units';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Excel's limits on sheet names: 31 characters, none of : \ / ? * [ ], unique. */
function sheetName(t: CsvTable, taken: Set<string>): string {
  const base = (t.title ?? t.name).replace(/[:\\/?*[\]]/g, ' ').slice(0, 31).trim() || t.name.slice(0, 31);
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base.slice(0, 27)} (${i})`;
  taken.add(name);
  return name;
}

export async function toXlsx(tables: CsvTable[], meta: { title: string; created: Date }): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Rasid';
  book.title = meta.title;
  book.created = meta.created;
  const taken = new Set<string>();
  for (const t of tables) {
    const sheet = book.addWorksheet(sheetName(t, taken), { views: [{ rightToLeft: true, state: 'frozen', ySplit: 2 }] });
    const names = excelHeaders(t);
    const headers = sheet.addRow(names.headers);
    headers.font = { bold: true };
    const codes = sheet.addRow(names.codes);
    codes.font = { italic: true, color: { argb: 'FF6B7280' } };
    const shown: Cell[][] = [];
    for (const row of t.rows) {
      const cells = row.map((_, i) => excelCell(t, row, i));
      shown.push(cells.map((c) => c.value));
      const added = sheet.addRow(cells.map(({ value: v }) => (v === undefined || (typeof v === 'number' && !Number.isFinite(v)) ? null : v)));
      cells.forEach((c, i) => {
        if (c.numFmt) added.getCell(i + 1).numFmt = c.numFmt;
      });
    }
    sheet.columns.forEach((col, i) => {
      // A formatted number shows at most about 8 characters, whatever its raw digits.
      const longest = Math.max(...[names.headers[i] ?? '', names.codes[i]].map((s) => s.length), ...shown.map((r) => (typeof r[i] === 'number' ? 8 : String(r[i] ?? '').length)));
      col.width = Math.min(60, Math.max(10, longest + 2));
    });
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
