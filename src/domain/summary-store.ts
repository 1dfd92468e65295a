/**
 * The SummaryStore port part: the weekly engagement figures, computed IN the store (SQL GROUP BY
 * on SQLite, aggregation pipelines on MongoDB) for one time window, plus the history of generated
 * summaries. The reports layer (src/reports) calls each figure method twice (this week and the
 * previous one) and works out the changes; it never loads every mention.
 *
 * Definitions every adapter must follow exactly (the contract suite checks them):
 * - A window is [start, end) in UTC ISO strings; a mention belongs to it by `createdAt` (when the
 *   citizen posted), a reply by `sentAt`, a case event by its own time, an own post by `createdAt`.
 * - Days: `dayStarts` holds N+1 increasing UTC instants; day i is [dayStarts[i], dayStarts[i+1]).
 *   They are local midnights of the display time zone, computed by the caller.
 * - "Channel" is the mention's `network` (x, instagram, rss ...), not the polling channel.
 * - Needing a reply: relevant, replyable, and status `needs_reply` or `replied`, or already
 *   answered. Answered: at least one reply in state `sent`. First response = the earliest `sentAt`
 *   of its sent replies (wherever the reply store records it) minus the mention's `createdAt`, in
 *   whole seconds (each instant truncated to the second). Replies sent at any time count, also
 *   after the window ended.
 * - Within SLA: answered with firstResponseSeconds <= responseSlaSeconds[urgency]. The share is
 *   over all mentions needing a reply (an unanswered mention is not within SLA).
 * - Median: the middle value, or the mean of the two middle values for an even count.
 *   p90: nearest rank, the value at 1-based rank ceil(0.9 × n) of the ascending values.
 *   Both null when there are no values.
 * - Missing tables (replies or cases not created yet) give zero counts and `available: false`.
 */
import type { Urgency } from './classification';

/** A time window for the figures. */
export interface SummaryWindow {
  /** UTC ISO, inclusive. */
  start: string;
  /** UTC ISO, exclusive. */
  end: string;
  /** N+1 UTC ISO instants, dayStarts[0] = start and dayStarts[N] = end. */
  dayStarts: string[];
}

/** A candidate top term with its counts over this week's mentions and the previous week's. */
export interface TermCandidate {
  /** Normalized form (what is counted). */
  term: string;
  /** Occurrences in this week's mentions. */
  count: number;
  /** This week's mentions containing it. */
  documents: number;
  previousDocuments: number;
  /** The most frequent original spelling (the term itself when none is known). */
  spelling: string;
}

/** Top-term candidates counted over every relevant mention of a week (see weekTermCounts). */
export interface WeekTermCounts {
  /** Relevant mentions of the week, and of the previous week. */
  documents: number;
  previousDocuments: number;
  /** The most frequent terms found in two mentions or more, most frequent first. */
  candidates: TermCandidate[];
}

/** One report week's UTC bounds: start inclusive, end exclusive. */
export interface ReportWeekBounds {
  start: string;
  end: string;
}

export interface SummaryQueryOptions {
  /** First-response target per urgency, in seconds. */
  responseSlaSeconds: Record<Urgency, number>;
  /** How many items in ranked lists (most-engaged mentions, best own posts). */
  topN: number;
}

/** One group of a GROUP BY: the key (null when the field is empty) and how many. */
export interface KeyedCount {
  key: string | null;
  count: number;
}

/** Median and p90 of a set of durations, in seconds. */
export interface DurationStats {
  count: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
}

export interface EngagedMention {
  id: string;
  network: string;
  url?: string;
  authorHandle: string;
  text: string;
  createdAt: string;
  engagement: number;
  domain: string | null;
}

export interface MentionFigures {
  total: number;
  relevant: number;
  /** Distinct (network, author id) pairs. */
  uniqueAuthors: number;
  byChannel: KeyedCount[];
  /** key = primary domain, null for none. */
  byDomain: KeyedCount[];
  byIntent: KeyedCount[];
  byUrgency: KeyedCount[];
  bySentiment: KeyedCount[];
  /** One count per day of the window, in order (length = dayStarts.length - 1). */
  byDay: number[];
  /** Complaints (intent complaint) grouped by location area; every non-empty group. */
  complaintsByArea: KeyedCount[];
  /** Complaints grouped by block number; every non-empty group. */
  complaintsByBlock: KeyedCount[];
  /** Relevant mentions, highest engagement (likes + replies + reposts + quotes) first; at most topN. */
  mostEngaged: EngagedMention[];
}

export interface ResponseGroup extends DurationStats {
  key: string | null;
  needingReply: number;
  answered: number;
  withinSla: number;
}

/** Bucket of first-response times: [fromSeconds, toSeconds), toSeconds null = open-ended. */
export interface DurationBucket {
  fromSeconds: number;
  toSeconds: number | null;
  count: number;
}

/** Upper bounds of the response-time distribution buckets (seconds); the last bucket is open. */
export const RESPONSE_TIME_BUCKETS: readonly number[] = [15 * 60, 60 * 60, 4 * 3600, 24 * 3600, 72 * 3600];

