/** outline.json's geometry: the country's island rings and the four governorates, simplified. */
import { GOVERNORATE_MAX_POINTS, MIN_ISLAND_KM2, OUTLINE_MAX_POINTS, note } from './config';
import { polygonsOf, ringStats, simplifyRings } from './geometry';
import type { Region } from './governorates';
import type { GovId, PolygonRings, Ring } from './types';

export interface OutlineShapes {
  outline: { rings: Ring[]; toleranceKm: number };
  governoratePolys: { id: GovId; polygons: Ring[] }[];
  outlinePoints: number;
  govPoints: number;
}

export function buildOutline(countryPolys: PolygonRings[], regions: Region[]): OutlineShapes {
  // --- outline.json -----------------------------------------------------------------------------
  const outer = countryPolys.map((p) => p[0]).filter((r) => ringStats(r).km2 >= MIN_ISLAND_KM2);
  const droppedSmall = countryPolys.length - outer.length;
  const outline = simplifyRings(outer, OUTLINE_MAX_POINTS);
  const govRings = regions.map((reg) => ({ id: reg.def.id, rings: polygonsOf(reg.record.geometry).map((p) => p[0]).filter((r) => ringStats(r).km2 >= MIN_ISLAND_KM2) }));
  const allGov = simplifyRings(
    govRings.flatMap((g) => g.rings),
    GOVERNORATE_MAX_POINTS,
  );
  let cursor = 0;
  const governoratePolys = govRings.map((g) => {
    const rings = allGov.rings.slice(cursor, cursor + g.rings.length);
    cursor += g.rings.length;
    return { id: g.id, polygons: rings };
  });
  const outlinePoints = outline.rings.reduce((s, r) => s + r.length, 0);
  const govPoints = governoratePolys.reduce((s, g) => s + g.polygons.reduce((t, r) => t + r.length, 0), 0);
  note(`outline: ${outline.rings.length} polygons, ${outlinePoints} points (Douglas-Peucker ${(outline.toleranceKm * 1000).toFixed(1)} m; ${droppedSmall} islets under ${MIN_ISLAND_KM2} km² left out)`);
  note(`governorate polygons: ${govPoints} points (Douglas-Peucker ${(allGov.toleranceKm * 1000).toFixed(1)} m)`);
  return { outline, governoratePolys, outlinePoints, govPoints };
}
