/**
 * The SQLite answer to SummaryStore.sourceMarks: what a summary of the window reads, in a few
 * counts and latest times (definitions in summary-store.ts), each from an index range: mentions by
 * created_at, sent replies by sent_at (replies_sent_window), cases by opened_at and their history
 * by time (case_history_figures_at), own posts by created_at. Tables a schema lacks count nothing.
 */
import type { SummarySourceMarks, SummaryWindow } from '../summary-store';
import type { Db } from '../../../store/sqlite/open-database';
import { createHash } from 'node:crypto';
import { isReportWeek } from '../../../store/sqlite/summary/report-weeks';
import { catchUpWeekRollups } from '../../../store/sqlite/summary/week-rollup-catch-up';
import { hasColumns, hasIndex } from '../../../store/sqlite/summary/schema-probe';
import { FIGURE_ENTRIES_INDEX, FIGURE_ENTRY } from './case-figures';

interface CountRow {
  n: number;
  last: string | number | null;
}

export function sourceMarks(db: Db, w: SummaryWindow): SummarySourceMarks {
  const range = { start: w.start, end: w.end };
  const read = (sql: string): CountRow => db.prepare(sql).get(range) as CountRow;
  // A report week's rollups hold what its figures are computed from: a digest of their rows is
  // exact and cheap, where reading the week's mentions and replies took 0.7 s at 150,000 mentions.
  const rollups = isReportWeek(db, range) && hasTable(db, 'week_reply_counts');
  // As every reader of the rollups does first: mentions ingested since the last catch-up counted in.
  if (rollups) catchUpWeekRollups(db);
  const mentions = rollups
    ? weekMentionsMark(db, range.start)
    : read(`SELECT COUNT(*) AS n, MAX(status_changed_at) AS last FROM mentions WHERE created_at >= @start AND created_at < @end`);
  // A reply to a mention of the window counts whenever it is sent, but never before the mention
  // was posted: replies sent since the window's start hold all of them. With rollups, a late
  // reply to one of the week's mentions moves its week_responses row (first response), so the
  // replies sent in the week are all that is left to mark.
  const replies = rollups
    ? weekRepliesMark(db, range.start)
    : hasColumns(db, 'replies', ['mention_id', 'state', 'sent_at'])
      ? read(`SELECT COUNT(*) AS n, MAX(r.sent_at) AS last FROM replies r LEFT JOIN mentions m ON m.id = r.mention_id
        WHERE r.state = 'sent' AND r.sent_at >= @start AND (r.sent_at < @end OR (m.created_at >= @start AND m.created_at < @end))`)
      : { n: 0, last: null };
  const cases = hasColumns(db, 'cases', ['opened_at']) && hasColumns(db, 'case_history', ['seq', 'at', 'action', 'to_value']) ? caseMarks(db, range) : { n: 0, last: null };
  // Metrics, not updated_at: every poll rewrites updated_at, changed or not.
  const own = read(`SELECT COUNT(*) AS n, COALESCE(SUM(likes + replies + reposts + impressions), 0) AS last FROM own_posts
    WHERE created_at >= @start AND created_at < @end`);
  return {
    mentions: mentions.n,
    lastMentionChangeAt: (mentions.last as string | null) ?? null,
    repliesSent: replies.n,
    lastReplySentAt: (replies.last as string | null) ?? null,
    cases: cases.n,
    lastCaseChangeAt: (cases.last as string | null) ?? null,
    ownPosts: own.n,
    ownPostMetrics: Number(own.last ?? 0),
  };
}

/**
 * The cases the figures read (opened before the end) and the history entries they read dated
 * before the end: their count and the last written (seq). The figures of a window are made of
 * exactly these (case-figures.ts), so a change dated after it (a reopen, a new unit or SLA next
 * week) leaves the marks, and with them a stored summary, as they are; an entry dated inside or
 * before it (a case captured late, a correction back-dated) moves them.
 */
function caseMarks(db: Db, range: { start: string; end: string }): CountRow {
  const opened = db.prepare('SELECT COUNT(*) AS n FROM cases WHERE opened_at < @end').get(range) as { n: number };
  const indexed = hasIndex(db, FIGURE_ENTRIES_INDEX) ? `INDEXED BY ${FIGURE_ENTRIES_INDEX}` : '';
  const entries = db
    .prepare(`SELECT COUNT(*) AS n, MAX(h.seq) AS last FROM case_history h ${indexed} WHERE h.at < @end AND ${FIGURE_ENTRY('h')}`)
    .get(range) as { n: number; last: number | null };
  return { n: opened.n, last: entries.n ? `history:${entries.n}:${entries.last}` : null };
}

const digest = (rows: unknown): string => `rollup:${createHash('sha1').update(JSON.stringify(rows)).digest('hex')}`;

/**
 * A report week's mentions as its rollups hold them: the count, and a digest of every row of
 * week_counts and week_responses for the week (a few hundred small rows, read by primary key).
 * The summary's mention and response figures are computed from these very rows, so any change
 * that moves a figure (a new mention, a status change, a correction, a first reply) changes it.
 */
function weekMentionsMark(db: Db, week: string): CountRow {
  const counts = db.prepare('SELECT dim, key, n FROM week_counts WHERE week = ? ORDER BY dim, key').all(week) as { dim: string; key: string; n: number }[];
  const responses = db.prepare('SELECT * FROM week_responses WHERE week = ? ORDER BY network, has_domain, domain, urgency, bucket').all(week);
  return { n: counts.find((c) => c.dim === 'all')?.n ?? 0, last: digest([counts, responses]) };
}

/** The week's sent replies by agent and template (week_reply_counts, bucket = the week's start). */
function weekRepliesMark(db: Db, week: string): CountRow {
  const rows = db.prepare('SELECT dim, key, n FROM week_reply_counts WHERE bucket = ? ORDER BY dim, key').all(week) as { dim: string; key: string; n: number }[];
  return { n: rows.filter((r) => r.dim === 'agent').reduce((sum, r) => sum + r.n, 0), last: digest(rows) };
}

function hasTable(db: Db, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}
