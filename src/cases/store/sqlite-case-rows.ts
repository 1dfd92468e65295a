/** Maps case, history and outbox rows to domain records; the only place that knows their columns. */
import type { Case, CaseHistoryEntry } from '../../domain';
import type { OutboxMessage } from './case-store';

export interface CaseRow {
  id: string;
  number: string;
  domain: string;
  unit: string;
  assignee: string | null;
  status: string;
  urgency: string;
  location_json: string;
  area: string | null;
  block: string | null;
  road: string | null;
  citizen_channel: string;
  citizen_handle: string;
  author_key: string | null;
  opened_at: string;
  last_complaint_at: string;
  sla_due_at: string;
  first_response_at: string | null;
  resolved_at: string | null;
  closed_at: string | null;
  updated_at: string;
  external_ref: string | null;
  description: string | null;
  source: string;
  once_keys_json: string;
}

export interface HistoryRow {
  at: string;
  actor: string;
  action: string;
  from_value: string | null;
  to_value: string | null;
  note: string | null;
}

export interface OutboxRow {
  id: string;
  topic: string;
  destination: string;
  event: string;
  subject: string;
  payload_json: string;
  state: string;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}

export function formatCaseNumber(prefix: string, year: number, seq: number): string {
  return `${prefix}-${year}-${String(seq).padStart(6, '0')}`;
}

export function rowToHistory(row: HistoryRow): CaseHistoryEntry {
  const entry: CaseHistoryEntry = { at: row.at, actor: row.actor, action: row.action };
  if (row.from_value !== null) entry.from = row.from_value;
  if (row.to_value !== null) entry.to = row.to_value;
  if (row.note !== null) entry.note = row.note;
  return entry;
}

export function rowToCase(row: CaseRow, mentionIds: string[], history: CaseHistoryEntry[]): Case {
  const c: Case = {
    id: row.id,
    number: row.number,
    domain: row.domain as Case['domain'],
    unit: row.unit,
    status: row.status as Case['status'],
    urgency: row.urgency as Case['urgency'],
    location: JSON.parse(row.location_json),
    mentionIds,
    citizen: { channel: row.citizen_channel, handle: row.citizen_handle },
    openedAt: row.opened_at,
    slaDueAt: row.sla_due_at,
    history,
    updatedAt: row.updated_at,
    source: row.source,
  };
  if (row.assignee) c.assignee = row.assignee;
  if (row.first_response_at) c.firstResponseAt = row.first_response_at;
  if (row.resolved_at) c.resolvedAt = row.resolved_at;
  if (row.closed_at) c.closedAt = row.closed_at;
  if (row.external_ref) c.externalRef = row.external_ref;
  if (row.description) c.description = row.description;
  return c;
}

export function rowToOutbox(row: OutboxRow): OutboxMessage {
  const m: OutboxMessage = {
    id: row.id,
    topic: row.topic as OutboxMessage['topic'],
    destination: row.destination,
    event: row.event as OutboxMessage['event'],
    subject: row.subject,
    payload: JSON.parse(row.payload_json),
    state: row.state as OutboxMessage['state'],
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    createdAt: row.created_at,
  };
  if (row.last_error) m.lastError = row.last_error;
  if (row.delivered_at) m.deliveredAt = row.delivered_at;
  return m;
}
