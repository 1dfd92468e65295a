/** A reply's document on MongoDB, shared by the replies store, the weekly figures and store:copy. */
import type { Reply, ReplyState } from '../../domain';

export const REPLIES_COLLECTION = 'replies';

export interface ReplyDoc {
  _id: string;
  mentionId: string;
  text: string;
  templateId?: string;
  author: string;
  state: ReplyState;
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
  purpose: NonNullable<Reply['purpose']>;
  dedupeKey?: string;
}
