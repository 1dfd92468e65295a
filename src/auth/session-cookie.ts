/**
 * The console's session cookie: HttpOnly (scripts cannot read it), SameSite=Strict (other sites
 * cannot send it), Secure unless configured off for plain-http development. Parsed by hand to
 * avoid a dependency for one cookie.
 */
import type { Request, Response } from 'express';

export const SESSION_COOKIE = 'rasid_session';
export const CSRF_HEADER = 'x-csrf-token';

export interface SessionCookieOptions {
  secure: boolean;
  ttlMs: number;
}

export function readSessionCookie(req: Request): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() === SESSION_COOKIE) {
      const value = part.slice(eq + 1).trim();
      return /^[\w-]{16,128}$/.test(value) ? value : undefined;
    }
  }
  return undefined;
}

export function setSessionCookie(res: Response, value: string, opts: SessionCookieOptions): void {
  res.cookie(SESSION_COOKIE, value, { httpOnly: true, sameSite: 'strict', secure: opts.secure, path: '/', maxAge: opts.ttlMs });
}

export function clearSessionCookie(res: Response, opts: SessionCookieOptions): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure: opts.secure, path: '/' });
}
