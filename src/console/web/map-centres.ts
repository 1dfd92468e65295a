/**
 * The centre of every circle on the complaints map opens its own area. Circles are drawn biggest
 * first so the smaller ones stay visible on top, but then a small circle can cover most of a
 * busier neighbour, centre included: in the demo السنابس lies 6 units from جدحفص, and a tap on
 * جدحفص's centre opened السنابس. So each circle gets a small hole (a clip path: clipped parts
 * take no pointer events) wherever another area's centre lies under it, and a white dot marks
 * every area's place, drawn on top and letting taps through to the circle beneath. The circles
 * stay the links (one per area, as screen readers and Tab find them).
 */
import { bahrainBasemap } from '../../map/basemap';
import { radiusFor } from '../../map/complaints-map';
import type { MapArea } from '../../map/map-data';
import type { Projection } from '../../map/projection';
import { esc, n } from '../../map/svg-text';

/** Radius of the busiest area's circle (viewBox units), given to the renderer too: both must agree. */
export const MAP_MAX_RADIUS = 16;
/** A dot's (and a hole's) largest radius: about 6 px across on a desktop, small beside a circle. */
const DOT_RADIUS = 2.5;
/** A circle's white stroke reaches this far outside its radius (the renderer's stroke-width is 1). */
const STROKE_OUTSIDE = 0.5;

export interface PlacedArea {
  area: MapArea;
  cx: number;
  cy: number;
  /** The circle's radius, as the renderer draws it. */
  r: number;
  /** The radius of the dot at the area's place, and of the holes other circles get there. */
  dot: number;
}

/**
 * Every drawn area (a count above zero, as the renderer draws them) where it is drawn, with its
 * dot: at most half its circle and under half the way to the nearest other place, so no dot or
 * hole reaches another area's centre, nor overlaps another (the margin also absorbs the markup's
 * rounding to a tenth).
 */
export function placeAreas(areas: readonly MapArea[], maxRadius = MAP_MAX_RADIUS, projection: Projection = bahrainBasemap().projection): PlacedArea[] {
  const located = areas.filter((a) => a.total > 0);
  const maxCount = Math.max(0, ...located.map((a) => a.total));
  const placed = located.map((area) => {
    const [cx, cy] = projection.project(area.lon, area.lat);
    return { area, cx, cy, r: radiusFor(area.total, maxCount, maxRadius) };
  });
  return placed.map((p) => {
    const nearest = Math.min(Infinity, ...placed.filter((o) => o !== p).map((o) => distance(o, p)));
    return { ...p, dot: Math.min(DOT_RADIUS, p.r / 2, nearest * 0.45) };
  });
}

const distance = (a: { cx: number; cy: number }, b: { cx: number; cy: number }) => Math.hypot(a.cx - b.cx, a.cy - b.cy);

/** The other areas whose centre lies under this one's circle (stroke included). */
export function centresUnder(p: PlacedArea, all: readonly PlacedArea[]): PlacedArea[] {
  return all.filter((o) => o !== p && o.dot > 0 && distance(o, p) < p.r + STROKE_OUTSIDE + o.dot);
}

/** A circle as path data (two arcs), for the holes. */
const circlePath = (cx: number, cy: number, r: number) => `M${n(cx - r)} ${n(cy)}a${n(r)} ${n(r)} 0 1 0 ${n(2 * r)} 0a${n(r)} ${n(r)} 0 1 0 ${n(-2 * r)} 0Z`;

/** The circle's box less the holes (even-odd: each hole is cut out of the box). */
function holesClip(id: string, p: PlacedArea, holes: readonly PlacedArea[]): string {
  const e = p.r + 2;
  const box = `M${n(p.cx - e)} ${n(p.cy - e)}H${n(p.cx + e)}V${n(p.cy + e)}H${n(p.cx - e)}Z`;
  return `<clipPath id="${id}"><path clip-rule="evenodd" d="${box}${holes.map((h) => circlePath(h.cx, h.cy, h.dot)).join('')}"/></clipPath>`;
}

const dot = (p: PlacedArea) => `<circle data-place="${esc(p.area.id)}" cx="${n(p.cx)}" cy="${n(p.cy)}" r="${n(p.dot)}"/>`;

/**
 * The renderer's markup with the holes cut and the dots drawn: the clip paths before the areas,
 * each on its area's group, and the dots above the circles and below the names. A circle gets a
 * hole at every centre under it, whichever of the two is drawn on top (a hole under the circle on
 * top changes nothing), so nothing here depends on the renderer's order.
 */
export function withReachableCentres(svg: string, placed: readonly PlacedArea[]): string {
  const clips = new Map<string, { id: string; clip: string }>();
  placed.forEach((p, i) => {
    const holes = centresUnder(p, placed);
    const id = `map-holes-${i}`;
    if (holes.length) clips.set(esc(p.area.id), { id, clip: holesClip(id, p, holes) });
  });
  const cut = svg.replace(/<g class="map-area" data-place="([^"]*)"/g, (group, place: string) => {
    const c = clips.get(place);
    return c ? `<g class="map-area" clip-path="url(#${c.id})" data-place="${place}"` : group;
  });
  const defs = clips.size ? `<defs>${[...clips.values()].map((c) => c.clip).join('')}</defs>` : '';
  const shown = placed.filter((p) => p.dot > 0);
  const dots = shown.length ? `<g class="map-centres" pointer-events="none" fill="#fff" stroke="#1f2933" stroke-width="0.8">${shown.map(dot).join('')}</g>` : '';
  return insertBefore(insertBefore(cut, '<g class="map-areas">', defs), '<g class="map-labels"', dots);
}

/** `markup` inserted before the first `anchor`, else just before the drawing's end. */
function insertBefore(svg: string, anchor: string, markup: string): string {
  const found = svg.indexOf(anchor);
  const at = found >= 0 ? found : svg.lastIndexOf('</svg>');
  return at < 0 || !markup ? svg : svg.slice(0, at) + markup + svg.slice(at);
}
