/**
 * Mention volume figures of one report week from the week rollup week_counts: every count,
 * the distinct authors and the complaint places are one read of the week's few hundred rows; the
 * local days are sums of its UTC hours. Only the most engaged still come from the mentions (the
 * per-hour index, mention-figures.ts).
 */
import type { MentionCounts, SummaryWindow } from '../summary-store';
import type { Db } from '../../../store/sqlite/open-database';
import { countFigures, keyedOf } from './keyed-counts';
import { addDimCount, type DimCounts } from '../../../store/sqlite/summary/rollup-counts';

/**
 * dim → key → count of the week; only positive counts (rows at 0 stay after decrements). Read as
 * one JSON array: better-sqlite3 builds an object per row several times slower than JSON.parse.
 */
function weekCounts(db: Db, week: string): DimCounts {
  const json = db.prepare('SELECT json_group_array(json_array(dim, key, n)) FROM week_counts WHERE week = ? AND n > 0').pluck().get(week) as string;
  const out: DimCounts = new Map();
  for (const [dim, key, n] of JSON.parse(json) as [string, string, number][]) addDimCount(out, dim, key, n);
  return out;
}

/**
 * Counts per day from counts per UTC hour, or null when a day does not start on a whole UTC hour
 * (half- and quarter-hour zones): those days are counted from the hourly cube and its edges.
 */
function daysFromHours(w: SummaryWindow, hours: Map<string, number>): number[] | null {
  if (!w.dayStarts.every((d) => /T\d\d:00:00(\.000)?Z$/.test(d))) return null;
  const starts = w.dayStarts.map((d) => d.slice(0, 13));
  const byDay = new Array<number>(w.dayStarts.length - 1).fill(0);
  for (const [hour, n] of hours) {
    const day = starts.findIndex((s, i) => i < byDay.length && hour >= s && hour < starts[i + 1]);
    if (day >= 0) byDay[day] += n;
  }
  return byDay;
}

export type WeekMentionFigures = Omit<MentionCounts, 'mostEngaged' | 'byDay'> & { byDay: number[] | null };

export function weekMentionFigures(db: Db, w: SummaryWindow): WeekMentionFigures {
  const counts = weekCounts(db, w.start);
  return {
    ...countFigures(counts),
    uniqueAuthors: counts.get('authors')?.get('') ?? 0,
    byDay: daysFromHours(w, counts.get('hour') ?? new Map()),
    complaintsByArea: keyedOf(counts.get('area')),
    complaintsByBlock: keyedOf(counts.get('block')),
  };
}
