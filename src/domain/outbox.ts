/** Messages the cases write with the change that caused them (forwarding, webhooks, citizen replies), delivered at least once. */
/** Where an outbox message goes; each topic has one delivery handler (src/cases/outbox-dispatcher). */
export type OutboxTopic = 'complaints_forward' | 'webhook' | 'citizen_reply';

export type CaseEvent = 'case.created' | 'case.status_changed' | 'reply.sent';

/** Ask the store to queue a message in the same transaction as a case change. */
export interface OutboxTarget {
  topic: OutboxTopic;
  /** URL for HTTP topics; for citizen_reply the reply purpose ('case_ack' | 'case_status'). */
  destination: string;
  /**
   * When set, the message is queued only if this key was never used on the case before, and the
   * key is recorded in the same transaction (e.g. 'status:resolved': at most once per status).
   */
  onceKey?: string;
}

export type OutboxState = 'pending' | 'delivered' | 'dead';

export interface OutboxMessage {
  id: string;
  topic: OutboxTopic;
  destination: string;
  event: CaseEvent;
  /** Case number, or reply id for reply.sent. */
  subject: string;
  /** Snapshot taken when the event happened (a Case for case events). */
  payload: unknown;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: string;
  lastError?: string;
  createdAt: string;
  deliveredAt?: string;
}

export interface NewOutboxMessage {
  topic: OutboxTopic;
  destination: string;
  event: CaseEvent;
  subject: string;
  payload: unknown;
}
