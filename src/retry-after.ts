/** The Retry-After header of an HTTP answer (RFC 9110 §10.2.3), read once for every caller (the outbox, the news feeds). */

/**
 * A Retry-After value as a delay in ms from `nowMs`: delay-seconds («300») or an HTTP-date
 * («Wed, 21 Oct 2026 07:28:00 GMT»). Undefined when absent, unreadable or already past.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  if (/^\d+$/.test(v)) {
    const ms = Number(v) * 1000;
    return ms > 0 && Number.isFinite(ms) ? ms : undefined;
  }
  // Only a date-looking value: Date.parse also reads things like «5» or «1.5» as dates.
  if (!/[a-z]/i.test(v)) return undefined;
  const at = Date.parse(v);
  return Number.isFinite(at) && at > nowMs ? at - nowMs : undefined;
}

