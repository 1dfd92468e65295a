/**
 * One outbound JSON POST with a timeout, classified for the outbox: delivered, worth retrying
 * (network error, timeout, 408, 429, 5xx) or permanent (other 4xx: retrying cannot help).
 */
import { withoutUrlCredentials } from '../url-secrets';

export type PostOutcome =
  | { kind: 'delivered'; status: number; body: string }
  /**
   * `error` says what went wrong in our words only (it is logged); `reply` is the start of what the
   * receiver answered, which may echo what it was sent (a citizen's handle): stored with the
   * message for the case page, never logged.
   */
  | { kind: 'retry' | 'permanent'; status?: number; error: string; reply?: string };

export async function postJson(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<PostOutcome> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Rasid/1 (+outbox)', ...headers },
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
  return { kind: retryable ? 'retry' : 'permanent', status: res.status, error: `HTTP ${res.status}`, ...(text ? { reply: text.slice(0, 200) } : {}) };
}

