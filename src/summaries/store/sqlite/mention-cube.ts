/**
 * Reads the hourly mention cube (mention_hour_counts: UTC hour × network × domain ×
 * intent × urgency × sentiment × relevance → mentions) for a time range, as per-dimension counts.
 * Whole hours come from the cube, partial hours at either end from the mentions themselves.
 */
import type { Db } from '../../../store/sqlite/open-database';
import { addDimCount, type DimCounts } from '../../../store/sqlite/summary/rollup-counts';
import { HOUR, splitRange, type Range } from '../../../store/sqlite/summary/window-split';

interface CubeRow {
  network: string;
  domain: string | null;
  intent: string;
  urgency: string;
  sentiment: string;
  relevant: number;
  n: number;
}

const CUBE_DOMAIN = `CASE WHEN has_domain = 1 THEN domain END`;
const GROUPED = 'network, domain, intent, urgency, sentiment, relevant';

function cubeRows(db: Db, range: Range): CubeRow[] {
  const split = splitRange(range, HOUR);
  const rows: CubeRow[] = [];
  if (split.buckets) {
    rows.push(
      ...(db
        .prepare(`SELECT network, ${CUBE_DOMAIN} AS domain, intent, urgency, sentiment, relevant, SUM(n) AS n
          FROM mention_hour_counts WHERE bucket >= @from AND bucket < @to GROUP BY network, has_domain, domain, intent, urgency, sentiment, relevant`)
        .all(split.buckets) as CubeRow[]),
    );
  }
  for (const edge of split.edges) {
    rows.push(
      ...(db
        .prepare(`SELECT network, primary_domain AS domain, intent, urgency, sentiment, relevant, COUNT(*) AS n
          FROM mentions WHERE created_at >= @start AND created_at < @end GROUP BY ${GROUPED}`)
        .all(edge) as CubeRow[]),
    );
  }
  return rows;
}

/**
 * Counts per dimension: all and relevant (key ''), network, domain (no_domain, key '', for
 * none), intent, urgency, sentiment; only groups with a positive count.
 */
export function cubeCounts(db: Db, range: Range): DimCounts {
  const out: DimCounts = new Map();
  for (const r of cubeRows(db, range)) {
    if (r.n === 0) continue;
    addDimCount(out, 'all', '', r.n);
    if (r.relevant === 1) addDimCount(out, 'relevant', '', r.n);
    addDimCount(out, 'network', r.network, r.n);
    if (r.domain === null) addDimCount(out, 'no_domain', '', r.n);
    else addDimCount(out, 'domain', r.domain, r.n);
    addDimCount(out, 'intent', r.intent, r.n);
    addDimCount(out, 'urgency', r.urgency, r.n);
    addDimCount(out, 'sentiment', r.sentiment, r.n);
  }
  for (const keys of out.values()) for (const [k, n] of keys) if (n <= 0) keys.delete(k);
  return out;
}

/** Mentions of a range (optionally only the relevant ones), summed from the cube's hours. */
export function cubeTotal(db: Db, range: Range, onlyRelevant = false): number {
  const split = splitRange(range, HOUR);
  const relevant = onlyRelevant ? ' AND relevant = 1' : '';
  let n = split.buckets
    ? (db.prepare(`SELECT COALESCE(SUM(n), 0) FROM mention_hour_counts WHERE bucket >= @from AND bucket < @to${relevant}`).pluck().get(split.buckets) as number)
    : 0;
  for (const edge of split.edges) {
    n += db.prepare(`SELECT COUNT(*) FROM mentions WHERE created_at >= @start AND created_at < @end${relevant}`).pluck().get(edge) as number;
  }
  return n;
}

/**
 * The (network, domain, urgency) combinations of the hours around a range: every mention of the
 * range is counted in one of those hours under its own combination, so they cover it (cube and
 * mentions change in the same transaction).
 */
export function cubeCombinations(db: Db, range: Range): { network: string; domain: string | null; urgency: string }[] {
  const from = new Date(Math.floor(Date.parse(range.start) / HOUR.ms) * HOUR.ms).toISOString().slice(0, HOUR.keyLength);
  const to = new Date(Math.ceil(Date.parse(range.end) / HOUR.ms) * HOUR.ms).toISOString().slice(0, HOUR.keyLength);
  return db
    .prepare(`SELECT DISTINCT network, ${CUBE_DOMAIN} AS domain, urgency FROM mention_hour_counts
      WHERE bucket >= @from AND bucket < @to AND n > 0`)
    .all({ from, to }) as { network: string; domain: string | null; urgency: string }[];
}
