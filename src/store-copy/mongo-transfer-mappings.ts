/**
 * store:copy on MongoDB: each transfer kind (a SQLite table, see src/store/transfer.ts) maps to a
 * collection, with row → document and document → row conversions. A row column not listed in
 * the kind's `columns` would be lost on the way into MongoDB, so the copy refuses such a row.
 * Replies, audit, cases and summaries live in transfer-mappings-more.ts (same rules).
 */
import type { Document } from 'mongodb';
import type { TransferKind, TransferRecord } from './transfer';
import { AUDIT_COLLECTION, CASES_COLLECTION, CASE_COUNTERS_COLLECTION, CHANNEL_KV_COLLECTION, CHANNEL_STATE_COLLECTION, MENTIONS_COLLECTION, OUTBOX_COLLECTION, OWN_POSTS_COLLECTION, SESSIONS_COLLECTION, TEMPLATES_COLLECTION, USERS_COLLECTION } from '../store/mongodb/collection-names';
import { counterKey } from '../cases/store/mongo-case-numbering';
import { kvKey, ownPostKey } from '../store/mongodb/doc-keys';
import type { MentionDoc } from '../store/mongodb/mention-docs';
import { compact, opt, parsed, str } from './mongo-transfer-values';
import { newOutboxId } from '../cases/store/mongo-case-outbox-store';
import { REPLIES_COLLECTION } from '../store/mongodb/reply-doc';
import { SUMMARIES_COLLECTION } from '../store/mongodb/summary-docs';
import {
  auditToDoc,
  auditToRow,
  caseToDoc,
  caseToRow,
  replyToDoc,
  replyToRow,
  summaryToDoc,
  summaryToRow,
  AUDIT_COLUMNS,
  CASE_COLUMNS,
  REPLY_COLUMNS,
  SUMMARY_COLUMNS,
} from './mongo-transfer-mappings-more';
import { nameKey } from '../store/mongodb/user-name-key';

export interface KindMapping {
  collection: string;
  /** The unique field export pages by, in the order records were written (default _id). */
  pageKey?: string;
  /** Every SQLite column this mapping carries. */
  columns: readonly string[];
  toDoc(row: TransferRecord): Document;
  toRow(doc: Document): TransferRecord;
}

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

