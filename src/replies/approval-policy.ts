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

/** Why a reply waits for approval: the console words its hint by this, the server its reason. */
export type ApprovalNeed = 'system' | 'trainee' | 'urgency';

/** Which rule makes a reply wait for approval, or null when it can go straight to the outbox. */
export function approvalNeed(rules: Omit<ApprovalRules, 'systemReplies'> & { systemReplies?: boolean }, author: ReplyAuthor, urgency: Urgency): ApprovalNeed | null {
  if (author.kind === 'system') {
    if (rules.systemReplies) return 'system';
    return rules.urgencies.includes(urgency) ? 'urgency' : null;
  }
  if (author.trainee && rules.trainees) return 'trainee';
  if (author.role === 'agent' && rules.urgencies.includes(urgency)) return 'urgency';
  return null;
}
