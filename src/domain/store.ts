/**
 * The Store port: domain operations, not a generic document API. SQLite (default) and MongoDB
 * implement it and pass the same contract suite (test/store.contract.ts).
 */
import type { ChannelKv } from './channel';
import type { ChannelState } from './channel-state';
import type { Classification, Domain } from './classification';
import type { Mention, MentionStatus, OwnPost, RawMention } from './mention';
import type { Page } from './page';
import type { SummaryStore } from './summary-store';

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

export interface StoreStatus {
  ok: boolean;
  schemaVersion: number;
  expectedSchemaVersion: number;
  /** Set while writes fail (disk full, read-only file); `ok` is then false. */
  writeFailure?: { code: 'store_full' | 'store_unwritable'; message: string; since: string };
}

export interface Store extends SummaryStore {
  readonly kind: 'sqlite' | 'mongodb';
  /** Store reachable and migrations applied. */
  status(): Promise<StoreStatus>;
  close(): Promise<void>;
}
