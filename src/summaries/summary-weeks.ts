/**
 * The weeks a summary can be asked for, for the console's week picker: the current week (still
 * in progress) and the weeks before it, newest first, each marked when the history keeps its
 * summary; stored weeks older than that span are listed too. Week ids come from the server, so
 * the console never has to know how report weeks are cut (time zone, first weekday).
 */
import type { SummaryListItem } from '../domain';
import { previousWeek, weekById, weekContaining, type ReportWeek, type WeekSettings } from './week';

export interface AvailableWeek {
  week: string;
  firstDate: string;
  lastDate: string;
  /** The week has not ended yet: its summary is partial. */
  current: boolean;
  /** The history keeps its summary (made at this time). */
  generatedAt?: string;
}

export interface AvailableWeeks {
  /** The week `last` names: the last complete one. */
  last: string;
  items: AvailableWeek[];
}

export function availableWeeks(now: Date, settings: WeekSettings, stored: SummaryListItem[], count: number): AvailableWeeks {
  const storedById = new Map(stored.map((s) => [s.weekId, s]));
  const weeks: ReportWeek[] = [];
  for (let w = weekContaining(now, settings); weeks.length < count; w = previousWeek(w, settings)) weeks.push(w);
  const listed = new Set(weeks.map((w) => w.id));
  // Stored ids were made by weekById, so they read back.
  for (const s of stored) if (!listed.has(s.weekId)) weeks.push(weekById(s.weekId, settings));
  weeks.sort((a, b) => (a.start < b.start ? 1 : a.start > b.start ? -1 : 0));
  const current = weekContaining(now, settings).id;
  return {
    last: previousWeek(weekContaining(now, settings), settings).id,
    items: weeks.map((w) => ({
      week: w.id,
      firstDate: w.firstDate,
      lastDate: w.lastDate,
      current: w.id === current,
      ...(storedById.get(w.id) ? { generatedAt: storedById.get(w.id)?.generatedAt } : {}),
    })),
  };
}
