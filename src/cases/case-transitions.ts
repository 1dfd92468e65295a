/**
 * The case life cycle: open → in_progress → resolved → closed, with reopen from resolved or
 * closed. Supervisors and admins may also close an open or in-progress case without resolving it
 * (a duplicate, a fault outside the ministry's remit: with a reason, and the citizen is not told)
 * and give a case in progress back to open. Closing is reserved to them. Anything else is a 409.
 */
import type { CaseStatus } from '../domain';
import { ConflictError, ForbiddenError, UnprocessableError } from '../errors';
import type { Role } from '../users/store/user-store';

const ALLOWED: Record<CaseStatus, CaseStatus[]> = {
  open: ['in_progress', 'closed'],
  in_progress: ['resolved', 'open', 'closed'],
  resolved: ['closed', 'open'],
  closed: ['open'],
};

/**
 * Why a case is closed without being resolved. `not_a_complaint` is not here: that one is set
 * by a correction of the post (src/cases/case-correction.ts), never picked by hand.
 */
export const CLOSE_REASONS = ['duplicate', 'not_ministry_remit', 'no_fault_found', 'other'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

/** The history action of a case closed without resolving, e.g. `closed_duplicate` (like `closed_not_a_complaint`). */
export const closedUnresolvedAction = (reason: CloseReason): string => `closed_${reason}`;

/** A move only supervisors and admins make: any close, and giving a case in progress back to open. */
function supervisorsOnly(from: CaseStatus, to: CaseStatus): boolean {
  return to === 'closed' || (from === 'in_progress' && to === 'open');
}

/** A close that skips «resolved»: it needs a reason, and the case never counts as resolved. */
export function closesUnresolved(from: CaseStatus, to: CaseStatus): boolean {
  return to === 'closed' && (from === 'open' || from === 'in_progress');
}

/** The moves from a status; with a role, only those that role may make. */
export function allowedNext(from: CaseStatus, role?: Role): CaseStatus[] {
  return ALLOWED[from].filter((to) => role !== 'agent' || !supervisorsOnly(from, to));
}

/**
 * Throws 409 invalid_transition, 403 when the role may not make this move, or 422
 * close_reason_required when a close without resolving gives no reason (or `other` with no note).
 */
export function assertTransition(from: CaseStatus, to: CaseStatus, role: Role | 'system', close?: { reason?: CloseReason; note?: string }): void {
  // The role first: an agent may never close, whatever state the case is in, and should hear that
  // rather than a 409 that suggests closing would work from another state.
  if (to === 'closed' && role === 'agent') {
    throw new ForbiddenError('only supervisors and admins close cases', { to });
  }
  if (!ALLOWED[from].includes(to)) {
    throw new ConflictError('invalid_transition', `a case cannot go from ${from} to ${to}`, { from, to, allowed: ALLOWED[from] });
  }
  if (role === 'agent' && supervisorsOnly(from, to)) {
    throw new ForbiddenError('only supervisors and admins give a case in progress back to open', { from, to });
  }
  const reason = close?.reason;
  if (closesUnresolved(from, to) && (!reason || (reason === 'other' && !close?.note))) {
    const message = reason ? 'closing for another reason needs a note saying why' : 'closing a case that was not resolved needs a reason';
    throw new UnprocessableError('close_reason_required', message, { reasons: CLOSE_REASONS, ...(reason ? { note: 'required' } : {}) });
  }
  if (reason && !closesUnresolved(from, to)) {
    throw new UnprocessableError('close_reason_not_applicable', 'a reason is given only when closing an open or in-progress case', { from, to });
  }
}

/** A reopen is any move back to open from resolved or closed; it is recorded as such. */
export function historyActionFor(from: CaseStatus, to: CaseStatus, reason?: CloseReason): string {
  if (reason && closesUnresolved(from, to)) return closedUnresolvedAction(reason);
  return to === 'open' && (from === 'resolved' || from === 'closed') ? 'reopened' : 'status_changed';
}
