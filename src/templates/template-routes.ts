/** Reply templates: everyone reads them; supervisors and admins create, edit and delete. */
import { Router } from 'express';
import { parseInput } from '../http/validate';
import { currentUser } from '../auth/request-auth';
import { EVERYONE, SUPERVISORS, requireRole } from '../auth/require-role';
import { TemplateCreateSchema, TemplateIdParamsSchema, TemplateUpdateSchema } from './template-schemas';
import type { TemplateService } from './template-service';

export function templateRoutes(deps: { templates: TemplateService }): Router {
  const router = Router();

  router.get('/templates', requireRole(...EVERYONE), async (_req, res) => {
    res.json({ items: await deps.templates.list() });
  });

  router.get('/templates/:id', requireRole(...EVERYONE), async (req, res) => {
    const { id } = parseInput(TemplateIdParamsSchema, req.params, 'params');
    res.json(await deps.templates.get(id));
  });

  router.post('/templates', requireRole(...SUPERVISORS), async (req, res) => {
    const body = parseInput(TemplateCreateSchema, req.body, 'body');
    res.status(201).json(await deps.templates.create(currentUser(req).id, body));
  });

  router.patch('/templates/:id', requireRole(...SUPERVISORS), async (req, res) => {
    const { id } = parseInput(TemplateIdParamsSchema, req.params, 'params');
    const body = parseInput(TemplateUpdateSchema, req.body, 'body');
    res.json(await deps.templates.update(currentUser(req).id, id, body));
  });

  router.delete('/templates/:id', requireRole(...SUPERVISORS), async (req, res) => {
    const { id } = parseInput(TemplateIdParamsSchema, req.params, 'params');
    await deps.templates.remove(currentUser(req).id, id);
    res.status(204).end();
  });

  return router;
}
