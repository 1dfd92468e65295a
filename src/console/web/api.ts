/**
 * The console's one door to the API: same-origin fetch with the session cookie, the CSRF token
 * on every state-changing request, and the API's `{error:{code,message,details}}` shape turned
 * into an ApiError. A 401 tells the app the session is gone. A 403 for a stale CSRF token (the
 * session was renewed in another tab) fetches the session's current token once and tries again.
 * It also tells whoever listens (the app's connection banner) when the server cannot be reached
 * and when it answers again.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;
/** Why the session ended: it expired (or was ended), or its account was disabled meanwhile. */
export type SessionEnd = 'expired' | 'disabled';
let onUnauthorized: (why: SessionEnd) => void = () => undefined;
let csrfRefresher: (() => Promise<boolean>) | undefined;
let csrfRefreshing: Promise<boolean> | undefined;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function setUnauthorizedHandler(fn: (why: SessionEnd) => void): void {
  onUnauthorized = fn;
}

/**
 * How to get the session's current CSRF token (session.ts: GET /api/session), resolving true when
 * a token for the same user was set: a request refused for its token is then sent once more.
 */
export function setCsrfRefresher(fn: (() => Promise<boolean>) | undefined): void {
  csrfRefresher = fn;
}

/** Whether the server could be reached at the last try, and who wants to know when that changes. */
let reachable = true;
const connectionListeners = new Set<(reachable: boolean) => void>();

export function isServerReachable(): boolean {
  return reachable;
}

/** Calls `fn` each time the server stops or starts answering; returns the unsubscribe. */
export function onConnectionChange(fn: (reachable: boolean) => void): () => void {
  connectionListeners.add(fn);
  return () => {
    connectionListeners.delete(fn);
  };
}

function setReachable(now: boolean): void {
  if (now === reachable) return;
  reachable = now;
  for (const fn of Array.from(connectionListeners)) fn(now);
}

/** A gateway's answer that the service behind it is down (no answer from the service itself). */
const GATEWAY_DOWN = new Set([502, 504]);

/**
 * The server could not be reached: fetch() rejected (a TypeError; an abort is the caller's own
 * doing), or a gateway answered for it. Nothing about the request itself.
 */
export function isNetworkError(err: unknown): boolean {
  return err instanceof TypeError || (err instanceof ApiError && GATEWAY_DOWN.has(err.status));
}

const isAbort = (err: unknown) => (err as { name?: string } | null)?.name === 'AbortError';

export interface CallOptions {
  /** Do not treat a 401 as "signed out" (the sign-in form itself). */
  quiet401?: boolean;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

/** A 403 for a missing or stale X-CSRF-Token (src/auth/authenticate.ts: details `{header: 'X-CSRF-Token'}`). */
function isCsrfRefusal(status: number, details: unknown): boolean {
  return status === 403 && (details as { header?: unknown } | null | undefined)?.header === 'X-CSRF-Token';
}

/** One look-up of the session's token however many requests were refused together. */
function refreshCsrf(): Promise<boolean> {
  if (!csrfRefresher) return Promise.resolve(false);
  csrfRefreshing ??= csrfRefresher()
    .catch(() => false)
    .finally(() => {
      csrfRefreshing = undefined;
    });
  return csrfRefreshing;
}

export function api<T = unknown>(method: string, path: string, body?: unknown, opts: CallOptions = {}): Promise<T> {
  return call<T>(method, path, body, opts, true);
}

async function call<T>(method: string, path: string, body: unknown, opts: CallOptions, mayRetry: boolean): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...opts.headers };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const changes = method !== 'GET' && method !== 'HEAD';
  const sentToken = csrfToken;
  if (changes && sentToken) headers['X-CSRF-Token'] = sentToken;
  let res: Response;
  let text: string;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal: opts.signal,
    });
    text = res.status === 204 ? '' : await res.text();
  } catch (err) {
    if (!isAbort(err)) setReachable(false);
    throw err;
  }
  setReachable(!GATEWAY_DOWN.has(res.status));
  if (res.status === 204) return undefined as T;
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = text;
    }
  }
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
    // Signed out and in again in another tab: this tab's token is the old session's. Ask for the
    // current one and send the request once more (never twice: a second refusal is shown).
    if (changes && mayRetry && isCsrfRefusal(res.status, err?.details) && (csrfToken !== sentToken || (await refreshCsrf())) && csrfToken !== sentToken) {
      return call<T>(method, path, body, opts, false);
    }
    if (res.status === 401 && !opts.quiet401) onUnauthorized('expired');
    // An admin disabled the account while its console was open: signed out, and told why.
    if (res.status === 403 && err?.code === 'account_disabled' && !opts.quiet401) onUnauthorized('disabled');
    throw new ApiError(res.status, err?.code ?? `http_${res.status}`, err?.message ?? res.statusText, err?.details);
  }
  return data as T;
}

export const get = <T>(path: string, opts?: CallOptions) => api<T>('GET', path, undefined, opts);
export const post = <T>(path: string, body?: unknown, opts?: CallOptions) => api<T>('POST', path, body ?? {}, opts);
export const patch = <T>(path: string, body: unknown) => api<T>('PATCH', path, body);
export const del = <T>(path: string, opts?: CallOptions) => api<T>('DELETE', path, undefined, opts);

/** Lists come as `{items}` from every list route; a bare array is accepted too. */
export function itemsOf<T>(data: unknown): T[] {
  if (Array.isArray(data)) return data as T[];
  const items = (data as { items?: unknown } | null)?.items;
  return Array.isArray(items) ? (items as T[]) : [];
}

/** Builds a query string from the set values only. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '' && v !== false) q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
