/** Vertical columns for a distribution (response times), ordered right to left, with last week as outlines. */
import { PALETTE, label, n, niceMax, svgFrame } from './svg';

export interface Column {
  label: string;
  sublabel?: string;
  value: number;
  previous: number;
}

export function columnChart(id: string, title: string, columns: Column[], opts: { width?: number } = {}): string {
  const W = opts.width ?? 640;
  const H = 240;
  const pad = { top: 26, right: 16, bottom: 50, left: 16 };
  const max = niceMax(Math.max(...columns.map((c) => Math.max(c.value, c.previous)), 0));
  const slot = (W - pad.left - pad.right) / Math.max(columns.length, 1);
  const plotH = H - pad.top - pad.bottom;
  const h = (v: number) => (v / max) * plotH;
  const base = H - pad.bottom;
  const body = columns
    .map((c, i) => {
      const cx = W - pad.right - slot * (i + 0.5);
      const bw = slot * 0.5;
      return `<g class="column">
        <rect x="${n(cx - bw / 2 - 6)}" y="${n(base - h(c.previous))}" width="${n(bw)}" height="${n(h(c.previous))}" fill="none" stroke="${PALETTE.previous}" stroke-dasharray="3 3" class="previous-outline"/>
        <rect x="${n(cx - bw / 2 + 6)}" y="${n(base - h(c.value))}" width="${n(bw)}" height="${n(h(c.value))}" rx="3" fill="${PALETTE.primary}"/>
        <text x="${n(cx + 6)}" y="${n(base - h(c.value) - 7)}" text-anchor="middle" class="point-value">${c.value}</text>
        ${label(cx, base + 18, c.label, 'middle', 'axis-label')}
        ${c.sublabel ? label(cx, base + 34, c.sublabel, 'middle', 'axis') : ''}
      </g>`;
    })
    .join('');
  const axis = `<line x1="${pad.left}" x2="${W - pad.right}" y1="${base}" y2="${base}" stroke="${PALETTE.grid}" stroke-width="2"/>`;
  return svgFrame({ id, title, width: W, height: H, values: columns.map((c) => c.value) }, axis + body);
}
