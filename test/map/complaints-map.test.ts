/** The complaints map renderer: sizes, colours, projection, escaping, links and the licence credit. */
import placesFile from '../../classifiers/gazetteer/places.json';
import { DOMAIN_COLORS, radiusFor, renderComplaintsMap, type MapLabels } from '../../src/map/complaints-map';
import { MAP_ATTRIBUTION } from '../../src/map/attribution';
import type { MapArea } from '../../src/map/map-data';

const labels: MapLabels = {
  title: 'خريطة الشكاوى',
  domain: (d) => ({ roads: 'الطرق', drainage: 'الصرف', buildings: 'المباني' })[d] ?? d,
  complaints: (n) => `${n} شكوى`,
  empty: 'لا شكاوى',
};

const area = (id: string, lon: number, lat: number, byDomain: Record<string, number>, name = id): MapArea => ({
  id,
  area: name,
  spellings: [name],
  areaAr: name,
  areaEn: id,
  lat,
  lon,
  byDomain,
  total: Object.values(byDomain).reduce((a, b) => a + b, 0),
});

/** Every area group's circle as { place, r, fill, cx, cy }. */
function circles(svg: string) {
  return [...svg.matchAll(/<g class="map-area" data-place="([^"]+)"[\s\S]*?<circle class="map-area-circle" data-domain="([^"]+)" cx="([\d.]+)" cy="([\d.]+)" r="([\d.]+)" fill="([^"]+)"/g)].map((m) => ({
    place: m[1],
    domain: m[2],
    cx: Number(m[3]),
    cy: Number(m[4]),
    r: Number(m[5]),
    fill: m[6],
  }));
}

const viewBox = (svg: string) => (/viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg) as RegExpExecArray).slice(1).map(Number);

