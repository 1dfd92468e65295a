/** What the API shows of a case: the stored record plus computed SLA state and the unit's Arabic name. */
import type { Case, Mention, Reply } from '../domain';
import { arabicUnitName, type RoutingTable } from './routing-table';
import { isOverdue } from './sla-policy';

export type CaseView = Case & {
  /** Computed from slaDueAt and the clock; never stored. */
  overdue: boolean;
  unitAr?: string;
};

export interface CaseDetail extends CaseView {
  mentions: Mention[];
  replies: Reply[];
}

export function toCaseView(c: Case, now: Date, routing: RoutingTable): CaseView {
  const view: CaseView = { ...c, overdue: isOverdue(c, now) };
  const ar = arabicUnitName(routing, c.unit);
  if (ar) view.unitAr = ar;
  return view;
}
