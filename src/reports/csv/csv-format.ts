/**
 * CSV writing for Excel users: UTF-8 with a byte-order mark (so Excel opens Arabic correctly),
 * CRLF line ends, RFC 4180 quoting, and text cells that start like a formula (= + - @) prefixed
 * with an apostrophe so a citizen's post can never run as a spreadsheet formula.
 */
export const BOM = '\uFEFF';

export type Cell = string | number | null | undefined;

export interface CsvTable {
  name: string;
  columns: string[];
  rows: Cell[][];
}

export function csvCell(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  let s = v;
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

const line = (cells: Cell[]) => cells.map(csvCell).join(',') + '\r\n';

/** One table as a CSV file (with BOM). */
export function toCsv(t: CsvTable): string {
  return BOM + line(t.columns) + t.rows.map(line).join('');
}

/** Every table in one file: a row with the table's name, its header, its rows, a blank line. */
export function toCombinedCsv(tables: CsvTable[]): string {
  return BOM + tables.map((t) => line([t.name]) + line(t.columns) + t.rows.map(line).join('')).join('\r\n');
}
