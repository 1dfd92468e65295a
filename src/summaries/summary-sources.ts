/**
 * What a summary counted, as the store's source marks of its week and of the previous week it
 * compares with (SummaryStore.sourceMarks): kept in the record, so a stored summary can tell
 * cheaply that a reply was sent, a case was opened in or before the week or its history got an
 * entry dated in or before the week, a mention arrived or changed status, or an own post's
 * metrics moved since it was made, and is made again. (A case change dated after the week, such
 * as a reopen, moves none of the week's figures, nor its marks.) The console, its CSV and JSON
 * and the CLI then give the same numbers for the same week.
 */
import type { SummarySourceMarks, SummaryStore } from './store/summary-store';
import { toSummaryWindow, type ReportWeek } from './week';

export interface SummarySources {
  week: SummarySourceMarks;
  previousWeek: SummarySourceMarks;
}

export async function summarySourcesOf(store: SummaryStore, week: ReportWeek, previous: ReportWeek): Promise<SummarySources> {
  return { week: await store.sourceMarks(toSummaryWindow(week)), previousWeek: await store.sourceMarks(toSummaryWindow(previous)) };
}

const MARK_KEYS: readonly (keyof SummarySourceMarks)[] = [
  'mentions',
  'lastMentionChangeAt',
  'repliesSent',
  'lastReplySentAt',
  'cases',
  'lastCaseChangeAt',
  'ownPosts',
  'ownPostMetrics',
];

const sameMarks = (a: SummarySourceMarks, b: SummarySourceMarks) => MARK_KEYS.every((k) => a[k] === b[k]);

/** False when either week's marks differ, or a summary kept none (made before they were kept). */
export function sameSources(kept: SummarySources | undefined, now: SummarySources): boolean {
  return kept !== undefined && sameMarks(kept.week, now.week) && sameMarks(kept.previousWeek, now.previousWeek);
}
