/** XChannelOptions with defaults applied, as the poller and sender use them. */
import { X_DEFAULTS, type XChannelOptions } from './options';

export interface ResolvedXOptions {
  apiBaseUrl: string;
  accountId?: string;
  queries: string[];
  monthlyPostCap?: number;
  pollIntervalMs: number;
  maxPollIntervalMs: number;
  initialBackfillPages: number;
  ownPostsIntervalMs: number;
  ownPostsMax: number;
  usageRefreshMs: number;
  budgetReserve?: number;
  requestTimeoutMs: number;
  now?: () => Date;
}

export function resolveOptions(o: XChannelOptions): ResolvedXOptions {
  return {
    apiBaseUrl: o.apiBaseUrl || X_DEFAULTS.apiBaseUrl,
    accountId: o.accountId || undefined,
    queries: (o.queries ?? []).map((q) => q.trim()).filter(Boolean),
    monthlyPostCap: o.monthlyPostCap && o.monthlyPostCap > 0 ? o.monthlyPostCap : undefined,
    pollIntervalMs: o.pollIntervalMs ?? X_DEFAULTS.pollIntervalMs,
    maxPollIntervalMs: o.maxPollIntervalMs ?? X_DEFAULTS.maxPollIntervalMs,
    initialBackfillPages: Math.max(1, o.initialBackfillPages ?? X_DEFAULTS.initialBackfillPages),
    ownPostsIntervalMs: o.ownPostsIntervalMs ?? X_DEFAULTS.ownPostsIntervalMs,
    ownPostsMax: Math.min(100, o.ownPostsMax ?? X_DEFAULTS.ownPostsMax),
    usageRefreshMs: o.usageRefreshMs ?? X_DEFAULTS.usageRefreshMs,
    budgetReserve: o.budgetReserve,
    requestTimeoutMs: o.requestTimeoutMs ?? X_DEFAULTS.requestTimeoutMs,
    now: o.now,
  };
}
