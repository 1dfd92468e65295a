/**
 * The case life cycle: open → in_progress → resolved → closed, with reopen from resolved or
 * closed. Closing is reserved to supervisors and admins. Anything else is a 409.
 */
import type { CaseStatus } from '../domain';
import { ConflictError, ForbiddenError } from '../errors';
import type { Role } from '../users/store/user-store';

const ALLOWED: Record<CaseStatus, CaseStatus[]> = {
  open: ['in_progress'],
  in_progress: ['resolved'],
  resolved: ['closed', 'open'],
  closed: ['open'],
};

export function allowedNext(from: CaseStatus): CaseStatus[] {
  return ALLOWED[from];
}

/** Throws 409 invalid_transition, or 403 when the role may not make this move. */
export function assertTransition(from: CaseStatus, to: CaseStatus, role: Role | 'system'): void {
  // The role first: an agent may never close, whatever state the case is in, and should hear that
  // rather than a 409 that suggests closing would work from another state.
  if (to === 'closed' && role === 'agent') {
    throw new ForbiddenError('only supervisors and admins close cases', { to });
  }
  if (!ALLOWED[from].includes(to)) {
    throw new ConflictError('invalid_transition', `a case cannot go from ${from} to ${to}`, { from, to, allowed: ALLOWED[from] });
  }
}

/** A reopen is any move back to open from resolved or closed; it is recorded as such. */
export function historyActionFor(from: CaseStatus, to: CaseStatus): string {
  return to === 'open' && (from === 'resolved' || from === 'closed') ? 'reopened' : 'status_changed';
}
