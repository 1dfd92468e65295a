/** Server-side role checks: every state-changing route names the roles allowed to call it. */
import type { RequestHandler } from 'express';
import type { Role } from '../domain';
import { ForbiddenError } from '../errors';
import { currentUser } from './request-auth';

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
