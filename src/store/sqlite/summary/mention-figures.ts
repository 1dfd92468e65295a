/**
 * Mention volume figures of one window on SQLite. One grouped scan over the week (day × channel ×
 * domain × intent × urgency × sentiment × relevance, a few thousand groups at most) is rolled up
 * into the per-dimension counts, so the week is read once instead of once per dimension.
 */
import type { EngagedMention, KeyedCount, MentionFigures, SummaryQueryOptions, SummaryWindow } from '../../../domain';
import type { Db } from '../open-database';

interface CubeRow {
  day: number;
  network: string;
  domain: string | null;
  intent: string;
  urgency: string;
  sentiment: string;
  relevant: number;
  n: number;
}

interface EngagedRow {
  id: string;
  network: string;
  url: string | null;
  author_handle: string;
  text: string;
  created_at: string;
  engagement: number;
  primary_domain: string | null;
}

/** CASE expression giving the 0-based day of created_at, from the window's day starts. */
export function dayCaseSql(w: SummaryWindow, column = 'created_at'): { sql: string; params: Record<string, string> } {
  const params: Record<string, string> = {};
  const whens: string[] = [];
  for (let i = 1; i < w.dayStarts.length - 1; i++) {
    params[`d${i}`] = w.dayStarts[i];
    whens.push(`WHEN ${column} < @d${i} THEN ${i - 1}`);
  }
  const last = w.dayStarts.length - 2;
  return { sql: whens.length ? `CASE ${whens.join(' ')} ELSE ${last} END` : '0', params };
}

/** Sums the cube rows by one dimension; largest first, then by key. */
export function rollUp<R>(rows: R[], key: (r: R) => string | null, count: (r: R) => number): KeyedCount[] {
  const sums = new Map<string | null, number>();
  for (const r of rows) sums.set(key(r), (sums.get(key(r)) ?? 0) + count(r));
  return sortCounts([...sums].map(([k, c]) => ({ key: k, count: c })));
}

/** Largest count first; ties by key, with the empty (null) key last. */
export function sortCounts<T extends KeyedCount>(items: T[]): T[] {
  return items.sort((a, b) => b.count - a.count || compareKeys(a.key, b.key));
}

export function compareKeys(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a.localeCompare(b);
}

export class MentionFigureQueries {
  constructor(private readonly db: Db) {}

  run(w: SummaryWindow, opts: SummaryQueryOptions): MentionFigures {
    const range = { start: w.start, end: w.end };
    const cube = this.cube(w);
    const byDay = new Array<number>(w.dayStarts.length - 1).fill(0);
    let total = 0;
    let relevant = 0;
    for (const r of cube) {
      byDay[r.day] += r.n;
      total += r.n;
      if (r.relevant === 1) relevant += r.n;
    }
    return {
      total,
      relevant,
      uniqueAuthors: (this.db
        .prepare(`SELECT COUNT(*) AS n FROM (SELECT DISTINCT network, author_id FROM mentions
          WHERE created_at >= @start AND created_at < @end)`)
        .get(range) as { n: number }).n,
      byChannel: rollUp(cube, (r) => r.network, (r) => r.n),
      byDomain: rollUp(cube, (r) => r.domain, (r) => r.n),
      byIntent: rollUp(cube, (r) => r.intent, (r) => r.n),
      byUrgency: rollUp(cube, (r) => r.urgency, (r) => r.n),
      bySentiment: rollUp(cube, (r) => r.sentiment, (r) => r.n),
      byDay,
      complaintsByArea: this.complaintsBy('area', range),
      complaintsByBlock: this.complaintsBy('block', range),
      mostEngaged: this.mostEngaged(range, opts.topN),
    };
  }

  private cube(w: SummaryWindow): CubeRow[] {
    const day = dayCaseSql(w);
    return this.db
      .prepare(`SELECT ${day.sql} AS day, network, primary_domain AS domain, intent, urgency, sentiment, relevant,
          COUNT(*) AS n
        FROM mentions WHERE created_at >= @start AND created_at < @end
        GROUP BY day, network, domain, intent, urgency, sentiment, relevant`)
      .all({ start: w.start, end: w.end, ...day.params }) as CubeRow[];
  }

  private complaintsBy(column: 'area' | 'block', range: { start: string; end: string }): KeyedCount[] {
    return this.db
      .prepare(`SELECT ${column} AS key, COUNT(*) AS count FROM mentions
        WHERE created_at >= @start AND created_at < @end AND intent = 'complaint'
          AND ${column} IS NOT NULL AND ${column} <> ''
        GROUP BY ${column} ORDER BY count DESC, key`)
      .all(range) as KeyedCount[];
  }

  private mostEngaged(range: { start: string; end: string }, topN: number): EngagedMention[] {
    const rows = this.db
      .prepare(`SELECT id, network, url, author_handle, text, created_at, engagement, primary_domain FROM mentions
        WHERE created_at >= @start AND created_at < @end AND engagement > 0
        ORDER BY engagement DESC, created_at DESC, id LIMIT @topN`)
      .all({ ...range, topN }) as EngagedRow[];
    return rows.map((r) => ({
      id: r.id,
      network: r.network,
      ...(r.url ? { url: r.url } : {}),
      authorHandle: r.author_handle,
      text: r.text,
      createdAt: r.created_at,
      engagement: r.engagement,
      domain: r.primary_domain,
    }));
  }
}
