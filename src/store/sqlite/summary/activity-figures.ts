/**
 * Reply activity (replies sent per agent and per template) and the ministry's own posts of one
 * window on SQLite. Replies come from the reply store's `replies` table when it exists; user and
 * template names are joined in when their tables exist.
 */
import type {
  AgentCount,
  KeyedCount,
  OwnPostFigures,
  OwnPostSummary,
  OwnPostTotals,
  ReplyActivityFigures,
  SummaryQueryOptions,
  SummaryWindow,
} from '../../../domain';
import type { Db } from '../open-database';
import { sortCounts } from './mention-figures';
import { hasColumns, hasIndex } from './schema-probe';

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
  constructor(private readonly db: Db) {}

  replies(w: SummaryWindow): ReplyActivityFigures {
    if (!hasColumns(this.db, 'replies', ['state', 'sent_at', 'author', 'template_id'])) {
      return { available: false, sent: 0, byAgent: [], byTemplate: [] };
    }
    const range = { start: w.start, end: w.end };
    // Without statistics the planner prefers the (state, created_at) index and reads every sent
    // reply ever; the window index of migration 4 reads only the week's.
    const indexed = hasIndex(this.db, 'replies_sent_window') ? 'INDEXED BY replies_sent_window' : '';
    const sentInWindow = `FROM replies r ${indexed} WHERE r.state = 'sent' AND r.sent_at >= @start AND r.sent_at < @end`;
    const named = (column: string, table: 'users' | 'templates') => {
      const grouped = `SELECT ${column} AS key, COUNT(*) AS count ${sentInWindow} GROUP BY ${column}`;
      return hasColumns(this.db, table, ['id', 'name'])
        ? `SELECT g.key, t.name, g.count FROM (${grouped}) g LEFT JOIN ${table} t ON t.id = g.key`
        : `SELECT key, NULL AS name, count FROM (${grouped})`;
    };
    const byAgent = this.db.prepare(named('r.author', 'users')).all(range) as NamedCountRow[];
    const byTemplate = this.db.prepare(named('r.template_id', 'templates')).all(range) as NamedCountRow[];
    return {
      available: true,
      sent: byAgent.reduce((s, r) => s + r.count, 0),
      byAgent: sortCounts(byAgent.map(withName)) as AgentCount[],
      byTemplate: sortCounts(byTemplate.map(withName)),
    };
  }

  ownPosts(w: SummaryWindow, opts: SummaryQueryOptions): OwnPostFigures {
    const range = { start: w.start, end: w.end };
    const byChannel = this.db
      .prepare(`SELECT channel AS key, COUNT(*) AS posts, SUM(likes) AS likes, SUM(replies) AS replies,
          SUM(reposts) AS reposts, SUM(impressions) AS impressions,
          SUM(CASE WHEN impressions > 0 THEN likes + replies + reposts ELSE 0 END) AS engagementWithImpressions
        FROM own_posts WHERE created_at >= @start AND created_at < @end
        GROUP BY channel ORDER BY posts DESC, channel`)
      .all(range) as OwnPostTotals[];
    const totals: OwnPostTotals = { key: null, posts: 0, likes: 0, replies: 0, reposts: 0, impressions: 0, engagementWithImpressions: 0 };
    for (const c of byChannel) {
      for (const f of ['posts', 'likes', 'replies', 'reposts', 'impressions', 'engagementWithImpressions'] as const) totals[f] += c[f];
    }
    const best = this.db
      .prepare(`SELECT channel, external_id, url, text, created_at, likes, replies, reposts, impressions FROM own_posts
        WHERE created_at >= @start AND created_at < @end
        ORDER BY likes + replies + reposts DESC, created_at DESC LIMIT @topN`)
      .all({ ...range, topN: opts.topN }) as OwnPostRow[];
    return { totals, byChannel, best: best.map(toOwnPost) };
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
