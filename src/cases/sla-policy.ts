/**
 * Service-level targets: when a case is due, by urgency. A breach is computed from the clock,
 * never stored, so changing the hours or the time of day never leaves stale flags behind.
 */
import type { Case, Urgency } from '../domain';

export type SlaHours = Record<Urgency, number>;

export const DEFAULT_SLA_HOURS: SlaHours = { high: 4, medium: 24, low: 72 };

export function slaDueAt(openedAt: string, urgency: Urgency, hours: SlaHours): string {
  return new Date(Date.parse(openedAt) + hours[urgency] * 3_600_000).toISOString();
}

/** Still waiting for resolution after its due time. Resolved and closed cases are never overdue. */
export function isOverdue(c: Pick<Case, 'status' | 'slaDueAt'>, now: Date): boolean {
  return (c.status === 'open' || c.status === 'in_progress') && Date.parse(c.slaDueAt) < now.getTime();
}

/** The calendar year of a moment in the display time zone (case numbers restart each year). */
const yearFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar year of `at` in the zone (formatters are costly to build: one per zone). */
export function yearIn(at: Date, timeZone: string): number {
  let format = yearFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en', { timeZone, year: 'numeric' });
    yearFormats.set(timeZone, format);
  }
  return Number(format.format(at));
}