export interface ResponseFigures {
  /** False when no reply store exists yet: counts fall back to mention status, no times. */
  available: boolean;
  needingReply: number;
  answered: number;
  withinSla: number;
  firstResponse: DurationStats;
  byChannel: ResponseGroup[];
  byDomain: ResponseGroup[];
  /** One bucket per RESPONSE_TIME_BUCKETS bound plus the open last one. */
  distribution: DurationBucket[];
}

export interface CaseFigures {
  available: boolean;
  opened: number;
  resolved: number;
  closed: number;
  /** Opened before the window end and neither resolved nor closed by then. */
  openAtEnd: number;
  /** Open at the window end with its SLA due time before the window end. */
  overdueAtEnd: number;
  /** Resolved in the window (resolvedAt - openedAt). */
  timeToResolve: DurationStats;
  /** Resolved in the window on or before their SLA due time. */
  resolvedWithinSla: number;
  openedByUnit: KeyedCount[];
  openedByDomain: KeyedCount[];
  resolvedByUnit: KeyedCount[];
  /** Cases opened in the window by location area. */
  openedByArea: KeyedCount[];
}

export interface AgentCount extends KeyedCount {
  /** Display name when the reply store knows users. */
  name?: string;
}

export interface ReplyActivityFigures {
  available: boolean;
  /** Replies whose sentAt lies in the window (any mention, any week). */
  sent: number;
  /** key = author user id ('system' for automatic replies). */
  byAgent: AgentCount[];
  /** key = template id, null for free text. */
  byTemplate: (KeyedCount & { name?: string })[];
}

export interface OwnPostSummary {
  channel: string;
  externalId: string;
  url?: string;
  text: string;
  createdAt: string;
  likes: number;
  replies: number;
  reposts: number;
  impressions: number;
}

export interface OwnPostTotals {
  key: string | null;
  posts: number;
  likes: number;
  replies: number;
  reposts: number;
  impressions: number;
  /** likes + replies + reposts of the posts that report impressions (for the engagement rate). */
  engagementWithImpressions: number;
}

export interface OwnPostFigures {
  totals: OwnPostTotals;
  /** key = channel. */
  byChannel: OwnPostTotals[];
  /** Highest likes + replies + reposts first; at most topN. */
  best: OwnPostSummary[];
}

/** A generated summary as kept in the history. The record is the reports layer's JSON. */
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

/** Complaint mentions of a window by place, for the complaints map; largest counts first. */
export interface ComplaintPlaces {
  /** Per (area, domain), either null when the complaint has none. */
  byAreaDomain: { area: string | null; domain: string | null; count: number }[];
  /** Complaints naming one of the asked blocks, per (block, area); area null when they name none. */
  byBlockArea: { block: string; area: string | null; count: number }[];
}

export interface SummaryStore {
  mentionFigures(w: SummaryWindow, opts: SummaryQueryOptions): Promise<MentionFigures>;
  responseFigures(w: SummaryWindow, opts: SummaryQueryOptions): Promise<ResponseFigures>;
  caseFigures(w: SummaryWindow, opts: SummaryQueryOptions): Promise<CaseFigures>;
  replyActivityFigures(w: SummaryWindow): Promise<ReplyActivityFigures>;
  ownPostFigures(w: SummaryWindow, opts: SummaryQueryOptions): Promise<OwnPostFigures>;
  /**
   * Texts of at most `limit` relevant mentions of the window, for top terms: all of them when
   * there are fewer, otherwise a sample spread over the window (adapter's choice, e.g. $sample).
   */
  sampleMentionTexts(w: SummaryWindow, limit: number): Promise<string[]>;
  /**
   * Complaint mentions (intent complaint) of the window by area and domain, and the areas named
   * with the given blocks (the summary's top blocks): the complaints map.
   */
  complaintPlaces(w: SummaryWindow, blocks: readonly string[]): Promise<ComplaintPlaces>;
  /**
   * The configured report weeks (from the summary settings), for a store that pre-aggregates per
   * report week; called at start. Windows that are not one of these weeks are computed as before.
   */
  useReportWeeks?(weeks: ReportWeekBounds[]): Promise<{ rebuilt: boolean }>;
  /**
   * Brings the per-week rollups that ingest leaves for later up to date (the figures do so
   * themselves; the service also calls it every minute so they have little left). Returns how
   * many mentions it counted.
   */
  catchUpRollups?(): Promise<number>;
  /**
   * Top-term candidates of `w` counted over all its relevant mentions, by a store that keeps term
   * counts per report week; null when `w` or `previous` is not such a week (then top terms come
   * from sampleMentionTexts).
   */
  weekTermCounts?(w: SummaryWindow, previous: SummaryWindow, candidates: number): Promise<WeekTermCounts | null>;

  /** Inserts or replaces the summary of that week (keeps deliveredAt unless given). */
  saveSummary(summary: StoredSummary): Promise<void>;
  getSummary(weekId: string): Promise<StoredSummary | null>;
  /** Newest week first. */
  listSummaries(limit: number): Promise<SummaryListItem[]>;
  markSummaryDelivered(weekId: string, at: string): Promise<void>;
}
