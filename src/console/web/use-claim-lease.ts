/**
 * Keeps the user's claim on the open mention while they work on it (README: "a 10-minute lease,
 * renewed while you work"). The server renews a claim when its holder claims again (POST
 * /api/mentions/:id/claim), so the console does that once less than half the lease is left, as
 * long as the user works in the page: typed, clicked or pressed a key in it within the last lease
 * (so looking something up in another tab mid-reply keeps it). A tab merely left open does not:
 * an agent gone home would otherwise hold the post for ever. A claim that ran out is not taken back behind the
 * user's back: a colleague may have started meanwhile, so the view says so and claiming again is
 * the user's choice.
 */
import { useEffect, useRef } from 'preact/hooks';
import type { Claim, Mention } from '../../domain/mention';
import { ApiError, get, post } from './api';

/** How often the lease is looked at (a hidden tab's timers run at most once a minute anyway). */
const CHECK_MS = 5_000;
/** Renew at least this long before the end: a page opened on a claim about to run out. */
const MARGIN_MS = 20_000;

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
      const left = Math.max(Date.parse(claim.until), renewedUntil.current) - Date.now();
      if (left <= 0) {
        // Ran out: re-read once, so the view says so even with nothing else changing.
        if (ranOutSeen.current !== claim.until) {
          ranOutSeen.current = claim.until;
          refresh();
        }
        return;
      }
      const present = Date.now() - activeAt.current < Math.max(lease.current, MARGIN_MS);
      if (!present || left > Math.max(lease.current / 2, MARGIN_MS)) return;
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
