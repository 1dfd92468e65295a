/** Text in inline SVG: escaping, and numbers with at most one decimal (the map and the charts). */

export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

export const n = (v: number): string => (Math.round(v * 10) / 10).toString();
