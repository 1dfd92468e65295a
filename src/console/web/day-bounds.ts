/**
 * Calendar days picked in a date field (YYYY-MM-DD) as the instants they start and end in the
 * console's time zone (settings.tz, Asia/Bahrain by default), the zone every time on the console
 * is shown in: a case the console shows as opened «8 ديسمبر، 2:58 ص» belongs to 8 December,
 * whatever zone the reader's browser (or laptop on a trip) is set to. Intl gives the offsets
 * (src/summaries/week.ts, as the weekly report's days), so any IANA zone and DST work.
 */
import { localMidnight } from '../../summaries/week';

const DAY_MS = 86_400_000;

/** The day as days since 1970-01-01, or undefined for anything that is not a real YYYY-MM-DD day. */
function civilDay(day: string | undefined): number | undefined {
  const m = day ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(day) : null;
  if (!m) return undefined;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  // Date.UTC rolls 2026-02-30 over to 2 March: such a day is refused, not moved.
  return new Date(t).toISOString().slice(0, 10) === day ? t / DAY_MS : undefined;
}

/** The first instant of the day in `tz` (ISO, UTC), or undefined when `day` is not a day. */
export function dayStart(day: string | undefined, tz: string): string | undefined {
  const c = civilDay(day);
  return c === undefined ? undefined : new Date(localMidnight(c, tz)).toISOString();
}

/** The last millisecond of the day in `tz` (the API's `to` is inclusive), or undefined. */
export function dayEnd(day: string | undefined, tz: string): string | undefined {
  const c = civilDay(day);
  return c === undefined ? undefined : new Date(localMidnight(c + 1, tz) - 1).toISOString();
}
