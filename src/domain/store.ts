/**
 * The Store port: domain operations, not a generic document API. SQLite (default) and MongoDB
 * implement it and pass the same contract suite (test/store.contract.ts).
 */
import type { CaseStore } from './case-store';
import type { ChannelKv } from './channel';
import type { CorrectionStore } from './correction-store';
import type { ChannelState } from './channel-state';
import type { Classification, Domain } from './classification';
import type { LeaseStore } from './lease-store';
import type { Mention, MentionStatus, OwnPost, RawMention } from './mention';
import type { Page } from './page';
import type { ReplyStore } from './reply-store';

/** A raw mention after classification, ready to be written. */
export interface ClassifiedMention {
  raw: RawMention;
  classification: Classification;
  /** Initial status: needs_reply for relevant replyable items, new otherwise. */
  status: MentionStatus;
  /** Title and text normalized for search, when the classifier already had them (else the store normalizes). */
  searchText?: string;
}

export interface IngestResult {
  /** Mentions written for the first time (in input order). */
  inserted: Mention[];
  /** Already known: metrics and sources refreshed. */
  updated: number;
}

export interface MentionQuery {
  channel?: string;
  domain?: Domain;
  status?: MentionStatus;
  /** UTC ISO: only mentions created at or after. */
  since?: string;
  limit: number;
  /** Only mentions of this thread (same channel's conversation id). */
  conversationId?: string;
  /** Opaque cursor from a previous page. */
  cursor?: string;
}

export interface MentionStore {
  /**
   * Writes the mentions (new ones inserted, known ones get fresh metrics/sources) AND the
   * channel's new cursor in one transaction: after a crash either both happened or neither.
   * `undefined` leaves the cursor as it is (mentions pushed by a webhook, not polled).
   */
  ingestBatch(channel: string, mentions: ClassifiedMention[], newCursor: string | null | undefined): Promise<IngestResult>;
  /**
   * True when ingestBatch may be called for a channel again before the previous call settled:
   * the calls commit in call order, and one made while an earlier call of the same channel was
   * pending is committed only if that earlier one was. pollChannel then keeps two pages in flight.
   */
  readonly pipelinedIngest?: boolean;
  getMention(id: string): Promise<Mention | null>;
  findMentionByExternalId(channel: string, externalId: string): Promise<Mention | null>;
  /** Newest first, cursor-paginated. */
  listMentions(query: MentionQuery): Promise<Page<Mention>>;
  countMentions(): Promise<number>;
  /** The ministry's own posts: insert or refresh metrics. */
  saveOwnPosts(channel: string, posts: OwnPost[]): Promise<void>;
}

export interface ChannelStateStore {
  getChannelState(channel: string): Promise<ChannelState | null>;
  listChannelStates(): Promise<ChannelState[]>;
  /** Updates health fields; never touches the cursor (only ingestBatch moves it). */
  saveChannelHealth(channel: string, patch: Partial<Omit<ChannelState, 'channel' | 'cursor'>>): Promise<void>;
  channelKv(channel: string): ChannelKv;
}

export interface StoreStatus {
  ok: boolean;
  schemaVersion: number;
  expectedSchemaVersion: number;
  /** Set while writes fail (disk full, read-only file); `ok` is then false. */
  writeFailure?: { code: 'store_full' | 'store_unwritable'; message: string; since: string };
}

export interface Store extends MentionStore, ChannelStateStore,
  ReplyStore,
  LeaseStore,
  CaseStore,
  CorrectionStore {
  readonly kind: 'sqlite' | 'mongodb';
  /** Store reachable and migrations applied. */
  status(): Promise<StoreStatus>;
  close(): Promise<void>;
}
