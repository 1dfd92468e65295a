/**
 * Mention counts of one window on SQLite. A window that is one configured report week is
 * answered from the week rollups (`week_*` tables, week-mention-figures.ts). Any other window from
 * the hourly and daily rollups (rollup-schema.ts): per-dimension counts and days from the hourly cube,
 * complaint places from the UTC-day counts, distinct authors from the covering index
 * mentions_window. The most engaged come from each hour's top in both cases. The parts of the
 * window no whole bucket covers are read raw, so every figure is exact. `{ raw: true }` computes everything from the mentions themselves (one
 * grouped scan over the week, rolled up per dimension): the reference the rollups are tested
 * against.
 */
import type { EngagedMention, KeyedCount, MentionCounts, SummaryQueryOptions, SummaryWindow } from '../summary-store';
import type { Db } from '../../../store/sqlite/open-database';
import { cubeCounts, cubeTotal } from './mention-cube';
import { isReportWeek } from '../../../store/sqlite/summary/report-weeks';
import { catchUpWeekRollups } from '../../../store/sqlite/summary/week-rollup-catch-up';
import { weekMentionFigures } from './week-mention-figures';
import { countFigures, keyedOf } from './keyed-counts';
import { rollupCounts } from '../../../store/sqlite/summary/rollup-counts';
import { DAY, HOUR, type Range } from '../../../store/sqlite/summary/window-split';

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

/**
 * True when every day starts on a whole UTC hour (all zones but the half- and quarter-hour ones):
 * then days can be summed from hourly counts instead of testing each row against every day start.
 */
function onWholeHours(w: SummaryWindow): boolean {
  return w.dayStarts.every((d) => /T\d\d:00:00(\.000)?Z$/.test(d));
}

/** Sums the cube rows by one dimension (in no particular order). */
export function rollUp<R>(rows: R[], key: (r: R) => string | null, count: (r: R) => number): KeyedCount[] {
  const sums = new Map<string | null, number>();
  for (const r of rows) sums.set(key(r), (sums.get(key(r)) ?? 0) + count(r));
  return [...sums].map(([k, c]) => ({ key: k, count: c }));
}

export interface FigureMode {
  /** Compute from the mentions only, ignoring the rollups. */
  raw?: boolean;
}

export class MentionFigureQueries {
  constructor(
    private readonly db: Db,
    private readonly mode: FigureMode = {},
  ) {}

  run(w: SummaryWindow, opts: SummaryQueryOptions): MentionCounts {
    if (this.mode.raw) return this.runRaw(w, opts);
    const range = { start: w.start, end: w.end };
    if (isReportWeek(this.db, range)) {
      catchUpWeekRollups(this.db); // the distinct authors of mentions ingested since the last one
      const week = weekMentionFigures(this.db, w);
      return {
        ...week,
        byDay: week.byDay ?? w.dayStarts.slice(0, -1).map((start, i) => this.dayTotal({ start, end: w.dayStarts[i + 1] })),
        mostEngaged: this.mostEngagedByHour(range, opts.topN),
      };
    }
    return {
      ...countFigures(cubeCounts(this.db, range)),
      uniqueAuthors: this.uniqueAuthors(range),
      byDay: w.dayStarts.slice(0, -1).map((start, i) => this.dayTotal({ start, end: w.dayStarts[i + 1] })),
      ...this.complaintPlaces(range),
      mostEngaged: this.mostEngagedByHour(range, opts.topN),
    };
  }

  private dayTotal(day: Range): number {
    return cubeTotal(this.db, day);
  }

  /**
   * Distinct (network, author id) pairs of the window: the pairs come from the covering index
   * mentions_window as one JSON array and are counted in a Set (a SQL DISTINCT sorts them in a
   * temporary b-tree, about twice as slow). Networks are channel names without line breaks, so
   * the newline-joined pair is unambiguous.
   */
  private uniqueAuthors(range: Range): number {
    const pairs = this.db
      .prepare(`SELECT json_group_array(network || char(10) || author_id) FROM mentions INDEXED BY mentions_window
        WHERE created_at >= @start AND created_at < @end`)
      .pluck()
      .get(range) as string;
    return new Set(JSON.parse(pairs) as string[]).size;
  }

  /** Complaints per area and per block: one read of the day rollup (both places) and of each edge. */
  private complaintPlaces(range: Range): { complaintsByArea: KeyedCount[]; complaintsByBlock: KeyedCount[] } {
    const columns = ['area', 'block'] as const;
    const counts = rollupCounts(this.db, 'complaint_day_counts', DAY, range, (edge) =>
      columns.flatMap((column) => this.complaintsBy(column, edge).map((c) => ({ dim: column, key: c.key as string, n: c.count }))),
    );
    return { complaintsByArea: keyedOf(counts.get('area')), complaintsByBlock: keyedOf(counts.get('block')) };
  }

