/**
 * The replies feature's store port: replies and their outbox. A reply leaves the outbox exactly
 * once: taken as `sending` before the channel is called, recorded as sent with its mention in one
 * write. Adapters beside it: SQLite, MongoDB and an in-memory fake.
 */
import type { Page, Reply, ReplyState } from '../../domain';
import type { ApprovalContext } from '../approval-block';

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
  /**
   * A person's reply: when the same author already has a reply with the same text on the same
   * mention that is still waiting (awaiting_approval or queued), that one is returned
   * (created: false) instead of a second one, checked and written in one step (a double submit).
   */
  reuseWaitingTwin?: boolean;
}

/** The reply states reuseWaitingTwin looks in: not yet gone out, so a twin would go out twice. */
export const WAITING_TWIN_STATES: readonly ReplyState[] = ['awaiting_approval', 'queued'];

/** What approveReply answers: the queued reply, the refusal `refuse` gave, or null (not awaiting approval). */
export type ApproveResult<R> = { reply: Reply } | { refused: R } | null;

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
  /** How many replies are in this state (the console's count of drafts awaiting approval). */
  countReplies(state: ReplyState): Promise<number>;
  /**
   * awaiting_approval → queued with approvedBy, unless `refuse` (given the reply, its mention's
   * status and the mention's other replies) returns a reason. The reads and the conditional write
   * are one transaction (SQLite, a MongoDB replica set), so a colleague's reply sent, or the post
   * closed, in between cannot slip past; on a standalone MongoDB they are read right before the
   * conditional write. Null when the reply is not awaiting approval.
   */
  approveReply<R>(id: string, approvedBy: string, refuse: (ctx: ApprovalContext) => R | null): Promise<ApproveResult<R>>;
  /** Conditional transition: applies only when the current state is one of `from`. */
  transitionReply(id: string, from: ReplyState[], change: ReplyChange): Promise<Reply | null>;
  /**
   * Takes the oldest due queued reply and moves it to `sending` (attempts + 1) in one atomic
   * write, persisted before the channel is called. Null when nothing is due.
   */
  takeNextOutboxReply(now: string): Promise<Reply | null>;
  /**
   * Records a successful send: reply → sent (externalId, url, sentAt) and its mention changed as
   * the reply's purpose says (sent-reply-effect.ts: a person's reply → replied, claim cleared; a
   * status notice → replied only if still waiting; an acknowledgement → unchanged), in one
   * transaction. Null when the reply was not `sending`.
   */
  recordReplySent(id: string, sent: { externalId: string; url?: string; at: string }): Promise<Reply | null>;
  /** At start-up: every `sending` reply (a crash mid-send) becomes `unknown`. Returns them. */
  markInterruptedSendsUnknown(at: string): Promise<Reply[]>;
}
