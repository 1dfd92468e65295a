/**
 * Monthly post budget: what the project has read (X's usage/tweets, read at most hourly, plus our
 * own count since), the cap period, and the pacing that stretches the polling interval so the
 * configured cap is not reached before the period ends.
 */
import type { ChannelKv } from '../channel';

const KV_KEY = 'x.budget';

export interface BudgetRecord {
  /** When usage/tweets was last read (UTC ISO). */
  usageAt?: string;
  projectUsage?: number;
  projectCap?: number;
  /** Day of the month on which X resets the cap (usage/tweets `cap_reset_day`). */
  capResetDay?: number;
  /** Posts this channel read since usageAt (or since periodStart when X's figure is unknown). */
  localReads: number;
  periodStart?: string;
  /**
   * Smoothed count of posts new per base interval (each post once, history read on a first
   * contact left out): the basis of the projection.
   */
  ewmaNewPerInterval?: number;
  /** When the last poll cycle ended (UTC ISO): turns a cycle's new posts into a rate. */
  lastCycleAt?: string;
  /** The last pacing decision stretched the interval: next cycles read one page per source. */
  throttled?: boolean;
}

export async function loadBudget(kv: ChannelKv): Promise<BudgetRecord> {
  const raw = await kv.get(KV_KEY);
  if (raw) {
    try {
      return { localReads: 0, ...(JSON.parse(raw) as Partial<BudgetRecord>) };
    } catch {
      // unreadable: start counting afresh; the next usage/tweets read restores X's figure
    }
  }
  return { localReads: 0 };
}

export async function saveBudget(kv: ChannelKv, b: BudgetRecord): Promise<void> {
  await kv.set(KV_KEY, JSON.stringify(b));
}

/** Start and end of the cap period containing `now` (resets at 00:00 UTC on resetDay). */
export function capPeriod(now: Date, resetDay = 1): { start: Date; end: Date } {
  const at = (y: number, m: number) => {
    const daysInMonth = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
    return new Date(Date.UTC(y, m, Math.min(Math.max(resetDay, 1), daysInMonth)));
  };
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const thisMonth = at(y, m);
  return now >= thisMonth ? { start: thisMonth, end: at(y, m + 1) } : { start: at(y, m - 1), end: thisMonth };
}

/** Posts read in the current period as best known: X's figure plus our reads since it. */
export function usedSoFar(b: BudgetRecord): number {
  return (b.projectUsage ?? 0) + b.localReads;
}

export interface PacingInput {
  now: Date;
  used: number;
  /** Posts allowed per period; undefined: no cap, no pacing. */
  cap?: number;
  reserve: number;
  periodEnd: Date;
  baseIntervalMs: number;
  /** Longest interval pacing may set while budget remains (a complaint must not wait days). */
  maxIntervalMs: number;
  /** Posts expected to be new per base interval. */
  newPostsPerInterval: number;
  /** Smallest page worth asking for (search: 10). */
  minPage: number;
}

export interface Pacing {
  /** Posts that may still be read this period (cap − reserve − used), Infinity without a cap. */
  remaining: number;
  intervalMs: number;
  throttled: boolean;
  /** Nothing left: do not poll before the period ends. */
  exhausted: boolean;
  projectedAtBaseInterval?: number;
  projectedMonthEnd?: number;
  /** Paced at the longest interval, the budget still runs out before the period ends: about then. */
  runsOutAt?: Date;
}

/**
 * Posts new per base interval are roughly fixed by the inflow, so the projection is `used +
 * new/interval × intervals left`. When that overshoots, the interval grows until the remaining
 * budget covers the cycles left, between the base interval and maxIntervalMs; throttled cycles
 * read one page per source, which is what makes longer intervals cheaper (older posts of a large
 * backlog are then skipped and reported as a gap). The hard stop is the cap itself (`exhausted`).
 */
export function computePacing(p: PacingInput): Pacing {
  const base = p.baseIntervalMs;
  if (!p.cap) return { remaining: Infinity, intervalMs: base, throttled: false, exhausted: false };
  const remaining = Math.max(0, p.cap - p.reserve - p.used);
  const timeLeft = Math.max(0, p.periodEnd.getTime() - p.now.getTime());
  const perInterval = Math.max(0, p.newPostsPerInterval);
  const projectedAtBaseInterval = Math.round(p.used + (perInterval * timeLeft) / base);
  if (remaining < p.minPage) {
    return { remaining, intervalMs: timeLeft, throttled: true, exhausted: true, projectedAtBaseInterval, projectedMonthEnd: p.used };
  }
  if (projectedAtBaseInterval <= p.cap - p.reserve) {
    return { remaining, intervalMs: base, throttled: false, exhausted: false, projectedAtBaseInterval, projectedMonthEnd: projectedAtBaseInterval };
  }
  const ceiling = Math.max(base, p.maxIntervalMs);
  const intervalMs = Math.min(ceiling, Math.max(base, Math.ceil((timeLeft * perInterval) / remaining)));
  const projectedMonthEnd = Math.round(p.used + (perInterval * timeLeft) / intervalMs);
  // At the ceiling the budget may not last the period: say when it will run out.
  const runsOutAt = projectedMonthEnd > p.cap - p.reserve ? new Date(p.now.getTime() + Math.floor(remaining / perInterval) * intervalMs) : undefined;
  return { remaining, intervalMs, throttled: intervalMs > base, exhausted: false, projectedAtBaseInterval, projectedMonthEnd, runsOutAt };
}

/** Smooths new posts per interval so one busy hour does not swing the interval. */
export function nextEwma(prev: number | undefined, sample: number): number {
  return prev === undefined ? sample : 0.3 * sample + 0.7 * prev;
}

/** A cycle's new posts as posts per base interval (a stretched cycle gathers several intervals' worth). */
export function newPerInterval(newPosts: number, lastCycleAt: string | undefined, now: Date, baseIntervalMs: number): number {
  const elapsed = lastCycleAt ? now.getTime() - Date.parse(lastCycleAt) : baseIntervalMs;
  return (newPosts * baseIntervalMs) / Math.max(baseIntervalMs, elapsed);
}

/** The budget as the health view shows it (channel state `info.usage`). */
export function budgetInfo(b: BudgetRecord, cap: number | undefined, period: { start: Date; end: Date }, p: Pacing): Record<string, unknown> {
  return {
    projectUsage: usedSoFar(b),
    reportedByX: b.projectUsage,
    usageReadAt: b.usageAt,
    cap,
    projectCap: b.projectCap,
    resetDay: b.capResetDay,
    periodStart: period.start.toISOString(),
    resetAt: period.end.toISOString(),
    remaining: Number.isFinite(p.remaining) ? p.remaining : undefined,
    projectedMonthEnd: p.projectedMonthEnd,
    projectedAtBaseInterval: p.projectedAtBaseInterval,
    newPerInterval: b.ewmaNewPerInterval === undefined ? undefined : Math.round(b.ewmaNewPerInterval * 10) / 10,
    runsOutAt: p.runsOutAt?.toISOString(),
    intervalMs: p.intervalMs,
    throttled: p.throttled,
    exhausted: p.exhausted,
  };
}
