/**
 * Which outbox messages a case event produces: forwarding, webhooks and citizen replies. The
 * store queues them in the same transaction as the change, so none is lost or doubled.
 */
import type { CaseStatus } from '../domain';
import type { CaseSettings } from './case-settings';
import type { OutboxTarget } from './store/case-store';

/** Reply purposes as outbox destinations for the citizen_reply topic. */
export const ACK_REPLY = 'case_ack';
export const STATUS_REPLY = 'case_status';

export function onOpenedTargets(s: CaseSettings, opts: { ack: boolean }): OutboxTarget[] {
  const targets: OutboxTarget[] = [];
  if (s.forwardUrl) targets.push({ topic: 'complaints_forward', destination: s.forwardUrl });
  for (const url of s.webhookUrls) targets.push({ topic: 'webhook', destination: url });
  if (s.autoAck && opts.ack) targets.push({ topic: 'citizen_reply', destination: ACK_REPLY, onceKey: 'ack' });
  return targets;
}

/**
 * Webhooks always; a citizen notice when the case is resolved here, or on any status change
 * coming from the national system (at most once per status, through the once-key).
 */
export function onStatusTargets(s: CaseSettings, to: CaseStatus, opts: { external: boolean; notify: boolean }): OutboxTarget[] {
  const targets: OutboxTarget[] = s.webhookUrls.map((url) => ({ topic: 'webhook' as const, destination: url }));
  const tellCitizen = opts.notify && s.statusReplies && (to === 'resolved' || (opts.external && to !== 'open'));
  if (tellCitizen) targets.push({ topic: 'citizen_reply', destination: STATUS_REPLY, onceKey: `status:${to}` });
  return targets;
}
