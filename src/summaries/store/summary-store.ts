/**
 * The SummaryStore port: what storage must answer for the weekly summary. Counts and rows of one
 * time window, computed IN the store (SQL GROUP BY and rollups on SQLite, aggregation pipelines on
 * MongoDB), the upkeep of the per-week rollups, and the history of generated summaries. The
 * figures themselves (orders, totals, buckets, the response rate, the changes against the
 * previous week) are worked out once in the feature from these counts (src/summaries/figures/).
 *
 * Definitions every adapter must follow exactly (the contract suite checks them):
 * - A window is [start, end) in UTC ISO strings; a mention belongs to it by `createdAt` (when the
 *   citizen posted), a reply by `sentAt`, a case event by its own time, an own post by `createdAt`.
 * - Days: `dayStarts` holds N+1 increasing UTC instants; day i is [dayStarts[i], dayStarts[i+1]).
 *   They are local midnights of the display time zone, computed by the caller.
 * - "Channel" is the mention's `network` (x, instagram, rss ...), not the polling channel.
 * - Needing a reply: relevant, replyable, and status `needs_reply` or `replied`, or already
 *   answered. Answered: at least one reply in state `sent` written by a person (purpose `agent`;
 *   a reply without a purpose is a person's): the service's automatic notices (`case_ack`,
 *   `case_status`, author 'system') are not an answer. First response = the earliest `sentAt`
 *   of those replies (wherever the reply store records it) minus the mention's `createdAt`, in
 *   whole seconds (each instant truncated to the second). Replies sent at any time count, also
 *   after the window ended.
 * - Within SLA: answered with firstResponseSeconds <= responseSlaSeconds[urgency].
 * - Median: the middle value, or the mean of the two middle values for an even count.
 *   p90: nearest rank, the value at 1-based rank ceil(0.9 × n) of the ascending values.
 *   Both null when there are no values. They stay in the store: it finds the ranks from its
 *   indexes and rollups without handing every duration of the week to the application.
 * - Keyed counts may come in any order; an empty group may be left out.
 * - Missing tables (replies or cases not created yet) give zero counts and `available: false`.
 * - Case figures describe the window as it happened: they read the case history as of the
 *   window (rules in case-history-rules.ts), never the case's current status, due time or unit.
 */
import type { Urgency } from '../../domain/classification';
import type { ReportWeekBounds, StoredSummary, SummaryListItem, SummaryWindow } from '../../domain/summary-week';

export type { ReportWeekBounds, StoredSummary, SummaryListItem, SummaryWindow } from '../../domain/summary-week';
export { RESPONSE_TIME_BUCKETS } from '../../domain/summary-week';

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

/** The window's mentions counted. */
export interface MentionCounts {
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
  /** Complaints (intent complaint) per location area; areas named, no empty key. */
  complaintsByArea: KeyedCount[];
  /** Complaints per block number; blocks named, no empty key. */
  complaintsByBlock: KeyedCount[];
  /**
   * Relevant mentions with engagement (likes + replies + reposts + quotes) above 0, highest first,
   * then newest, then id; at most topN.
   */
  mostEngaged: EngagedMention[];
}

/** Mentions needing a reply in one group (all of them, a channel or a domain), and how fast. */
export interface ResponseGroup extends DurationStats {
  key: string | null;
  needingReply: number;
  answered: number;
  withinSla: number;
}

/** The window's mentions needing a reply counted: overall, per channel, per domain, per bucket. */
export interface ResponseCounts {
  /** False when no reply store exists yet: counts fall back to mention status, no times. */
  available: boolean;
  /** Every mention needing a reply; null (or absent) when there is none. */
  all: ResponseGroup | null;
  byChannel: ResponseGroup[];
  byDomain: ResponseGroup[];
  /**
   * Answered mentions per bucket of first-response time: index i counts [RESPONSE_TIME_BUCKETS[i-1]
   * (0 for i = 0), RESPONSE_TIME_BUCKETS[i]), the index past the bounds the open last bucket.
   * Missing indexes count 0.
   */
  answeredByBucket: number[];
}

export interface CaseCounts {
  available: boolean;
  opened: number;
  resolved: number;
  closed: number;
  /** Opened before the window end and open or in progress then (its last status move before the end). */
  openAtEnd: number;
  /** Open at the window end with the SLA due time in force then before the window end. */
  overdueAtEnd: number;
  /** Resolved in the window (its last resolution in the window - openedAt). */
  timeToResolve: DurationStats;
  /** Resolved in the window on or before the SLA due time in force at that resolution. */
  resolvedWithinSla: number;
  /** By the unit (domain) the case was opened with. */
  openedByUnit: KeyedCount[];
  openedByDomain: KeyedCount[];
  /** By the unit the case was with when it was resolved. */
  resolvedByUnit: KeyedCount[];
  /** Cases opened in the window by location area (an empty area may be listed; it is dropped). */
  openedByArea: KeyedCount[];
}

