/** Small shared pieces of the inline SVG charts: escaping, scales and the chart frame. */
import { esc, n } from '../../map/svg-text';

export { esc, n };

/** A round axis maximum at or above `max` (1, 2, 2.5, 5 × 10^k). */
export function niceMax(max: number): number {
  if (max <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= max) return m * p;
  return 10 * p;
}

export const PALETTE = {
  primary: '#0b5563',
  primarySoft: '#d6ebee',
  accent: '#b8860b',
  previous: '#9aa5b1',
  grid: '#e3e8ee',
  text: '#1f2933',
  muted: '#616e7c',
  good: '#1e7b4f',
  bad: '#b42318',
  warn: '#c47f00',
};

export interface ChartFrame {
  /** data-chart attribute: what the chart shows. */
  id: string;
  title: string;
  width: number;
  height: number;
  /** The plotted numbers, written to data-values so tests (and readers) can check them. */
  values: number[];
}

/** Wraps chart content in an accessible, self-describing <svg>. Text runs left-to-right inside. */
export function svgFrame(f: ChartFrame, body: string): string {
  const empty = f.values.every((v) => v === 0);
  const content = empty
    ? `<text x="${f.width / 2}" y="${f.height / 2}" text-anchor="middle" class="chart-empty">لا توجد بيانات · No data</text>`
    : body;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${f.width} ${f.height}" width="100%" role="img" direction="ltr"
    aria-label="${esc(f.title)}" data-chart="${esc(f.id)}" data-values="${f.values.join(',')}" data-empty="${empty}"
    preserveAspectRatio="xMidYMid meet"><title>${esc(f.title)}</title>${content}</svg>`;
}

const ARABIC = /[\u0600-\u06FF]/;

/**
 * A text label placed by its visual edge. Arabic text is laid out right-to-left (so "الهدف 90%"
 * keeps its order) and text-anchor is mapped accordingly, since start/end follow the direction.
 */
export function label(x: number, y: number, text: string, anchor: 'left' | 'right' | 'middle', cls: string, extra = ''): string {
  const rtl = ARABIC.test(text);
  const a = anchor === 'middle' ? 'middle' : (anchor === 'right') === rtl ? 'start' : 'end';
  return `<text x="${n(x)}" y="${n(y)}" text-anchor="${a}"${rtl ? ' direction="rtl"' : ''} class="${cls}"${extra}>${esc(text)}</text>`;
}