const MENTION_COLUMNS = [
  'id', 'channel', 'external_id', 'network', 'url', 'author_id', 'author_handle', 'author_followers', 'author_json',
  'text', 'lang', 'kind', 'replyable', 'title', 'created_at', 'fetched_at', 'in_reply_to', 'conversation_id',
  'metrics_json', 'engagement', 'sources_json', 'classification_json', 'primary_domain', 'intent', 'urgency',
  'urgency_rank', 'sentiment', 'relevant', 'confidence', 'area', 'block', 'status', 'status_changed_at',
  'claim_by', 'claim_until', 'case_id', 'capture_pending', 'search_text',
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
      searchText: str(r.search_text),
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
      search_text: opt(d.searchText),
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

const users: KindMapping = {
  collection: USERS_COLLECTION,
  columns: ['id', 'name', 'role', 'trainee', 'disabled', 'token_hash', 'created_at', 'updated_at'],
  toDoc: (r) => ({
    _id: String(r.id),
    name: r.name,
    nameKey: nameKey(String(r.name)),
    role: r.role,
    trainee: Number(r.trainee) === 1,
    disabled: Number(r.disabled) === 1,
    tokenHash: r.token_hash,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }),
  toRow: (d) => ({
    id: d._id,
    name: d.name,
    role: d.role,
    trainee: d.trainee ? 1 : 0,
    disabled: d.disabled ? 1 : 0,
    token_hash: d.tokenHash,
    created_at: d.createdAt,
    updated_at: d.updatedAt,
  }),
};

const sessions: KindMapping = {
  collection: SESSIONS_COLLECTION,
  columns: ['id_hash', 'user_id', 'csrf_token', 'created_at', 'expires_at'],
  toDoc: (r) => ({ _id: String(r.id_hash), userId: r.user_id, csrfToken: r.csrf_token, createdAt: r.created_at, expiresAt: r.expires_at }),
  toRow: (d) => ({ id_hash: d._id, user_id: d.userId, csrf_token: d.csrfToken, created_at: d.createdAt, expires_at: d.expiresAt }),
};

const templates: KindMapping = {
  collection: TEMPLATES_COLLECTION,
  columns: ['id', 'key', 'name', 'body_ar', 'body_en', 'created_at', 'updated_at', 'updated_by'],
  toDoc: (r) => ({
    _id: String(r.id),
    key: r.key,
    name: r.name,
    bodies: compact({ ar: str(r.body_ar) || undefined, en: str(r.body_en) || undefined }),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  }),
  toRow: (d) => ({
    id: d._id,
    key: d.key,
    name: d.name,
    body_ar: d.bodies?.ar ?? null,
    body_en: d.bodies?.en ?? null,
    created_at: d.createdAt,
    updated_at: d.updatedAt,
    updated_by: d.updatedBy,
  }),
};

const caseCounters: KindMapping = {
  collection: CASE_COUNTERS_COLLECTION,
  columns: ['prefix', 'year', 'last'],
  toDoc: (r) => ({ _id: counterKey(String(r.prefix), Number(r.year)), prefix: r.prefix, year: Number(r.year), last: Number(r.last) }),
  toRow: (d) => ({ prefix: d.prefix, year: d.year, last: d.last }),
};

const outbox: KindMapping = {
  collection: OUTBOX_COLLECTION,
  // exported in insertion order, imported with a fresh order in that same order
  pageKey: 'order',
  columns: ['id', 'topic', 'destination', 'event', 'subject', 'payload_json', 'state', 'attempts', 'next_attempt_at', 'last_error', 'created_at', 'delivered_at'],
  toDoc: (r) =>
    compact({
      _id: String(r.id),
      order: newOutboxId(),
      topic: r.topic,
      destination: r.destination,
      event: r.event,
      subject: r.subject,
      payload: parsed(r.payload_json) ?? null,
      state: r.state,
      attempts: Number(r.attempts ?? 0),
      nextAttemptAt: r.next_attempt_at,
      lastError: str(r.last_error),
      createdAt: r.created_at,
      deliveredAt: str(r.delivered_at),
    }),
  toRow: (d) => ({
    id: d._id,
    topic: d.topic,
    destination: d.destination,
    event: d.event,
    subject: d.subject,
    payload_json: JSON.stringify(d.payload ?? null),
    state: d.state,
    attempts: d.attempts ?? 0,
    next_attempt_at: d.nextAttemptAt,
    last_error: opt(d.lastError),
    created_at: d.createdAt,
    delivered_at: opt(d.deliveredAt),
  }),
};

export const KIND_MAPPINGS: Record<TransferKind, KindMapping> = {
  channel_state: channelState,
  channel_kv: channelKv,
  mentions,
  own_posts: ownPosts,
  users,
  sessions,
  templates,
  replies: { collection: REPLIES_COLLECTION, columns: REPLY_COLUMNS, toDoc: replyToDoc, toRow: replyToRow },
  audit: { collection: AUDIT_COLLECTION, columns: AUDIT_COLUMNS, toDoc: auditToDoc, toRow: auditToRow },
  case_counters: caseCounters,
  cases: { collection: CASES_COLLECTION, columns: CASE_COLUMNS, toDoc: caseToDoc, toRow: caseToRow },
  outbox,
  summaries: { collection: SUMMARIES_COLLECTION, columns: SUMMARY_COLUMNS, toDoc: summaryToDoc, toRow: summaryToRow },
};

/** Row → document, refusing columns the mapping would drop. */
export function rowToDoc(kind: TransferKind, row: TransferRecord): Document {
  const mapping = KIND_MAPPINGS[kind];
  const dropped = Object.keys(row).filter((c) => !mapping.columns.includes(c));
  if (dropped.length) throw new Error(`${kind}: MongoDB mapping has no place for column(s) ${dropped.join(', ')}`);
  return mapping.toDoc(row);
}