describe('the complaints map renderer', () => {
  it('sizes each circle so that its area, not its radius, is proportional to the complaints', () => {
    const svg = renderComplaintsMap(
      [area('muharraq', 50.61, 26.257, { roads: 36 }), area('sitra', 50.62, 26.15, { roads: 9 }), area('riffa', 50.555, 26.13, { roads: 4 })],
      { labels, lang: 'ar', maxRadius: 24 },
    );
    const r = Object.fromEntries(circles(svg).map((c) => [c.place, c.r]));
    expect(r.muharraq).toBeCloseTo(24, 1);
    // 36 : 9 : 4 complaints → areas 36 : 9 : 4 → radii 6 : 3 : 2
    expect(r.sitra).toBeCloseTo(12, 1);
    expect(r.riffa).toBeCloseTo(8, 1);
    expect(radiusFor(25, 100, 10)).toBeCloseTo(5);
  });

  it('colours a one-domain area in its domain colour and splits a mixed area into wedges of each domain with a legend', () => {
    const svg = renderComplaintsMap([area('sitra', 50.62, 26.15, { drainage: 5 }), area('muharraq', 50.61, 26.257, { roads: 3, buildings: 1 })], { labels, lang: 'ar' });
    const byPlace = Object.fromEntries(circles(svg).map((c) => [c.place, c]));
    expect(byPlace.sitra.fill).toBe(DOMAIN_COLORS.drainage);
    expect(byPlace.muharraq.domain).toBe('mixed');
    const mixed = /data-place="muharraq"[\s\S]*?<\/g><circle/.exec(svg)![0];
    expect([...mixed.matchAll(/class="map-wedge" data-domain="(\w+)" fill="([^"]+)"/g)].map((m) => [m[1], m[2]])).toEqual([
      ['roads', DOMAIN_COLORS.roads],
      ['buildings', DOMAIN_COLORS.buildings],
    ]);
    for (const d of ['roads', 'drainage', 'buildings']) expect(svg).toContain(`class="map-legend-item" data-domain="${d}"><rect x="`);
    expect(svg).toMatch(new RegExp(`data-domain="roads"><rect[^>]+fill="${DOMAIN_COLORS.roads}"`));
  });

  it('puts a name where it covers no other area\'s circle, above when below is taken, and leaves it out when no side is free', () => {
    const labelAt = (svg: string) =>
      Object.fromEntries([...svg.matchAll(/<text class="map-label" x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]+)<\/text>/g)].map((m) => [m[3].split(' ')[0], { x: Number(m[1]), y: Number(m[2]) }]));
    // Sitra, with a smaller neighbour just south of it: its name goes above its circle.
    const pair = renderComplaintsMap([area('sitra', 50.62, 26.15, { drainage: 6 }), area('south', 50.62, 26.125, { roads: 1 })], { labels, lang: 'en' });
    const sitra = circles(pair).find((c) => c.place === 'sitra')!;
    expect(labelAt(pair).sitra.y).toBeLessThan(sitra.cy - sitra.r);
    // Alone, the same name sits below its circle.
    const alone = renderComplaintsMap([area('sitra', 50.62, 26.15, { drainage: 6 })], { labels, lang: 'en' });
    expect(labelAt(alone).sitra.y).toBeGreaterThan(sitra.cy + sitra.r);
    // Hemmed in on every side by its neighbours' circles: no name, but its circle and tooltip stay.
    const ring = [[0, -0.008], [0, 0.008], [-0.012, 0], [0.012, 0]].map(([dx, dy], i) => area(`n${i}`, 50.62 + dx, 26.15 + dy, { roads: 6 }));
    const crowded = renderComplaintsMap([area('middle', 50.62, 26.15, { roads: 1 }), ...ring], { labels, lang: 'en', maxLabels: 5 });
    expect(labelAt(crowded).middle).toBeUndefined();
    expect(circles(crowded).map((c) => c.place)).toContain('middle');
    expect(crowded).toContain('<title>middle: 1 شكوى');
    // The busiest area hemmed in by quieter ones is still named (over a quieter circle, not a label).
    const d = 0.02;
    const quietRing = [[0, -d], [0, d], [-1.5 * d, 0], [1.5 * d, 0], [d, d], [-d, d], [d, -d], [-d, -d]].map(([dx, dy], i) => area(`q${i}`, 50.62 + dx, 26.15 + dy, { roads: 1 }));
    const busy = renderComplaintsMap([area('busy', 50.62, 26.15, { roads: 6 }), ...quietRing], { labels, lang: 'en', maxLabels: 9 });
    expect(labelAt(busy).busy).toBeDefined();
  });

  it('projects every located gazetteer place inside the viewBox, north up and east to the right', () => {
    const located = (placesFile.places as { id: string; lat: number | null; lon: number | null }[]).filter((p) => p.lat !== null && p.lon !== null);
    expect(located.length).toBeGreaterThan(100);
    const svg = renderComplaintsMap(located.map((p) => area(p.id, p.lon as number, p.lat as number, { roads: 1 })), { labels, lang: 'ar' });
    const [width, height] = viewBox(svg);
    const drawn = circles(svg);
    expect(drawn).toHaveLength(located.length);
    for (const c of drawn) {
      expect(c.cx - c.r).toBeGreaterThanOrEqual(0);
      expect(c.cx + c.r).toBeLessThanOrEqual(width);
      expect(c.cy - c.r).toBeGreaterThanOrEqual(0);
      expect(c.cy + c.r).toBeLessThanOrEqual(height);
    }
    const at = Object.fromEntries(drawn.map((c) => [c.place, c]));
    expect(at.muharraq.cy).toBeLessThan(at.riffa.cy); // Muharraq is north of Riffa
    expect(at.sitra.cx).toBeGreaterThan(at.aali.cx); // Sitra is east of A'ali
    expect(svg).toMatch(/ width="100%"/);
  });

  it('escapes area names, keeping Arabic names as each circle\'s accessible title and as right-to-left labels', () => {
    const svg = renderComplaintsMap([area('x', 50.58, 26.2, { roads: 2 }, 'المنامة <script>alert("x")</script> & "قرية"')], { labels, lang: 'ar', areaHref: (a) => `#/cases?area=${encodeURIComponent(a.area)}` });
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('<title>المنامة &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;قرية&quot;: 2 شكوى (الطرق 2)</title>');
    expect(svg).toMatch(/<text class="map-label"[^>]*direction="rtl"[^>]*>المنامة &lt;script&gt;/);
    expect(svg).toContain(`href="#/cases?area=${encodeURIComponent('المنامة <script>alert("x")</script> & "قرية"').replace(/&/g, '&amp;')}"`);
  });

  it('draws Bahrain with its governorate borders and the credit the data licences require, and refers to nothing outside itself', () => {
    const svg = renderComplaintsMap([], { labels, lang: 'en' });
    expect(svg).toMatch(/<path class="map-land" d="M[\d.]+ [\d.]+L/);
    expect(svg.match(/data-governorate="/g)).toHaveLength(4);
    const text = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).join(' ').replace(/&#39;/g, "'");
    expect(text.replace(/\s+/g, ' ')).toContain(MAP_ATTRIBUTION);
    expect(svg).toContain('لا شكاوى');
    expect(svg).not.toMatch(/<image|xlink:href|url\(|href="http/);
  });
});
