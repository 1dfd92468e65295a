/**
 * Splits a time range into the whole UTC buckets (hours or days) a rollup can answer and the
 * partial edges either side that only a raw query can. For a week in Asia/Bahrain (days start at
 * 21:00 UTC) every day is 24 whole hours and the hour edges are empty; in a half- or quarter-hour
 * zone (UTC+5:30, +5:45) each day has two sub-hour edges, read from the mentions themselves, so
 * the figures are exact in every zone. Works on UTC ISO strings as the store keeps them.
 */

export interface BucketSize {
  ms: number;
  /** Length of the ISO prefix that names a bucket: 13 = 'YYYY-MM-DDTHH', 10 = 'YYYY-MM-DD'. */
  keyLength: number;
}

export const HOUR: BucketSize = { ms: 3_600_000, keyLength: 13 };
export const DAY: BucketSize = { ms: 86_400_000, keyLength: 10 };

export interface Range {
  start: string;
  end: string;
}

export interface SplitRange {
  /** Bucket keys [from, to) wholly inside the range, or null when there is none. */
  buckets: { from: string; to: string } | null;
  /** Sub-bucket parts of the range at either end (zero, one or two), for a raw query. */
  edges: Range[];
}

const iso = (ms: number) => new Date(ms).toISOString();

export function splitRange(r: Range, size: BucketSize): SplitRange {
  const start = Date.parse(r.start);
  const end = Date.parse(r.end);
  if (!(end > start)) return { buckets: null, edges: [] };
  const first = Math.ceil(start / size.ms) * size.ms;
  const last = Math.floor(end / size.ms) * size.ms;
  if (first >= last) return { buckets: null, edges: [r] };
  const edges: Range[] = [];
  if (first > start) edges.push({ start: r.start, end: iso(first) });
  if (end > last) edges.push({ start: iso(last), end: r.end });
  return { buckets: { from: iso(first).slice(0, size.keyLength), to: iso(last).slice(0, size.keyLength) }, edges };
}
