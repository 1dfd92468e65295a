/**
 * Horizontal bars for counts by group, growing from the right (the Arabic reading start), with a
 * thin marker at last week's value so the change is visible at a glance.
 */
import { PALETTE, esc, label, n, niceMax, svgFrame } from './svg';

export interface Bar {
  label: string;
  sublabel?: string;
  value: number;
  previous?: number;
}

export function barChart(id: string, title: string, bars: Bar[], opts: { color?: string; width?: number } = {}): string {
  const W = opts.width ?? 640;
  const rowH = 34;
  const labelW = Math.round(W * 0.44);
  const pad = { top: 10, bottom: 10, left: 34 };
  const H = pad.top + pad.bottom + Math.max(bars.length, 1) * rowH;
  const max = niceMax(Math.max(...bars.map((b) => Math.max(b.value, b.previous ?? 0)), 0));
  const right = W - labelW;
  const plotW = right - pad.left;
  const width = (v: number) => (v / max) * plotW;
  const rows = bars
    .map((b, i) => {
      const top = pad.top + i * rowH;
      const w = width(b.value);
      const prev = b.previous === undefined ? '' : `<line x1="${n(right - width(b.previous))}" x2="${n(right - width(b.previous))}" y1="${top + 4}" y2="${top + rowH - 8}"
          stroke="${PALETTE.text}" stroke-width="2" class="previous-marker"><title>${esc(`${b.previous}`)}</title></line>`;
      return `<g class="bar">
        ${label(W - 4, top + 15, b.label, 'right', 'bar-label')}
        ${b.sublabel ? label(W - 4, top + 28, b.sublabel, 'right', 'axis') : ''}
        <rect x="${n(right - w)}" y="${top + 6}" width="${n(Math.max(w, b.value > 0 ? 2 : 0))}" height="${rowH - 14}" rx="3" fill="${opts.color ?? PALETTE.primary}"/>
        ${prev}
        <text x="${n(right - w - 6)}" y="${top + 21}" text-anchor="end" class="bar-value">${b.value}</text>
      </g>`;
    })
    .join('');
  const axis = `<line x1="${right}" x2="${right}" y1="${pad.top}" y2="${H - pad.bottom}" stroke="${PALETTE.grid}" stroke-width="2"/>`;
  return svgFrame({ id, title, width: W, height: H, values: bars.map((b) => b.value) }, axis + rows);
}
