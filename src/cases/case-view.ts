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
  /** True when the assignee's account has been disabled since: the case waits on nobody. */
  assigneeDisabled?: boolean;
};

/** A public reply a move would post to the citizens, as they will read it. */
export interface PublicNotice {
  status: CaseStatus;
  /** How many posts get it (each citizen's first post in the case that can be answered). */
  posts: number;
  /** The text on the first of them (its author's name and language); absent if the template does not render. */
  text?: string;
  lang?: 'ar' | 'en';
}

export interface CaseDetail extends CaseView {
  mentions: Mention[];
  replies: Reply[];
  /** Where the case stands with the national complaints system. */
  forwarding: ForwardingState;
  /** Statuses a move to which, made here, posts a public reply to the citizen (e.g. resolved). */
  publicNoticeOn: CaseStatus[];
  /** For each of those: what would be posted, so the console can show it before the move. */
  publicNotices: PublicNotice[];
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
