/**
 * The console map's reachable centres: a dot at each area's place that covers no other centre,
 * and a hole in every circle over another area's centre, cut into the renderer's real markup.
 */
import placesFile from '../../classifiers/gazetteer/places.json';
import { MAP_MAX_RADIUS, centresUnder, placeAreas, withReachableCentres, type PlacedArea } from '../../src/console/web/map-centres';
import { renderComplaintsMap } from '../../src/map/complaints-map';
import type { MapArea } from '../../src/map/map-data';

const place = (id: string) => placesFile.places.find((p) => p.id === id)!;
const area = (id: string, total: number): MapArea => {
  const p = place(id);
  return { id, area: p.ar, spellings: [p.ar], areaAr: p.ar, areaEn: p.en, lat: p.lat!, lon: p.lon!, byDomain: { roads: total }, total };
};
const render = (areas: MapArea[]) =>
  renderComplaintsMap(areas, {
    lang: 'ar',
    maxRadius: MAP_MAX_RADIUS,
    areaHref: (a) => `#/cases?area=${a.area}`,
    labels: { title: 'خريطة', domain: (d) => d, complaints: (n) => `${n}`, empty: 'لا شيء' },
  });
const dist = (a: PlacedArea, b: PlacedArea) => Math.hypot(a.cx - b.cx, a.cy - b.cy);

// The demo's roads unit: جدحفص (4) mostly under السنابس (2), 6 units away.
const demoAreas = [area('jidhafs', 4), area('sanabis', 2), area('riffa', 1), area('muharraq', 1)];

describe('the complaints map centres (console)', () => {
  it('places each area where the renderer draws its circle, with a dot that reaches no other centre', () => {
    const svg = render(demoAreas);
    const placed = placeAreas(demoAreas);
    for (const p of placed) {
      const drawn = new RegExp(`data-place="${p.area.id}"[^]*?<circle class="map-area-circle"[^>]*cx="([\\d.]+)" cy="([\\d.]+)" r="([\\d.]+)"`).exec(svg)!;
      expect(Number(drawn[1])).toBeCloseTo(p.cx, 0);
      expect(Number(drawn[2])).toBeCloseTo(p.cy, 0);
      expect(Number(drawn[3])).toBeCloseTo(p.r, 0);
      expect(p.dot).toBeGreaterThan(0);
      expect(p.dot).toBeLessThanOrEqual(Math.min(2.5, p.r / 2));
      for (const o of placed) if (o !== p) expect(p.dot + o.dot).toBeLessThan(dist(p, o));
    }
    const [jidhafs, sanabis] = placed;
    expect(dist(jidhafs, sanabis)).toBeLessThan(sanabis.r);
  });

  it('cuts a hole in a circle wherever another centre lies under it, and draws the dots above the circles and below the names', () => {
    const placed = placeAreas(demoAreas);
    const svg = withReachableCentres(render(demoAreas), placed);
    const [jidhafs, sanabis, riffa] = placed;
    expect(centresUnder(sanabis, placed)).toEqual([jidhafs]);
    expect(centresUnder(riffa, placed)).toEqual([]);
    const groups = [...svg.matchAll(/<g class="map-area"(?: clip-path="url\(#([^)]+)\)")? data-place="([^"]+)"/g)].map((m) => ({ clip: m[1], place: m[2] }));
    expect(groups.map((g) => g.place).sort()).toEqual(demoAreas.map((a) => a.id).sort());
    const sanabisClip = groups.find((g) => g.place === 'sanabis')!.clip;
    expect(sanabisClip).toBeDefined();
    expect(groups.find((g) => g.place === 'riffa')!.clip).toBeUndefined();
    // The clip path is defined, before the circles, with the box and one hole.
    const clip = new RegExp(`<clipPath id="${sanabisClip}"><path clip-rule="evenodd" d="([^"]+)"/></clipPath>`).exec(svg)!;
    expect(clip).not.toBeNull();
    expect(clip[1].match(/M/g)).toHaveLength(2);
    expect(svg.indexOf(clip[0])).toBeLessThan(svg.indexOf('<g class="map-areas">'));
    // The dots: one per area, letting taps through, between the circles and the names.
    const dots = /<g class="map-centres" pointer-events="none"[^>]*>(.*?)<\/g>/.exec(svg)!;
    expect([...dots[1].matchAll(/data-place="([^"]+)"/g)].map((m) => m[1])).toEqual(placed.map((p) => p.area.id));
    expect(svg.indexOf(dots[0])).toBeGreaterThan(svg.lastIndexOf('class="map-area-circle"'));
    expect(svg.indexOf(dots[0])).toBeLessThan(svg.indexOf('<g class="map-labels"'));
    // Nothing else changed: without the added parts, the markup is the renderer's.
    expect(svg.replace(/<defs>.*?<\/defs>/, '').replace(/ clip-path="url\(#[^)]+\)"/g, '').replace(dots[0], '')).toBe(render(demoAreas));
  });

  it('at the centre of every circle, the topmost circle (holes left out) is its own', () => {
    const svg = withReachableCentres(render(demoAreas), placeAreas(demoAreas));
    const placed = placeAreas(demoAreas);
    const drawOrder = [...svg.matchAll(/<g class="map-area"[^>]* data-place="([^"]+)"/g)].map((m) => placed.find((p) => p.area.id === m[1])!);
    const painted = (g: PlacedArea, at: PlacedArea) => dist(g, at) <= g.r + 0.5 && !centresUnder(g, placed).some((h) => dist(h, at) < h.dot);
    for (const p of placed) expect([...drawOrder].reverse().find((g) => painted(g, p))!.area.id).toBe(p.area.id);
  });

  it('leaves an empty map as drawn', () => {
    expect(withReachableCentres(render([]), placeAreas([]))).toBe(render([]));
  });
});
