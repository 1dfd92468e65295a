/**
 * Equirectangular projection with longitudes shrunk by cos(mid-latitude): at Bahrain's 26° N a
 * degree of longitude is 0.9 of a degree of latitude on the ground, and over a country this small
 * the error of treating that factor as constant is far below the width of a line.
 */
export type LonLat = readonly [number, number];

export interface Projection {
  width: number;
  height: number;
  project(lon: number, lat: number): [number, number];
}

export function fitProjection(points: Iterable<LonLat>, width: number, pad: number): Projection {
  let [minLon, maxLon, minLat, maxLat] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const [lon, lat] of points) {
    minLon = Math.min(minLon, lon);
    maxLon = Math.max(maxLon, lon);
    minLat = Math.min(minLat, lat);
    maxLat = Math.max(maxLat, lat);
  }
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const scale = (width - 2 * pad) / Math.max((maxLon - minLon) * k, 1e-9);
  const height = Math.ceil((maxLat - minLat) * scale + 2 * pad);
  return {
    width,
    height,
    project: (lon, lat) => [pad + (lon - minLon) * k * scale, pad + (maxLat - lat) * scale],
  };
}
