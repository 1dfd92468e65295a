/** The reply queue and claims: GET /queue, GET /queue/events, POST /mentions/:id/{claim,release,assign,status}. */
import { Router } from 'express';
import { currentUser } from '../auth/request-auth';
import { EVERYONE, SUPERVISORS, requireRole } from '../auth/require-role';
import { parseInput } from '../http/validate';
import type { QueueEvents } from './queue-events';
import type { QueueListInput, QueueService } from './queue-service';
import { AssignSchema, MentionIdParamsSchema, QueueQuerySchema, StatusChangeSchema } from './queue-schemas';

export function queueRoutes(deps: { queue: QueueService; events: QueueEvents }): Router {
  const router = Router();

  router.get('/queue/events', requireRole(...EVERYONE), (req, res) => {
    deps.events.subscribe(req, res);
  });

  router.get('/queue', requireRole(...EVERYONE), async (req, res) => {
    const q = parseInput(QueueQuerySchema, req.query, 'query');
    const assignee = q.assignee === 'me' ? currentUser(req).id : q.assignee;
    res.type('json').send(await deps.queue.listJson({ ...(q as QueueListInput), assignee }));
  });

  router.post('/mentions/:id/claim', requireRole(...EVERYONE), async (req, res) => {
    const { id } = parseInput(MentionIdParamsSchema, req.params, 'params');
    res.json({ claim: await deps.queue.claim(currentUser(req), id) });
  });

  router.post('/mentions/:id/release', requireRole(...EVERYONE), async (req, res) => {
    const { id } = parseInput(MentionIdParamsSchema, req.params, 'params');
    await deps.queue.release(currentUser(req), id);
    res.status(204).end();
  });

  router.post('/mentions/:id/assign', requireRole(...SUPERVISORS), async (req, res) => {
    const { id } = parseInput(MentionIdParamsSchema, req.params, 'params');
    const body = parseInput(AssignSchema, req.body, 'body');
    res.json({ claim: await deps.queue.assign(currentUser(req), id, body.userId) });
  });

  router.post('/mentions/:id/status', requireRole(...EVERYONE), async (req, res) => {
    const { id } = parseInput(MentionIdParamsSchema, req.params, 'params');
    const body = parseInput(StatusChangeSchema, req.body, 'body');
    const r = await deps.queue.setStatus(currentUser(req), id, body.status, body.reason);
    // The mention as before, with what happened to its case beside its fields (compatible answer).
    res.json({ ...r.mention, case: r.case });
  });

  return router;
}
