/** A reply to a mention, and its life through approval and the outbox. */
export type ReplyState =
  | 'draft'
  | 'awaiting_approval'
  | 'queued'
  | 'sending'
  | 'sent'
  | 'failed'
  | 'unknown'
  | 'rejected';

export interface Reply {
  id: string;
  mentionId: string;
  text: string;
  templateId?: string;
  /** User id of the agent who wrote it (or 'system' for automatic replies). */
  author: string;
  state: ReplyState;
  /** Persistent key sent to the channel so a retry can never post twice. */
  idempotencyKey: string;
  attempts: number;
  externalId?: string;
  url?: string;
  error?: string;
  createdAt: string;
  updatedAt: string;
  approvedBy?: string;
  sentAt?: string;
  nextAttemptAt?: string;
  /** Why it was written: agent reply, case acknowledgement, status update. */
  purpose?: 'agent' | 'case_ack' | 'case_status';
  /** Idempotency of automatic replies, e.g. 'case_status:resolved' (one per mention and key). */
  dedupeKey?: string;
}
