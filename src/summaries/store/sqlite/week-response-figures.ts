/**
 * Response figures of one report week from the week rollup week_responses: per (network, domain,
 * urgency) the mentions needing a reply, by first-response bucket (-1: not answered). Counts,
 * the within-SLA share and the distribution add buckets up; the one bucket an SLA falls inside
 * is counted from the index mentions_week_answered. An exact median or p90 walks a group's
 * bucket counts to the bucket holding that rank, then reads the value at its offset inside the
 * bucket from the same index: a few hundred index entries instead of the week's answered
 * mentions.
 *
 * Same rows (kinds n / t / b) as response-scan.ts, same definitions (summary-store.ts).
 */
import type { Urgency } from '../../../domain';
import { RESPONSE_TIME_BUCKETS, type SummaryQueryOptions } from '../summary-store';
import type { Db } from '../../../store/sqlite/open-database';
import type { ResponseRow } from './response-scan';
import { RESPONSE_BUCKET_BOUNDS } from '../../../store/sqlite/summary/week-rollup-keys';

interface BucketRow {
  network: string;
  domain: string | null;
  urgency: string;
  bucket: number;
  n: number;
}

/** Where a group's answered mentions are, in first-response order within a week. */
interface GroupIndex {
  index: string;
  /** The group's condition (value bound as @value), or none for 'all'. */
  where?: string;
  value?: string | null;
}

interface Group {
  source: GroupIndex;
  needing: number;
  withinSla: number;
  /** Answered mentions per bucket lower bound. */
  buckets: Map<number, number>;
}

/** Upper bound (exclusive) of the bucket starting at `lo`. */
const NEXT_BOUND = new Map(RESPONSE_BUCKET_BOUNDS.map((lo, i) => [lo, RESPONSE_BUCKET_BOUNDS[i + 1] ?? Number.MAX_SAFE_INTEGER]));

// Repeats the partial indexes' WHERE so the planner may use them (INDEXED BY fails loudly if not).
const answeredInWeek = (index: string) => `FROM mentions INDEXED BY ${index}
  WHERE report_week = @week AND relevant = 1 AND replyable = 1 AND first_response_s >= @lo AND first_response_s < @hi`;

const slaOf = (urgency: string, opts: SummaryQueryOptions) => opts.responseSlaSeconds[urgency as Urgency] ?? opts.responseSlaSeconds.low;

export function responseRowsFromWeek(db: Db, week: string, opts: SummaryQueryOptions): ResponseRow[] {
  // One JSON array: better-sqlite3 builds an object per row several times slower than JSON.parse.
  const rows = (
    JSON.parse(
      db
        .prepare(`SELECT json_group_array(json_array(network, CASE WHEN has_domain = 1 THEN domain END, urgency, bucket, n))
          FROM week_responses WHERE week = ? AND n > 0`)
        .pluck()
        .get(week) as string,
    ) as [string, string | null, string, number, number][]
  ).map(([network, domain, urgency, bucket, n]): BucketRow => ({ network, domain, urgency, bucket, n }));
  const groups = new Map<string, Group>();
  const groupsOf = (network: string, domain: string | null) =>
    (
      [
        ['all', { index: 'mentions_week_answered' }],
        [`c:${network}`, { index: 'mentions_week_answered_network', where: 'network = @value', value: network }],
        [`d:${domain ?? '~'}`, { index: 'mentions_week_answered_domain', where: 'primary_domain IS @value', value: domain }],
      ] as const
    ).map(([key, source]) => {
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { source, needing: 0, withinSla: 0, buckets: new Map() }));
      return g;
    });
  /** urgency → the bucket its SLA falls inside (counted from the index below). */
  const slaBuckets = new Map<string, number>();
  for (const r of rows) {
    const sla = slaOf(r.urgency, opts);
    for (const g of groupsOf(r.network, r.domain)) {
      g.needing += r.n;
      if (r.bucket < 0) continue;
      g.buckets.set(r.bucket, (g.buckets.get(r.bucket) ?? 0) + r.n);
      if (NEXT_BOUND.get(r.bucket)! - 1 <= sla) g.withinSla += r.n;
    }
    if (r.bucket >= 0 && r.bucket <= sla && NEXT_BOUND.get(r.bucket)! - 1 > sla) slaBuckets.set(r.urgency, r.bucket);
  }
  const partial = db.prepare(`SELECT network, primary_domain AS domain, COUNT(*) AS n ${answeredInWeek('mentions_week_answered')}
    AND first_response_s <= @sla AND urgency = @urgency GROUP BY network, primary_domain`);
  for (const [urgency, lo] of slaBuckets) {
    const params = { week, lo, hi: NEXT_BOUND.get(lo)!, sla: slaOf(urgency, opts), urgency };
    for (const p of partial.all(params) as { network: string; domain: string | null; n: number }[]) {
      for (const g of groupsOf(p.network, p.domain)) g.withinSla += p.n;
    }
  }
  const out: ResponseRow[] = [];
  for (const [grp, g] of groups) {
    const n = [...g.buckets.values()].reduce((a, b) => a + b, 0);
    out.push({ kind: 'n', grp, a: g.needing, b: n, c: g.withinSla });
    if (n === 0) continue;
    const found = new Map<number, number>(); // median and p90 may be the same rank
    const at = (k: number) => found.get(k) ?? found.set(k, kth(db, week, g, k)).get(k)!;
    out.push({ kind: 't', grp, a: n, b: (at(Math.floor((n + 1) / 2)) + at(Math.floor((n + 2) / 2))) / 2, c: at(Math.floor((9 * n + 9) / 10)) });
    if (grp === 'all') out.push(...distribution(g));
  }
  return out;
}

/** The group's k-th smallest (1-based) first response: find its bucket, then read it there. */
function kth(db: Db, week: string, g: Group, k: number): number {
  let before = 0;
  for (const lo of [...g.buckets.keys()].sort((a, b) => a - b)) {
    const n = g.buckets.get(lo)!;
    if (before + n >= k) {
      const { index, where, value: groupValue } = g.source;
      const value = db
        .prepare(`SELECT first_response_s ${answeredInWeek(index)}${where ? ` AND ${where}` : ''}
          ORDER BY first_response_s LIMIT 1 OFFSET @offset`)
        .pluck()
        .get({ week, lo, hi: NEXT_BOUND.get(lo)!, offset: k - before - 1, ...(where ? { value: groupValue } : {}) }) as number | undefined;
      if (value === undefined) throw new Error(`week_responses and mentions disagree for week ${week} (bucket ${lo})`);
      return value;
    }
    before += n;
  }
  throw new Error(`rank ${k} beyond the ${before} answered mentions of week ${week}`);
}

/** Answered per RESPONSE_TIME_BUCKETS bucket [from, bound): each is a run of whole buckets. */
function distribution(g: Group): ResponseRow[] {
  const counts = new Array<number>(RESPONSE_TIME_BUCKETS.length + 1).fill(0);
  for (const [lo, n] of g.buckets) {
    const i = RESPONSE_TIME_BUCKETS.findIndex((bound) => lo < bound);
    counts[i < 0 ? RESPONSE_TIME_BUCKETS.length : i] += n;
  }
  return counts.flatMap((n, bucket) => (n > 0 ? [{ kind: 'b' as const, grp: bucket, a: n, b: null, c: null }] : []));
}
