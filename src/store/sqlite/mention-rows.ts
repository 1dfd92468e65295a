/** Maps mention rows to domain Mentions and back; the only place that knows the column layout. */
import { searchTextOf } from '../search-text';
import type { ClassifiedMention, Mention, PublicMetrics } from '../../domain';
import { WEEK_OF } from './summary/week-rollup-keys';

export const URGENCY_RANK = { high: 0, medium: 1, low: 2 } as const;

export interface MentionRow {
  id: string;
  channel: string;
  external_id: string;
  network: string;
  url: string | null;
  author_json: string;
  text: string;
  lang: string | null;
  kind: string;
  replyable: number;
  title: string | null;
  created_at: string;
  fetched_at: string;
  in_reply_to: string | null;
  conversation_id: string | null;
  metrics_json: string | null;
  sources_json: string | null;
  classification_json: string;
  status: string;
  claim_by: string | null;
  claim_until: string | null;
  case_id: string | null;
}

export function engagementOf(metrics: PublicMetrics | undefined): number {
  if (!metrics) return 0;
  return (metrics.likes ?? 0) + (metrics.replies ?? 0) + (metrics.reposts ?? 0) + (metrics.quotes ?? 0);
}

/** Column values for an INSERT, in the order of INSERT_MENTION_SQL. */
export function toInsertParams(id: string, channel: string, m: ClassifiedMention, fetchedAt: string) {
  const { raw, classification: c } = m;
  return {
    id,
    channel,
    external_id: raw.externalId,
    network: raw.network ?? channel,
    url: raw.url ?? null,
    author_id: raw.author.id,
    author_handle: raw.author.handle,
    author_followers: raw.author.followers ?? 0,
    author_json: JSON.stringify(raw.author),
    text: raw.text,
    lang: raw.lang ?? null,
    kind: raw.kind ?? 'post',
    replyable: raw.replyable === false ? 0 : 1,
    title: raw.title ?? null,
    created_at: raw.createdAt,
    fetched_at: fetchedAt,
    in_reply_to: raw.inReplyTo ?? null,
    conversation_id: raw.conversationId ?? null,
    metrics_json: raw.metrics ? JSON.stringify(raw.metrics) : null,
    engagement: engagementOf(raw.metrics),
    sources_json: raw.sources ? JSON.stringify(raw.sources) : null,
    classification_json: JSON.stringify(c),
    primary_domain: c.primaryDomain,
    intent: c.intent,
    urgency: c.urgency,
    urgency_rank: URGENCY_RANK[c.urgency],
    sentiment: c.sentiment,
    relevant: c.relevant ? 1 : 0,
    confidence: c.confidence,
    area: c.location.area ?? null,
    block: c.location.block ?? null,
    status: m.status,
    status_changed_at: fetchedAt,
    /** What the queue's `q` search matches (Arabic-normalized text and title). */
    search_text: searchTextOf(m),
    capture_pending: m.status === 'needs_reply' && c.intent === 'complaint' && c.primaryDomain ? 1 : 0,
  };
}

export type InsertParams = ReturnType<typeof toInsertParams>;

/**
 * Inserts a mention unless its (channel, external_id) is known (changes = 0); the report week
 * (`report_weeks`) is looked up here. Not RETURNING it: that made every insert a third slower.
 */
export const INSERT_MENTION_SQL = `INSERT OR IGNORE INTO mentions (
  id, channel, external_id, network, url, author_id, author_handle, author_followers, author_json,
  text, lang, kind, replyable, title, created_at, fetched_at, in_reply_to, conversation_id,
  metrics_json, engagement, sources_json, classification_json, primary_domain, intent, urgency,
  urgency_rank, sentiment, relevant, confidence, area, block, status, status_changed_at, capture_pending, search_text,
  report_week
) VALUES (
  @id, @channel, @external_id, @network, @url, @author_id, @author_handle, @author_followers, @author_json,
  @text, @lang, @kind, @replyable, @title, @created_at, @fetched_at, @in_reply_to, @conversation_id,
  @metrics_json, @engagement, @sources_json, @classification_json, @primary_domain, @intent, @urgency,
  @urgency_rank, @sentiment, @relevant, @confidence, @area, @block, @status, @status_changed_at, @capture_pending, @search_text,
  ${WEEK_OF('@created_at')}
)`;

export const MENTION_COLUMNS = `id, channel, external_id, network, url, author_json, text, lang, kind, replyable,
  title, created_at, fetched_at, in_reply_to, conversation_id, metrics_json, sources_json,
  classification_json, status, claim_by, claim_until, case_id`;

export function rowToMention(row: MentionRow): Mention {
  const mention: Mention = {
    id: row.id,
    channel: row.channel,
    network: row.network,
    externalId: row.external_id,
    author: JSON.parse(row.author_json),
    text: row.text,
    createdAt: row.created_at,
    fetchedAt: row.fetched_at,
    kind: row.kind as Mention['kind'],
    replyable: row.replyable === 1,
    classification: JSON.parse(row.classification_json),
    status: row.status as Mention['status'],
  };
  if (row.url) mention.url = row.url;
  if (row.lang) mention.lang = row.lang;
  if (row.title) mention.title = row.title;
  if (row.in_reply_to) mention.inReplyTo = row.in_reply_to;
  if (row.conversation_id) mention.conversationId = row.conversation_id;
  if (row.metrics_json) mention.metrics = JSON.parse(row.metrics_json);
  if (row.sources_json) mention.sources = JSON.parse(row.sources_json);
  if (row.claim_by && row.claim_until) mention.claim = { by: row.claim_by, until: row.claim_until };
  if (row.case_id) mention.caseId = row.case_id;
  return mention;
}
