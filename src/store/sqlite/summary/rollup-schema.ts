/**
 * The shape of the (bucket, dim, key) → n rollups kept for the weekly summary: the counted
 * dimensions of a row, and the back-fill that counts existing rows into a rollup (runtime code
 * re-counts the report-week reply rollup with it when the configured weeks change). The rollup
 * tables and their triggers were created by migrations 6, 10 and 12 (../migrations/), which hold
 * their SQL as text.
 */
export type Row = 'NEW.' | 'OLD.' | '';

/** One counted dimension: its name, key expression, and the condition for counting it at all. */
export interface Dim {
  dim: string;
  key: (r: Row) => string;
  when?: (r: Row) => string;
}

export const REPLY_HOUR_DIMS: Dim[] = [
  { dim: 'agent', key: (r) => `${r}author` },
  { dim: 'template', key: (r) => `${r}template_id`, when: (r) => `${r}template_id IS NOT NULL` },
  { dim: 'no_template', key: () => `''`, when: (r) => `${r}template_id IS NULL` },
];

export function backfill(table: string, source: string, bucket: string, dims: Dim[], guard: string): string {
  return dims
    .map((d) => `INSERT INTO ${table} (bucket, dim, key, n)
      SELECT ${bucket} AS b, '${d.dim}', ${d.key('')} AS k, COUNT(*) FROM ${source}
      WHERE ${guard}${d.when ? ` AND ${d.when('')}` : ''} GROUP BY b, k;`)
    .join('\n');
}

/**
 * A rollup of rows of `source` into `table`. `bucket(r)` is the bucket of a row, `guard(r)`
 * whether the row counts at all; `columns` are the source columns whose change moves a row
 * between groups (the update trigger fires only for those).
 */
export interface Rollup {
  table: string;
  source: string;
  dims: Dim[];
  bucket: (r: Row) => string;
  guard: (r: Row) => string;
  columns: string[];
}
