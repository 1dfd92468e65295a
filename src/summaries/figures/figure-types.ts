/**
 * The weekly figures of one window as the summary record uses them: the store's counts
 * (store/summary-store.ts) put in their order, with totals and buckets worked out (shape-*.ts).
 */
import type { AgentCount, CaseCounts, DurationStats, EngagedMention, KeyedCount, MentionCounts, OwnPostSummary, OwnPostTotals, ResponseGroup } from '../store/summary-store';

/** Keyed counts largest first, ties by key (null key last); complaint places in byte order of the key. */
export type MentionFigures = MentionCounts & { mostEngaged: EngagedMention[] };

/** Bucket of first-response times: [fromSeconds, toSeconds), toSeconds null = open-ended. */
export interface DurationBucket {
  fromSeconds: number;
  toSeconds: number | null;
  count: number;
}

export interface ResponseFigures {
  available: boolean;
  needingReply: number;
  answered: number;
  withinSla: number;
  firstResponse: DurationStats;
  /** Most needing a reply first, then by key. */
  byChannel: ResponseGroup[];
  byDomain: ResponseGroup[];
  /** One bucket per RESPONSE_TIME_BUCKETS bound plus the open last one. */
  distribution: DurationBucket[];
}

/** Case counts in order; openedByArea without the cases that name no area. */
export type CaseFigures = CaseCounts;

export interface ReplyActivityFigures {
  available: boolean;
  /** Replies whose sentAt lies in the window (any mention, any week). */
  sent: number;
  byAgent: AgentCount[];
  byTemplate: (KeyedCount & { name?: string })[];
}

export interface OwnPostFigures {
  totals: OwnPostTotals;
  /** key = channel; most posts first, then by channel. */
  byChannel: OwnPostTotals[];
  best: OwnPostSummary[];
}

/** Complaint mentions of a window by place, for the complaints map; largest counts first. */
export interface ComplaintPlaces {
  /** Per (area, domain), either null when the complaint has none. */
  byAreaDomain: { area: string | null; domain: string | null; count: number }[];
  /** Complaints naming one of the asked blocks, per (block, area); area null when they name none. */
  byBlockArea: { block: string; area: string | null; count: number }[];
}
