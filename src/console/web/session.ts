/**
 * The console's sign-in: POST /api/session with the user's API token as a Bearer token; the server turns it into an HttpOnly, SameSite=Strict
 * session cookie and hands back a CSRF token, which the console keeps in memory only and sends
 * in X-CSRF-Token on state-changing requests. A reload asks GET /api/session for both again, and
 * so does a request refused for a stale token (the user signed out and in again in another tab of
 * the same browser, which shares the cookie): api.ts then sends it once more with the new token.
 */
import { ApiError, del, get, post, setCsrfRefresher, setCsrfToken } from './api';
import type { Role } from '../../users/store/user-store';

export interface SessionUser {
  id: string;
  name: string;
  role: Role;
  trainee?: boolean;
}

export interface SessionInfo {
  user: SessionUser;
  csrfToken: string | null;
  expiresAt?: string;
}

interface SessionResponse {
  user?: SessionUser;
  csrfToken?: string;
  csrf?: string;
  expiresAt?: string;
}

/** The user this page is signed in as: a token fetched again must be theirs. */
let signedInAs: string | undefined;

function accept(data: SessionResponse | undefined): SessionInfo | null {
  if (!data?.user) return null;
  const csrfToken = data.csrfToken ?? data.csrf ?? null;
  setCsrfToken(csrfToken);
  signedInAs = data.user.id;
  return { user: data.user, csrfToken, expiresAt: data.expiresAt };
}

/**
 * The session's current CSRF token, for a request refused with the old one. Only for the same
 * user: a colleague signed in since in another tab would otherwise have this page's changes made
 * in their name; then the request is not repeated, and the page says to reload.
 */
setCsrfRefresher(async () => {
  const before = signedInAs;
  if (!before) return false;
  const data = await get<SessionResponse>('/api/session', { quiet401: true });
  const token = data?.csrfToken ?? data?.csrf;
  if (data?.user?.id !== before || !token || signedInAs !== before) return false;
  setCsrfToken(token);
  return true;
});

/**
 * A non-secret hint that this browser signed in before, so a fresh visit shows the sign-in form
 * without first asking the server (and logging a 401 in the browser console).
 */
const HINT_KEY = 'rasid.signedIn';
function hint(on: boolean | null): boolean {
  try {
    if (on === true) localStorage.setItem(HINT_KEY, '1');
    if (on === false) localStorage.removeItem(HINT_KEY);
    return localStorage.getItem(HINT_KEY) === '1';
  } catch {
    return true;
  }
}

/** The current session, or null when signed out. */
export async function loadSession(): Promise<SessionInfo | null> {
  if (!hint(null)) return null;
  try {
    return accept(await get<SessionResponse>('/api/session', { quiet401: true }));
  } catch (err) {
    if (err instanceof ApiError && (err.status === 401 || err.status === 404)) {
      hint(false);
      return null;
    }
    throw err;
  }
}

export async function signIn(token: string): Promise<SessionInfo> {
  // The token travels once, in the Authorization header; from then on only the cookie does.
  const info = accept(await post<SessionResponse>('/api/session', undefined, { quiet401: true, headers: { Authorization: `Bearer ${token}` } }));
  if (!info) throw new ApiError(500, 'bad_session_response', 'the server did not return a user');
  hint(true);
  return info;
}

export async function signOut(): Promise<void> {
  try {
    await del('/api/session', { quiet401: true });
  } finally {
    setCsrfToken(null);
    signedInAs = undefined;
    hint(false);
  }
}

export const canSupervise = (user: SessionUser) => user.role === 'supervisor' || user.role === 'admin';
export const isAdmin = (user: SessionUser) => user.role === 'admin';
