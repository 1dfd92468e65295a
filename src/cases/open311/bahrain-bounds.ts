/**
 * Bahrain's bounding box for the coordinates an Open311 POST may carry: the box of the bundled
 * outline (classifiers/gazetteer/outline.json: every island, Hawar and the southern islets
 * included) widened by a small margin for a phone's GPS error on the shore. A box is coarse on
 * purpose: it refuses a point in New York or Riyadh (a client's mistake or a swapped lat/long),
 * not one in the sea between two islands.
 */
import outline from '../../../classifiers/gazetteer/outline.json';

/** Degrees added on every side (about 2 km). */
const MARGIN = 0.02;

export interface Bounds {
  minLat: number;
  maxLat: number;
  minLong: number;
  maxLong: number;
}

function boundsOf(polygons: unknown): Bounds {
  const b = { minLat: Infinity, maxLat: -Infinity, minLong: Infinity, maxLong: -Infinity };
  const walk = (v: unknown): void => {
    if (!Array.isArray(v)) return;
    if (v.length >= 2 && typeof v[0] === 'number' && typeof v[1] === 'number') {
      const [long, lat] = v as [number, number];
      b.minLat = Math.min(b.minLat, lat);
      b.maxLat = Math.max(b.maxLat, lat);
      b.minLong = Math.min(b.minLong, long);
      b.maxLong = Math.max(b.maxLong, long);
      return;
    }
    for (const x of v) walk(x);
  };
  walk(polygons);
  if (!Number.isFinite(b.minLat)) throw new Error('classifiers/gazetteer/outline.json has no points');
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return { minLat: round(b.minLat - MARGIN), maxLat: round(b.maxLat + MARGIN), minLong: round(b.minLong - MARGIN), maxLong: round(b.maxLong + MARGIN) };
}

export const BAHRAIN_BOUNDS: Bounds = boundsOf(outline.polygons);

export function inBahrain(lat: number, long: number, b: Bounds = BAHRAIN_BOUNDS): boolean {
  return lat >= b.minLat && lat <= b.maxLat && long >= b.minLong && long <= b.maxLong;
}

/** The box as a client can read it in an error: "lat 25.536..26.351, long 50.29..50.845". */
export function boundsText(b: Bounds = BAHRAIN_BOUNDS): string {
  return `lat ${b.minLat}..${b.maxLat}, long ${b.minLong}..${b.maxLong}`;
}
