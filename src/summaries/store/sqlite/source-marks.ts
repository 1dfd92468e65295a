/**
 * The SQLite answer to SummaryStore.sourceMarks: what a summary of the window reads, in a few
 * counts and latest times (definitions in summary-store.ts), each from an index range: mentions by
 * created_at, sent replies by sent_at (replies_sent_window), cases by opened_at, own posts by
 * created_at. Tables a schema lacks count nothing.
 */
import type { SummarySourceMarks, SummaryWindow } from '../summary-store';
import type { Db } from '../../../store/sqlite/open-database';
import { hasColumns } from '../../../store/sqlite/summary/schema-probe';

interface CountRow {
  n: number;
  last: string | number | null;
}

export function sourceMarks(db: Db, w: SummaryWindow): SummarySourceMarks {
  const range = { start: w.start, end: w.end };
  const read = (sql: string): CountRow => db.prepare(sql).get(range) as CountRow;
  const mentions = read(`SELECT COUNT(*) AS n, MAX(status_changed_at) AS last FROM mentions WHERE created_at >= @start AND created_at < @end`);
  // A reply to a mention of the window counts whenever it is sent, but never before the mention
  // was posted: replies sent since the window's start hold all of them.
  const replies = hasColumns(db, 'replies', ['mention_id', 'state', 'sent_at'])
    ? read(`SELECT COUNT(*) AS n, MAX(r.sent_at) AS last FROM replies r LEFT JOIN mentions m ON m.id = r.mention_id
        WHERE r.state = 'sent' AND r.sent_at >= @start AND (r.sent_at < @end OR (m.created_at >= @start AND m.created_at < @end))`)
    : { n: 0, last: null };
  const cases = hasColumns(db, 'cases', ['opened_at', 'resolved_at', 'closed_at', 'updated_at'])
    ? read(`SELECT COUNT(*) AS n, MAX(updated_at) AS last FROM cases
        WHERE opened_at < @end AND (resolved_at IS NULL OR resolved_at >= @start) AND (closed_at IS NULL OR closed_at >= @start)`)
    : { n: 0, last: null };
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
