/** Per-endpoint rate-limit windows: X's documented limits and the x-rate-limit-* headers each request carries. */
import type { XEndpoint } from './types';

export interface EndpointLimit {
  limit: number;
  windowMs: number;
}

/** Requests counted in an endpoint's current window and when it resets (ms, whole seconds). */
export interface RateWindow {
  resetAt: number;
  count: number;
}

/** X's documented windows (per user for user context, per app for app-only), 15 minutes. */
export const X_DOCUMENTED_LIMITS: Record<XEndpoint, EndpointLimit> = {
  'GET /2/users/:id/mentions': { limit: 300, windowMs: 15 * 60_000 },
  'GET /2/tweets/search/recent': { limit: 450, windowMs: 15 * 60_000 },
  'GET /2/users/:id/tweets': { limit: 900, windowMs: 15 * 60_000 },
  'GET /2/users/me': { limit: 75, windowMs: 15 * 60_000 },
  'POST /2/tweets': { limit: 100, windowMs: 15 * 60_000 },
  'GET /2/usage/tweets': { limit: 50, windowMs: 15 * 60_000 },
};

/** Counts one request against the endpoint's window, opening a new window once the old one has reset. */
export function takeWindow(
  windows: Map<XEndpoint, RateWindow>,
  ep: XEndpoint,
  { limit, windowMs }: EndpointLimit,
  now: number,
): { limited: boolean; headers: Record<string, string> } {
  let w = windows.get(ep);
  if (!w || now >= w.resetAt) {
    w = { resetAt: Math.ceil((now + windowMs) / 1000) * 1000, count: 0 };
    windows.set(ep, w);
  }
  const limited = w.count >= limit;
  if (!limited) w.count += 1;
  return {
    limited,
    headers: {
      'x-rate-limit-limit': String(limit),
      'x-rate-limit-remaining': String(Math.max(0, limit - w.count)),
      'x-rate-limit-reset': String(Math.floor(w.resetAt / 1000)),
    },
  };
}
