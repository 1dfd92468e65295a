/**
 * Case counts of one window on SQLite (the cases table): opened / resolved / closed in
 * the window, still open and overdue at its end, time to resolve, and the groupings by unit,
 * domain and area. Counted from the case's own timestamps, so an old week's figures stay stable.
 */
import type { CaseCounts, KeyedCount, SummaryWindow } from '../summary-store';
import type { Db } from '../../../store/sqlite/open-database';
import { groupedDurationStatsSql, type DurationRow } from './durations-sql';
import { hasColumns } from '../../../store/sqlite/summary/schema-probe';

const NEEDED = ['opened_at', 'resolved_at', 'closed_at', 'sla_due_at', 'unit', 'domain', 'area'];

interface Totals {
  opened: number | null;
  resolved: number | null;
  closed: number | null;
  open_at_end: number | null;
  overdue: number | null;
  resolved_within_sla: number | null;
}

const IN_WINDOW = (col: string) => `(${col} >= @start AND ${col} < @end)`;
const OPEN_AT_END = `(opened_at < @end AND (resolved_at IS NULL OR resolved_at >= @end) AND (closed_at IS NULL OR closed_at >= @end))`;

export function emptyCaseFigures(available: boolean): CaseCounts {
  return {
    available,
    opened: 0,
    resolved: 0,
    closed: 0,
    openAtEnd: 0,
    overdueAtEnd: 0,
    timeToResolve: { count: 0, medianSeconds: null, p90Seconds: null },
    resolvedWithinSla: 0,
    openedByUnit: [],
    openedByDomain: [],
    resolvedByUnit: [],
    openedByArea: [],
  };
}

export class CaseFigureQueries {
  constructor(private readonly db: Db) {}

  run(w: SummaryWindow): CaseCounts {
    if (!hasColumns(this.db, 'cases', NEEDED)) return emptyCaseFigures(false);
    const range = { start: w.start, end: w.end };
    const t = this.db
      .prepare(`SELECT
          SUM(${IN_WINDOW('opened_at')}) AS opened,
          SUM(${IN_WINDOW('resolved_at')}) AS resolved,
          SUM(${IN_WINDOW('closed_at')}) AS closed,
          SUM(${OPEN_AT_END}) AS open_at_end,
          SUM(${OPEN_AT_END} AND sla_due_at < @end) AS overdue,
          SUM(${IN_WINDOW('resolved_at')} AND resolved_at <= sla_due_at) AS resolved_within_sla
        FROM cases WHERE opened_at < @end`)
      .get(range) as Totals;
    const resolve = this.db
      .prepare(groupedDurationStatsSql(`SELECT 'all' AS grp, MAX(0, unixepoch(resolved_at) - unixepoch(opened_at)) AS secs
        FROM cases WHERE ${IN_WINDOW('resolved_at')}`))
      .get(range) as DurationRow | undefined;
    return {
      available: true,
      opened: t.opened ?? 0,
      resolved: t.resolved ?? 0,
      closed: t.closed ?? 0,
      openAtEnd: t.open_at_end ?? 0,
      overdueAtEnd: t.overdue ?? 0,
      timeToResolve: { count: resolve?.n ?? 0, medianSeconds: resolve?.median ?? null, p90Seconds: resolve?.p90 ?? null },
      resolvedWithinSla: t.resolved_within_sla ?? 0,
      openedByUnit: this.countBy('unit', 'opened_at', range),
      openedByDomain: this.countBy('domain', 'opened_at', range),
      resolvedByUnit: this.countBy('unit', 'resolved_at', range),
      openedByArea: this.countBy('area', 'opened_at', range),
    };
  }

  private countBy(column: string, time: string, range: { start: string; end: string }): KeyedCount[] {
    return this.db
      .prepare(`SELECT ${column} AS key, COUNT(*) AS count FROM cases WHERE ${IN_WINDOW(time)} GROUP BY ${column}`)
      .all(range) as KeyedCount[];
  }
}
