/**
 * Response figures from the mentions' first_response_s column, without grouping the week in
 * SQL: the index mentions_response is ordered (network, domain, urgency, created_at), so each
 * combination present in the window is one range read returning its count and its first-response
 * seconds (a few thousand) as a JSON array, sorted here. A group (all, a channel, a domain) is a
 * union of such sorted runs: its counts below a bound are binary searches, and its exact k-th
 * value is found by bisecting the (whole-second) values. Grouping, sorting and window functions
 * over the week's ~100,000 candidates were most of the summary's time.
 *
 * Gives the same rows as the SQL path in response-figures.ts (kind n / t / b) and follows the
 * definitions in summary-store.ts: median = middle value or mean of the two middle values,
 * p90 = 1-based rank floor((9n + 9) / 10) = ceil(0.9 n), SLA per urgency (high, medium, else low).
 */
import { RESPONSE_TIME_BUCKETS, type SummaryQueryOptions, type SummaryWindow } from '../summary-store';
import type { Db } from '../../../store/sqlite/open-database';
import { cubeCombinations } from './mention-cube';

export interface ResponseRow {
  kind: 'n' | 't' | 'b';
  grp: string | number;
  a: number;
  b: number | null;
  c: number | null;
}

interface Group {
  needing: number;
  withinSla: number;
  /** Sorted first responses of each combination in the group. */
  runs: Float64Array[];
}

const NEEDING = `relevant = 1 AND replyable = 1 AND (status IN ('needs_reply', 'replied') OR first_response_s IS NOT NULL)`;

function slaOf(urgency: string, opts: SummaryQueryOptions): number {
  const s = opts.responseSlaSeconds;
  return urgency === 'high' ? s.high : urgency === 'medium' ? s.medium : s.low;
}

/** The rows of the response figures (kinds n, t, b as in response-figures.ts). */
export function responseRowsFromScan(db: Db, w: SummaryWindow, opts: SummaryQueryOptions): ResponseRow[] {
  const range = { start: w.start, end: w.end };
  const read = db.prepare(`SELECT COUNT(*) AS needing,
      json_group_array(first_response_s) FILTER (WHERE first_response_s IS NOT NULL) AS secs
    FROM mentions INDEXED BY mentions_response
    WHERE network = @network AND primary_domain IS @domain AND urgency = @urgency
      AND created_at >= @start AND created_at < @end AND ${NEEDING}`);
  const groups = new Map<string, Group>();
  const group = (key: string) => {
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { needing: 0, withinSla: 0, runs: [] }));
    return g;
  };
  for (const c of cubeCombinations(db, range)) {
    const r = read.get({ ...range, ...c }) as { needing: number; secs: string };
    if (r.needing === 0) continue;
    // Sorted here: ORDER BY inside the aggregate costs SQLite three times the whole read.
    const secs = Float64Array.from(JSON.parse(r.secs) as number[]).sort();
    if (!secs.every(Number.isInteger)) throw new Error('first_response_s holds a non-integer value');
    const within = countAtMost(secs, slaOf(c.urgency, opts));
    for (const g of [group('all'), group(`c:${c.network}`), group(`d:${c.domain ?? '~'}`)]) {
      g.needing += r.needing;
      g.withinSla += within;
      if (secs.length) g.runs.push(secs);
    }
  }
  const rows: ResponseRow[] = [];
  for (const [grp, g] of groups) {
    const n = g.runs.reduce((sum, run) => sum + run.length, 0);
    rows.push({ kind: 'n', grp, a: g.needing, b: n, c: g.withinSla });
    if (n === 0) continue;
    const median = (kth(g.runs, Math.floor((n + 1) / 2)) + kth(g.runs, Math.floor((n + 2) / 2))) / 2;
    rows.push({ kind: 't', grp, a: n, b: median, c: kth(g.runs, Math.floor((9 * n + 9) / 10)) });
    if (grp === 'all') rows.push(...distribution(g.runs));
  }
  return rows;
}

/** Answered per RESPONSE_TIME_BUCKETS bucket [from, bound). */
function distribution(runs: Float64Array[]): ResponseRow[] {
  const rows: ResponseRow[] = [];
  let from = 0;
  [...RESPONSE_TIME_BUCKETS, Infinity].forEach((bound, bucket) => {
    const to = runs.reduce((sum, run) => sum + countAtMost(run, bound - 1), 0);
    if (to > from) rows.push({ kind: 'b', grp: bucket, a: to - from, b: null, c: null });
    from = to;
  });
  return rows;
}

/** The k-th smallest (1-based) of the union of sorted runs of whole numbers: bisect the value. */
function kth(runs: Float64Array[], k: number): number {
  let lo = Math.min(...runs.map((r) => r[0]));
  let hi = Math.max(...runs.map((r) => r[r.length - 1]));
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (runs.reduce((sum, run) => sum + countAtMost(run, mid), 0) >= k) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** How many values of a sorted run are <= bound (binary search). */
function countAtMost(sorted: Float64Array, bound: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= bound) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
