/**
 * Why a draft awaiting approval may no longer be approved: its post was closed (no action, spam,
 * duplicate), or a person's reply to it is already sent or on its way. Approving then would send
 * the citizen a second answer, or answer a post the team decided not to answer. One pure rule,
 * used where the approval is written (inside the store's transaction) and where drafts are
 * listed (so the supervisor sees the reason before clicking).
 */
import type { MentionStatus, Reply, ReplyState } from '../domain';
import { ConflictError } from '../errors';

/** A post in one of these statuses was dealt with without a reply. */
export const CLOSED_STATUSES: readonly MentionStatus[] = ['no_action', 'spam', 'duplicate'];

/**
 * A reply in one of these states has gone or may have gone to the citizen: `unknown` may have
 * been posted, and `sending`/`queued` will be unless someone steps in. Furthest along first.
 */
export const ANSWERING_STATES: readonly ReplyState[] = ['sent', 'unknown', 'sending', 'queued'];

/** What the approving transaction reads: the draft, its post's status, the post's other replies. */
export interface ApprovalContext {
  reply: Reply;
  /** null when the post is gone. */
  mentionStatus: MentionStatus | null;
  others: Reply[];
}

export type ApprovalBlock =
  | { code: 'mention_closed'; mentionId: string; status: MentionStatus }
  | { code: 'mention_already_answered'; mentionId: string; replyId: string; state: ReplyState; author: string };

/**
 * The reason this draft must not be approved, or null. Only a person's reply answers the post:
 * an automatic acknowledgement (case number) does not stop an agent's answer, and a case status
 * notice must still go out after an agent answered, so automatic drafts are only stopped by a
 * closed post.
 */
export function approvalBlock(ctx: ApprovalContext): ApprovalBlock | null {
  const { reply, mentionStatus } = ctx;
  if (mentionStatus && CLOSED_STATUSES.includes(mentionStatus)) return { code: 'mention_closed', mentionId: reply.mentionId, status: mentionStatus };
  if ((reply.purpose ?? 'agent') !== 'agent') return null;
  const answer = ctx.others
    .filter((r) => r.id !== reply.id && (r.purpose ?? 'agent') === 'agent' && ANSWERING_STATES.includes(r.state))
    // the one that went furthest is the one to name
    .sort((a, b) => ANSWERING_STATES.indexOf(a.state) - ANSWERING_STATES.indexOf(b.state))[0];
  if (!answer) return null;
  return { code: 'mention_already_answered', mentionId: reply.mentionId, replyId: answer.id, state: answer.state, author: answer.author };
}

/** The 409 for a refused approval; its details are the block, which the console words by code. */
export function approvalBlockError(block: ApprovalBlock): ConflictError {
  const message =
    block.code === 'mention_closed'
      ? `the post is marked ${block.status}: reject this draft instead`
      : `the post already has a reply that is ${block.state}: approving would answer twice, reject this draft instead`;
  return new ConflictError(block.code, message, block);
}

/**
 * The 409 for writing a reply (or previewing one) on a closed post: the same code as a refused
 * approval, so the console words both alike. The post must be set back to needs_reply first:
 * otherwise the reply would go out publicly to a post the team decided not to answer, while a
 * supervisor could not approve the same text.
 */
export function closedPostError(mentionId: string, status: MentionStatus): ConflictError {
  return new ConflictError('mention_closed', `the post is marked ${status}: set it back to needs_reply before replying`, { mentionId, status });
}
