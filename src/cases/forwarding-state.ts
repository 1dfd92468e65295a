/**
 * Where a case stands with the national complaints system, read from its forward messages in the
 * outbox: what the case API says and the case page shows, and whether a supervisor's "forward
 * now" would queue anything.
 */
import type { OutboxMessage } from './store/case-store';
import { maskSecrets } from './complaint-forwarding';

export type ForwardingStatus =
  /** COMPLAINTS_FORWARD_URL is unset. */
  | 'not_configured'
  /** Configured, but nothing was ever queued for this case (it predates the configuration). */
  | 'not_forwarded'
  /** A forward waits for its (next) attempt. */
  | 'pending'
  /** The national system accepted the case's latest forward. */
  | 'forwarded'
  /** The latest forward was given up (a 4xx, or OUTBOX_MAX_ATTEMPTS reached). */
  | 'failed';

export interface ForwardingState {
  state: ForwardingStatus;
  /** The national system's reference, once it gave one. */
  externalRef?: string;
  /** When the national system last accepted the case. */
  forwardedAt?: string;
  /** Of the forward pending or given up: attempts made so far. */
  attempts?: number;
  /** Of the forward pending: when it is tried next. */
  nextAttemptAt?: string;
  /** Of the forward pending or given up: the last failure, credentials masked. */
  lastError?: string;
  /** Of a forwarded case in Open311 mode: that the national system is not told of its later changes. */
  note?: string;
  /** True when "forward now" would queue a forward (configured, none pending, and not forwarded already in Open311 mode). */
  canForward: boolean;
}

/** The note of a forwarded case in Open311 mode (COMPLAINTS_FORWARD_FORMAT=open311). */
export const OPEN311_NO_UPDATES_NOTE =
  'Open311 mode: the national system got the case when it was opened; later changes (status, unit) are not sent to it (GeoReport v2 has no update method).';

/**
 * `forwards`: the case's complaints_forward messages in the order they were queued. `format`
 * open311: only the first forward accepted was sent (the later ones were marked delivered without
 * a request), so it gives forwardedAt, and a forwarded case has nothing more to send.
 */
export function forwardingState(
  forwards: OutboxMessage[],
  opts: { configured: boolean; externalRef?: string; secrets: (string | undefined)[]; format?: 'rasid' | 'open311' },
): ForwardingState {
  const open311 = opts.format === 'open311';
  const accepted = forwards.filter((m) => m.state === 'delivered');
  const delivered = open311 ? accepted[0] : accepted.pop();
  const base: Pick<ForwardingState, 'externalRef' | 'forwardedAt'> = {};
  if (opts.externalRef) base.externalRef = opts.externalRef;
  if (delivered?.deliveredAt) base.forwardedAt = delivered.deliveredAt;
  if (!opts.configured) return { state: 'not_configured', ...base, canForward: false };
  const pending = forwards.find((m) => m.state === 'pending');
  const last = forwards[forwards.length - 1];
  const failure = (m: OutboxMessage) => ({ attempts: m.attempts, ...(m.lastError ? { lastError: maskSecrets(m.lastError, opts.secrets) } : {}) });
  if (pending) return { state: 'pending', ...base, ...failure(pending), nextAttemptAt: pending.nextAttemptAt, canForward: false };
  if (!last) return { state: 'not_forwarded', ...base, canForward: true };
  if (last.state === 'dead') return { state: 'failed', ...base, ...failure(last), canForward: true };
  if (open311) return { state: 'forwarded', ...base, note: OPEN311_NO_UPDATES_NOTE, canForward: false };
  return { state: 'forwarded', ...base, canForward: true };
}
