/**
 * Reads a (bucket, dim, key) → n rollup table (reply_hour_counts, complaint_day_counts) for a time
 * range: the whole buckets from the rollup, the partial edges from a raw query the caller supplies, summed per dimension.
 */
import type { Db } from '../open-database';
import { splitRange, type BucketSize, type Range } from './window-split';

export interface DimCount {
  dim: string;
  key: string;
  n: number;
}

/** dim → key → count, only groups with a positive count (as a raw GROUP BY would give). */
export type DimCounts = Map<string, Map<string, number>>;

export function addDimCount(into: DimCounts, dim: string, key: string, n: number): void {
  let keys = into.get(dim);
  if (!keys) into.set(dim, (keys = new Map()));
  keys.set(key, (keys.get(key) ?? 0) + n);
}

export function toDimCounts(rows: DimCount[]): DimCounts {
  const out: DimCounts = new Map();
  for (const r of rows) addDimCount(out, r.dim, r.key, r.n);
  return out;
}

export function rollupCounts(db: Db, table: string, size: BucketSize, range: Range, rawEdge: (edge: Range) => DimCount[]): DimCounts {
  const split = splitRange(range, size);
  const out: DimCounts = new Map();
  if (split.buckets) {
    const rows = db
      .prepare(`SELECT dim, key, SUM(n) AS n FROM ${table} WHERE bucket >= @from AND bucket < @to GROUP BY dim, key`)
      .all(split.buckets) as DimCount[];
    for (const r of rows) addDimCount(out, r.dim, r.key, r.n);
  }
  for (const edge of split.edges) for (const r of rawEdge(edge)) addDimCount(out, r.dim, r.key, r.n);
  for (const keys of out.values()) for (const [k, n] of keys) if (n <= 0) keys.delete(k);
  return out;
}
