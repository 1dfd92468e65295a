/**
 * Puts coordinates on an extracted location: the block's own centroid when blocks.json has one
 * and it agrees with the area named, else the area's centroid, else the governorate's. The
 * precision field says which, so a map can draw a block point as a point and an area fallback as
 * a circle. Places without a known centroid (17 in places.json) fall through to their governorate.
 */
import type { Location } from '../src/domain/classification';
import type { PhraseIndex } from './phrase-index-types';

export function placeCoordinates(loc: Location, area: number, gov: number, index: PhraseIndex): void {
  const block = loc.block !== undefined ? index.blocks.get(loc.block) : undefined;
  // A block whose place differs from the area written is probably a typo in one of them: the
  // area the citizen named is the safer guess, so the block point is not used.
  if (block !== undefined && block.lat !== null && block.lon !== null && (area < 0 || index.areas[block.area].name === index.areas[area].name)) {
    set(loc, block.lat, block.lon, 'block');
    return;
  }
  if (area >= 0) {
    const a = index.areas[area];
    if (a.lat !== null && a.lon !== null) {
      set(loc, a.lat, a.lon, 'area');
      return;
    }
  }
  if (gov >= 0) {
    const g = index.governorates[gov];
    if (g.lat !== null && g.lon !== null) set(loc, g.lat, g.lon, 'governorate');
  }
}

function set(loc: Location, lat: number, long: number, precision: Location['precision']): void {
  loc.lat = lat;
  loc.long = long;
  loc.precision = precision;
}
