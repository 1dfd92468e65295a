/**
 * Case counts of one window on SQLite: opened / resolved / closed in the window, still open and
 * overdue at its end, time to resolve, and the groupings by unit, domain and area. Read from the
 * case history (case_history) by the rules of ../case-history-rules.ts, so a week's figures
 * describe the week as it happened: a case reopened, rerouted or given a new SLA afterwards
 * (which clears resolved_at and replaces sla_due_at and unit on the case) leaves them as they were.
 *
 * Cost: the window's status moves (an index range on case_history_figures_at, migration 015), the
 * cases opened in it (cases_opened), and for the open-at-end figures only the cases that are open
 * now or moved status since the window ended (a case that did neither was in the status it is in
 * now), each looked up by case_history_case.
 */
import type { CaseCounts, KeyedCount, SummaryWindow } from '../summary-store';
import type { Db } from '../../../store/sqlite/open-database';
import { groupedDurationStatsSql, type DurationRow } from './durations-sql';
import { hasColumns, hasIndex } from '../../../store/sqlite/summary/schema-probe';
import { CASE_STATUS_VALUES, DOMAIN_CHANGED, NOT_STATUS_ACTIONS, OPEN_CASE_STATUSES, SLA_RESTARTED, UNIT_ASSIGNED } from '../case-history-rules';

const NEEDED = ['opened_at', 'sla_due_at', 'status', 'unit', 'domain', 'area'];
const HISTORY = ['seq', 'case_id', 'at', 'action', 'from_value', 'to_value'];
/** The index on the history entries the figures read, by time (migration 015). */
export const FIGURE_ENTRIES_INDEX = 'case_history_figures_at';
/** The partial index on the cases open now (migration 003), whose WHERE is the term OPEN below. */
const OPEN_CASES_INDEX = 'cases_sla';

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');
/**
 * A history entry of row `h` the figures read: a move to a status, an SLA restart, a unit or domain
 * change (and a few others with a status-like `to`). Word for word the WHERE of the partial index
 * case_history_figures_at, so SQLite can use it: queries on the history by time start with it.
 */
export const FIGURE_ENTRY = (h: string) =>
  `(${h}.to_value IN (${list(CASE_STATUS_VALUES)}) OR ${h}.action IN (${list([SLA_RESTARTED, UNIT_ASSIGNED, DOMAIN_CHANGED])}))`;
/** A status move of history row `h` (case-history-rules.ts). */
export const STATUS_MOVE = (h: string) => `${FIGURE_ENTRY(h)} AND ${h}.to_value IN (${list(CASE_STATUS_VALUES)}) AND ${h}.action NOT IN (${list(NOT_STATUS_ACTIONS)})`;
const OPEN = `IN (${list(OPEN_CASE_STATUSES)})`;

/**
 * What an action's entries move (unit, domain, due time) as it stood at a moment of case `c`:
 * the `to` of its last entry before the moment (`before`, a condition on history row s), else the
 * `from` of its first entry, else the case's own column.
 */
function inForceSql(action: string, c: string, column: string, before: string): string {
  return `COALESCE(
    (SELECT s.to_value FROM case_history s WHERE s.case_id = ${c}.id AND s.action = '${action}' AND ${before} ORDER BY s.at DESC, s.seq DESC LIMIT 1),
    (SELECT s.from_value FROM case_history s WHERE s.case_id = ${c}.id AND s.action = '${action}' ORDER BY s.at, s.seq LIMIT 1),
    ${c}.${column})`;
}

/** What an action's first entry moved from (the unit or domain a case was opened with), else the case's own column. */
function atOpeningSql(action: string, c: string, column: string): string {
  return `COALESCE((SELECT s.from_value FROM case_history s WHERE s.case_id = ${c}.id AND s.action = '${action}' ORDER BY s.at, s.seq LIMIT 1), ${c}.${column})`;
}

/** Before resolution r in (at, seq) order. */
const BEFORE_RESOLUTION = `(s.at < r.at OR (s.at = r.at AND s.seq < r.seq))`;

/**
 * One row per case resolved in the window: its last move to resolved there (at, seq), the seconds
 * since it opened, whether it was within the due time in force then, and the unit then.
 */
function resolvedSql(indexed: string): string {
  return `WITH resolutions AS (
      SELECT case_id, seq, at FROM (
        SELECT h.case_id, h.seq, h.at, ROW_NUMBER() OVER (PARTITION BY h.case_id ORDER BY h.at DESC, h.seq DESC) AS rn
        FROM case_history h ${indexed}
        WHERE h.at >= @start AND h.at < @end AND ${STATUS_MOVE('h')} AND h.to_value = 'resolved')
      WHERE rn = 1)
    SELECT MAX(0, unixepoch(r.at) - unixepoch(c.opened_at)) AS secs,
      r.at <= ${inForceSql(SLA_RESTARTED, 'c', 'sla_due_at', BEFORE_RESOLUTION)} AS within_sla,
      ${inForceSql(UNIT_ASSIGNED, 'c', 'unit', BEFORE_RESOLUTION)} AS unit
    FROM resolutions r CROSS JOIN cases c ON c.id = r.case_id`;
}

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

