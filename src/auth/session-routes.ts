/**
 * Console sign-in. POST /session with `Authorization: Bearer <token>` (the token is checked by
 * authenticate like on every route) sets the HttpOnly session cookie and returns the CSRF token
 * the console sends back in X-CSRF-Token; GET /session returns them again after a reload;
 * DELETE /session signs out.
 */
import { randomBytes } from 'node:crypto';
import { Router } from 'express';
import type { UserStore } from '../users/store/user-store';
import { UnprocessableError } from '../errors';
import { requestAuth } from './request-auth';
import { clearSessionCookie, setSessionCookie, type SessionCookieOptions } from './session-cookie';
import { generateToken, hashToken } from './token';

export interface SessionRouteDeps {
  store: Pick<UserStore, 'createSession' | 'deleteSession'>;
  cookie: SessionCookieOptions;
  now?: () => Date;
}

export function sessionRoutes(deps: SessionRouteDeps): Router {
  const now = deps.now ?? (() => new Date());
  const router = Router();

  router.post('/session', async (req, res) => {
    const auth = requestAuth(req);
    if (auth?.via !== 'token') throw new UnprocessableError('token_required', 'sign in with Authorization: Bearer <token>');
    const sessionId = generateToken();
    const csrfToken = randomBytes(24).toString('base64url');
    const at = now();
    const expiresAt = new Date(at.getTime() + deps.cookie.ttlMs).toISOString();
    await deps.store.createSession({ idHash: hashToken(sessionId), userId: auth.user.id, csrfToken, createdAt: at.toISOString(), expiresAt });
    setSessionCookie(res, sessionId, deps.cookie);
    res.status(201).json({ user: auth.user, csrfToken, expiresAt });
  });

  router.get('/session', (req, res) => {
    const auth = requestAuth(req);
    res.json({ user: auth?.user, via: auth?.via, csrfToken: auth?.session?.csrfToken ?? null, expiresAt: auth?.session?.expiresAt ?? null });
  });

  router.delete('/session', async (req, res) => {
    const auth = requestAuth(req);
    if (auth?.session) await deps.store.deleteSession(auth.session.idHash);
    clearSessionCookie(res, deps.cookie);
    res.status(204).end();
  });

  return router;
}
