/** What the API shows of a case: the stored record plus computed SLA state and the unit's Arabic name. */
import { routedUnitOf, type Case, type CaseStatus, type Mention, type Reply } from '../domain';
import type { ForwardingState } from './forwarding-state';
import { arabicUnitName, type RoutingTable } from './routing-table';
import { isOverdue } from './sla-policy';

export type CaseView = Case & {
  /** Computed from slaDueAt and the clock; never stored. */
  overdue: boolean;
  unitAr?: string;
  /** Arabic name of every unit the case names (its unit and those in its history), for display. */
  unitNamesAr?: Record<string, string>;
};

export interface CaseDetail extends CaseView {
  mentions: Mention[];
  replies: Reply[];
  /** Where the case stands with the national complaints system. */
  forwarding: ForwardingState;
  /** Statuses a move to which, made here, posts a public reply to the citizen (e.g. resolved). */
  publicNoticeOn: CaseStatus[];
}

export function toCaseView(c: Case, now: Date, routing: RoutingTable): CaseView {
  const view: CaseView = { ...c, overdue: isOverdue(c, now) };
  const ar = arabicUnitName(routing, c.unit);
  if (ar) view.unitAr = ar;
  const named = [c.unit, ...c.history.map((h) => (h.action === 'unit_assigned' ? h.to : routedUnitOf(h)))];
  const names = Object.fromEntries(named.flatMap((unit) => (unit && arabicUnitName(routing, unit) ? [[unit, arabicUnitName(routing, unit) as string]] : [])));
  if (Object.keys(names).length) view.unitNamesAr = names;
  return view;
}
