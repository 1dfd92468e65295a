/**
 * SQL for exact median and p90 of durations per group, computed in SQLite with window functions
 * on the sorted subset (no rows leave the database). Definitions (also in summary-store.ts):
 * median = middle value or mean of the two middle values; p90 = nearest rank ceil(0.9 n).
 */

/**
 * Wraps a query yielding rows (grp TEXT, secs INTEGER) into one row per group with
 * n, median, p90. Integer division gives the ranks: (n+1)/2 and (n+2)/2 are the middle ranks,
 * (9n+9)/10 = ceil(0.9 n).
 */
export function groupedDurationStatsSql(valuesSql: string): string {
  return `SELECT grp, n,
      AVG(CASE WHEN rn IN ((n + 1) / 2, (n + 2) / 2) THEN secs END) AS median,
      MAX(CASE WHEN rn = (9 * n + 9) / 10 THEN secs END) AS p90
    FROM (
      SELECT grp, secs,
        ROW_NUMBER() OVER (PARTITION BY grp ORDER BY secs) AS rn,
        COUNT(*) OVER (PARTITION BY grp) AS n
      FROM (${valuesSql})
    )
    GROUP BY grp`;
}

export interface DurationRow {
  grp: string;
  n: number;
  median: number | null;
  p90: number | null;
}
