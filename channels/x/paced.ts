/**
 * Why the X channel will not poll at its schedule's pace: the health view's "paced: next poll at
 * …, because …". Figures travel with a reason code so the console can word it in each language;
 * `message` is the English wording for the API and the logs.
 */
import type { Pacing } from './budget';

export type PacedReason = 'budget' | 'budget_spent';

export interface PacedInfo {
  /** UTC ISO: the next poll. */
  until: string;
  reason: PacedReason;
  message: string;
  used: number;
  cap: number;
  /** The schedule's interval, and the paced one. */
  baseIntervalMs: number;
  intervalMs: number;
  /** Posts the base interval would read by the end of the period. */
  projected?: number;
  /** When the cap resets (end of the period). */
  resetAt: string;
  /** Even at the longest interval the budget runs out about then. */
  runsOutAt?: string;
}

export function pacedInfo(p: Pacing, at: { now: Date; used: number; cap: number; baseIntervalMs: number; resetAt: Date }): PacedInfo {
  const until = p.exhausted ? at.resetAt : new Date(at.now.getTime() + p.intervalMs);
  const reason: PacedReason = p.exhausted ? 'budget_spent' : 'budget';
  const because =
    reason === 'budget_spent'
      ? `the monthly cap of ${at.cap} posts is used up (${at.used} read); it resets at ${at.resetAt.toISOString()}`
      : `polling every ${minutes(at.baseIntervalMs)} would read about ${p.projectedAtBaseInterval} posts by ${at.resetAt.toISOString()}, over the monthly cap of ${at.cap} (${at.used} read so far)` +
        (p.runsOutAt ? `; even so the cap is reached about ${p.runsOutAt.toISOString()}` : '');
  return {
    until: until.toISOString(),
    reason,
    message: `paced: next poll at ${until.toISOString()}, because ${because}`,
    used: at.used,
    cap: at.cap,
    baseIntervalMs: at.baseIntervalMs,
    intervalMs: p.intervalMs,
    projected: p.projectedAtBaseInterval,
    resetAt: at.resetAt.toISOString(),
    ...(p.runsOutAt ? { runsOutAt: p.runsOutAt.toISOString() } : {}),
  };
}

function minutes(ms: number): string {
  const m = Math.round(ms / 60_000);
  return m >= 1 ? `${m} minute${m === 1 ? '' : 's'}` : `${Math.round(ms / 1000)} seconds`;
}
