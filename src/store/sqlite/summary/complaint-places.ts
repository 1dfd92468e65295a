/**
 * Complaints of a window by (area, block, domain), for the weekly summary's complaints map. The
 * partial index mentions_complaint_place (created_at, area, block WHERE intent = 'complaint')
 * finds the week's complaints without scanning the other mentions; only their domain is read from
 * the rows.
 */
import type { ComplaintPlaceCount, SummaryWindow } from '../../../domain';
import type { Db } from '../open-database';

export function complaintPlaceCounts(db: Db, w: SummaryWindow): ComplaintPlaceCount[] {
  return db
    .prepare(`SELECT area, block, primary_domain AS domain, COUNT(*) AS count FROM mentions
      WHERE created_at >= @start AND created_at < @end AND intent = 'complaint'
      GROUP BY area, block, primary_domain`)
    .all({ start: w.start, end: w.end }) as ComplaintPlaceCount[];
}