  /**
   * The window's top N is among the top N of each UTC hour it touches (same order: engagement,
   * then newest, then id). Each hour's top comes from the per-hour index alone, as JSON (the edges
   * of partial hours are filtered by created_at there); only the N winners' rows are read. Joining
   * every hour's candidates to their rows read about 840 rows a week, most of this figure's time.
   * Only relevant mentions rank (a viral football post is not the ministry's news): the index
   * has no `relevant`, so each hour's walk reads the rows it passes until N relevant ones.
   */
  private mostEngagedByHour(range: Range, topN: number): EngagedMention[] {
    if (topN <= 0) return [];
    const hours: string[] = [];
    const first = Math.floor(Date.parse(range.start) / HOUR.ms) * HOUR.ms;
    for (let t = first; t < Date.parse(range.end); t += HOUR.ms) hours.push(new Date(t).toISOString().slice(0, HOUR.keyLength));
    const perHour = this.db
      .prepare(`SELECT (SELECT json_group_array(json_array(rowid, engagement, created_at, id)) FROM (
          SELECT x.rowid, x.engagement, x.created_at, x.id FROM mentions x INDEXED BY mentions_engaged_hour
          WHERE substr(x.created_at, 1, 13) = h.value AND x.engagement > 0 AND x.relevant = 1
            AND x.created_at >= @start AND x.created_at < @end
          ORDER BY x.engagement DESC, x.created_at DESC, x.id LIMIT @topN))
        FROM json_each(@hours) h`)
      .pluck()
      .all({ hours: JSON.stringify(hours), start: range.start, end: range.end, topN }) as string[];
    type Candidate = [rowid: number, engagement: number, createdAt: string, id: string];
    // SQLite's order: engagement, newest, then id in binary order (ids are ASCII, so < agrees).
    const byRank = (a: Candidate, b: Candidate) => b[1] - a[1] || (a[2] === b[2] ? (a[3] < b[3] ? -1 : a[3] > b[3] ? 1 : 0) : a[2] < b[2] ? 1 : -1);
    const winners = perHour.flatMap((json) => JSON.parse(json) as Candidate[]).sort(byRank).slice(0, topN);
    if (winners.length === 0) return [];
    const rows = this.db
      .prepare(`SELECT id, network, url, author_handle, text, created_at, engagement, primary_domain FROM mentions
        WHERE rowid IN (SELECT value FROM json_each(@rowids)) ORDER BY engagement DESC, created_at DESC, id`)
      .all({ rowids: JSON.stringify(winners.map((c) => c[0])) }) as EngagedRow[];
    return rows.map(toEngaged);
  }

  private runRaw(w: SummaryWindow, opts: SummaryQueryOptions): MentionCounts {
    const range = { start: w.start, end: w.end };
    const hourly = onWholeHours(w);
    const cube = this.cube(w, !hourly);
    const byDay = hourly ? this.byDayFromHours(w) : new Array<number>(w.dayStarts.length - 1).fill(0);
    let total = 0;
    let relevant = 0;
    for (const r of cube) {
      if (!hourly) byDay[r.day] += r.n;
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
  /** The grouped scan; with `withDay` the day is one of the grouping keys (a CASE per row). */
  private cube(w: SummaryWindow, withDay: boolean): CubeRow[] {
    const day = withDay ? dayCaseSql(w) : { sql: '0', params: {} };
    return this.db
      .prepare(`SELECT ${day.sql} AS day, network, primary_domain AS domain, intent, urgency, sentiment, relevant,
          COUNT(*) AS n
        FROM mentions WHERE created_at >= @start AND created_at < @end
        GROUP BY day, network, domain, intent, urgency, sentiment, relevant`)
      .all({ start: w.start, end: w.end, ...day.params }) as CubeRow[];
  }

  /** Counts per UTC hour (a cheap prefix of the ISO text), summed into the local days. */
  private byDayFromHours(w: SummaryWindow): number[] {
    const rows = this.db
      .prepare(`SELECT substr(created_at, 1, 13) AS hour, COUNT(*) AS n FROM mentions
        WHERE created_at >= @start AND created_at < @end GROUP BY hour`)
      .all({ start: w.start, end: w.end }) as { hour: string; n: number }[];
    const starts = w.dayStarts.map((d) => d.slice(0, 13));
    const byDay = new Array<number>(w.dayStarts.length - 1).fill(0);
    for (const r of rows) {
      let i = 0;
      while (i < byDay.length - 1 && r.hour >= starts[i + 1]) i++;
      byDay[i] += r.n;
    }
    return byDay;
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
        WHERE created_at >= @start AND created_at < @end AND engagement > 0 AND relevant = 1
        ORDER BY engagement DESC, created_at DESC, id LIMIT @topN`)
      .all({ ...range, topN }) as EngagedRow[];
    return rows.map(toEngaged);
  }
}

function toEngaged(r: EngagedRow): EngagedMention {
  return {
    id: r.id,
    network: r.network,
    ...(r.url ? { url: r.url } : {}),
    authorHandle: r.author_handle,
    text: r.text,
    createdAt: r.created_at,
    engagement: r.engagement,
    domain: r.primary_domain,
  };
}
