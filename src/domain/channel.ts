/**
 * The Channel port: a channel only turns remote items into RawMentions and sends replies.
 * It never touches the store or retries in a loop; the scheduler decides what happens next.
 */
import type { ChannelName, OwnPost, RawMention } from './mention';
import type { RateLimitInfo } from './channel-state';

/** Small persistent key/value space per channel (e.g. a serialized login session). */
export interface ChannelKv {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
}

export interface ChannelLog {
  info(obj: Record<string, unknown>, msg: string): void;
  warn(obj: Record<string, unknown>, msg: string): void;
}

export interface PollContext {
  kv: ChannelKv;
  log: ChannelLog;
  now(): Date;
}

export interface PollResult {
  mentions: RawMention[];
  /** Cursor to store once these mentions are committed; null keeps "from the start". */
  cursor: string | null;
  /** More is waiting now (a backlog page): the scheduler polls again right away. */
  hasMore?: boolean;
  rateLimits?: RateLimitInfo[];
  /** Channel figures for the health view (usage, pages fetched, ...). */
  info?: Record<string, unknown>;
  /** The ministry's own posts with fresh metrics, kept apart from mentions. */
  ownPosts?: OwnPost[];
  /** Items the remote reported but could not deliver (deleted, protected, withheld). */
  skipped?: { externalId?: string; reason: string }[];
  /** UTC ISO: do not poll again before this (budget-aware pacing, e.g. X monthly cap). */
  nextPollAfter?: string;
}

export interface ReplyTarget {
  externalId: string;
  kind?: RawMention['kind'];
  conversationId?: string;
  authorHandle?: string;
  /** For comments: the parent post's external id, where the channel needs it. */
  parentId?: string;
}

export interface SentReply {
  externalId: string;
  url?: string;
}

export interface ReplyLength {
  /** Length as the channel counts it (X: weighted length). */
  length: number;
  max: number;
}

export interface Channel {
  readonly name: ChannelName;
  poll(cursor: string | null, ctx: PollContext): Promise<PollResult>;
  /** Absent when the channel cannot answer in-channel (news feeds). */
  reply?(target: ReplyTarget, text: string, idempotencyKey: string): Promise<SentReply>;
  /**
   * Looks on the remote side for a reply this account posted to `target` with this text since
   * `since`, or null. How the sender settles a send whose outcome is unknown (OutcomeUnknown)
   * without posting twice; absent when the channel cannot look its replies up.
   */
  findReply?(target: ReplyTarget, text: string, since: Date): Promise<SentReply | null>;
  /** How long a reply is by this channel's rules; absent means no limit. */
  measureReply?(text: string): ReplyLength;
  close?(): Promise<void>;
}
