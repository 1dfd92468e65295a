/**
 * Keeps the user's claim on the open mention while they work on it (README: "a 10-minute lease,
 * renewed while you work"). The server renews a claim when its holder claims again (POST
 * /api/mentions/:id/claim), so the console does that once less than half the lease is left, if
 * the user has worked in the page (typed, clicked or pressed a key in it) since the claim began
 * or was last renewed. A tab merely left open does not keep it: the claim ends between one lease
 * and one and a half after the user's last work there (one lease when they claimed it and left).
 * A claim that ran out is not taken back behind the user's back: a colleague may have started
 * meanwhile, so the view says so and claiming again is the user's choice.
 */
import { useEffect, useRef } from 'preact/hooks';
import type { Claim, Mention } from '../../domain/mention';
import { ApiError, get, post } from './api';

/** How often the lease is looked at (a hidden tab's timers run at most once a minute anyway). */
const CHECK_MS = 5_000;
/** Renew at least this long before the end: a page opened on a claim about to run out. */
const MARGIN_MS = 20_000;

/** What the lease check does now: nothing yet, renew the claim, or say it ran out. */
export type LeaseStep = 'wait' | 'renew' | 'ran_out';

export interface LeaseLook {
  now: number;
  /** The end of the user's claim, as last known (the view's, or the one this hook renewed to). */
  until: number;
  /** The lease's length as near as the console can tell (the longest time left seen on the claim); 0 when not yet known. */
  lease: number;
  /** When the user last worked in the page (typed, clicked, pressed a key). */
  activeAt: number;
}

/**
 * Renew once less than half the lease is left, and only for a user who worked in the page since
 * this stretch of the claim began (the claim itself, or its last renewal: `until` less one lease).
 * Work before it was already paid for by that renewal, so a tab left alone is renewed at most
 * once after the user's last work, and not at all when that was the claim itself.
 */
export function leaseStep({ now, until, lease, activeAt }: LeaseLook): LeaseStep {
  const left = until - now;
  if (left <= 0) return 'ran_out';
  const term = Math.max(lease, MARGIN_MS);
  const workedSinceRenewal = activeAt > until - term;
  return workedSinceRenewal && left <= Math.max(term / 2, MARGIN_MS) ? 'renew' : 'wait';
}

export interface ClaimLeaseOptions {
  mentionId: string;
  /** The claim as the view last read it. */
  claim: Claim | null | undefined;
  userId: string;
  /** Re-read the mention: after a renewal (the new end), or when the claim is no longer ours. */
  refresh: () => unknown;
  /** The server refused the renewal: someone else holds the post now (409 claimed_by_other). */
  onRefused: (err: ApiError) => void;
}

export function useClaimLease(opts: ClaimLeaseOptions): void {
  const latest = useRef(opts);
  latest.current = opts;
  // The lease length as near as the console can tell: the longest time left seen on a claim of
  // ours (the server does not say CLAIM_LEASE_MINUTES; right after a claim, that is it).
  const lease = useRef(0);
  // The end of the claim this hook renewed, until the view has re-read it.
  const renewedUntil = useRef(0);
  const activeAt = useRef(Date.now());
  const busy = useRef(false);
  const ranOutSeen = useRef('');

  useEffect(() => {
    // A page that moves to another post starts afresh.
    lease.current = 0;
    renewedUntil.current = 0;
    ranOutSeen.current = '';
    const check = async () => {
      const { claim, userId, mentionId, refresh } = latest.current;
      if (busy.current || !claim || claim.by !== userId) return;
      const step = leaseStep({ now: Date.now(), until: Math.max(Date.parse(claim.until), renewedUntil.current), lease: lease.current, activeAt: activeAt.current });
      if (step === 'ran_out') {
        // Ran out: re-read once, so the view says so even with nothing else changing.
        if (ranOutSeen.current !== claim.until) {
          ranOutSeen.current = claim.until;
          refresh();
        }
        return;
      }
      if (step !== 'renew') return;
      busy.current = true;
      try {
        // Still ours? Claiming a post a supervisor has just released would take it back.
        const now = await get<Mention>(`/api/mentions/${encodeURIComponent(mentionId)}`);
        if (now.claim?.by === userId && Date.parse(now.claim.until) > Date.now()) {
          const r = await post<{ claim: Claim }>(`/api/mentions/${encodeURIComponent(mentionId)}/claim`);
          renewedUntil.current = Date.parse(r.claim.until);
          lease.current = Math.max(lease.current, renewedUntil.current - Date.now());
        }
        refresh();
      } catch (err) {
        // Refused (taken meanwhile, or the post is gone): the view says so. A network failure is
        // tried again at the next look, while the lease still runs.
        if (err instanceof ApiError && err.status >= 400 && err.status < 500) latest.current.onRefused(err);
      } finally {
        busy.current = false;
      }
    };
    const active = () => {
      activeAt.current = Date.now();
    };
    const timer = window.setInterval(() => void check(), CHECK_MS);
    const look = () => void check();
    const WORK = ['input', 'keydown', 'pointerdown'] as const;
    for (const type of WORK) document.addEventListener(type, active, true);
    document.addEventListener('visibilitychange', look);
    return () => {
      window.clearInterval(timer);
      for (const type of WORK) document.removeEventListener(type, active, true);
      document.removeEventListener('visibilitychange', look);
    };
  }, [opts.mentionId]);

  // After the effect above, which starts each post afresh.
  const { claim, userId } = opts;
  useEffect(() => {
    if (claim?.by === userId) lease.current = Math.max(lease.current, Date.parse(claim.until) - Date.now());
  }, [claim?.by, claim?.until, userId]);
}
