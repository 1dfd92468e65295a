/** Read access to stored mentions: newest first, cursor-paginated, filterable. */
import { Router } from 'express';
import { z } from 'zod';
import { DOMAINS, MENTION_STATUSES, type Mention, type Store } from '../domain';
import { NotFoundError } from '../errors';
import { parseInput } from '../http/validate';

export const MentionListQuerySchema = z
  .object({
    channel: z.string().min(1).max(64).optional(),
    domain: z.enum(DOMAINS as [string, ...string[]]).optional(),
    status: z.enum(MENTION_STATUSES as [string, ...string[]]).optional(),
    /** UTC ISO 8601 time; only mentions created at or after it. */
    since: z.string().datetime({ offset: true }).transform((s) => new Date(s).toISOString()).optional(),
    /** Only the mentions of one thread on the channel. */
    conversationId: z.string().min(1).max(100).optional(),
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
    res.json(await withDetail(deps.store, mention));
  });
  return router;
}

/** Posts of the same thread shown beside a mention (oldest first), at most this many. */
const CONTEXT_LIMIT = 20;

/**
 * The detail view adds what an agent needs around the post: the linked case's number and the
 * other posts of the same thread we hold, so the reply is written knowing the conversation.
 */
async function withDetail(store: Store, mention: Mention): Promise<Mention & { caseNumber: string | null; context: Mention[] }> {
  const linked = mention.caseId ? await store.getCaseById(mention.caseId) : null;
  let context: Mention[] = [];
  if (mention.conversationId) {
    const page = await store.listMentions({ channel: mention.channel, conversationId: mention.conversationId, limit: CONTEXT_LIMIT + 1 });
    context = page.items.filter((m) => m.id !== mention.id).slice(0, CONTEXT_LIMIT).reverse();
  }
  return { ...mention, caseNumber: linked?.number ?? null, context };
}
