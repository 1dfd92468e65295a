/**
 * The report weeks the week rollups are keyed by (../migrations/010-report-week-rollups.ts). The summary settings
 * (TZ_DISPLAY, SUMMARY_WEEK_START) decide them, the store does not know those: the service hands
 * the bounds over at start (SummaryStore.useReportWeeks). When they differ from the stored ones,
 * every mention's report_week and the week counts are recomputed in one transaction (about 26 s
 * per million mentions, once after a settings change); the distinct authors and term counts are
 * then counted again by the catch-up (week-rollup-catch-up.ts), chunk by chunk.
 */
import type { ReportWeekBounds } from '../../../domain';
import type { Db } from '../open-database';
import { hasIndex } from './schema-probe';
import { NEEDS_REPLY, RESPONSE_KEY_COLUMNS, responseKey, WEEK_DIMS, WEEK_OF, WEEK_REPLY_ROLLUP } from './week-rollup-keys';
import { backfill } from './rollup-schema';
import { WEEK_TRIGGER_NAMES, WEEK_TRIGGERS_SQL } from './week-rollup-triggers';

export interface ReportWeeksResult {
  /** False when the stored weeks were already these. */
  rebuilt: boolean;
  weeks: number;
}

/** Recounts the week rollups from the mentions and replies (after the weeks changed; mention triggers dropped). */
export const WEEK_BACKFILL_SQL = `
    DELETE FROM week_reply_counts;
    ${backfill(WEEK_REPLY_ROLLUP.table, WEEK_REPLY_ROLLUP.source, WEEK_REPLY_ROLLUP.bucket(''), WEEK_REPLY_ROLLUP.dims, WEEK_REPLY_ROLLUP.guard(''))}
    DELETE FROM week_counts;
    DELETE FROM week_responses;
    UPDATE mentions SET report_week = ${WEEK_OF('created_at')};
    ${WEEK_DIMS.map(
      (d) => `INSERT INTO week_counts (week, dim, key, n)
      SELECT report_week, '${d.dim}', ${d.key('')} AS k, COUNT(*) FROM mentions
      WHERE report_week IS NOT NULL${d.when ? ` AND ${d.when('')}` : ''} GROUP BY report_week, k;`,
    ).join('\n    ')}
    -- Authors and terms: all counted again by the catch-up (from the terms kept in mention_terms).
    DELETE FROM week_authors;
    DELETE FROM week_terms;
    DELETE FROM week_term_spellings;
    UPDATE week_rollup_state SET counted_to = 0;
    INSERT INTO week_responses (${RESPONSE_KEY_COLUMNS.join(', ')}, n)
      SELECT ${responseKey('')} AS k, COUNT(*) FROM mentions WHERE report_week IS NOT NULL AND ${NEEDS_REPLY('')}
      GROUP BY 1, 2, 3, 4, 5, 6;`;

function sameWeeks(db: Db, weeks: ReportWeekBounds[]): boolean {
  const stored = db.prepare('SELECT start_at AS start, end_at AS end FROM report_weeks ORDER BY start_at').all() as ReportWeekBounds[];
  return stored.length === weeks.length && stored.every((w, i) => w.start === weeks[i].start && w.end === weeks[i].end);
}

export function useReportWeeks(db: Db, weeks: ReportWeekBounds[]): ReportWeeksResult {
  const sorted = [...weeks].sort((a, b) => (a.start < b.start ? -1 : 1));
  sorted.forEach((w, i) => {
    if (!(w.start < w.end) || (i > 0 && sorted[i - 1].end > w.start)) throw new Error(`report weeks overlap or are empty at ${w.start}`);
  });
  if (sameWeeks(db, sorted)) return { rebuilt: false, weeks: sorted.length };
  db.transaction(() => {
    // The triggers would move every row's counts one by one: recount in bulk instead.
    for (const name of WEEK_TRIGGER_NAMES) db.exec(`DROP TRIGGER IF EXISTS ${name}`);
    db.exec('DELETE FROM report_weeks');
    const insert = db.prepare('INSERT INTO report_weeks (start_at, end_at) VALUES (?, ?)');
    for (const w of sorted) insert.run(w.start, w.end);
    db.exec(WEEK_BACKFILL_SQL);
    db.exec(WEEK_TRIGGERS_SQL);
  }).immediate();
  return { rebuilt: true, weeks: sorted.length };
}

/** True when the window is exactly one stored report week, i.e. the week rollups answer it. */
export function isReportWeek(db: Db, range: { start: string; end: string }): boolean {
  if (!hasIndex(db, 'mentions_week_answered')) return false; // no week rollups (`week_*` tables) in this schema yet
  return db.prepare('SELECT 1 FROM report_weeks WHERE start_at = ? AND end_at = ?').get(range.start, range.end) !== undefined;
}
