/**
 * A half-circle gauge for a share (0..1), filling from the right as the page reads, coloured by
 * how it compares with the target, with last week's value as a tick.
 */
import { PALETTE, n, svgFrame } from './svg';

export interface Gauge {
  value: number | null;
  previous: number | null;
  /** Share at or above which the gauge is green; amber down to target - 0.15, red below. */
  target: number;
}

const R = 110;
const CX = 160;
const CY = 150;

/** Point on the arc at fraction f (0 = right end, 1 = left end, over the top). */
function at(f: number, r = R): [number, number] {
  const a = Math.PI * f;
  return [CX + r * Math.cos(a), CY - r * Math.sin(a)];
}

function arc(from: number, to: number): string {
  const [x1, y1] = at(from);
  const [x2, y2] = at(to);
  return `M${n(x1)},${n(y1)} A${R},${R} 0 0 0 ${n(x2)},${n(y2)}`;
}

export function gaugeChart(id: string, title: string, g: Gauge): string {
  const v = g.value === null ? 0 : Math.max(0, Math.min(1, g.value));
  const color = g.value === null ? PALETTE.previous : v >= g.target ? PALETTE.good : v >= g.target - 0.15 ? PALETTE.warn : PALETTE.bad;
  const [tx1, ty1] = at(g.target, R - 22);
  const [tx2, ty2] = at(g.target, R + 22);
  const prevTick =
    g.previous === null
      ? ''
      : (() => {
          const [a1, b1] = at(Math.max(0, Math.min(1, g.previous)), R - 14);
          const [a2, b2] = at(Math.max(0, Math.min(1, g.previous)), R + 14);
          return `<line x1="${n(a1)}" y1="${n(b1)}" x2="${n(a2)}" y2="${n(b2)}" stroke="${PALETTE.previous}" stroke-width="3" class="previous-marker"/>`;
        })();
  const pct = g.value === null ? '—' : `${Math.round(v * 1000) / 10}%`;
  const body = `
    <path d="${arc(0, 1)}" fill="none" stroke="${PALETTE.grid}" stroke-width="26" stroke-linecap="butt"/>
    ${v > 0 ? `<path d="${arc(0, v)}" fill="none" stroke="${color}" stroke-width="26" stroke-linecap="butt" class="gauge-value"/>` : ''}
    <line x1="${n(tx1)}" y1="${n(ty1)}" x2="${n(tx2)}" y2="${n(ty2)}" stroke="${PALETTE.text}" stroke-width="2" stroke-dasharray="3 2" class="target-marker"/>
    ${prevTick}
    <text x="${CX}" y="${CY - 8}" text-anchor="middle" class="gauge-value-text" fill="${color}">${pct}</text>
    <text x="${n(CX + R)}" y="${CY + 30}" text-anchor="middle" class="axis">0%</text>
    <text x="${n(CX - R)}" y="${CY + 30}" text-anchor="middle" class="axis">100%</text>`;
  // a gauge at 0 % still carries data (the share is known): only a missing share is "no data"
  return svgFrame({ id, title, width: 320, height: 190, values: g.value === null ? [0] : [v, 1] }, body);
}
