/** Reads the project's monthly consumption from GET /2/usage/tweets, at most every usageRefreshMs. */
import type { PollContext } from '../channel';
import { capPeriod, saveBudget, type BudgetRecord } from './budget';
import type { XClients } from './client';
import { mapXError } from './errors';
import { ENDPOINTS } from './fetch-page';
import type { RateLimitBook } from './rate-limits';
import { toRateLimitInfo } from './rate-limits';
import type { ResolvedXOptions } from './resolved-options';

interface UsageBody {
  data?: { project_usage?: string | number; project_cap?: string | number; cap_reset_day?: number };
}

/** Spec 2.167 types these as strings, 2.159 as integers: accept both. */
function num(v: string | number | undefined): number | undefined {
  const n = typeof v === 'string' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

/**
 * Starts a new period when the cap has reset, then refreshes X's figure when due. A failure is
 * logged and polling goes on with our own count: usage is a pacing aid, not a precondition.
 * Returns the current cap period.
 */
export async function refreshUsageIfDue(
  clients: XClients,
  opts: ResolvedXOptions,
  b: BudgetRecord,
  book: RateLimitBook,
  ctx: PollContext,
  now: Date,
): Promise<{ start: Date; end: Date }> {
  let period = capPeriod(now, b.capResetDay);
  if (b.periodStart !== period.start.toISOString()) {
    b.periodStart = period.start.toISOString();
    b.localReads = 0;
    b.projectUsage = undefined;
    b.usageAt = undefined;
    b.throttled = false;
  }
  const due = !b.usageAt || now.getTime() - Date.parse(b.usageAt) >= opts.usageRefreshMs;
  // usage/tweets accepts app-only auth only.
  if (!due || !clients.hasAppToken || book.exhaustedUntil(ENDPOINTS.usage, now)) return period;
  try {
    const res = await clients.app.v2.get<UsageBody>('usage/tweets', {}, { fullResponse: true, timeout: opts.requestTimeoutMs });
    book.record(toRateLimitInfo(ENDPOINTS.usage, res.rateLimit));
    const d = res.data?.data ?? {};
    b.projectUsage = num(d.project_usage) ?? b.projectUsage;
    b.projectCap = num(d.project_cap) ?? b.projectCap;
    b.capResetDay = d.cap_reset_day ?? b.capResetDay;
    b.usageAt = now.toISOString();
    b.localReads = 0;
    period = capPeriod(now, b.capResetDay);
    b.periodStart = period.start.toISOString();
    await saveBudget(ctx.kv, b);
  } catch (err) {
    book.record(toRateLimitInfo(ENDPOINTS.usage, (err as { rateLimit?: never }).rateLimit));
    ctx.log.warn({ channel: 'x', err: mapXError(err, { now }).message }, 'x usage/tweets read failed; pacing on local count');
  }
  return period;
}
