/**
 * store:copy mappings for replies, audit, cases (with their embedded history) and summaries:
 * SQLite transfer row ↔ MongoDB document. MongoDB-only working fields of a case
 * (sourceMentionId, pendingOutbox) are not exported: the store finishes them at start.
 */
import type { Document } from 'mongodb';
import type { TransferRecord } from './transfer';
import type { AuditDoc } from '../store/mongodb/audit-doc';
import { historyEntry, type CaseDoc } from '../cases/store/mongo-case-docs';
import type { ReplyDoc } from '../store/mongodb/reply-doc';
import type { SummaryDoc } from '../store/mongodb/summary-docs';
import { compact, opt, parsed, str } from './mongo-transfer-values';

export const REPLY_COLUMNS = [
  'id', 'mention_id', 'text', 'template_id', 'author', 'state', 'idempotency_key', 'attempts', 'external_id', 'url', 'error',
  'created_at', 'updated_at', 'approved_by', 'sent_at', 'next_attempt_at', 'purpose', 'dedupe_key',
] as const;

export function replyToDoc(r: TransferRecord): Document {
  return compact({
    _id: String(r.id),
    mentionId: r.mention_id,
    text: r.text,
    templateId: str(r.template_id),
    author: r.author,
    state: r.state,
    idempotencyKey: r.idempotency_key,
    attempts: Number(r.attempts ?? 0),
    externalId: str(r.external_id),
    url: str(r.url),
    error: str(r.error),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    approvedBy: str(r.approved_by),
    sentAt: str(r.sent_at),
    nextAttemptAt: str(r.next_attempt_at),
    purpose: r.purpose ?? 'agent',
    dedupeKey: str(r.dedupe_key),
  });
}

export function replyToRow(doc: Document): TransferRecord {
  const d = doc as ReplyDoc;
  return {
    id: d._id,
    mention_id: d.mentionId,
    text: d.text,
    template_id: opt(d.templateId),
    author: d.author,
    state: d.state,
    idempotency_key: d.idempotencyKey,
    attempts: d.attempts,
    external_id: opt(d.externalId),
    url: opt(d.url),
    error: opt(d.error),
    created_at: d.createdAt,
    updated_at: d.updatedAt,
    approved_by: opt(d.approvedBy),
    sent_at: opt(d.sentAt),
    next_attempt_at: opt(d.nextAttemptAt),
    purpose: d.purpose,
    dedupe_key: opt(d.dedupeKey),
  };
}

export const AUDIT_COLUMNS = ['seq', 'at', 'actor', 'action', 'subject', 'before_json', 'after_json'] as const;

/** before/after: NULL = absent, JSON text (possibly 'null') = present. */
export function auditToDoc(r: TransferRecord): Document {
  const doc: Document = { _id: Number(r.seq), at: r.at, actor: r.actor, action: r.action, subject: r.subject };
  if (typeof r.before_json === 'string') doc.before = JSON.parse(r.before_json);
  if (typeof r.after_json === 'string') doc.after = JSON.parse(r.after_json);
  return doc;
}

export function auditToRow(doc: Document): TransferRecord {
  const d = doc as AuditDoc;
  return {
    seq: d._id,
    at: d.at,
    actor: d.actor,
    action: d.action,
    subject: d.subject,
    before_json: 'before' in d ? JSON.stringify(d.before) : null,
    after_json: 'after' in d ? JSON.stringify(d.after) : null,
  };
}

export const CASE_COLUMNS = [
  'id', 'number', 'domain', 'unit', 'assignee', 'status', 'urgency', 'location_json', 'area', 'block', 'road',
  'citizen_channel', 'citizen_handle', 'author_key', 'opened_at', 'last_complaint_at', 'sla_due_at', 'first_response_at',
  'resolved_at', 'closed_at', 'updated_at', 'external_ref', 'description', 'source', 'once_keys_json', 'history_json',
] as const;

interface HistoryRow {
  at: string;
  actor: string;
  action: string;
  from_value: string | null;
  to_value: string | null;
  note: string | null;
}

export function caseToDoc(r: TransferRecord): Document {
  const history = ((parsed(r.history_json) as HistoryRow[] | undefined) ?? []).map((h) =>
    historyEntry(h.at, h.actor, { action: h.action, from: h.from_value, to: h.to_value, note: h.note }),
  );
  return compact({
    _id: String(r.id),
    number: r.number,
    domain: r.domain,
    unit: r.unit,
    assignee: str(r.assignee),
    status: r.status,
    urgency: r.urgency,
    location: parsed(r.location_json) ?? {},
    area: r.area ?? null,
    block: r.block ?? null,
    road: r.road ?? null,
    citizen: { channel: r.citizen_channel, handle: r.citizen_handle },
    authorKey: r.author_key ?? null,
    openedAt: r.opened_at,
    lastComplaintAt: r.last_complaint_at,
    slaDueAt: r.sla_due_at,
    firstResponseAt: str(r.first_response_at),
    resolvedAt: str(r.resolved_at),
    closedAt: str(r.closed_at),
    updatedAt: r.updated_at,
    externalRef: str(r.external_ref),
    description: str(r.description),
    source: r.source,
    onceKeys: (parsed(r.once_keys_json) as string[] | undefined) ?? [],
    history,
  });
}

export function caseToRow(doc: Document): TransferRecord {
  const d = doc as CaseDoc;
  return {
    id: d._id,
    number: d.number,
    domain: d.domain,
    unit: d.unit,
    assignee: opt(d.assignee),
    status: d.status,
    urgency: d.urgency,
    location_json: JSON.stringify(d.location ?? {}),
    area: d.area ?? null,
    block: d.block ?? null,
    road: d.road ?? null,
    citizen_channel: d.citizen.channel,
    citizen_handle: d.citizen.handle,
    author_key: d.authorKey ?? null,
    opened_at: d.openedAt,
    last_complaint_at: d.lastComplaintAt,
    sla_due_at: d.slaDueAt,
    first_response_at: opt(d.firstResponseAt),
    resolved_at: opt(d.resolvedAt),
    closed_at: opt(d.closedAt),
    updated_at: d.updatedAt,
    external_ref: opt(d.externalRef),
    description: opt(d.description),
    source: d.source,
    once_keys_json: JSON.stringify(d.onceKeys ?? []),
    history_json: JSON.stringify(
      (d.history ?? []).map((h) => ({ at: h.at, actor: h.actor, action: h.action, from_value: h.from ?? null, to_value: h.to ?? null, note: h.note ?? null })),
    ),
  };
}

export const SUMMARY_COLUMNS = ['week_id', 'start_at', 'end_at', 'generated_at', 'schema_version', 'headline_json', 'record_json', 'delivered_at'] as const;

export function summaryToDoc(r: TransferRecord): Document {
  return compact({
    _id: String(r.week_id),
    start: r.start_at,
    end: r.end_at,
    generatedAt: r.generated_at,
    schemaVersion: Number(r.schema_version),
    headline: parsed(r.headline_json) ?? {},
    recordJson: typeof r.record_json === 'string' ? r.record_json : 'null',
    deliveredAt: str(r.delivered_at),
  });
}

export function summaryToRow(doc: Document): TransferRecord {
  const d = doc as SummaryDoc;
  return {
    week_id: d._id,
    start_at: d.start,
    end_at: d.end,
    generated_at: d.generatedAt,
    schema_version: d.schemaVersion,
    headline_json: JSON.stringify(d.headline ?? {}),
    record_json: d.recordJson,
    delivered_at: opt(d.deliveredAt),
  };
}
