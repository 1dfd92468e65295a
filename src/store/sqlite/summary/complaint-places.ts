/**
 * The keys of the daily rollup of complaints by (area, domain) and by (block, area) behind the
 * weekly summary's complaints map (table complaint_place_day_counts; read by
 * src/summaries/store/sqlite/complaint-place-counts.ts). A week of 150,000 mentions holds about
 * 50,000 complaints, and grouping them on every summary cost more than all the other figures
 * together.
 * Kept like the other day rollups: update and delete triggers (a correction changes the domain),
 * new mentions counted once per batch by inserted-mention-counters.ts.
 */
import type { Dim, Row } from './rollup-schema';

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
