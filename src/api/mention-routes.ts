/** Read access to stored mentions: newest first, cursor-paginated, filterable. */
import { Router } from 'express';
import { z } from 'zod';
import { DOMAINS, MENTION_STATUSES, type Store } from '../domain';
import { NotFoundError } from '../errors';
import { parseInput } from './validate';

export const MentionListQuerySchema = z
  .object({
    channel: z.string().min(1).max(64).optional(),
    domain: z.enum(DOMAINS as [string, ...string[]]).optional(),
    status: z.enum(MENTION_STATUSES as [string, ...string[]]).optional(),
    /** UTC ISO 8601 time; only mentions created at or after it. */
    since: z.string().datetime({ offset: true }).transform((s) => new Date(s).toISOString()).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(500).optional(),
  })
  .strict();
export type MentionListQuery = z.infer<typeof MentionListQuerySchema>;

export function mentionRoutes(deps: { store: Store }): Router {
  const router = Router();
  router.get('/mentions', async (req, res) => {
    const q = parseInput(MentionListQuerySchema, req.query, 'query');
    const page = await deps.store.listMentions(q as Parameters<Store['listMentions']>[0]);
    res.json(page);
  });
  router.get('/mentions/:id', async (req, res) => {
    const mention = await deps.store.getMention(req.params.id);
    if (!mention) throw new NotFoundError('mention', req.params.id);
    res.json(mention);
  });
  return router;
}
