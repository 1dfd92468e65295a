/** Everything the case features are configured with (built from Config in the composition root). */
import type { RoutingTable } from './routing-table';
import type { SlaHours } from './sla-policy';

export interface CaseSettings {
  /** Case number prefix: `${prefix}-YYYY-NNNNNN`. */
  prefix: string;
  /** Complaints classified below this confidence (0..1) stay in the queue without a case. */
  minConfidence: number;
  slaHours: SlaHours;
  routing: RoutingTable;
  dedup: { sameAuthorHours: number; samePlaceHours: number };
  /** Queue a templated acknowledgement with the case number on the citizen's post. */
  autoAck: boolean;
  /** Tell the citizen when their case is resolved or its status changes in the national system. */
  statusReplies: boolean;
  /** Case numbers restart each calendar year in this zone. */
  timeZone: string;
  /** National complaints system; unset = no forwarding. */
  forwardUrl?: string;
  /** Outgoing webhook receivers (case.created, case.status_changed, reply.sent). */
  webhookUrls: string[];
}

export const SYSTEM_ACTOR = 'system';
