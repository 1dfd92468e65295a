/** Geometry on lon/lat: distances, point in polygon, ring areas and centroids, Douglas–Peucker simplification. */
import type { Geometry, LonLat, PolygonRings, Ring } from './types';

const KM_PER_DEG = 111.32;

export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = 6371.0088;
  const p1 = (lat1 * Math.PI) / 180;
  const p2 = (lat2 * Math.PI) / 180;
  const dp = p2 - p1;
  const dl = ((lon2 - lon1) * Math.PI) / 180;
  const a = Math.sin(dp / 2) ** 2 + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) ** 2;
  return 2 * r * Math.asin(Math.sqrt(a));
}

export function polygonsOf(g: Geometry): PolygonRings[] {
  if (g.type === 'Polygon') return [g.coordinates];
  if (g.type === 'MultiPolygon') return g.coordinates;
  return [];
}

function inRing(lon: number, lat: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function inPolygons(lon: number, lat: number, polys: PolygonRings[]): boolean {
  return polys.some((p) => inRing(lon, lat, p[0]) && !p.slice(1).some((h) => inRing(lon, lat, h)));
}

/** Signed area in km² (equirectangular about the ring's own latitude) and centroid. */
export function ringStats(ring: Ring): { km2: number; lon: number; lat: number } {
  const lat0 = ring.reduce((s, p) => s + p[1], 0) / ring.length;
  const kx = KM_PER_DEG * Math.cos((lat0 * Math.PI) / 180);
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const x0 = ring[i][0] * kx;
    const y0 = ring[i][1] * KM_PER_DEG;
    const x1 = ring[i + 1][0] * kx;
    const y1 = ring[i + 1][1] * KM_PER_DEG;
    const f = x0 * y1 - x1 * y0;
    a += f;
    cx += (x0 + x1) * f;
    cy += (y0 + y1) * f;
  }
  a /= 2;
  if (a === 0) return { km2: 0, lon: ring[0][0], lat: ring[0][1] };
  return { km2: Math.abs(a), lon: cx / (6 * a) / kx, lat: cy / (6 * a) / KM_PER_DEG };
}

/** Douglas–Peucker on one closed ring, distances in km. */
function simplifyRing(ring: Ring, toleranceKm: number): Ring {
  if (ring.length <= 4) return ring;
  const lat0 = ring[0][1];
  const kx = KM_PER_DEG * Math.cos((lat0 * Math.PI) / 180);
  const xy = ring.map((p) => [p[0] * kx, p[1] * KM_PER_DEG] as const);
  const keep = new Uint8Array(ring.length);
  keep[0] = 1;
  keep[ring.length - 1] = 1;
  // A closed ring: split at the point farthest from the start so both halves are proper chords.
  let far = 1;
  let farD = -1;
  for (let i = 1; i < ring.length - 1; i++) {
    const d = Math.hypot(xy[i][0] - xy[0][0], xy[i][1] - xy[0][1]);
    if (d > farD) {
      farD = d;
      far = i;
    }
  }
  keep[far] = 1;
  const stack: [number, number][] = [
    [0, far],
    [far, ring.length - 1],
  ];
  while (stack.length > 0) {
    const [s, e] = stack.pop() as [number, number];
    if (e - s < 2) continue;
    const [ax, ay] = xy[s];
    const [bx, by] = xy[e];
    const len = Math.hypot(bx - ax, by - ay);
    let best = -1;
    let bestD = -1;
    for (let i = s + 1; i < e; i++) {
      const [px, py] = xy[i];
      const d = len === 0 ? Math.hypot(px - ax, py - ay) : Math.abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / len;
      if (d > bestD) {
        bestD = d;
        best = i;
      }
    }
    if (bestD > toleranceKm) {
      keep[best] = 1;
      stack.push([s, best], [best, e]);
    }
  }
  const out = ring.filter((_, i) => keep[i] === 1);
  return out.length >= 4 ? out : ring.length >= 4 ? [ring[0], ring[Math.floor(ring.length / 3)], ring[Math.floor((2 * ring.length) / 3)], ring[0]] : ring;
}

export function round5(v: number): number {
  return Math.round(v * 1e5) / 1e5;
}

/** Simplifies outer rings to at most maxPoints in total, choosing the tolerance by bisection. */
export function simplifyRings(rings: Ring[], maxPoints: number): { rings: Ring[]; toleranceKm: number } {
  const run = (tol: number): Ring[] => rings.map((r) => simplifyRing(r, tol).map((p) => [round5(p[0]), round5(p[1])] as LonLat));
  const count = (rs: Ring[]): number => rs.reduce((s, r) => s + r.length, 0);
  let lo = 0;
  let hi = 2;
  if (count(run(lo)) <= maxPoints) return { rings: run(lo), toleranceKm: 0 };
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (count(run(mid)) > maxPoints) lo = mid;
    else hi = mid;
  }
  return { rings: run(hi), toleranceKm: hi };
}
