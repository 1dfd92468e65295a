/**
 * The goals the issues set for each benchmark figure, as checks `npm run bench` can evaluate.
 * A bench that decides for itself sets `goalMet` on its row; otherwise the first check here whose
 * bench and row-name pattern match decides. A row no check matches has no goal (shown blank).
 */
import type { BenchRow } from './bench-row';

export interface GoalCheck {
  bench: string;
  /** Matched against BenchRow.name. */
  row: RegExp;
  goal: string;
  met: (row: BenchRow) => boolean;
}

export const GOAL_CHECKS: GoalCheck[] = [
  { bench: 'ingest', row: /^ingest end to end/, goal: '≥ 20,000/s and ratio ≥ 0.5', met: (r) => r.value >= 20_000 && (r.ratio ?? 0) >= 0.5 },
  { bench: 'classifier', row: /^classifier throughput$/, goal: '≥ 200,000/s', met: (r) => r.value >= 200_000 },
  { bench: 'classifier', row: /cost \/ normalization cost/, goal: '≤ 3× normalization', met: (r) => r.value <= 3 },
  // Baseline rows carry ratio = classifier / baseline: above 1 means the classifier is faster.
  { bench: 'classifier', row: /baseline$/, goal: 'classifier faster', met: (r) => (r.ratio ?? 0) > 1 },
  // The goals are the endpoint's as served (with its page cache, under background writes); the
  // rows "without the page cache" are reported next to them as a reference, without a goal.
  {
    bench: 'api',
    row: /^GET \/api\/queue \(.*throughput$/,
    goal: 'ratio ≥ 0.30, RSS < 300 MB',
    met: (r) => (r.ratio ?? 0) >= 0.3 && r.peakRssMb !== undefined && r.peakRssMb < 300,
  },
  { bench: 'api', row: /^GET \/api\/queue \(.*p99 latency$/, goal: '< 25 ms', met: (r) => r.value < 25 },
  { bench: 'api', row: /^flood day: GET \/api\/queue \(.*p99 latency$/, goal: '< 25 ms', met: (r) => r.value < 25 },
  { bench: 'summary', row: /^weekly summary/, goal: '< 2 s and ratio < 5', met: (r) => r.value < 2 && (r.ratio ?? Infinity) < 5 },
];

/** A row of the combined table: which bench produced it; goalMet undefined = no goal. */
export interface JudgedRow extends BenchRow {
  bench: string;
}

export function judgeRow(bench: string, row: BenchRow): JudgedRow {
  if (typeof row.goalMet === 'boolean') return { ...row, bench };
  const check = GOAL_CHECKS.find((c) => c.bench === bench && c.row.test(row.name));
  if (!check) return { ...row, bench };
  return { ...row, bench, goal: row.goal ?? check.goal, goalMet: check.met(row) };
}