export interface AgentCount extends KeyedCount {
  /** Display name when the reply store knows users. */
  name?: string;
}

/** Replies whose sentAt lies in the window (any mention, any week, automatic notices too), counted. */
export interface ReplyActivityCounts {
  available: boolean;
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

/** The ministry's own posts of the window. */
export interface OwnPostCounts {
  /** key = channel. */
  byChannel: OwnPostTotals[];
  /** Highest likes + replies + reposts first, then newest; at most topN. */
  best: OwnPostSummary[];
}

/**
 * Complaint mentions of a window by place, for the complaints map. Rows in any order; an area,
 * domain or block may come as null or '' (both mean none) and the same place more than once.
 */
export interface ComplaintPlaceCounts {
  /** Per (area, domain). */
  byAreaDomain: { area: string | null; domain: string | null; count: number }[];
  /** Complaints naming one of the asked blocks, per (block, area). */
  byBlockArea: { block: string; area: string | null; count: number }[];
}

/**
 * A few cheap numbers about what a summary of the window reads, which change whenever one of its
 * figures could: kept with a stored summary, and compared on every read to tell it is out of date
 * (src/summaries/summary-sources.ts). Over-eager is allowed (a change that moves no figure makes a
 * summary again); missing a change is not, within what each field says it follows.
 */
export interface SummarySourceMarks {
  /** Mentions created in the window. */
  mentions: number;
  /**
   * Latest status change of those (ingest sets it, the queue and the reply sender move it); on
   * SQLite for a report week, a digest of the week's rollups instead (source-marks.ts).
   */
  lastMentionChangeAt: string | null;
  /** Sent replies the window counts: sent in it, or answering one of its mentions (sent since its start). */
  repliesSent: number;
  lastReplySentAt: string | null;
  /** Cases the case figures read: opened before the window end. */
  cases: number;
  /**
   * A mark of the case history entries the case figures read (moves to a status, SLA restarts,
   * unit and domain changes) dated before the window end: their count and the last of them (on
   * SQLite its seq, elsewhere its time). The figures describe the window as it happened, so a
   * change dated after it (a reopen, a new unit or SLA later) does not move it.
   */
  lastCaseChangeAt: string | null;
  /** Own posts created in the window, and their likes + replies + reposts + impressions. */
  ownPosts: number;
  ownPostMetrics: number;
}

export interface SummaryStore {
  /** See SummarySourceMarks: a few indexed reads, cheap enough for every read of a stored summary. */
  sourceMarks(w: SummaryWindow): Promise<SummarySourceMarks>;
  mentionCounts(w: SummaryWindow, opts: SummaryQueryOptions): Promise<MentionCounts>;
  responseCounts(w: SummaryWindow, opts: SummaryQueryOptions): Promise<ResponseCounts>;
  caseCounts(w: SummaryWindow): Promise<CaseCounts>;
  replyActivityCounts(w: SummaryWindow): Promise<ReplyActivityCounts>;
  ownPostCounts(w: SummaryWindow, opts: SummaryQueryOptions): Promise<OwnPostCounts>;
  /**
   * Texts of at most `limit` relevant mentions of the window, for top terms: all of them when
   * there are fewer, otherwise a sample spread over the window (adapter's choice, e.g. $sample).
   */
  sampleMentionTexts(w: SummaryWindow, limit: number): Promise<string[]>;
  /**
   * Complaint mentions (intent complaint) of the window by area and domain, and the areas named
   * with the given blocks (the summary's top blocks): the complaints map.
   */
  complaintPlaceCounts(w: SummaryWindow, blocks: readonly string[]): Promise<ComplaintPlaceCounts>;
  /**
   * The configured report weeks (from the summary settings), for a store that pre-aggregates per
   * report week; called at start. Windows that are not one of these weeks are computed as before.
   */
  useReportWeeks?(weeks: ReportWeekBounds[]): Promise<{ rebuilt: boolean }>;
  /**
   * Brings the per-week rollups that ingest leaves for later up to date (the counts do so
   * themselves; the feature also calls it every minute so they have little left). Returns how
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
