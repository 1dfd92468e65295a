/** Replies: write one on a mention (or preview its text), list (approvals, unknown sends), approve/reject, resolve unknown. */
import { Router } from 'express';
import { currentUser } from '../auth/request-auth';
import { EVERYONE, SUPERVISORS, requireRole } from '../auth/require-role';
import type { ReplyState } from '../domain';
import { parseInput } from '../http/validate';
import type { ReplyService } from './reply-service';
import { MentionIdParamsSchema } from '../queue/queue-schemas';
import { ReplyCountQuerySchema, ReplyCreateSchema, ReplyIdParamsSchema, ReplyListQuerySchema, ReplyRejectSchema, ReplyResolveSchema } from './reply-schemas';

export function replyRoutes(deps: { replies: ReplyService }): Router {
  const router = Router();

  router.post('/mentions/:id/replies', requireRole(...EVERYONE), async (req, res) => {
    const { id } = parseInput(MentionIdParamsSchema, req.params, 'params');
    const body = parseInput(ReplyCreateSchema, req.body, 'body');
    // 200 with the first reply when this is a double submit of one still waiting (no second reply)
    const { reply, created } = await deps.replies.createAgentReply(currentUser(req), id, body);
    res.status(created ? 201 : 200).json(reply);
  });

  router.post('/mentions/:id/replies/preview', requireRole(...EVERYONE), async (req, res) => {
    const { id } = parseInput(MentionIdParamsSchema, req.params, 'params');
    const body = parseInput(ReplyCreateSchema, req.body, 'body');
    res.json(await deps.replies.previewAgentReply(id, body));
  });

  router.get('/replies', requireRole(...EVERYONE), async (req, res) => {
    const q = parseInput(ReplyListQuerySchema, req.query, 'query');
    res.json(await deps.replies.list({ ...q, state: q.state as ReplyState | undefined }));
  });

  // before /replies/:id, which would take "count" for an id
  router.get('/replies/count', requireRole(...EVERYONE), async (req, res) => {
    const { state } = parseInput(ReplyCountQuerySchema, req.query, 'query');
    res.json({ state, count: await deps.replies.count(state as ReplyState) });
  });

  router.get('/replies/:id', requireRole(...EVERYONE), async (req, res) => {
    const { id } = parseInput(ReplyIdParamsSchema, req.params, 'params');
    res.json(await deps.replies.get(id));
  });

  router.post('/replies/:id/approve', requireRole(...SUPERVISORS), async (req, res) => {
    const { id } = parseInput(ReplyIdParamsSchema, req.params, 'params');
    res.json(await deps.replies.approve(currentUser(req), id));
  });

  router.post('/replies/:id/reject', requireRole(...SUPERVISORS), async (req, res) => {
    const { id } = parseInput(ReplyIdParamsSchema, req.params, 'params');
    const body = parseInput(ReplyRejectSchema, req.body, 'body');
    res.json(await deps.replies.reject(currentUser(req), id, body.reason));
  });

  router.post('/replies/:id/resolve', requireRole(...SUPERVISORS), async (req, res) => {
    const { id } = parseInput(ReplyIdParamsSchema, req.params, 'params');
    const body = parseInput(ReplyResolveSchema, req.body, 'body');
    res.json(await deps.replies.resolveUnknown(currentUser(req), id, body));
  });

  return router;
}