/** Adds `count` to `key` of a keyed count map. */
const add = (counts: Map<string | null, number>, key: string | null, count: number) => counts.set(key, (counts.get(key) ?? 0) + count);
const keyed = (counts: Map<string | null, number>): KeyedCount[] => [...counts].map(([key, count]) => ({ key, count }));

export class CaseFigureQueries {
  constructor(private readonly db: Db) {}

  run(w: SummaryWindow): CaseCounts {
    if (!hasColumns(this.db, 'cases', NEEDED) || !hasColumns(this.db, 'case_history', HISTORY)) return emptyCaseFigures(false);
    const range = { start: w.start, end: w.end };
    const indexed = hasIndex(this.db, FIGURE_ENTRIES_INDEX) ? `INDEXED BY ${FIGURE_ENTRIES_INDEX}` : '';
    const opened = this.opened(range);
    const resolved = this.db
      .prepare(`SELECT unit, COUNT(*) AS count, SUM(within_sla) AS within_sla FROM (${resolvedSql(indexed)}) GROUP BY unit`)
      .all(range) as { unit: string | null; count: number; within_sla: number | null }[];
    const resolve = this.db
      .prepare(groupedDurationStatsSql(`SELECT 'all' AS grp, secs FROM (${resolvedSql(indexed)})`))
      .get(range) as DurationRow | undefined;
    const closed = this.db
      .prepare(`SELECT COUNT(DISTINCT h.case_id) AS n FROM case_history h ${indexed}
        WHERE h.at >= @start AND h.at < @end AND ${STATUS_MOVE('h')} AND h.to_value = 'closed'`)
      .get(range) as { n: number };
    const atEnd = this.atEnd(range, indexed, hasIndex(this.db, OPEN_CASES_INDEX) ? `INDEXED BY ${OPEN_CASES_INDEX}` : '');
    return {
      available: true,
      opened: opened.count,
      resolved: resolved.reduce((n, r) => n + r.count, 0),
      closed: closed.n,
      openAtEnd: atEnd.open ?? 0,
      overdueAtEnd: atEnd.overdue ?? 0,
      timeToResolve: { count: resolve?.n ?? 0, medianSeconds: resolve?.median ?? null, p90Seconds: resolve?.p90 ?? null },
      resolvedWithinSla: resolved.reduce((n, r) => n + (r.within_sla ?? 0), 0),
      openedByUnit: opened.byUnit,
      openedByDomain: opened.byDomain,
      resolvedByUnit: resolved.map((r) => ({ key: r.unit, count: r.count })),
      openedByArea: opened.byArea,
    };
  }

  /** Cases opened in the window, by the unit and domain they were opened with, and by area. */
  private opened(range: { start: string; end: string }) {
    const rows = this.db
      .prepare(`SELECT unit, domain, area, COUNT(*) AS count FROM (
          SELECT ${atOpeningSql(UNIT_ASSIGNED, 'c', 'unit')} AS unit, ${atOpeningSql(DOMAIN_CHANGED, 'c', 'domain')} AS domain, c.area AS area
          FROM cases c WHERE c.opened_at >= @start AND c.opened_at < @end)
        GROUP BY unit, domain, area`)
      .all(range) as { unit: string | null; domain: string | null; area: string | null; count: number }[];
    const byUnit = new Map<string | null, number>();
    const byDomain = new Map<string | null, number>();
    const byArea = new Map<string | null, number>();
    for (const r of rows) (add(byUnit, r.unit, r.count), add(byDomain, r.domain, r.count), add(byArea, r.area, r.count));
    return { count: rows.reduce((n, r) => n + r.count, 0), byUnit: keyed(byUnit), byDomain: keyed(byDomain), byArea: keyed(byArea) };
  }

  /**
   * Open and overdue at the window end. A case that is not open now and made no status move since
   * the end was not open then either; the others' status at the end is their last move before it.
   */
  private atEnd(range: { start: string; end: string }, indexed: string, openIndexed: string): { open: number | null; overdue: number | null } {
    return this.db
      .prepare(`WITH candidates AS (
          SELECT id AS case_id FROM cases ${openIndexed} WHERE status ${OPEN} AND opened_at < @end
          UNION
          SELECT h.case_id FROM case_history h ${indexed}
          WHERE h.at >= @end AND ${STATUS_MOVE('h')} AND h.case_id NOT IN (SELECT id FROM cases WHERE opened_at >= @end)),
        at_end AS MATERIALIZED (
          SELECT c.id, c.sla_due_at, COALESCE((SELECT m.to_value FROM case_history m WHERE m.case_id = c.id AND m.at < @end AND ${STATUS_MOVE('m')}
              ORDER BY m.at DESC, m.seq DESC LIMIT 1), 'open') ${OPEN} AS open
          FROM candidates k CROSS JOIN cases c ON c.id = k.case_id -- CROSS: the few candidates first, whatever the statistics say
          WHERE c.opened_at < @end)
        SELECT SUM(open) AS open, SUM(CASE WHEN open THEN ${inForceSql(SLA_RESTARTED, 'e', 'sla_due_at', 's.at < @end')} < @end ELSE 0 END) AS overdue
        FROM at_end e`)
      .get(range) as { open: number | null; overdue: number | null };
  }
}
