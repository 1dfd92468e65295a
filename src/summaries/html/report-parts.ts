/** Building blocks of the HTML report: bilingual labels, change badges, KPI cards and tables. */
import type { Change } from '../change';
import { esc } from '../charts/svg';
import { formatDuration, formatInt, formatPct, type Label } from '../labels';

/** Whether a rise is good news (response rate), bad news (response time) or neither (volume). */
export type Polarity = 'up' | 'down' | 'neutral';
export type Kind = 'count' | 'rate' | 'duration';

export const bi = (l: Label): string => (l.ar === l.en ? esc(l.ar) : `${esc(l.ar)}<span class="en">${esc(l.en)}</span>`);

/** A number as shown in the report, isolated left-to-right so signs and % stay in place. */
export function formatValue(v: number | null, kind: Kind): string {
  if (kind === 'rate') return `<bdi dir="ltr">${formatPct(v)}</bdi>`;
  if (kind === 'duration') {
    const d = formatDuration(v);
    return `<bdi>${esc(d.ar)}</bdi>`;
  }
  return `<bdi dir="ltr">${formatInt(v)}</bdi>`;
}

/** The size of a change, without sign (the arrow carries the direction). */
function changeAmount(c: Change, kind: Kind): string {
  const abs = Math.abs(c.change as number);
  if (kind === 'rate') return `<bdi dir="ltr">${(abs * 100).toFixed(1)} pp</bdi>`;
  if (kind === 'duration') return `<bdi>${esc(formatDuration(abs).ar)}</bdi>`;
  return `<bdi dir="ltr">${formatInt(abs)}${c.changePct !== null ? ` (${formatPct(Math.abs(c.changePct))})` : ''}</bdi>`;
}

/** "▲ 3 (25%)" coloured by whether the move is good news; compact drops the words. */
export function deltaBadge(c: Change, kind: Kind, polarity: Polarity, compact = false): string {
  if (c.change === null) return compact ? '<span class="delta neutral">—</span>' : `<span class="delta neutral">— لا مقارنة <span class="en">no comparison</span></span>`;
  if (c.change === 0) return compact ? '<span class="delta neutral">=</span>' : `<span class="delta neutral">= دون تغيير <span class="en">no change</span></span>`;
  const up = c.change > 0;
  const tone = polarity === 'neutral' ? 'neutral' : (polarity === 'up') === up ? 'good' : 'bad';
  const words = compact ? '' : ` <span class="en">vs last week</span>`;
  return `<span class="delta ${tone}">${up ? '▲' : '▼'} ${changeAmount(c, kind)}${words}</span>`;
}

export function kpiCard(label: Label, c: Change, kind: Kind, polarity: Polarity, extra = ''): string {
  const en = kind === 'duration' && c.value !== null ? `<span class="en">${esc(formatDuration(c.value).en)}</span>` : '';
  return `<div class="kpi"><div class="label">${bi(label)}</div>
    <div class="value">${formatValue(c.value, kind)}${en}</div>${deltaBadge(c, kind, polarity)}${extra}</div>`;
}

export interface Column<R> {
  head: Label;
  cell: (row: R) => string;
  num?: boolean;
}

export function table<R>(columns: Column<R>[], rows: R[], emptyText: Label = { ar: 'لا توجد بيانات', en: 'No data' }): string {
  const head = columns.map((c) => `<th${c.num ? ' class="num"' : ''}>${esc(c.head.ar)}<span class="en">${esc(c.head.en)}</span></th>`).join('');
  const body = rows.length
    ? rows.map((r) => `<tr>${columns.map((c) => `<td${c.num ? ' class="num"' : ''}>${c.cell(r)}</td>`).join('')}</tr>`).join('')
    : `<tr><td colspan="${columns.length}" class="muted">${bi(emptyText)}</td></tr>`;
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

/** Value and change in one cell, for tables of groups. */
export function valueWithDelta(c: Change, kind: Kind, polarity: Polarity): string {
  return `${formatValue(c.value, kind)}<br>${deltaBadge(c, kind, polarity, true)}`;
}

/**
 * A heading and the table or list under it, kept together when printed (class keep: break-inside
 * avoid), so no heading is left at the foot of a page with its table on the next.
 */
export function headed(heading: Label, body: string): string {
  return `<div class="keep"><h3>${bi(heading)}</h3>${body}</div>`;
}

export function figure(caption: Label, svg: string, legend = ''): string {
  return `<figure><figcaption>${bi(caption)}</figcaption>${svg}${legend}</figure>`;
}

export const LEGEND_WEEKS = `<div class="legend"><span class="swatch"></span>هذا الأسبوع <span class="en">this week</span>
  &nbsp; <span class="swatch prev"></span>الأسبوع الماضي <span class="en">last week</span></div>`;
