/**
 * What a sent reply does to its post, by why it was written; every reply store applies it in
 * the same transaction (atomic step) that records the send.
 *
 * - A person's reply (`agent`) answers the post: replied, claim cleared, whatever it was.
 * - The case acknowledgement (`case_ack`) is a receipt with a case number, not an answer: the
 *   post keeps its status and claim and stays in the queue for a person.
 * - A case status notice (`case_status`, e.g. resolved) tells the citizen the case is done, so a
 *   post still waiting becomes replied (nothing more waits on the team); a post a person closed
 *   (spam, no action, duplicate) keeps that decision, and a person's claim stays theirs.
 */
import type { MentionStatus, Reply } from '../../domain';

export type SentMentionChange =
  /** status replied and claim cleared, from any status */
  | { kind: 'answered' }
  /** status replied only from one of `from`; the claim is left alone */
  | { kind: 'replied_if'; from: readonly MentionStatus[] }
  | { kind: 'none' };

/** A post in one of these statuses still waits for the team. */
export const WAITING_STATUSES: readonly MentionStatus[] = ['new', 'needs_reply'];

/** Anything but the two automatic purposes (a row written before purposes existed too) is a person's reply. */
export function sentMentionChange(purpose: Reply['purpose']): SentMentionChange {
  if (purpose === 'case_ack') return { kind: 'none' };
  if (purpose === 'case_status') return { kind: 'replied_if', from: WAITING_STATUSES };
  return { kind: 'answered' };
}
