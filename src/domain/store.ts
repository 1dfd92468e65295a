/**
 * Records several features share about storing mentions (what ingest writes, how mentions are
 * listed) and a store's readiness. Each feature's store port lives in its folder
 * (src/<feature>/store/); src/stores builds them per backend.
 */
import type { Classification, Domain } from './classification';
import type { Mention, MentionStatus, RawMention } from './mention';

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

