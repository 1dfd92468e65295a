/** Server-side role checks: every state-changing route names the roles allowed to call it. */
import type { RequestHandler } from 'express';
import { ForbiddenError } from '../errors';
import { currentUser } from './request-auth';
import type { Role } from '../users/store/user-store';

export function requireRole(...roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    const user = currentUser(req);
    if (!roles.includes(user.role)) {
      next(new ForbiddenError(`this action needs the role ${roles.join(' or ')}`, { role: user.role, allowed: roles }));
      return;
    }
    next();
  };
}

/** Shorthands used by the routes. */
export const SUPERVISORS: Role[] = ['supervisor', 'admin'];
export const EVERYONE: Role[] = ['agent', 'supervisor', 'admin'];
