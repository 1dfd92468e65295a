/**
 * How the weekly case figures read a case's history (Case.history; SQLite case_history, MongoDB's
 * embedded `history`), so a week's figures describe the week as it happened and do not move when
 * a case is reopened, rerouted or given a new SLA afterwards. Every adapter follows these rules
 * (SQL in sqlite/case-figures.ts, pipelines in mongodb/summary-pipelines.ts, plain code in
 * memory-summary-counts.ts); the contract suite holds them to the same answers.
 *
 * - Entries are ordered by (`at`, order written); "before" an entry means earlier in that order,
 *   "before the window end" means `at` < end.
 * - A status move is an entry whose `to` is a case status and whose action is not one of
 *   NOT_STATUS_ACTIONS (opened, status_changed, reopened, external_status, closed_* ...).
 * - Resolved in the window: a move to `resolved` with `at` in the window, counted once per case;
 *   when there are several, the last one is the case's resolution of the week (time to resolve,
 *   within SLA, unit).
 * - Closed in the window: a move to `closed` with `at` in the window, once per case.
 * - Open at the end: opened before the end, and its last status move before the end is to open or
 *   in_progress (or it has none).
 * - The SLA due time in force at a moment: the `to` of the last `sla_restarted` before it, else
 *   the original due time, i.e. the `from` of the first `sla_restarted`, else the case's due time.
 *   Overdue at the end: open at the end with the due time in force at the end before the end.
 *   Resolved within SLA: the resolution at or before the due time in force at it.
 * - The unit (domain) in force at a moment: the `to` of the last `unit_assigned` (`domain_changed`)
 *   before it, else the `from` of the first one, else the case's unit (domain). Opened by unit and
 *   domain use the one in force at the opening, resolved by unit the one in force at the resolution.
 *   The area never changes: the case's own.
 */

/** Values of a status move's `to`. */
export const CASE_STATUS_VALUES = ['open', 'in_progress', 'resolved', 'closed'] as const;
/** A case in one of these at the window end is open then. */
export const OPEN_CASE_STATUSES = ['open', 'in_progress'] as const;
/** History actions whose `to` names something else than a status (a unit, a user, a due time, a mention). */
export const NOT_STATUS_ACTIONS = [
  'sla_restarted',
  'unit_assigned',
  'domain_changed',
  'user_assigned',
  'external_ref_set',
  'mention_linked',
  'mention_unlinked',
  'first_response',
  'note',
] as const;

export const SLA_RESTARTED = 'sla_restarted';
export const UNIT_ASSIGNED = 'unit_assigned';
export const DOMAIN_CHANGED = 'domain_changed';

/** The part of a history entry the figures read. */
export interface CaseHistoryStep {
  at: string;
  action: string;
  from?: string;
  to?: string;
}

export function isStatusMove(h: CaseHistoryStep): boolean {
  return h.to !== undefined && (CASE_STATUS_VALUES as readonly string[]).includes(h.to) && !(NOT_STATUS_ACTIONS as readonly string[]).includes(h.action);
}
