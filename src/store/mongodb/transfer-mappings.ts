/**
 * store:copy on MongoDB: each transfer kind (a SQLite table, see src/store/transfer.ts) maps to a
 * collection, with row → document and document → row conversions. A row column not listed in
 * the kind's `columns` would be lost on the way into MongoDB, so the copy refuses such a row.
 */
import type { Document } from 'mongodb';
import type { TransferKind, TransferRecord } from '../transfer';
import { CHANNEL_KV_COLLECTION, CHANNEL_STATE_COLLECTION, kvKey } from './channel-state-collection';
import { MENTIONS_COLLECTION, OWN_POSTS_COLLECTION, ownPostKey } from './mention-collection';
import type { MentionDoc } from './mention-docs';

export interface KindMapping {
  collection: string;
  /** Every SQLite column this mapping carries. */
  columns: readonly string[];
  toDoc(row: TransferRecord): Document;
  toRow(doc: Document): TransferRecord;
}

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));
const parsed = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : undefined);
const str = (v: unknown) => (v === null || v === undefined ? undefined : String(v));
const opt = (v: unknown) => (v === undefined ? null : v);

/** Removes undefined values so documents carry no fields the row did not have. */
function compact(doc: Document): Document {
  for (const k of Object.keys(doc)) if (doc[k] === undefined) delete doc[k];
  return doc;
}

const MENTION_COLUMNS = [
  'id', 'channel', 'external_id', 'network', 'url', 'author_id', 'author_handle', 'author_followers', 'author_json',
  'text', 'lang', 'kind', 'replyable', 'title', 'created_at', 'fetched_at', 'in_reply_to', 'conversation_id',
  'metrics_json', 'engagement', 'sources_json', 'classification_json', 'primary_domain', 'intent', 'urgency',
  'urgency_rank', 'sentiment', 'relevant', 'confidence', 'area', 'block', 'status', 'status_changed_at',
  'claim_by', 'claim_until', 'case_id', 'capture_pending',
] as const;

const mentions: KindMapping = {
  collection: MENTIONS_COLLECTION,
  columns: MENTION_COLUMNS,
  toDoc: (r) => {
    const sources = parsed(r.sources_json) as string[] | undefined;
    return compact({
      _id: String(r.id),
      channel: r.channel,
      externalId: r.external_id,
      network: r.network,
      url: str(r.url),
      author: parsed(r.author_json),
      authorFollowers: Number(r.author_followers ?? 0),
      text: r.text,
      lang: str(r.lang),
      kind: r.kind,
      replyable: Number(r.replyable) === 1,
      title: str(r.title),
      createdAt: r.created_at,
      fetchedAt: r.fetched_at,
      inReplyTo: str(r.in_reply_to),
      conversationId: str(r.conversation_id),
      metrics: parsed(r.metrics_json),
      engagement: Number(r.engagement ?? 0),
      sources: sources?.length ? sources : undefined,
      classification: parsed(r.classification_json),
      primaryDomain: r.primary_domain ?? null,
      intent: r.intent,
      urgency: r.urgency,
      urgencyRank: Number(r.urgency_rank),
      sentiment: r.sentiment,
      relevant: Number(r.relevant) === 1,
      confidence: Number(r.confidence),
      area: r.area ?? null,
      block: r.block ?? null,
      status: r.status,
      statusChangedAt: str(r.status_changed_at),
      claim: r.claim_by && r.claim_until ? { by: String(r.claim_by), until: String(r.claim_until) } : undefined,
      caseId: str(r.case_id),
      capturePending: Number(r.capture_pending) === 1,
    });
  },
  toRow: (doc) => {
    const d = doc as MentionDoc;
    return {
      id: d._id,
      channel: d.channel,
      external_id: d.externalId,
      network: d.network,
      url: opt(d.url),
      author_id: d.author.id,
      author_handle: d.author.handle,
      author_followers: d.authorFollowers ?? d.author.followers ?? 0,
      author_json: JSON.stringify(d.author),
      text: d.text,
      lang: opt(d.lang),
      kind: d.kind,
      replyable: d.replyable ? 1 : 0,
      title: opt(d.title),
      created_at: d.createdAt,
      fetched_at: d.fetchedAt,
      in_reply_to: opt(d.inReplyTo),
      conversation_id: opt(d.conversationId),
      metrics_json: json(d.metrics),
      engagement: d.engagement ?? 0,
      sources_json: d.sources?.length ? JSON.stringify(d.sources) : null,
      classification_json: JSON.stringify(d.classification),
      primary_domain: d.primaryDomain ?? null,
      intent: d.intent,
      urgency: d.urgency,
      urgency_rank: d.urgencyRank,
      sentiment: d.sentiment,
      relevant: d.relevant ? 1 : 0,
      confidence: d.confidence,
      area: d.area ?? null,
      block: d.block ?? null,
      status: d.status,
      status_changed_at: opt(d.statusChangedAt),
      claim_by: d.claim?.by ?? null,
      claim_until: d.claim?.until ?? null,
      case_id: opt(d.caseId),
      capture_pending: d.capturePending ? 1 : 0,
    };
  },
};

