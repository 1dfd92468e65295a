/**
 * Response figures from migration 6's first_response_s column, without grouping or sorting in
 * SQL: the index mentions_response is ordered (network, domain, urgency, created_at), so each
 * combination present in the window is one range read returning its count and its first-response
 * seconds as a JSON array; the counts and the exact median / p90 per group are worked out here
 * with typed-array sorts. Grouping and window functions over the week's ~100,000 candidates were
 * most of the summary's time.
 *
 * Gives the same rows as the SQL path in response-figures.ts (kind n / t / b) and follows the
 * definitions in summary-store.ts: median = middle value or mean of the two middle values,
 * p90 = 1-based rank floor((9n + 9) / 10) = ceil(0.9 n), SLA per urgency (high, medium, else low).
 */
import { RESPONSE_TIME_BUCKETS, type SummaryQueryOptions, type SummaryWindow } from '../../../domain';
import type { Db } from '../open-database';

export interface ResponseRow {
  kind: 'n' | 't' | 'b';
  grp: string | number;
  a: number;
  b: number | null;
  c: number | null;
}

interface Group {
  needing: number;
  answered: number;
  withinSla: number;
  values: number[][];
}

const NEEDING = `relevant = 1 AND replyable = 1 AND (status IN ('needs_reply', 'replied') OR first_response_s IS NOT NULL)`;

/**
 * Networks, domains and urgencies of the hours around the window, from the hourly counts: every
 * mention of the window is counted in one of those hours under its own network, domain and
 * urgency, so their combinations cover every candidate (rollups and mentions change in the same
 * transaction).
 */
function combinations(db: Db, w: SummaryWindow): { network: string; domain: string | null; urgency: string }[] {
  const from = new Date(Math.floor(Date.parse(w.start) / 3_600_000) * 3_600_000).toISOString().slice(0, 13);
  const to = new Date(Math.ceil(Date.parse(w.end) / 3_600_000) * 3_600_000).toISOString().slice(0, 13);
  const rows = db
    .prepare(`SELECT DISTINCT dim, key FROM mention_hour_counts
      WHERE bucket >= @from AND bucket < @to AND dim IN ('network', 'domain', 'no_domain', 'urgency') AND n > 0`)
    .all({ from, to }) as { dim: string; key: string }[];
  const keys = (dim: string) => rows.filter((r) => r.dim === dim).map((r) => r.key);
  const domains: (string | null)[] = [...keys('domain'), ...(keys('no_domain').length ? [null] : [])];
  return keys('network').flatMap((network) => domains.flatMap((domain) => keys('urgency').map((urgency) => ({ network, domain, urgency }))));
}

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
    if (!g) groups.set(key, (g = { needing: 0, answered: 0, withinSla: 0, values: [] }));
    return g;
  };
  const distribution = new Array<number>(RESPONSE_TIME_BUCKETS.length + 1).fill(0);
  for (const c of combinations(db, w)) {
    const r = read.get({ ...range, ...c }) as { needing: number; secs: string };
    if (r.needing === 0) continue;
    const secs = JSON.parse(r.secs) as number[];
    const sla = slaOf(c.urgency, opts);
    let within = 0;
    for (const s of secs) {
      if (s <= sla) within++;
      const b = RESPONSE_TIME_BUCKETS.findIndex((bound) => s < bound);
      distribution[b < 0 ? RESPONSE_TIME_BUCKETS.length : b]++;
    }
    for (const g of [group('all'), group(`c:${c.network}`), group(`d:${c.domain ?? '~'}`)]) {
      g.needing += r.needing;
      g.answered += secs.length;
      g.withinSla += within;
      g.values.push(secs);
    }
  }
  const rows: ResponseRow[] = [];
  for (const [grp, g] of groups) {
    rows.push({ kind: 'n', grp, a: g.needing, b: g.answered, c: g.withinSla });
    if (g.answered === 0) continue;
    const sorted = new Float64Array(g.answered);
    let at = 0;
    for (const part of g.values) (sorted.set(part, at), (at += part.length));
    sorted.sort();
    const n = sorted.length;
    const median = (sorted[Math.floor((n + 1) / 2) - 1] + sorted[Math.floor((n + 2) / 2) - 1]) / 2;
    rows.push({ kind: 't', grp, a: n, b: median, c: sorted[Math.floor((9 * n + 9) / 10) - 1] });
  }
  distribution.forEach((count, bucket) => count > 0 && rows.push({ kind: 'b', grp: bucket, a: count, b: null, c: null }));
  return rows;
}
