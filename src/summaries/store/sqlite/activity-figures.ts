/**
 * Reply activity (replies sent per agent and per template) and the ministry's own posts of one
 * window on SQLite. Replies of a configured report week come from the week rollup week_reply_counts;
 * of any other window from the hourly reply counts (reply_hour_counts) plus the
 * window's partial hours read from the `replies` table, or all from `replies` in
 * `{ raw: true }` mode or when reply_hour_counts does not exist; user and template names are joined in afterwards
 * when their tables exist.
 */
import type { KeyedCount, OwnPostCounts, OwnPostSummary, OwnPostTotals, ReplyActivityCounts, SummaryQueryOptions, SummaryWindow } from '../summary-store';
import type { Db } from '../../../store/sqlite/open-database';
import type { FigureMode } from './mention-figures';
import { rollupCounts, toDimCounts, type DimCount } from '../../../store/sqlite/summary/rollup-counts';
import { isReportWeek } from '../../../store/sqlite/summary/report-weeks';
import { hasColumns, hasIndex } from '../../../store/sqlite/summary/schema-probe';
import { HOUR, type Range } from '../../../store/sqlite/summary/window-split';

interface NamedCountRow {
  key: string | null;
  name: string | null;
  count: number;
}

interface OwnPostRow {
  channel: string;
  external_id: string;
  url: string | null;
  text: string;
  created_at: string;
  likes: number;
  replies: number;
  reposts: number;
  impressions: number;
}

export class ActivityFigureQueries {
  constructor(
    private readonly db: Db,
    private readonly mode: FigureMode = {},
  ) {}

  replies(w: SummaryWindow): ReplyActivityCounts {
    if (!hasColumns(this.db, 'replies', ['state', 'sent_at', 'author', 'template_id'])) {
      return { available: false, byAgent: [], byTemplate: [] };
    }
    const range = { start: w.start, end: w.end };
    const useRollup = !this.mode.raw && hasColumns(this.db, 'reply_hour_counts', ['bucket']);
    const counts =
      useRollup && isReportWeek(this.db, range)
        ? toDimCounts(this.db.prepare('SELECT dim, key, n FROM week_reply_counts WHERE bucket = ? AND n > 0').all(range.start) as DimCount[])
        : useRollup
          ? rollupCounts(this.db, 'reply_hour_counts', HOUR, range, (edge) => this.sentIn(edge))
          : toDimCounts(this.sentIn(range));
    const agents: NamedCountRow[] = [...(counts.get('agent') ?? [])].map(([key, count]) => ({ key, count, name: null }));
    const templates: NamedCountRow[] = [...(counts.get('template') ?? [])].map(([key, count]) => ({ key, count, name: null }));
    const free = counts.get('no_template')?.get('') ?? 0;
    if (free > 0) templates.push({ key: null, count: free, name: null });
    this.nameFrom('users', agents);
    this.nameFrom('templates', templates);
    return { available: true, byAgent: agents.map(withName), byTemplate: templates.map(withName) };
  }

  /** Sent replies of a range straight from `replies`, as rollup dimension rows. */
  private sentIn(range: Range): DimCount[] {
    // Without statistics the planner prefers the (state, created_at) index and reads every sent
    // reply ever; the window index replies_sent_window reads only the range's.
    const indexed = hasIndex(this.db, 'replies_sent_window') ? 'INDEXED BY replies_sent_window' : '';
    const rows = this.db
      .prepare(`SELECT author, template_id, COUNT(*) AS n FROM replies r ${indexed}
        WHERE r.state = 'sent' AND r.sent_at >= @start AND r.sent_at < @end GROUP BY author, template_id`)
      .all(range) as { author: string; template_id: string | null; n: number }[];
    return rows.flatMap((r) => [
      { dim: 'agent', key: r.author, n: r.n },
      r.template_id === null ? { dim: 'no_template', key: '', n: r.n } : { dim: 'template', key: r.template_id, n: r.n },
    ]);
  }

  /** Fills in display names from `users` / `templates` when that table exists. */
  private nameFrom(table: 'users' | 'templates', rows: NamedCountRow[]): void {
    if (!rows.length || !hasColumns(this.db, table, ['id', 'name'])) return;
    const named = this.db
      .prepare(`SELECT id, name FROM ${table} WHERE id IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify(rows.map((r) => r.key).filter((k) => k !== null))) as { id: string; name: string }[];
    const names = new Map(named.map((n) => [n.id, n.name]));
    for (const r of rows) r.name = r.key === null ? null : (names.get(r.key) ?? null);
  }

  ownPosts(w: SummaryWindow, opts: SummaryQueryOptions): OwnPostCounts {
    const range = { start: w.start, end: w.end };
    const byChannel = this.db
      .prepare(`SELECT channel AS key, COUNT(*) AS posts, SUM(likes) AS likes, SUM(replies) AS replies,
          SUM(reposts) AS reposts, SUM(impressions) AS impressions,
          SUM(CASE WHEN impressions > 0 THEN likes + replies + reposts ELSE 0 END) AS engagementWithImpressions
        FROM own_posts WHERE created_at >= @start AND created_at < @end
        GROUP BY channel`)
      .all(range) as OwnPostTotals[];
    const best = this.db
      .prepare(`SELECT channel, external_id, url, text, created_at, likes, replies, reposts, impressions FROM own_posts
        WHERE created_at >= @start AND created_at < @end
        ORDER BY likes + replies + reposts DESC, created_at DESC LIMIT @topN`)
      .all({ ...range, topN: opts.topN }) as OwnPostRow[];
    return { byChannel, best: best.map(toOwnPost) };
  }
}

function withName(r: NamedCountRow): KeyedCount & { name?: string } {
  return r.name ? { key: r.key, count: r.count, name: r.name } : { key: r.key, count: r.count };
}

function toOwnPost(r: OwnPostRow): OwnPostSummary {
  return {
    channel: r.channel,
    externalId: r.external_id,
    ...(r.url ? { url: r.url } : {}),
    text: r.text,
    createdAt: r.created_at,
    likes: r.likes,
    replies: r.replies,
    reposts: r.reposts,
    impressions: r.impressions,
  };
}
