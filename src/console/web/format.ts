/** Dates, durations and numbers in the display time zone and the console's language. */
import type { Lang } from './i18n';
import { settings } from './settings';

/** Western digits in both languages: case numbers, roads and blocks are written that way here. */
const locale = (lang: Lang) => (lang === 'ar' ? 'ar-BH-u-nu-latn' : 'en-GB');

export function formatDateTime(iso: string | undefined | null, lang: Lang): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  return new Intl.DateTimeFormat(locale(lang), { timeZone: settings.tz, dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

export function formatTime(iso: string | Date, lang: Lang): string {
  // The time as formatDateTime writes it ("8:06 م", "08:06"): the same style, not 2-digit hours.
  return new Intl.DateTimeFormat(locale(lang), { timeZone: settings.tz, timeStyle: 'short' }).format(new Date(iso));
}

/**
 * A report week's days, "29 Nov – 5 Dec 2026" / «29 نوفمبر – 5 ديسمبر 2026»: month names keep the
 * short form readable in a phone's week list, and in Arabic each number sits beside a word, so
 * the range reads right to left without direction marks. Days are calendar dates (YYYY-MM-DD).
 */
export function formatDayRange(firstDate: string, lastDate: string, lang: Lang): string {
  const day = (d: string) => new Date(`${d}T12:00:00Z`);
  const sameYear = firstDate.slice(0, 4) === lastDate.slice(0, 4);
  const from = new Intl.DateTimeFormat(locale(lang), { timeZone: 'UTC', day: 'numeric', month: 'short', ...(sameYear ? {} : { year: 'numeric' }) }).format(day(firstDate));
  const to = new Intl.DateTimeFormat(locale(lang), { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' }).format(day(lastDate));
  return `${from} – ${to}`;
}

export function formatNumber(n: number | undefined | null, lang: Lang): string {
  if (n === undefined || n === null) return '—';
  return new Intl.NumberFormat(locale(lang), { notation: n >= 100_000 ? 'compact' : 'standard' }).format(n);
}

/**
 * Arabic duals after a preposition («ينتظر منذ يومين»): ICU gives the nominative («يومان»), and
 * the console shows a duration only after «منذ».
 */
const ARABIC_DUAL_AFTER_PREPOSITION = { minute: 'دقيقتين', hour: 'ساعتين', day: 'يومين' } as const;

/** "3 h", "2 d", "15 min" in the console's language. */
export function formatDuration(ms: number, lang: Lang): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  const fmt = (value: number, unit: 'minute' | 'hour' | 'day') =>
    lang === 'ar' && value === 2 ? ARABIC_DUAL_AFTER_PREPOSITION[unit] : new Intl.NumberFormat(locale(lang), { style: 'unit', unit, unitDisplay: 'short' }).format(value);
  if (minutes < 60) return fmt(minutes, 'minute');
  if (minutes < 48 * 60) return fmt(Math.floor(minutes / 60), 'hour');
  return fmt(Math.floor(minutes / 1440), 'day');
}

export type SlaState = 'ok' | 'soon' | 'late';

/** Late past the target; "soon" in its last quarter. */
export function slaState(waitedMs: number, targetHours: number): SlaState {
  const target = targetHours * 3_600_000;
  if (waitedMs >= target) return 'late';
  if (waitedMs >= target * 0.75) return 'soon';
  return 'ok';
}
