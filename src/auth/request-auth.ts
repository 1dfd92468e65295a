/** Who is calling: set by authenticate, read by requireRole and the routes. */
import type { Request } from 'express';
import { UnauthorizedError } from '../errors';
import type { Session, User } from '../users/store/user-store';

export interface RequestAuth {
  user: User;
  /** 'token' = Authorization: Bearer; 'session' = the console's cookie (CSRF-checked). */
  via: 'token' | 'session';
  session?: Session;
}

const AUTH = new WeakMap<Request, RequestAuth>();

export function setRequestAuth(req: Request, auth: RequestAuth): void {
  AUTH.set(req, auth);
}

export function requestAuth(req: Request): RequestAuth | undefined {
  return AUTH.get(req);
}

/** The authenticated user; 401 if authenticate did not run or failed. */
export function currentUser(req: Request): User {
  const auth = AUTH.get(req);
  if (!auth) throw new UnauthorizedError();
  return auth.user;
}
