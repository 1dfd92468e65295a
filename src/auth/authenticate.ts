/**
 * The one middleware in front of every /api route (buildApp({ authenticate })). A request is
 * authenticated by `Authorization: Bearer <token>` or by the console's session cookie; with the
 * cookie, state-changing methods must also carry the session's CSRF token in X-CSRF-Token.
 * Failed sign-ins (a wrong or unknown Authorization header) are counted per client address: past
 * the limit the answer is 429, while requests with a valid token are never slowed down by someone
 * else's failures. Requests without credentials are not guesses at a token (a console that lost
 * its session, a health probe on the wrong path) and are answered 401 without being counted.
 */
import { timingSafeEqual } from 'node:crypto';
import { Router, type Request, type RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { UserStore } from '../users/store/user-store';
import { AppError, ForbiddenError, UnauthorizedError } from '../errors';
import { requestAuth, setRequestAuth } from './request-auth';
import { CSRF_HEADER, readSessionCookie } from './session-cookie';
import { hashToken } from './token';
import type { Logger } from '../logger';

export interface FailedLoginLimit {
  /** Failed attempts allowed per address and window (AUTH_FAIL_LIMIT, default 20). */
  limit: number;
  /** AUTH_FAIL_WINDOW_MINUTES, default 15. */
  windowMs: number;
}

export interface AuthenticateOptions {
  store: Pick<UserStore, 'findUserByTokenHash' | 'findSession'>;
  failedLogins: FailedLoginLimit;
  /** Gets the rate limiter's setup warnings (e.g. X-Forwarded-For without TRUST_PROXY). */
  log?: Pick<Logger, 'warn'>;
  now?: () => Date;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function createAuthenticate(opts: AuthenticateOptions): RequestHandler {
  const now = opts.now ?? (() => new Date());

  const identify: RequestHandler = async (req, _res, next) => {
    const header = req.get('authorization');
    if (header !== undefined) {
      const m = /^Bearer ([\w-]{16,128})$/i.exec(header.trim());
      const user = m ? await opts.store.findUserByTokenHash(hashToken(m[1])) : null;
      // The right token of a disabled account is no guess (nothing to count) and no session
      // expiry: its holder is told what happened, and who can undo it.
      if (user?.disabled) return next(new AppError(403, 'account_disabled', 'this account is disabled; an admin can enable it again'));
      if (user) setRequestAuth(req, { user, via: 'token' });
      return next();
    }
    const cookie = readSessionCookie(req);
    if (!cookie) return next();
    const found = await opts.store.findSession(hashToken(cookie), now().toISOString());
    if (!found) return next();
    // An open console of a disabled account is told so, as its token would be.
    if (found.user.disabled) return next(new AppError(403, 'account_disabled', 'this account is disabled; an admin can enable it again'));
    if (!SAFE_METHODS.has(req.method) && !sameSecret(req.get(CSRF_HEADER), found.session.csrfToken)) {
      return next(new ForbiddenError('missing or wrong X-CSRF-Token for a cookie-authenticated request', { header: 'X-CSRF-Token' }));
    }
    setRequestAuth(req, { user: found.user, via: 'session', session: found.session });
    next();
  };

  const limitFailures = rateLimit({
    windowMs: opts.failedLogins.windowMs,
    limit: opts.failedLogins.limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    // Counting anonymous requests too let a few page loads without a token lock out the sign-in
    // that follows from the same address. A session cookie is not a guess either: it is 192 random
    // bits, and an expired one keeps arriving from a console until it signs in again.
    skip: (req) => !!requestAuth(req as Request) || req.get('authorization') === undefined,
    handler: (_req, _res, next) => next(new AppError(429, 'rate_limited', 'too many failed sign-in attempts, try again later')),
    // The library prints these to the console as plain text; the service's log is JSON lines.
    ...(opts.log ? { logger: limiterLogger(opts.log) } : {}),
  });

  const rejectAnonymous: RequestHandler = (req, _res, next) => {
    if (requestAuth(req)) return next();
    const hadCredentials = req.get('authorization') !== undefined || readSessionCookie(req) !== undefined;
    next(new UnauthorizedError(hadCredentials ? 'the token or session is invalid, expired or disabled' : 'a valid token is required (Authorization: Bearer <token>)'));
  };

  const router = Router();
  router.use(identify, limitFailures, rejectAnonymous);
  return router;
}

function limiterLogger(log: Pick<Logger, 'warn'>) {
  const write = (err: unknown) => {
    const e = err as { code?: string; message?: string };
    log.warn({ code: e?.code, err: e?.message ?? String(err) }, 'failed sign-in limiter: setup warning');
  };
  return { warn: write, error: write };
}

function sameSecret(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
