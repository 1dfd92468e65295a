/**
 * One outbound JSON POST (or a form POST, postForm) with a timeout, classified for the outbox:
 * delivered, worth retrying (network error, timeout, 408, 429, 5xx) or permanent (other 4xx:
 * retrying cannot help). A retryable answer's Retry-After (seconds or an HTTP-date) is passed on
 * as `retryAfterMs`.
 */
import { withoutUrlCredentials } from '../url-secrets';
import { parseRetryAfter } from '../retry-after';

export type PostOutcome =
  | { kind: 'delivered'; status: number; body: string }
  /**
   * `error` says what went wrong in our words only (it is logged); `reply` is the start of what the
   * receiver answered, which may echo what it was sent (a citizen's handle): stored with the
   * message for the case page, never logged.
   */
  | {
      kind: 'retry' | 'permanent';
      status?: number;
      error: string;
      reply?: string;
      /**
       * The start of the answer (as much as a delivered one's body), for a caller that reads a
       * structured error out of it (Open311's `[{"code", "description"}]`); like `reply`, never logged.
       */
      body?: string;
      /** How long the receiver asked us to wait (its Retry-After, from now), when it said so on a retryable answer. */
      retryAfterMs?: number;
    };

export function postJson(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<PostOutcome> {
  return post(url, body, 'application/json', headers, timeoutMs);
}

/** An application/x-www-form-urlencoded POST (Open311 GeoReport v2), answered in JSON. */
export function postForm(url: string, form: URLSearchParams, headers: Record<string, string>, timeoutMs: number): Promise<PostOutcome> {
  return post(url, form.toString(), 'application/x-www-form-urlencoded; charset=utf-8', { accept: 'application/json', ...headers }, timeoutMs);
}

async function post(url: string, body: string, contentType: string, headers: Record<string, string>, timeoutMs: number): Promise<PostOutcome> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': contentType, 'user-agent': 'Rasid/1 (+outbox)', ...headers },
      body,
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
  } catch (err) {
    const e = err as Error;
    return { kind: 'retry', error: e.name === 'TimeoutError' ? `timed out after ${timeoutMs} ms` : `network error: ${withoutUrlCredentials(e.message)}` };
  }
  // Only a short excerpt: a receiver's error page must not fill the database.
  const text = (await res.text().catch(() => '')).slice(0, 2000);
  if (res.ok) return { kind: 'delivered', status: res.status, body: text };
  const retryable = res.status === 408 || res.status === 429 || res.status >= 500;
  const retryAfterMs = retryable ? parseRetryAfter(res.headers.get('retry-after'), Date.now()) : undefined;
  return {
    kind: retryable ? 'retry' : 'permanent',
    status: res.status,
    error: `HTTP ${res.status}`,
    ...(text ? { reply: text.slice(0, 200), body: text } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  };
}
