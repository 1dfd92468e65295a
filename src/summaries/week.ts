/**
 * Report weeks in the display time zone. A week runs from 00:00 of its first day to 00:00 seven
 * days later in `timeZone` (default Sunday to Saturday 24:00, Asia/Bahrain); the UTC bounds come
 * from Intl, so any IANA zone (and DST) works without hard-coded offsets.
 *
 * Week ids: `YYYY-Www` is an ISO 8601 week id, and it names the report week that CONTAINS THAT
 * ISO WEEK'S MONDAY. Every report week contains exactly one Monday, so ids and weeks map one to
 * one whatever day weeks start on: with Sunday weeks, 2026-W48 (ISO Monday 23 Nov 2026) is Sunday
 * 22 Nov 00:00 to Saturday 28 Nov 24:00 Bahrain time; with Monday weeks it is exactly the ISO week.
 */
import type { ReportWeekBounds, SummaryWindow } from '../domain';

/** 0 = Sunday ... 6 = Saturday. */
export type WeekdayIndex = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export interface WeekSettings {
  timeZone: string;
  weekStartsOn: WeekdayIndex;
}

export interface ReportDay {
  /** Local calendar date, YYYY-MM-DD. */
  date: string;
  /** 0 = Sunday ... 6 = Saturday. */
  weekday: number;
  /** UTC ISO of local 00:00. */
  start: string;
  end: string;
}

export interface ReportWeek {
  id: string;
  timeZone: string;
  /** UTC ISO of local 00:00 on the first day (inclusive). */
  start: string;
  /** UTC ISO of local 00:00 after the last day (exclusive). */
  end: string;
  /** First and last local dates, YYYY-MM-DD. */
  firstDate: string;
  lastDate: string;
  days: ReportDay[];
}

export class WeekParseError extends Error {}

const DAY_MS = 86_400_000;
const WEEK_ID = /^(\d{4})-W(\d{2})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A civil date as days since 1970-01-01 (no time zone involved). */
type CivilDay = number;

const civil = (y: number, m: number, d: number): CivilDay => Date.UTC(y, m - 1, d) / DAY_MS;
const civilString = (c: CivilDay): string => new Date(c * DAY_MS).toISOString().slice(0, 10);
const weekdayOf = (c: CivilDay): number => new Date(c * DAY_MS).getUTCDay();

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsIn(tz: string, t: number): Record<string, number> {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(tz, f);
  }
  const out: Record<string, number> = {};
  for (const p of f.formatToParts(new Date(t))) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out;
}

/** Local time minus UTC at instant t, in ms. */
function offsetAt(tz: string, t: number): number {
  const p = partsIn(tz, t);
  const local = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return local - Math.floor(t / 1000) * 1000;
}

/** The UTC instant of local midnight starting civil day c in tz. */
export function localMidnight(c: CivilDay, tz: string): number {
  const guess = c * DAY_MS;
  const first = guess - offsetAt(tz, guess);
  const second = guess - offsetAt(tz, first);
  return second;
}

/** The local civil day of instant t in tz. */
export function localDay(t: number, tz: string): CivilDay {
  const p = partsIn(tz, t);
  return civil(p.year, p.month, p.day);
}

