/**
 * The daily rollup of complaints by (area, domain) and by (block, area) behind the weekly
 * summary's complaints map (read by src/summaries/sqlite/complaint-place-counts.ts), like like complaint_day_counts (migration 6): a week of 150,000
 * mentions holds about 50,000 complaints, and grouping them on every summary cost more than all
 * the other figures together. Whole UTC days come from the rollup, the window's partial days
 * from the covering index mentions_complaint_domain.
 *
 * Kept like the other day rollups: update and delete triggers here (a correction changes the
 * domain), new mentions counted once per batch by inserted-mention-counters.ts (no insert
 * trigger since migration 9).
 */
import type { Migration } from '../migrations';
import { backfill, rollupTable, rollupTriggers, type Dim, type Row } from './rollup-schema';

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

const ROLLUP = {
  table: COMPLAINT_PLACE_TABLE,
  source: 'mentions',
  dims: COMPLAINT_PLACE_DIMS,
  bucket: (r: Row) => `substr(${r}created_at, 1, 10)`,
  guard: (r: Row) => `${r}intent = 'complaint'`,
  columns: ['created_at', 'intent', 'area', 'block', 'primary_domain'],
};

export const COMPLAINT_PLACE_MIGRATION: Migration = {
  version: 12,
  name: 'complaint places by domain for the complaints map: daily rollup and covering index',
  // The index replaces migration 6's (created_at, area, block), whose prefix it keeps, so the
  // summary's complaint areas and blocks use it as before and ingest maintains one index, not two.
  sql: `
    CREATE INDEX mentions_complaint_domain ON mentions (created_at, area, block, primary_domain) WHERE intent = 'complaint';
    DROP INDEX IF EXISTS mentions_complaint_place;
    ${rollupTable(COMPLAINT_PLACE_TABLE)}
    ${backfill(COMPLAINT_PLACE_TABLE, 'mentions', ROLLUP.bucket(''), COMPLAINT_PLACE_DIMS, ROLLUP.guard(''))}
    ${rollupTriggers(ROLLUP)}
    DROP TRIGGER ${COMPLAINT_PLACE_TABLE}_insert;
  `,
};
