/**
 * The complaints map of the cases a filter selects (GET /api/cases/map): every matching case is
 * counted once under its location's area, block and domain, and the areas are placed with the
 * gazetteer (src/map). Cases are read page by page through the same store query as the
 * cases list, so the map and the list filtered to an area always agree.
 */
import { buildComplaintMap, type ComplaintMap, type PlaceCountRow } from '../map/map-data';
import { bahrainPlaces } from '../map/place-index';
import type { CaseMapQuery } from './case-schemas';
import type { CaseStore } from './store/case-store';

const PAGE = 500;
/** A bound on one request's work; years of a ministry's cases stay far below it. */
export const MAP_CASE_LIMIT = 100_000;
const TOP_BLOCKS = 10;

export type CaseMap = ComplaintMap & {
  /** True when more than MAP_CASE_LIMIT cases matched and only the newest were counted. */
  truncated: boolean;
};

export async function caseMap(store: Pick<CaseStore, 'listCases'>, q: CaseMapQuery, limit = MAP_CASE_LIMIT): Promise<CaseMap> {
  const rows: PlaceCountRow[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listCases({
      status: q.status,
      domain: q.domain,
      urgency: q.urgency,
      unit: q.unit,
      openedFrom: q.from,
      openedTo: q.to,
      limit: Math.min(PAGE, limit - rows.length),
      cursor,
    });
    for (const c of page.items) rows.push({ area: c.location.area, block: c.location.block, domain: c.domain, count: 1 });
    cursor = page.nextCursor ?? undefined;
  } while (cursor && rows.length < limit);
  return { ...buildComplaintMap(rows, bahrainPlaces(), { topBlocks: TOP_BLOCKS }), truncated: cursor !== undefined };
}
