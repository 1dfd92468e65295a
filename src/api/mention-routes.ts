/** Read access to stored mentions: newest first, cursor-paginated, filterable. */
import { Router } from 'express';
import { z } from 'zod';
import { DOMAINS, MENTION_STATUSES, type Case, type CaseStatus, type Mention } from '../domain';
import type { MentionStore } from '../mentions/store/mention-store';
import type { CaseStore } from '../cases/store/case-store';
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

type MentionRouteStores = { mentions: MentionStore; cases: Pick<CaseStore, 'getCaseById'> };

export function mentionRoutes(deps: { store: MentionRouteStores }): Router {
  const router = Router();
  router.get('/mentions', async (req, res) => {
    const q = parseInput(MentionListQuerySchema, req.query, 'query');
    const page = await deps.store.mentions.listMentions(q as Parameters<MentionStore['listMentions']>[0]);
    res.json(page);
  });
  router.get('/mentions/:id', async (req, res) => {
    const mention = await deps.store.mentions.getMention(req.params.id);
    if (!mention) throw new NotFoundError('mention', req.params.id);
    res.json(await withDetail(deps.store, mention));
  });
  return router;
}

/** Posts of the same thread shown beside a mention (oldest first), at most this many. */
const CONTEXT_LIMIT = 20;

/** The linked case as the mention's page shows it: where it stands, so a follow-up is read as one. */
export interface LinkedCase {
  number: string;
  status: CaseStatus;
  resolvedAt?: string;
  closedAt?: string;
}

export type MentionDetail = Mention & {
  caseNumber: string | null;
  linkedCase: LinkedCase | null;
  context: Mention[];
  /** Where to read the post this one answers, when we do not hold it (X and Instagram only). */
  parentUrl?: string;
};

/**
 * The detail view adds what an agent needs around the post: the linked case (number and state:
 * a citizen writing again after being told "resolved" is a follow-up, not a new complaint) and
 * the other posts of the same thread we hold, so the reply is written knowing the conversation.
 */
async function withDetail(store: MentionRouteStores, mention: Mention): Promise<MentionDetail> {
  const linked = mention.caseId ? await store.cases.getCaseById(mention.caseId) : null;
  let context: Mention[] = [];
  if (mention.conversationId) {
    const page = await store.mentions.listMentions({ channel: mention.channel, conversationId: mention.conversationId, limit: CONTEXT_LIMIT + 1 });
    context = page.items.filter((m) => m.id !== mention.id).slice(0, CONTEXT_LIMIT).reverse();
  }
  // The post it answers, when the thread lookup missed it (a source that gives no conversation
  // id, or a thread's first post stored without one): shown first, as the thread's start.
  if (mention.inReplyTo && !context.some((m) => m.externalId === mention.inReplyTo)) {
    const parent = await store.mentions.findMentionByExternalId(mention.channel, mention.inReplyTo);
    if (parent && parent.id !== mention.id) context = [parent, ...context];
  }
  const detail: MentionDetail = { ...mention, caseNumber: linked?.number ?? null, linkedCase: linked ? linkedCaseOf(linked) : null, context };
  const parentHeld = context.some((m) => m.externalId === mention.inReplyTo);
  const parentUrl = parentHeld ? undefined : parentUrlOf(mention);
  if (parentUrl) detail.parentUrl = parentUrl;
  return detail;
}

function linkedCaseOf(c: Case): LinkedCase {
  const linked: LinkedCase = { number: c.number, status: c.status };
  if (c.resolvedAt) linked.resolvedAt = c.resolvedAt;
  if (c.closedAt) linked.closedAt = c.closedAt;
  return linked;
}

/**
 * The post a reply answers, on its network: an X post by its id (x.com finds it without the
 * author's handle); an Instagram comment's media is its own link without the comment part
 * (…/p/CODE/c/123/). Other networks have no address we can build.
 */
export function parentUrlOf(m: Pick<Mention, 'network' | 'inReplyTo' | 'url'>): string | undefined {
  if (!m.inReplyTo) return undefined;
  if (m.network === 'x') return /^\d{1,25}$/.test(m.inReplyTo) ? `https://x.com/i/web/status/${m.inReplyTo}` : undefined;
  if (m.network.startsWith('instagram') && m.url) {
    const media = /^(https:\/\/(?:www\.)?instagram\.com\/(?:p|reel)\/[^/]+\/)c\/[^/]+\/?$/.exec(m.url);
    return media?.[1];
  }
  return undefined;
}
