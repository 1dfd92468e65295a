/**
 * The weekly summary record: what is stored in the history, served as JSON, and rendered to CSV
 * and HTML. Every figure carries its value, last week's value and the change (see change.ts).
 * Durations are in seconds, rates and shares are fractions (0.75 = 75 %), times are UTC ISO.
 */
import type { EngagedMention, OwnPostSummary } from './store/summary-store';
import type { Change, KeyedChange } from './change';
import type { ComplaintMap } from '../map/map-data';
import type { SummarySources } from './summary-sources';
import type { TopTerm } from './top-terms';

/**
 * 2: adds complaintMap. 3: response figures count people's replies only (not automatic notices),
 * and `sources` says what was counted. A stored record of another version is rebuilt when read.
 */
export const SUMMARY_SCHEMA_VERSION = 3;

export interface WeekRef {
  id: string;
  start: string;
  end: string;
  firstDate: string;
  lastDate: string;
}

export interface DayChange extends Change {
  date: string;
  weekday: number;
}

export interface ResponseGroupChange {
  key: string | null;
  needingReply: Change;
  answered: Change;
  responseRate: Change;
  withinSlaShare: Change;
  medianSeconds: Change;
  p90Seconds: Change;
}

export interface BucketChange extends Change {
  fromSeconds: number;
  toSeconds: number | null;
}

export interface OwnPostChannelChange {
  key: string | null;
  posts: Change;
  engagement: Change;
  impressions: Change;
}

export interface WeeklySummary {
  schemaVersion: typeof SUMMARY_SCHEMA_VERSION;
  week: WeekRef & { timeZone: string; days: { date: string; weekday: number }[] };
  previousWeek: WeekRef;
  generatedAt: string;
  /**
   * When the history first kept this week's summary, if this one was made again since (late posts
   * or replies changed what it counts): an e-mailed or printed copy may show other figures.
   */
  firstGeneratedAt?: string;
  /** What it counted, read before its figures: a stored summary whose sources changed is made again. */
  sources: SummarySources;
  /** The week had not ended when this was generated. */
  partial: boolean;
  /** Nothing happened: no mentions, replies, cases or own posts. */
  empty: boolean;
  settings: { responseSlaMinutes: Record<string, number>; slaTarget: number };
  mentions: {
    total: Change;
    relevant: Change;
    notRelevant: Change;
    uniqueAuthors: Change;
    byChannel: KeyedChange[];
    byDomain: KeyedChange[];
    byIntent: KeyedChange[];
    byUrgency: KeyedChange[];
    bySentiment: KeyedChange[];
    /** Each day against the same weekday of the previous week. */
    byDay: DayChange[];
    topAreas: KeyedChange[];
    topBlocks: KeyedChange[];
    mostEngaged: EngagedMention[];
  };
  responses: {
    /** False before the reply store exists: answered counts come from mention status only. */
    available: boolean;
    needingReply: Change;
    answered: Change;
    responseRate: Change;
    withinSla: Change;
    withinSlaShare: Change;
    /** Replies sent during the week (any mention). */
    repliesSent: Change;
    firstResponse: { count: Change; medianSeconds: Change; p90Seconds: Change };
    byChannel: ResponseGroupChange[];
    byDomain: ResponseGroupChange[];
    distribution: BucketChange[];
  };
  cases: {
    available: boolean;
    opened: Change;
    resolved: Change;
    closed: Change;
    openAtEnd: Change;
    overdueAtEnd: Change;
    resolvedWithinSlaShare: Change;
    medianSecondsToResolve: Change;
    p90SecondsToResolve: Change;
    openedByUnit: KeyedChange[];
    openedByDomain: KeyedChange[];
    resolvedByUnit: KeyedChange[];
    openedByArea: KeyedChange[];
  };
  replies: {
    available: boolean;
    sent: Change;
    byAgent: KeyedChange[];
    byTemplate: KeyedChange[];
  };
  ownPosts: {
    posts: Change;
    likes: Change;
    replies: Change;
    reposts: Change;
    impressions: Change;
    /** (likes + replies + reposts) / impressions over posts that report impressions. */
    engagementRate: Change;
    byChannel: OwnPostChannelChange[];
    best: OwnPostSummary[];
  };
  /**
   * `sampled`: counted over a sample of the weeks' texts of `sampleSize` (and `previousSampleSize`)
   * mentions; false: over all the weeks' relevant mentions, that many. Absent in summaries stored
   * before term counts existed (they were sampled).
   */
  topTerms: { sampled?: boolean; sampleSize: number; previousSampleSize: number; terms: TopTerm[] };
  /** The week's complaint mentions per area and domain for the map, areas it cannot place, busiest blocks. */
  complaintMap: ComplaintMap;
}

/** The few figures kept next to each summary in the history list. */
export function headlineOf(s: WeeklySummary): Record<string, number | null> {
  return {
    mentions: s.mentions.total.value,
    relevant: s.mentions.relevant.value,
    needingReply: s.responses.needingReply.value,
    responseRate: s.responses.responseRate.value,
    medianFirstResponseSeconds: s.responses.firstResponse.medianSeconds.value,
    withinSlaShare: s.responses.withinSlaShare.value,
    casesOpened: s.cases.opened.value,
    overdueAtEnd: s.cases.overdueAtEnd.value,
    ownPosts: s.ownPosts.posts.value,
  };
}
