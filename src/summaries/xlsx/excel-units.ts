/**
 * How the workbook shows the summary's numbers to a manager: rates and shares (fractions in the
 * record and the CSV, 0.8235…) as percentages (82.4%), durations (seconds in the record and the
 * CSV, 12360) as hours with one decimal (3.4), and every header and code of a duration saying
 * hours instead of seconds. Hours as a number rather than an Excel time ([h]:mm): a change of a
 * duration is often negative, which Excel cannot show as a time (it shows #####).
 *
 * Units are found from the column codes (…_seconds, …_rate, …_share, change_pct) and, in the
 * overview, where one column holds every figure, from the row's figure code.
 */
import type { Cell, CsvTable } from '../csv/csv-format';

export type CellUnit = 'fraction' | 'seconds';

export const PERCENT_FORMAT = '0.0%';
export const HOURS_FORMAT = '#,##0.0';

const unitOfCode = (code: string): CellUnit | null => {
  const base = code.replace(/_previous$/, '');
  if (base === 'change_pct' || /(^|_)(rate|share)$/.test(base)) return 'fraction';
  if (/(^|_)seconds($|_)/.test(base)) return 'seconds';
  return null;
};

/** The unit of a cell, or null for a count, a text or a score. */
export function cellUnit(table: CsvTable, row: Cell[], column: number): CellUnit | null {
  const code = table.columns[column];
  const own = unitOfCode(code);
  if (own || table.name !== 'overview' || !['value', 'previous', 'change'].includes(code)) return own;
  const figure = row[table.columns.indexOf('figure')];
  return typeof figure === 'string' ? unitOfCode(figure) : null;
}

/** Seconds written as hours: the code, the Arabic header and the overview's labels say so. */
const inHours = (text: string) =>
  text
    .replace(/seconds/g, 'hours')
    .replace(/\(ثانية\)/g, '(ساعة)')
    .replace(/\(s\)/g, '(h)');

/** A cell as the workbook writes it: the value (hours for durations) and its number format. */
export function excelCell(table: CsvTable, row: Cell[], column: number): { value: Cell; numFmt?: string } {
  const v = row[column];
  const unit = cellUnit(table, row, column);
  if (typeof v === 'number' && unit === 'fraction') return { value: v, numFmt: PERCENT_FORMAT };
  if (typeof v === 'number' && unit === 'seconds') return { value: v / 3600, numFmt: HOURS_FORMAT };
  // The overview's row names of a duration figure (its code, Arabic and English labels).
  if (typeof v === 'string' && table.name === 'overview' && cellUnit(table, row, table.columns.indexOf('value')) === 'seconds') return { value: inHours(v) };
  return { value: v };
}

/** The header rows of a table in the workbook: durations' columns named in hours. */
export function excelHeaders(table: CsvTable): { headers: string[]; codes: string[] } {
  const hours = (i: number) => unitOfCode(table.columns[i]) === 'seconds';
  return {
    headers: (table.headers ?? table.columns).map((h, i) => (hours(i) ? inHours(h) : h)),
    codes: table.columns.map((c, i) => (hours(i) ? inHours(c) : c)),
  };
}
