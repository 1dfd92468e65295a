/**
 * The complaints map as one self-contained SVG string: Bahrain's land and governorate borders,
 * a circle per area whose AREA is proportional to its complaints (radius ∝ √count, so a place
 * with four times the complaints looks four times as big, not sixteen), split into domain-coloured
 * wedges, a legend, and the data licences' attribution. Pure: the same input gives the same
 * markup, used by the weekly report (HTML/PDF) and the console (with links to the cases list).
 */
import { esc, n } from './svg-text';
import { MAP_ATTRIBUTION, wrapWords } from './attribution';
import { bahrainBasemap, type Basemap } from './basemap';
import type { MapArea } from './map-data';

/** Colour-blind-safe (Okabe–Ito) hues, one per domain; `none` for complaints without one. */
export const DOMAIN_COLORS: Record<string, string> = {
  roads: '#d55e00',
  drainage: '#0072b2',
  buildings: '#009e73',
  none: '#7b8794',
};
const DOMAIN_ORDER = ['roads', 'drainage', 'buildings'];
const OTHER_COLOR = '#7b8794';

export interface MapLabels {
  /** Accessible name of the drawing. */
  title: string;
  /** Domain → its name in the reader's language. */
  domain: (domain: string) => string;
  /** "12 complaints" in the reader's language. */
  complaints: (count: number) => string;
  /** Shown over the map when there is nothing to draw. */
  empty: string;
  /** Caption of the Hawar inset (drawn out of place), e.g. «جزر حوار (ليست في موقعها)». */
  inset?: string;
}

export interface MapRenderOptions {
  labels: MapLabels;
  lang: 'ar' | 'en';
  /** Makes each area a link (the console: the cases list filtered to that area). */
  areaHref?: (area: MapArea) => string;
  /** Radius of the busiest area's circle, in viewBox units. */
  maxRadius?: number;
  /** How many of the busiest areas get a name on the map (all have one in their tooltip). */
  maxLabels?: number;
  basemap?: Basemap;
}

const LEGEND_HEIGHT = 26;
const ATTRIBUTION_LINE = 9;
const ATTRIBUTION_CHARS = 84;
const LABEL_SIZE = 11;

/** Radius for a count: the area of the circle is proportional to the count. */
export function radiusFor(count: number, maxCount: number, maxRadius: number): number {
  return maxCount > 0 ? maxRadius * Math.sqrt(Math.max(count, 0) / maxCount) : 0;
}

const domainsOf = (byDomain: Record<string, number>) => {
  const known = DOMAIN_ORDER.filter((d) => (byDomain[d] ?? 0) > 0);
  const rest = Object.keys(byDomain).filter((d) => !DOMAIN_ORDER.includes(d) && byDomain[d] > 0).sort();
  return [...known, ...rest];
};
const colorOf = (domain: string) => DOMAIN_COLORS[domain] ?? OTHER_COLOR;
const nameOf = (a: MapArea, lang: 'ar' | 'en') => (lang === 'ar' ? a.areaAr : a.areaEn) || a.area;

function wedges(cx: number, cy: number, r: number, a: MapArea): string {
  let angle = -Math.PI / 2;
  return domainsOf(a.byDomain)
    .map((d) => {
      const sweep = (2 * Math.PI * a.byDomain[d]) / a.total;
      const [x0, y0] = [cx + r * Math.cos(angle), cy + r * Math.sin(angle)];
      angle += sweep;
      const [x1, y1] = [cx + r * Math.cos(angle), cy + r * Math.sin(angle)];
      const large = sweep > Math.PI ? 1 : 0;
      return `<path class="map-wedge" data-domain="${esc(d)}" fill="${colorOf(d)}" d="M${n(cx)} ${n(cy)}L${n(x0)} ${n(y0)}A${n(r)} ${n(r)} 0 ${large} 1 ${n(x1)} ${n(y1)}Z"/>`;
    })
    .join('');
}

