/**
 * CSV writing for Excel users: UTF-8 with a byte-order mark (so Excel opens Arabic correctly),
 * a readable header row above the row of column codes,
 * CRLF line ends, RFC 4180 quoting, and text cells that start like a formula (= + - @) prefixed
 * with an apostrophe so a citizen's post can never run as a spreadsheet formula.
 */
export const BOM = '\uFEFF';

export type Cell = string | number | null | undefined;

export interface CsvTable {
  /** Stable code of the table, e.g. by_domain. */
  name: string;
  /** Stable column codes (the second header row). */
  columns: string[];
  rows: Cell[][];
  /** What a reader sees: the table's title and a header per column (the first header row). */
  title?: string;
  headers?: string[];
}

export function csvCell(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  let s = v;
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

const line = (cells: Cell[]) => cells.map(csvCell).join(',') + '\r\n';

/** The readable header row (when the table has one) above the row of column codes. */
const headerLines = (t: CsvTable) => (t.headers ? line(t.headers) : '') + line(t.columns);

/** One table as a CSV file (with BOM). */
export function toCsv(t: CsvTable): string {
  return BOM + headerLines(t) + t.rows.map(line).join('');
}

/**
 * Every table in one file: a row with the table's title and name, its header rows, its rows, a
 * blank line.
 */
export function toCombinedCsv(tables: CsvTable[]): string {
  return BOM + tables.map((t) => line(t.title ? [t.title, t.name] : [t.name]) + headerLines(t) + t.rows.map(line).join('')).join('\r\n');
}
