/**
 * Per-area complaint counts by domain for the complaints map, from (area, block, domain, count)
 * rows: the cases of a filter (API) or the complaint mentions of a week (weekly summary). Areas
 * are matched to gazetteer places; names the gazetteer does not know, or places it cannot locate,
 * are listed in `unlocated` rather than dropped, so the map never hides complaints silently.
 */
import type { PlaceIndex } from './place-index';

export interface PlaceCountRow {
  area?: string | null;
  block?: string | null;
  domain?: string | null;
  count: number;
}

export interface MapArea {
  /** Gazetteer place id. */
  id: string;
  /** The area as stored on the cases (the most frequent spelling): what the cases list filters by. */
  area: string;
  /** Every spelling stored for this place, commonest first (the cases list matches one exactly). */
  spellings: string[];
  areaAr: string;
  areaEn: string;
  lat: number;
  lon: number;
  total: number;
  /** Domain → count; complaints without a domain count under `none`. */
  byDomain: Record<string, number>;
}

export interface UnlocatedArea {
  area: string;
  /** Set when the gazetteer knows the place but has no coordinates for it. */
  areaAr?: string;
  areaEn?: string;
  reason: 'unknown_place' | 'no_coordinates';
  total: number;
  byDomain: Record<string, number>;
}

export interface MapBlock {
  block: string;
  /** The area as stored, when the complaints name one. */
  area?: string;
  areaAr?: string;
  areaEn?: string;
  total: number;
}

export interface ComplaintMap {
  /** Busiest first. */
  areas: MapArea[];
  unlocated: UnlocatedArea[];
  /** Busiest blocks first, at most `topBlocks`. */
  blocks: MapBlock[];
  /** Complaints that name no area at all. */
  withoutArea: number;
  total: number;
}

export const NO_DOMAIN = 'none';

interface Tally {
  total: number;
  byDomain: Record<string, number>;
  /** Stored spelling → count, to pick the one the cases list will find most of. */
  spellings: Map<string, number>;
}

const tally = (): Tally => ({ total: 0, byDomain: {}, spellings: new Map() });

function count(t: Tally, row: PlaceCountRow, spelling?: string): void {
  const domain = row.domain || NO_DOMAIN;
  t.total += row.count;
  t.byDomain[domain] = (t.byDomain[domain] ?? 0) + row.count;
  if (spelling) t.spellings.set(spelling, (t.spellings.get(spelling) ?? 0) + row.count);
}

/** Stored spellings, commonest first; on a tie the place's own Arabic name, then code-point order. */
const ranked = (spellings: Map<string, number>, own?: string): string[] =>
  [...spellings].sort((a, b) => b[1] - a[1] || Number(b[0] === own) - Number(a[0] === own) || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map((e) => e[0]);
const commonest = (spellings: Map<string, number>, own?: string): string => ranked(spellings, own)[0] ?? '';

const busiest = <T extends { total: number }>(key: (t: T) => string) => (a: T, b: T) => b.total - a.total || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

export interface MapOptions {
  topBlocks?: number;
  /**
   * Block counts given apart (block, area, count), when `rows` carry no blocks: a store's
   * rollup counts (area, domain) and (block, area) separately.
   */
  blockRows?: Iterable<PlaceCountRow>;
}

export function buildComplaintMap(rows: Iterable<PlaceCountRow>, places: PlaceIndex, opts: MapOptions = {}): ComplaintMap {
  const byPlace = new Map<string, Tally>();
  const unknown = new Map<string, Tally>();
  const blocks = new Map<string, { block: string; placeId?: string; area?: string; total: number }>();
  const placeOf = new Map<string, ReturnType<PlaceIndex['find']>>();
  let withoutArea = 0;
  let total = 0;
  for (const row of rows) {
    if (row.count <= 0) continue;
    total += row.count;
    const area = row.area?.trim() || undefined;
    // A week's rows repeat each area many times: one gazetteer look-up per spelling.
    if (area && !placeOf.has(area)) placeOf.set(area, places.find(area));
    const place = area ? placeOf.get(area) : undefined;
    if (!area) withoutArea += row.count;
    else if (place) {
      const t = byPlace.get(place.id) ?? tally();
      byPlace.set(place.id, t);
      count(t, row, area);
    } else {
      const t = unknown.get(area) ?? tally();
      unknown.set(area, t);
      count(t, row);
    }
    if (!opts.blockRows) countBlock(row, area, place);
  }
  function countBlock(row: PlaceCountRow, area: string | undefined, place: ReturnType<PlaceIndex['find']>): void {
    const block = row.block?.trim();
    if (!block || row.count <= 0) return;
    const key = `${block}\n${place?.id ?? area ?? ''}`;
    const b = blocks.get(key) ?? { block, placeId: place?.id, area, total: 0 };
    b.total += row.count;
    blocks.set(key, b);
  }
  for (const row of opts.blockRows ?? []) {
    const area = row.area?.trim() || undefined;
    if (area && !placeOf.has(area)) placeOf.set(area, places.find(area));
    countBlock(row, area, area ? placeOf.get(area) : undefined);
  }
  const placesById = new Map([...placeOf.values()].flatMap((p) => (p ? [[p.id, p] as const] : [])));
  const areas: MapArea[] = [];
  const unlocated: UnlocatedArea[] = [];
  for (const [id, t] of byPlace) {
    const p = placesById.get(id)!;
    const spellings = ranked(t.spellings, p.ar);
    const area = spellings[0];
    if (p.lat === null || p.lon === null) unlocated.push({ area, areaAr: p.ar, areaEn: p.en, reason: 'no_coordinates', total: t.total, byDomain: t.byDomain });
    else areas.push({ id, area, spellings, areaAr: p.ar, areaEn: p.en, lat: p.lat, lon: p.lon, total: t.total, byDomain: t.byDomain });
  }
  for (const [area, t] of unknown) unlocated.push({ area, reason: 'unknown_place', total: t.total, byDomain: t.byDomain });
  // A week can hold thousands of blocks: rank on the tallies, build records for the top only.
  const topBlocks = [...blocks.values()]
    .sort((a, b) => b.total - a.total || (a.block < b.block ? -1 : a.block > b.block ? 1 : (a.area ?? '') < (b.area ?? '') ? -1 : 1))
    .slice(0, opts.topBlocks ?? 10)
    .map((b): MapBlock => {
      const p = b.placeId ? placesById.get(b.placeId) : undefined;
      const byArea = b.placeId ? byPlace.get(b.placeId) : undefined;
      // The block's area under the spelling the map links with, so both lead to the same cases.
      const area = byArea ? commonest(byArea.spellings, p?.ar) : b.area;
      return { block: b.block, ...(area ? { area } : {}), ...(p ? { areaAr: p.ar, areaEn: p.en } : {}), total: b.total };
    });
  return {
    areas: areas.sort(busiest((a) => a.id)),
    unlocated: unlocated.sort(busiest((u) => u.area)),
    blocks: topBlocks,
    withoutArea,
    total,
  };
}