function areaMark(a: MapArea, basemap: Basemap, maxCount: number, opts: MapRenderOptions, maxRadius: number): string {
  const [cx, cy] = basemap.projection.project(a.lon, a.lat);
  const r = radiusFor(a.total, maxCount, maxRadius);
  const domains = domainsOf(a.byDomain);
  const name = nameOf(a, opts.lang);
  const detail = domains.map((d) => `${opts.labels.domain(d)} ${a.byDomain[d]}`).join(opts.lang === 'ar' ? '، ' : ', ');
  const title = `${name}: ${opts.labels.complaints(a.total)} (${detail})`;
  const single = domains.length === 1;
  const fill = single ? `fill="${colorOf(domains[0])}" fill-opacity="0.85"` : 'fill="#fff" fill-opacity="0"';
  const mark = `<g class="map-area" data-place="${esc(a.id)}" data-area="${esc(a.area)}" data-total="${a.total}"><title>${esc(title)}</title>${
    single ? '' : `<g fill-opacity="0.85">${wedges(cx, cy, r, a)}</g>`
  }<circle class="map-area-circle" data-domain="${esc(single ? domains[0] : 'mixed')}" cx="${n(cx)}" cy="${n(cy)}" r="${n(r)}" ${fill} stroke="#fff" stroke-width="1"/></g>`;
  return opts.areaHref ? `<a class="map-area-link" href="${esc(opts.areaHref(a))}" aria-label="${esc(title)}">${mark}</a>` : mark;
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

interface Circle {
  cx: number;
  cy: number;
  r: number;
}

/** Whether the box covers part of the circle (the box's nearest point lies inside it). */
function coversCircle(b: Box, c: Circle): boolean {
  const dx = c.cx - Math.min(Math.max(c.cx, b.x0), b.x1);
  const dy = c.cy - Math.min(Math.max(c.cy, b.y0), b.y1);
  return dx * dx + dy * dy < c.r * c.r;
}

/**
 * Names of the busiest areas beside their circles: below, else above, else to either side,
 * whichever covers neither a name already placed nor another area's circle (central Manama's
 * places lie a few pixels apart, and a name on a neighbour's circle reads as that neighbour's).
 * A name with no free place is left out: its tooltip and the list beside the map still have it.
 */
function areaLabels(areas: MapArea[], basemap: Basemap, maxCount: number, opts: MapRenderOptions, maxRadius: number): string {
  const width = basemap.projection.width;
  const circles = areas.map((a) => {
    const [cx, cy] = basemap.projection.project(a.lon, a.lat);
    return { cx, cy, r: radiusFor(a.total, maxCount, maxRadius) };
  });
  const placed: Box[] = [];
  const out: string[] = [];
  areas.slice(0, opts.maxLabels ?? 10).forEach((a, i) => {
    const { cx, cy, r } = circles[i];
    const text = `${nameOf(a, opts.lang)} ${a.total}`;
    const w = text.length * LABEL_SIZE * 0.55;
    // Baseline positions: below, above, right, left of the circle, then its corners, then a step
    // further out (the middle of the island is crowded).
    const side = cy + LABEL_SIZE / 2 - 1;
    const spots: [number, number][] = [
      [cx, cy + r + LABEL_SIZE + 1],
      [cx, cy - r - 3],
      [cx + r + 3 + w / 2, side],
      [cx - r - 3 - w / 2, side],
      [cx + r + w / 2, cy + r + LABEL_SIZE],
      [cx - r - w / 2, cy + r + LABEL_SIZE],
      [cx + r + w / 2, cy - r - 2],
      [cx - r - w / 2, cy - r - 2],
      [cx, cy + r + 2 * LABEL_SIZE + 3],
      [cx, cy - r - LABEL_SIZE - 5],
    ];
    const boxes = spots.map(([sx, y]) => {
      const x = Math.min(Math.max(sx, w / 2 + 2), width - w / 2 - 2);
      return { x, y, box: { x0: x - w / 2, y0: y - LABEL_SIZE, x1: x + w / 2, y1: y + 2 } };
    });
    const clearOfLabels = boxes.filter(({ box }) => !placed.some((b) => overlaps(b, box)));
    // Areas come busiest first: rather than leave a busy area unnamed, its label may lie over a
    // quieter neighbour's circle (the label's white halo keeps both readable), never over a label
    // nor over an area at least as busy.
    const covers = (box: Box, busierOnly: boolean) => circles.some((c, j) => j !== i && coversCircle(box, c) && (!busierOnly || areas[j].total >= a.total));
    const free = clearOfLabels.find(({ box }) => !covers(box, false)) ?? clearOfLabels.find(({ box }) => !covers(box, true));
    if (!free) return;
    placed.push(free.box);
    const rtl = opts.lang === 'ar' ? ' direction="rtl"' : '';
    out.push(`<text class="map-label" x="${n(free.x)}" y="${n(free.y)}" text-anchor="middle"${rtl} font-size="${LABEL_SIZE}" fill="#1f2933" stroke="#fff" stroke-width="3" stroke-linejoin="round" paint-order="stroke">${esc(text)}</text>`);
  });
  return out.join('');
}

/** Domain swatches in reading order: from the right edge in Arabic, from the left in English. */
function legend(domains: string[], y: number, width: number, opts: MapRenderOptions): string {
  const rtl = opts.lang === 'ar';
  let x = rtl ? width - 10 : 10;
  const items = domains.map((d) => {
    const text = opts.labels.domain(d);
    const w = text.length * 10 * 0.55 + 22;
    const sx = rtl ? x - 10 : x;
    const tx = rtl ? x - 14 : x + 14;
    const item = `<g class="map-legend-item" data-domain="${esc(d)}"><rect x="${n(sx)}" y="${n(y - 9)}" width="10" height="10" rx="2" fill="${colorOf(d)}"/><text x="${n(tx)}" y="${n(y)}" font-size="10" fill="#1f2933" text-anchor="start"${rtl ? ' direction="rtl"' : ''}>${esc(text)}</text></g>`;
    x += rtl ? -w : w;
    return item;
  });
  return `<g class="map-legend">${items.join('')}</g>`;
}

function inset(basemap: Basemap, opts: MapRenderOptions): string {
  const f = basemap.inset;
  if (!f) return '';
  // Kept inside the drawing: the inset sits at its right edge.
  const half = ((opts.labels.inset?.length ?? 0) * 8 * 0.55) / 2;
  const cx = Math.min(f.x + f.width / 2, basemap.projection.width - half - 2);
  const caption = opts.labels.inset
    ? `<text x="${n(cx)}" y="${n(f.y - 3)}" text-anchor="middle" font-size="8" fill="#616e7c"${opts.lang === 'ar' ? ' direction="rtl"' : ''}>${esc(opts.labels.inset)}</text>`
    : '';
  return `<g class="map-inset"><rect x="${n(f.x)}" y="${n(f.y)}" width="${n(f.width)}" height="${n(f.height)}" fill="none" stroke="#9aa5b1" stroke-width="0.6" stroke-dasharray="4 2"/>${caption}</g>`;
}

export function renderComplaintsMap(areas: readonly MapArea[], opts: MapRenderOptions): string {
  const basemap = opts.basemap ?? bahrainBasemap();
  const { width, height: mapHeight } = basemap.projection;
  const maxRadius = opts.maxRadius ?? 16;
  const located = areas.filter((a) => a.total > 0);
  const maxCount = Math.max(0, ...located.map((a) => a.total));
  const attribution = wrapWords(MAP_ATTRIBUTION, ATTRIBUTION_CHARS);
  const height = mapHeight + LEGEND_HEIGHT + attribution.length * ATTRIBUTION_LINE + 6;
  // Biggest first, so smaller circles are drawn on top and stay visible and clickable.
  const byTotalDesc = [...located].sort((a, b) => b.total - a.total || (a.id < b.id ? -1 : 1));
  const domains = [...new Set([...DOMAIN_ORDER, ...located.flatMap((a) => domainsOf(a.byDomain))])];
  const borders = basemap.governorates.map((g) => `<path data-governorate="${esc(g.id)}" d="${g.d}"/>`).join('');
  const empty = located.length
    ? ''
    : `<text class="map-empty" x="${width / 2}" y="${mapHeight / 2}" text-anchor="middle" font-size="14" fill="#616e7c"${opts.lang === 'ar' ? ' direction="rtl"' : ''}>${esc(opts.labels.empty)}</text>`;
  const credit = attribution
    .map((line, i) => `<text x="10" y="${n(mapHeight + LEGEND_HEIGHT + 4 + i * ATTRIBUTION_LINE)}" font-size="7" fill="#616e7c" text-anchor="start" direction="ltr">${esc(line)}</text>`)
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" class="complaints-map" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${esc(opts.labels.title)}" data-chart="complaints-map" data-areas="${located.length}" data-empty="${located.length === 0}" preserveAspectRatio="xMidYMid meet" font-family="inherit"><title>${esc(opts.labels.title)}</title>`
    + `<rect class="map-sea" x="0" y="0" width="${width}" height="${mapHeight}" fill="#eaf3f8"/>`
    + `<path class="map-land" d="${basemap.land}" fill="#f7f5ef" stroke="#9aa5b1" stroke-width="0.7" stroke-linejoin="round"/>`
    + inset(basemap, opts)
    + `<g class="map-borders" fill="none" stroke="#b6bec8" stroke-width="0.6" stroke-dasharray="3 2">${borders}</g>`
    + `<g class="map-areas">${byTotalDesc.map((a) => areaMark(a, basemap, maxCount, opts, maxRadius)).join('')}</g>`
    + `<g class="map-labels" pointer-events="none">${areaLabels(byTotalDesc, basemap, maxCount, opts, maxRadius)}</g>${empty}`
    + legend(domains.filter((d) => DOMAIN_ORDER.includes(d) || located.some((a) => (a.byDomain[d] ?? 0) > 0)), mapHeight + 17, width, opts)
    + `<g class="map-attribution">${credit}</g></svg>`;
}
