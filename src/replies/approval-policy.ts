/**
 * Which replies need a supervisor's approval before they are queued (rules from config).
 * Supervisors and admins approve by writing; the rules bind agents and automatic replies.
 */
import type { Urgency } from '../domain';

export interface ApprovalRules {
  /** Replies on mentions with these urgencies need approval (default ['high']). */
  urgencies: Urgency[];
  /** Replies written by trainee agents need approval (default true). */
  trainees: boolean;
  /** Automatic replies (case acknowledgement, status) always need approval (default false). */
  systemReplies: boolean;
}

export const DEFAULT_APPROVAL_RULES: ApprovalRules = { urgencies: ['high'], trainees: true, systemReplies: false };

export interface ReplyAuthor {
  kind: 'user' | 'system';
  role?: 'agent' | 'supervisor' | 'admin';
  trainee?: boolean;
}

/** The reason approval is needed, or null when the reply can go straight to the outbox. */
export function approvalReason(rules: ApprovalRules, author: ReplyAuthor, urgency: Urgency): string | null {
  if (author.kind === 'system') {
    if (rules.systemReplies) return 'automatic replies need approval';
    return rules.urgencies.includes(urgency) ? `${urgency} urgency` : null;
  }
  if (author.trainee && rules.trainees) return 'written by a trainee';
  if (author.role === 'agent' && rules.urgencies.includes(urgency)) return `${urgency} urgency`;
  return null;
}
