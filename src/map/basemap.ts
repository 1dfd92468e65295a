/**
 * Bahrain's outline and governorate borders (classifiers/gazetteer/outline.json, bundled: nothing
 * is fetched at run time) projected once into SVG path data, with the projection that places the
 * complaint circles on the same drawing.
 *
 * The Hawar islands lie 20 km south-east of the main island's tip; drawn where they are, they
 * would make the map half empty sea (and too tall for a phone or an A4 column), so they are drawn
 * in a framed inset moved north into the empty sea east of the southern tip, as atlases do.
 */
import outline from '../../classifiers/gazetteer/outline.json';
import { fitProjection, type LonLat, type Projection } from './projection';

export interface Basemap {
  projection: Projection;
  /** One path for the land (every island). */
  land: string;
  /** One path per governorate, for the borders between them. */
  governorates: { id: string; d: string }[];
  /** The frame of the moved Hawar inset, in viewBox units. */
  inset?: { x: number; y: number; width: number; height: number };
}

/** Width of the drawing in viewBox units; its height follows from Bahrain's shape. */
export const MAP_WIDTH = 400;
const PAD = 10;

/** The Hawar group's box, and how far north (degrees) it is drawn. */
const HAWAR = { minLon: 50.68, maxLat: 25.82, shiftLat: 0.19 };

type Ring = LonLat[];

const inHawar = (lon: number, lat: number) => lon >= HAWAR.minLon && lat <= HAWAR.maxLat;
/** Where a point is drawn: Hawar's points moved with their inset, all others where they are. */
export const displaced = (lon: number, lat: number): [number, number] => (inHawar(lon, lat) ? [lon, lat + HAWAR.shiftLat] : [lon, lat]);

function pathOf(rings: Ring[], p: Projection): string {
  // One decimal of a 400-unit drawing is finer than a screen pixel and keeps the markup small.
  const r = (v: number) => Math.round(v * 10) / 10;
  return rings
    .map((ring) => {
      // A ring is moved whole (by its first point), so no island is torn across the inset edge.
      const move = inHawar(ring[0][0], ring[0][1]) ? HAWAR.shiftLat : 0;
      return ring.map(([lon, lat], i) => {
        const [x, y] = p.project(lon, lat + move);
        return `${i ? 'L' : 'M'}${r(x)} ${r(y)}`;
      }).join('') + 'Z';
    })
    .join('');
}

export function buildBasemap(land: Ring[], governorates: { id: string; polygons: Ring[] }[], width = MAP_WIDTH): Basemap {
  const drawn = (ring: Ring): Ring => {
    const move = inHawar(ring[0][0], ring[0][1]) ? HAWAR.shiftLat : 0;
    return ring.map(([lon, lat]) => [lon, lat + move] as const);
  };
  const base = fitProjection(land.flatMap(drawn), width, PAD);
  const projection: Projection = { ...base, project: (lon, lat) => base.project(...displaced(lon, lat)) };
  const hawar = land.filter((ring) => inHawar(ring[0][0], ring[0][1])).flatMap(drawn).map(([lon, lat]) => base.project(lon, lat));
  const map: Basemap = {
    projection,
    land: pathOf(land, base),
    governorates: governorates.map((g) => ({ id: g.id, d: pathOf(g.polygons, base) })),
  };
  if (hawar.length) {
    const xs = hawar.map((q) => q[0]);
    const ys = hawar.map((q) => q[1]);
    const m = 4;
    map.inset = { x: Math.min(...xs) - m, y: Math.min(...ys) - m, width: Math.max(...xs) - Math.min(...xs) + 2 * m, height: Math.max(...ys) - Math.min(...ys) + 2 * m };
  }
  return map;
}

let bahrain: Basemap | undefined;

export function bahrainBasemap(): Basemap {
  bahrain ??= buildBasemap(outline.polygons as unknown as Ring[], outline.governorates as unknown as { id: string; polygons: Ring[] }[]);
  return bahrain;
}
