/**
 * Daily volume line: this week (solid, filled) against last week (dashed), days running right to
 * left as the Arabic page reads.
 */
import { PALETTE, label, n, niceMax, svgFrame } from './svg';

export interface LinePoint {
  label: string;
  sublabel?: string;
  value: number;
  previous: number;
}

export function lineChart(id: string, title: string, points: LinePoint[]): string {
  const W = 640;
  const H = 240;
  const pad = { top: 24, right: 28, bottom: 48, left: 44 };
  const max = niceMax(Math.max(...points.map((p) => Math.max(p.value, p.previous)), 0));
  const plotW = W - pad.left - pad.right;
  const plotH = H - pad.top - pad.bottom;
  // right to left: the first day sits at the right edge
  const x = (i: number) => pad.left + plotW - (points.length === 1 ? plotW / 2 : (i * plotW) / (points.length - 1));
  const y = (v: number) => pad.top + plotH - (v / max) * plotH;
  const grid = [0, 0.25, 0.5, 0.75, 1]
    .map((f) => {
      const v = max * f;
      return `<line x1="${pad.left}" x2="${W - pad.right}" y1="${n(y(v))}" y2="${n(y(v))}" stroke="${PALETTE.grid}"/>
        <text x="${pad.left - 8}" y="${n(y(v) + 4)}" text-anchor="end" class="axis">${Number.isInteger(v) ? v : v.toFixed(1)}</text>`;
    })
    .join('');
  const path = (vals: number[]) => vals.map((v, i) => `${i ? 'L' : 'M'}${n(x(i))},${n(y(v))}`).join(' ');
  const cur = points.map((p) => p.value);
  const prev = points.map((p) => p.previous);
  const area = `${path(cur)} L${n(x(points.length - 1))},${n(y(0))} L${n(x(0))},${n(y(0))} Z`;
  const labels = points
    .map(
      (p, i) => `${label(x(i), H - pad.bottom + 18, p.label, 'middle', 'axis-label')}
      ${p.sublabel ? label(x(i), H - pad.bottom + 34, p.sublabel, 'middle', 'axis') : ''}
      <circle cx="${n(x(i))}" cy="${n(y(p.value))}" r="3.5" fill="#fff" stroke="${PALETTE.primary}" stroke-width="2"/>
      <text x="${n(x(i))}" y="${n(y(p.value) - 9)}" text-anchor="middle" class="point-value">${p.value}</text>`,
    )
    .join('');
  const body = `${grid}
    <path d="${area}" fill="${PALETTE.primarySoft}" opacity="0.7"/>
    <path d="${path(prev)}" fill="none" stroke="${PALETTE.previous}" stroke-width="2" stroke-dasharray="5 4" class="series-previous"/>
    <path d="${path(cur)}" fill="none" stroke="${PALETTE.primary}" stroke-width="2.5" class="series-current"/>
    ${labels}`;
  return svgFrame({ id, title, width: W, height: H, values: cur }, body);
}
