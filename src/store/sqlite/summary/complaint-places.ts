/**
 * Complaints of a window by (area, domain) and by (block, area), for the weekly summary's
 * complaints map, from a daily rollup like complaint_day_counts (migration 6): a week of 150,000
 * mentions holds about 50,000 complaints, and grouping them on every summary cost more than all
 * the other figures together. Whole UTC days come from the rollup, the window's partial days
 * from the covering index mentions_complaint_domain.
 *
 * Kept like the other day rollups: update and delete triggers here (a correction changes the
 * domain), new mentions counted once per batch by inserted-mention-counters.ts (no insert
 * trigger since migration 9).
 */
import type { ComplaintPlaces, SummaryWindow } from '../../../domain';
import type { Db } from '../open-database';
import type { Dim, Row } from './rollup-schema';
import { addDimCount, type DimCount, type DimCounts } from './rollup-counts';
import { DAY, splitRange, type Range, type SplitRange } from './window-split';

export const COMPLAINT_PLACE_TABLE = 'complaint_place_day_counts';

/** Joins the parts of a key: a control character no area, block or domain name contains. */
export const SEP = '\u001f';
const sep = `char(31)`;

export const COMPLAINT_PLACE_DIMS: Dim[] = [
  { dim: 'area_domain', key: (r: Row) => `COALESCE(${r}area, '') || ${sep} || COALESCE(${r}primary_domain, '')` },
  { dim: 'block_area', key: (r: Row) => `${r}block || ${sep} || COALESCE(${r}area, '')`, when: (r: Row) => `${r}block IS NOT NULL AND ${r}block <> ''` },
];

/** The JavaScript twin of COMPLAINT_PLACE_DIMS, for the batch counters of new mentions. */
export function complaintPlaceKeys(r: { intent: string; created_at: string; area: string | null; block: string | null; primary_domain: string | null }): [string, string, string][] {
  if (r.intent !== 'complaint') return [];
  const day = r.created_at.slice(0, 10);
  const keys: [string, string, string][] = [[day, 'area_domain', `${r.area ?? ''}${SEP}${r.primary_domain ?? ''}`]];
  if (r.block) keys.push([day, 'block_area', `${r.block}${SEP}${r.area ?? ''}`]);
  return keys;
}

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

const orNull = (s: string | undefined) => (s ? s : null);

export function complaintPlaceCounts(db: Db, w: SummaryWindow, blocks: readonly string[], raw = false): ComplaintPlaces {
  const range = { start: w.start, end: w.end };
  const json = JSON.stringify(blocks);
  const counts: DimCounts = new Map();
  const split: SplitRange = raw ? { buckets: null, edges: [range] } : splitRange(range, DAY);
  if (split.buckets) for (const r of rolledUp(db, split.buckets, json)) addDimCount(counts, r.dim, r.key, r.n);
  for (const edge of split.edges) for (const r of rawCounts(db, edge, json)) addDimCount(counts, r.dim, r.key, r.n);
  // Sorted (and emptied groups dropped), so the rollup and the raw query give the same list.
  const byKey = (dim: string) =>
    [...(counts.get(dim) ?? [])].filter((e) => e[1] > 0).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return {
    byAreaDomain: byKey('area_domain').map(([key, count]) => {
      const [area, domain] = key.split(SEP);
      return { area: orNull(area), domain: orNull(domain), count };
    }),
    byBlockArea: byKey('block_area').map(([key, count]) => {
      const [block, area] = key.split(SEP);
      return { block: block as string, area: orNull(area), count };
    }),
  };
}
