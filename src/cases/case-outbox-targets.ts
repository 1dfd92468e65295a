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
  targets.push(...forwardTargets(s));
  for (const url of s.webhookUrls) targets.push({ topic: 'webhook', destination: url });
  if (s.autoAck && opts.ack) targets.push({ topic: 'citizen_reply', destination: ACK_REPLY, onceKey: 'ack' });
  return targets;
}

/** A forward of the case's current state to the national system, when forwarding is configured. */
export function forwardTargets(s: CaseSettings): OutboxTarget[] {
  return s.forwardUrl ? [{ topic: 'complaints_forward', destination: s.forwardUrl }] : [];
}

/**
 * Webhooks always; the case's new state to the national system when the change was made here
 * (a change that came from that system is not echoed back to it); a citizen notice when the case
 * is resolved here, or on any status change coming from the national system (at most once per
 * status, through the once-key).
 */
export function onStatusTargets(s: CaseSettings, to: CaseStatus, opts: { external: boolean; notify: boolean }): OutboxTarget[] {
  const targets: OutboxTarget[] = s.webhookUrls.map((url) => ({ topic: 'webhook' as const, destination: url }));
  if (!opts.external) targets.push(...forwardTargets(s));
  const tellCitizen = opts.notify && s.statusReplies && (to === 'resolved' || (opts.external && to !== 'open'));
  if (tellCitizen) targets.push({ topic: 'citizen_reply', destination: STATUS_REPLY, onceKey: `status:${to}` });
  return targets;
}

/** A case routed to another unit here: the national system hears of it (nobody else does). */
export function onUnitTargets(s: CaseSettings): OutboxTarget[] {
  return forwardTargets(s);
}

/**
 * The statuses a move to which, made here, posts a public reply to the citizen: resolved, when
 * status notices are on, the case has a post to answer and the notice has a template.
 */
export async function publicNoticeStatuses(s: CaseSettings, c: { mentionIds: string[] }, hasTemplate: (key: string) => Promise<boolean>): Promise<CaseStatus[]> {
  if (!s.statusReplies || c.mentionIds.length === 0) return [];
  const local: CaseStatus[] = ['resolved'];
  const has = await Promise.all(local.map((to) => hasTemplate(`case_${to}`)));
  return local.filter((_, i) => has[i]);
}
