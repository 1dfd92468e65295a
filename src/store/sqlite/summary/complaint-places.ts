/**
 * Complaints of a window by (area, block, domain), for the weekly summary's complaints map, and
 * the index that answers it from the index alone: a week of 150,000 mentions holds about 50,000
 * complaints, and reading each one's row for its domain took most of the map's time budget.
 */
import type { ComplaintPlaceCount, SummaryWindow } from '../../../domain';
import type { Migration } from '../migrations';
import type { Db } from '../open-database';

export const COMPLAINT_PLACE_MIGRATION: Migration = {
  // 15, not 12: numbers are fixed per change, and 12–14 are left to branches in flight.
  version: 15,
  name: 'complaint places index covers the domain (complaints map)',
  // Replaces migration 6's (created_at, area, block) index, whose prefix it keeps, so the
  // summary's complaint areas and blocks use it as before and ingest maintains one index, not two.
  sql: `
    CREATE INDEX mentions_complaint_domain ON mentions (created_at, area, block, primary_domain) WHERE intent = 'complaint';
    DROP INDEX IF EXISTS mentions_complaint_place;
  `,
};

export function complaintPlaceCounts(db: Db, w: SummaryWindow): ComplaintPlaceCount[] {
  return db
    .prepare(`SELECT area, block, primary_domain AS domain, COUNT(*) AS count FROM mentions
      WHERE created_at >= @start AND created_at < @end AND intent = 'complaint'
      GROUP BY area, block, primary_domain`)
    .all({ start: w.start, end: w.end }) as ComplaintPlaceCount[];
}
