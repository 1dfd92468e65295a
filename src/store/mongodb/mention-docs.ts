/**
 * Mention documents on MongoDB and their mappings: from a classified mention (insert), to the
 * domain Mention (reads), the list filter, and to/from the transfer row (store:copy). The query
 * fields the indexes need (primaryDomain, urgencyRank, engagement, ...) are denormalized at insert,
 * like the SQLite columns.
 */
import type { Filter } from 'mongodb';
import { searchTextOf } from '../search-text';
import type { Author, Claim, Classification, ClassifiedMention, Mention, MentionQuery, PublicMetrics } from '../../domain';
import { decodePageCursor, encodePageCursor } from '../page-cursor';
import { URGENCY_RANK, engagementOf } from '../sqlite/mention-rows';

export interface MentionDoc {
  _id: string;
  channel: string;
  externalId: string;
  network: string;
  url?: string;
  author: Author;
  authorFollowers: number;
  text: string;
  lang?: string;
  kind: NonNullable<Mention['kind']>;
  replyable: boolean;
  title?: string;
  createdAt: string;
  fetchedAt: string;
  inReplyTo?: string;
  conversationId?: string;
  metrics?: PublicMetrics;
  engagement: number;
  sources?: string[];
  classification: Classification;
  primaryDomain: string | null;
  intent: string;
  urgency: string;
  urgencyRank: number;
  sentiment: string;
  relevant: boolean;
  confidence: number;
  area: string | null;
  block: string | null;
  status: Mention['status'];
  statusChangedAt: string;
  claim?: Claim;
  caseId?: string;
  /** needs_reply complaints with a domain, until case capture clears it. */
  capturePending: boolean;
  /** Written by every approval of a reply to it, so two concurrent approvals conflict (mongo-reply-store.ts). */
  approvalTurns?: number;
  /** What the queue's `q` search matches: Arabic-normalized title and text (normalizeForSearch). */
  searchText?: string;
}

/** Fields an upsert may only write on insert; metrics/engagement/sources are refreshed separately. */
export type MentionInsertFields = Omit<MentionDoc, 'metrics' | 'engagement' | 'sources'>;

export function insertFields(id: string, channel: string, m: ClassifiedMention, fetchedAt: string): MentionInsertFields {
  const { raw, classification: c } = m;
  return stripUndefined({
    _id: id,
    channel,
    externalId: raw.externalId,
    network: raw.network ?? channel,
    url: raw.url,
    author: raw.author,
    authorFollowers: raw.author.followers ?? 0,
    text: raw.text,
    lang: raw.lang,
    kind: raw.kind ?? 'post',
    replyable: raw.replyable !== false,
    title: raw.title,
    createdAt: raw.createdAt,
    fetchedAt,
    inReplyTo: raw.inReplyTo,
    conversationId: raw.conversationId,
    classification: c,
    primaryDomain: c.primaryDomain,
    intent: c.intent,
    urgency: c.urgency,
    urgencyRank: URGENCY_RANK[c.urgency],
    sentiment: c.sentiment,
    relevant: c.relevant,
    confidence: c.confidence,
    area: c.location.area ?? null,
    block: c.location.block ?? null,
    status: m.status,
    statusChangedAt: fetchedAt,
    capturePending: m.status === 'needs_reply' && c.intent === 'complaint' && !!c.primaryDomain,
    searchText: searchTextOf(m),
  });
}

/**
 * One upsert per mention: new ones get every field, known ones only fresher metrics and the union
 * of sources. Idempotent, so a batch can be replayed after a crash (see ingestBatch).
 */
export function mentionUpsert(id: string, channel: string, m: ClassifiedMention, fetchedAt: string) {
  const update: Record<string, unknown> = { $setOnInsert: insertFields(id, channel, m, fetchedAt) };
  if (m.raw.metrics) update.$set = { metrics: m.raw.metrics, engagement: engagementOf(m.raw.metrics) };
  else (update.$setOnInsert as Record<string, unknown>).engagement = 0;
  if (m.raw.sources?.length) update.$addToSet = { sources: { $each: m.raw.sources } };
  return { filter: { channel, externalId: m.raw.externalId }, update };
}

export function docToMention(doc: MentionDoc): Mention {
  const mention: Mention = {
    id: doc._id,
    channel: doc.channel,
    network: doc.network,
    externalId: doc.externalId,
    author: doc.author,
    text: doc.text,
    createdAt: doc.createdAt,
    fetchedAt: doc.fetchedAt,
    kind: doc.kind,
    replyable: doc.replyable,
    classification: doc.classification,
    status: doc.status,
  };
  if (doc.url) mention.url = doc.url;
  if (doc.lang) mention.lang = doc.lang;
  if (doc.title) mention.title = doc.title;
  if (doc.inReplyTo) mention.inReplyTo = doc.inReplyTo;
  if (doc.conversationId) mention.conversationId = doc.conversationId;
  if (doc.metrics) mention.metrics = doc.metrics;
  if (doc.sources?.length) mention.sources = doc.sources;
  if (doc.claim?.by && doc.claim.until) mention.claim = { by: doc.claim.by, until: doc.claim.until };
  if (doc.caseId) mention.caseId = doc.caseId;
  return mention;
}

/** The listMentions filter: same semantics as the SQLite WHERE (channel matches channel or network). */
export function mentionListFilter(q: Omit<MentionQuery, 'limit'>): Filter<MentionDoc> {
  const and: Filter<MentionDoc>[] = [];
  if (q.channel) and.push({ $or: [{ channel: q.channel }, { network: q.channel }] });
  if (q.domain) and.push({ primaryDomain: q.domain });
  if (q.status) and.push({ status: q.status });
  if (q.since) and.push({ createdAt: { $gte: q.since } });
  if (q.conversationId) and.push({ conversationId: q.conversationId });
  if (q.cursor) {
    const [createdAt, id] = decodePageCursor(q.cursor, 2) as [string, string];
    and.push({ $or: [{ createdAt: { $lt: createdAt } }, { createdAt, _id: { $lt: id } }] });
  }
  return and.length === 0 ? {} : and.length === 1 ? and[0] : { $and: and };
}

export const MENTION_LIST_SORT = { createdAt: -1, _id: -1 } as const;

export function nextMentionCursor(items: Mention[], more: boolean): string | null {
  const last = items[items.length - 1];
  return more && last ? encodePageCursor([last.createdAt, last.id]) : null;
}

/** Drops undefined fields so documents hold no nulls the SQLite rows would not have. */
export function stripUndefined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}
