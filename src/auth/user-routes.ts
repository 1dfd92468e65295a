/** GET /me and users' names for everyone; users are listed in full by supervisors and managed by admins only. */
import { Router } from 'express';
import { parseInput } from '../http/validate';
import type { Role } from '../domain';
import { currentUser } from './request-auth';
import { EVERYONE, SUPERVISORS, requireRole } from './require-role';
import { UserCreateSchema, UserIdParamsSchema, UserUpdateSchema } from './auth-schemas';
import type { UserService } from './user-service';

export function userRoutes(deps: { users: UserService }): Router {
  const router = Router();

  router.get('/me', requireRole(...EVERYONE), (req, res) => {
    res.json(currentUser(req));
  });

  router.get('/users', requireRole(...SUPERVISORS), async (_req, res) => {
    res.json({ items: await deps.users.list() });
  });

  // Names only, for everyone: the console shows who holds a claim or wrote a reply by name.
  router.get('/users/names', requireRole(...EVERYONE), async (_req, res) => {
    res.json({ items: (await deps.users.list()).map(({ id, name }) => ({ id, name })) });
  });

  router.post('/users', requireRole('admin'), async (req, res) => {
    const body = parseInput(UserCreateSchema, req.body, 'body');
    res.status(201).json(await deps.users.create(currentUser(req).id, { ...body, role: body.role as Role }));
  });

  router.patch('/users/:id', requireRole('admin'), async (req, res) => {
    const { id } = parseInput(UserIdParamsSchema, req.params, 'params');
    const body = parseInput(UserUpdateSchema, req.body, 'body');
    res.json(await deps.users.update(currentUser(req).id, id, { ...body, role: body.role as Role | undefined }));
  });

  router.post('/users/:id/token', requireRole('admin'), async (req, res) => {
    const { id } = parseInput(UserIdParamsSchema, req.params, 'params');
    res.json(await deps.users.rotateToken(currentUser(req).id, id));
  });

  return router;
}