const channelState: KindMapping = {
  collection: CHANNEL_STATE_COLLECTION,
  columns: ['channel', 'cursor', 'health_json', 'updated_at'],
  toDoc: (r) => compact({ ...(parsed(r.health_json) ?? {}), _id: String(r.channel), cursor: r.cursor ?? null, updatedAt: str(r.updated_at) }),
  toRow: (doc) => {
    const { _id, cursor, updatedAt, ...health } = doc;
    return { channel: _id, cursor: cursor ?? null, health_json: JSON.stringify(health), updated_at: updatedAt ?? new Date().toISOString() };
  },
};

const channelKv: KindMapping = {
  collection: CHANNEL_KV_COLLECTION,
  columns: ['channel', 'key', 'value'],
  toDoc: (r) => ({ _id: kvKey(String(r.channel), String(r.key)), channel: r.channel, key: r.key, value: r.value }),
  toRow: (doc) => ({ channel: doc.channel, key: doc.key, value: doc.value }),
};

const ownPosts: KindMapping = {
  collection: OWN_POSTS_COLLECTION,
  columns: ['channel', 'external_id', 'url', 'text', 'created_at', 'likes', 'replies', 'reposts', 'impressions', 'updated_at'],
  toDoc: (r) =>
    compact({
      _id: ownPostKey(String(r.channel), String(r.external_id)),
      channel: r.channel,
      externalId: r.external_id,
      url: str(r.url),
      text: r.text,
      createdAt: r.created_at,
      likes: Number(r.likes ?? 0),
      replies: Number(r.replies ?? 0),
      reposts: Number(r.reposts ?? 0),
      impressions: Number(r.impressions ?? 0),
      updatedAt: r.updated_at,
    }),
  toRow: (doc) => ({
    channel: doc.channel,
    external_id: doc.externalId,
    url: opt(doc.url),
    text: doc.text,
    created_at: doc.createdAt,
    likes: doc.likes ?? 0,
    replies: doc.replies ?? 0,
    reposts: doc.reposts ?? 0,
    impressions: doc.impressions ?? 0,
    updated_at: doc.updatedAt,
  }),
};

export const KIND_MAPPINGS: Record<TransferKind, KindMapping> = {
  channel_state: channelState,
  channel_kv: channelKv,
  mentions,
  own_posts: ownPosts,
};

/** Row → document, refusing columns the mapping would drop. */
export function rowToDoc(kind: TransferKind, row: TransferRecord): Document {
  const mapping = KIND_MAPPINGS[kind];
  const dropped = Object.keys(row).filter((c) => !mapping.columns.includes(c));
  if (dropped.length) throw new Error(`${kind}: MongoDB mapping has no place for column(s) ${dropped.join(', ')}`);
  return mapping.toDoc(row);
}
