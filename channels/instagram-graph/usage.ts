/**
 * Reads Meta's usage headers (X-App-Usage, X-Business-Use-Case-Usage): percentages of the
 * hourly budget already spent. The channel reports them and slows down before Meta throttles.
 */
import type { RateLimitInfo } from '../../src/domain/channel-state';

export interface UsageSnapshot {
  /** Highest percentage among all reported figures (0..100+). */
  maxPct: number;
  /** Longest "estimated_time_to_regain_access" in minutes (0 when not throttled). */
  regainMinutes: number;
  rateLimits: RateLimitInfo[];
  raw: { app?: Record<string, number>; business?: Record<string, unknown> };
}

interface BucEntry {
  type?: string;
  call_count?: number;
  total_cputime?: number;
  total_time?: number;
  estimated_time_to_regain_access?: number;
}

export function readUsage(headers: Headers, now: Date): UsageSnapshot | undefined {
  const appHeader = headers.get('x-app-usage');
  const bucHeader = headers.get('x-business-use-case-usage');
  if (!appHeader && !bucHeader) return undefined;
  const rateLimits: RateLimitInfo[] = [];
  let maxPct = 0;
  let regainMinutes = 0;
  const raw: UsageSnapshot['raw'] = {};

  const app = parseJson<Record<string, number>>(appHeader);
  if (app) {
    raw.app = app;
    const pct = highest([app.call_count, app.total_time, app.total_cputime]);
    maxPct = Math.max(maxPct, pct);
    rateLimits.push({ endpoint: 'app', limit: 100, remaining: Math.max(0, 100 - pct) });
  }

  const buc = parseJson<Record<string, BucEntry[]>>(bucHeader);
  if (buc) {
    raw.business = buc;
    for (const [businessId, entries] of Object.entries(buc)) {
      for (const e of Array.isArray(entries) ? entries : []) {
        const pct = highest([e.call_count, e.total_time, e.total_cputime]);
        const regain = e.estimated_time_to_regain_access ?? 0;
        maxPct = Math.max(maxPct, pct);
        regainMinutes = Math.max(regainMinutes, regain);
        rateLimits.push({
          endpoint: `business:${businessId}:${e.type ?? 'unknown'}`,
          limit: 100,
          remaining: Math.max(0, 100 - pct),
          ...(regain > 0 ? { resetAt: new Date(now.getTime() + regain * 60_000).toISOString() } : {}),
        });
      }
    }
  }
  return { maxPct, regainMinutes, rateLimits, raw };
}

function highest(values: (number | undefined)[]): number {
  return Math.max(0, ...values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v)));
}

function parseJson<T>(value: string | null): T | undefined {
  if (!value) return undefined;
  try {
    return JSON.parse(value) as T;
  } catch {
    return undefined;
  }
}
