/**
 * The weekly summary's records that storage keeps or counts by: a time window, a configured report
 * week, the response-time buckets the rollups count in, and a generated summary as the history
 * keeps it. The summaries feature (src/summaries) builds the figures on top of these.
 */

/** A time window for the figures. */
export interface SummaryWindow {
  /** UTC ISO, inclusive. */
  start: string;
  /** UTC ISO, exclusive. */
  end: string;
  /** N+1 UTC ISO instants, dayStarts[0] = start and dayStarts[N] = end. */
  dayStarts: string[];
}

/** One report week's UTC bounds: start inclusive, end exclusive. */
export interface ReportWeekBounds {
  start: string;
  end: string;
}

/** Upper bounds of the response-time distribution buckets (seconds); the last bucket is open. */
export const RESPONSE_TIME_BUCKETS: readonly number[] = [15 * 60, 60 * 60, 4 * 3600, 24 * 3600, 72 * 3600];

/** A generated summary as kept in the history. The record is the summaries feature's JSON. */
export interface StoredSummary {
  /** e.g. 2026-W48 (see src/summaries/week.ts for what a week id means). */
  weekId: string;
  start: string;
  end: string;
  generatedAt: string;
  /** Version of the record layout, so old records can be told apart. */
  schemaVersion: number;
  /** A few headline figures for lists (mentions, responseRate, ...). */
  headline: Record<string, number | null>;
  record: unknown;
  /** When the e-mail went out; absent when not delivered (yet). */
  deliveredAt?: string;
}

export type SummaryListItem = Omit<StoredSummary, 'record'>;
