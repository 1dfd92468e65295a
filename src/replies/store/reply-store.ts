/**
 * The replies feature's store port: replies and their outbox. A reply leaves the outbox exactly
 * once: taken as `sending` before the channel is called, recorded as sent with its mention in one
 * write. Adapters beside it: SQLite, MongoDB and an in-memory fake.
 */
import type { Page, Reply, ReplyState } from '../../domain';

export interface NewReply {
  mentionId: string;
  text: string;
  templateId?: string;
  author: string;
  state: Extract<ReplyState, 'awaiting_approval' | 'queued'>;
  purpose: NonNullable<Reply['purpose']>;
  /** Unique when set: a second createReply with the same key returns the existing reply. */
  dedupeKey?: string;
  /** When it was written, for history written afterwards (the demo's); default now. */
  createdAt?: string;
}

export interface ReplyQuery {
  state?: ReplyState;
  mentionId?: string;
  limit: number;
  cursor?: string;
}

/** Fields a reply transition may set; undefined leaves a field alone, null clears it. */
export interface ReplyChange {
  state: ReplyState;
  externalId?: string | null;
  url?: string | null;
  error?: string | null;
  approvedBy?: string;
  nextAttemptAt?: string | null;
  sentAt?: string;
  text?: string;
}

export interface ReplyStore {
  /** Inserts a reply with a fresh idempotency key; with a known dedupeKey returns the existing one. */
  createReply(reply: NewReply): Promise<{ reply: Reply; created: boolean }>;
  getReply(id: string): Promise<Reply | null>;
  /** Newest first. */
  listReplies(query: ReplyQuery): Promise<Page<Reply>>;
  /** Conditional transition: applies only when the current state is one of `from`. */
  transitionReply(id: string, from: ReplyState[], change: ReplyChange): Promise<Reply | null>;
  /**
   * Takes the oldest due queued reply and moves it to `sending` (attempts + 1) in one atomic
   * write, persisted before the channel is called. Null when nothing is due.
   */
  takeNextOutboxReply(now: string): Promise<Reply | null>;
  /**
   * Records a successful send: reply → sent (externalId, url, sentAt) and its mention → replied,
   * claim cleared, in one transaction. Null when the reply was not `sending`.
   */
  recordReplySent(id: string, sent: { externalId: string; url?: string; at: string }): Promise<Reply | null>;
  /** At start-up: every `sending` reply (a crash mid-send) becomes `unknown`. Returns them. */
  markInterruptedSendsUnknown(at: string): Promise<Reply[]>;
}