/** ISO 8601 week id (YYYY-Www) of a civil day. */
export function isoWeekId(c: CivilDay): string {
  const isoWeekday = weekdayOf(c) || 7;
  const thursday = c + 4 - isoWeekday;
  const year = new Date(thursday * DAY_MS).getUTCFullYear();
  const week = Math.floor((thursday - civil(year, 1, 1)) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Monday of an ISO week id; throws WeekParseError for ids that do not exist (e.g. 2026-W54). */
export function isoWeekMonday(id: string): CivilDay {
  const m = WEEK_ID.exec(id);
  if (!m) throw new WeekParseError(`"${id}" is not a week id like 2026-W48`);
  const jan4 = civil(Number(m[1]), 1, 4);
  const monday = jan4 - ((weekdayOf(jan4) || 7) - 1) + (Number(m[2]) - 1) * 7;
  if (isoWeekId(monday) !== id) throw new WeekParseError(`week ${id} does not exist`);
  return monday;
}

function buildWeek(firstDay: CivilDay, s: WeekSettings): ReportWeek {
  const days: ReportDay[] = [];
  let start = localMidnight(firstDay, s.timeZone);
  for (let i = 0; i < 7; i++) {
    const end = localMidnight(firstDay + i + 1, s.timeZone);
    days.push({ date: civilString(firstDay + i), weekday: weekdayOf(firstDay + i), start: new Date(start).toISOString(), end: new Date(end).toISOString() });
    start = end;
  }
  const monday = firstDay + ((1 - s.weekStartsOn + 7) % 7);
  return {
    id: isoWeekId(monday),
    timeZone: s.timeZone,
    start: days[0].start,
    end: days[6].end,
    firstDate: days[0].date,
    lastDate: days[6].date,
    days,
  };
}

/** The week containing instant t. */
export function weekContaining(t: Date, s: WeekSettings): ReportWeek {
  const day = localDay(t.getTime(), s.timeZone);
  return buildWeek(day - ((weekdayOf(day) - s.weekStartsOn + 7) % 7), s);
}

/** The week named by an ISO week id (see the module comment). */
export function weekById(id: string, s: WeekSettings): ReportWeek {
  const monday = isoWeekMonday(id);
  return buildWeek(monday - ((1 - s.weekStartsOn + 7) % 7), s);
}

export function previousWeek(w: ReportWeek, s: WeekSettings): ReportWeek {
  return weekContaining(new Date(Date.parse(w.start) - 1), s);
}

/** The last week that has fully ended at `now`. */
export function lastCompleteWeek(now: Date, s: WeekSettings): ReportWeek {
  return previousWeek(weekContaining(now, s), s);
}

/**
 * Reads a week argument: `last` (default: the last complete week), `current`, an ISO week id
 * (2026-W48) or a local date (2026-11-25: the week containing it).
 */
export function parseWeek(arg: string | undefined, now: Date, s: WeekSettings): ReportWeek {
  const a = (arg ?? 'last').trim();
  if (a === '' || a === 'last') return lastCompleteWeek(now, s);
  if (a === 'current' || a === 'this') return weekContaining(now, s);
  if (WEEK_ID.test(a.toUpperCase())) return weekById(a.toUpperCase(), s);
  const d = DATE.exec(a);
  if (d) {
    const c = civil(Number(d[1]), Number(d[2]), Number(d[3]));
    if (civilString(c) !== a) throw new WeekParseError(`"${a}" is not a valid date`);
    return buildWeek(c - ((weekdayOf(c) - s.weekStartsOn + 7) % 7), s);
  }
  throw new WeekParseError(`"${a}" is not a week: use last, current, an ISO week id like 2026-W48 or a date like 2026-11-25`);
}

/**
 * The UTC bounds of every report week from `fromYear` up to `toYear` (exclusive): what a store that
 * pre-aggregates per week is handed (SummaryStore.useReportWeeks). The default span covers any
 * post a channel can return; a week outside it is still summarized, from the raw figures.
 */
export function reportWeekBounds(s: WeekSettings, fromYear = 2006, toYear = 2076): ReportWeekBounds[] {
  const first = weekContaining(new Date(Date.UTC(fromYear, 0, 1)), s).firstDate;
  const bounds: ReportWeekBounds[] = [];
  const limit = Date.UTC(toYear, 0, 1);
  let day = civil(Number(first.slice(0, 4)), Number(first.slice(5, 7)), Number(first.slice(8, 10)));
  let start = localMidnight(day, s.timeZone);
  while (start < limit) {
    const end = localMidnight(day + 7, s.timeZone);
    bounds.push({ start: new Date(start).toISOString(), end: new Date(end).toISOString() });
    day += 7;
    start = end;
  }
  return bounds;
}

/** The store's view of a week: bounds and day starts. */
export function toSummaryWindow(w: ReportWeek): SummaryWindow {
  return { start: w.start, end: w.end, dayStarts: [...w.days.map((d) => d.start), w.end] };
}

const WEEKDAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** Parses a weekday name (SUMMARY_WEEK_START), e.g. 'sunday'. */
export function parseWeekday(name: string): WeekdayIndex {
  const i = WEEKDAY_NAMES.indexOf(name.trim().toLowerCase());
  if (i < 0) throw new WeekParseError(`"${name}" is not a weekday name such as sunday`);
  return i as WeekdayIndex;
}
