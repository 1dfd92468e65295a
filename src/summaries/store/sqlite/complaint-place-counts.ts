/**
 * Complaints of a window by (area, domain) and by (block, area) on SQLite, for the weekly
 * summary's complaints map: whole UTC days from the daily rollup complaint_place_day_counts
 * (src/store/sqlite/summary/complaint-places.ts), the window's partial days from the covering index
 * mentions_complaint_domain. Places come as stored ('' for none); the feature merges and orders them.
 */
import type { Db } from '../../../store/sqlite/open-database';
import { COMPLAINT_PLACE_DIMS, COMPLAINT_PLACE_TABLE, SEP } from '../../../store/sqlite/summary/complaint-places';
import { addDimCount, type DimCount, type DimCounts } from '../../../store/sqlite/summary/rollup-counts';
import { DAY, splitRange, type Range, type SplitRange } from '../../../store/sqlite/summary/window-split';
import type { ComplaintPlaceCounts, SummaryWindow } from '../summary-store';

/**
 * The same counts straight from the mentions (partial days, and the reference for the tests):
 * every (area, domain), and (block, area) for the given blocks only.
 */
function rawCounts(db: Db, range: Range, blocks: string): DimCount[] {
  return db
    .prepare(`SELECT 'area_domain' AS dim, ${COMPLAINT_PLACE_DIMS[0].key('')} AS key, COUNT(*) AS n FROM mentions
        WHERE created_at >= @start AND created_at < @end AND intent = 'complaint' GROUP BY key
      UNION ALL
      SELECT 'block_area' AS dim, ${COMPLAINT_PLACE_DIMS[1].key('')} AS key, COUNT(*) AS n FROM mentions
        WHERE created_at >= @start AND created_at < @end AND intent = 'complaint' AND block IN (SELECT value FROM json_each(@blocks)) GROUP BY key`)
    .all({ ...range, blocks }) as DimCount[];
}

/**
 * Whole days from the rollup: the (area, domain) rows of each day, and for each given block the
 * keys starting with it. Days are listed one by one, so that every lookup is an equality on the
 * bucket and a range on the key of the primary key, not a scan of the week's thousands of blocks
 * (a range on the bucket would leave dim and key unusable): the summary wants its top blocks only.
 */
function rolledUp(db: Db, days: { from: string; to: string }, blocks: string): DimCount[] {
  const list: string[] = [];
  for (let t = Date.parse(`${days.from}T00:00:00Z`); ; t += DAY.ms) {
    const day = new Date(t).toISOString().slice(0, DAY.keyLength);
    if (day >= days.to) break;
    list.push(day);
  }
  return db
    .prepare(`SELECT 'area_domain' AS dim, c.key AS key, SUM(c.n) AS n FROM json_each(@days) d JOIN ${COMPLAINT_PLACE_TABLE} c
        ON c.bucket = d.value AND c.dim = 'area_domain' GROUP BY c.key
      UNION ALL
      SELECT 'block_area' AS dim, c.key AS key, SUM(c.n) AS n FROM json_each(@days) d JOIN json_each(@blocks) b JOIN ${COMPLAINT_PLACE_TABLE} c
        ON c.bucket = d.value AND c.dim = 'block_area' AND c.key >= b.value || char(31) AND c.key < b.value || char(32)
        GROUP BY c.key`)
    .all({ days: JSON.stringify(list), blocks }) as DimCount[];
}

export function complaintPlaceCounts(db: Db, w: SummaryWindow, blocks: readonly string[], raw = false): ComplaintPlaceCounts {
  const range = { start: w.start, end: w.end };
  const json = JSON.stringify(blocks);
  const counts: DimCounts = new Map();
  const split: SplitRange = raw ? { buckets: null, edges: [range] } : splitRange(range, DAY);
  if (split.buckets) for (const r of rolledUp(db, split.buckets, json)) addDimCount(counts, r.dim, r.key, r.n);
  for (const edge of split.edges) for (const r of rawCounts(db, edge, json)) addDimCount(counts, r.dim, r.key, r.n);
  const rows = (dim: string) => [...(counts.get(dim) ?? [])].map(([key, count]) => ({ parts: key.split(SEP), count }));
  return {
    byAreaDomain: rows('area_domain').map(({ parts: [area, domain], count }) => ({ area: area ?? null, domain: domain ?? null, count })),
    byBlockArea: rows('block_area').map(({ parts: [block, area], count }) => ({ block: block as string, area: area ?? null, count })),
  };
}
