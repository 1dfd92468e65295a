/**
 * Writes the audit trail: one AuditEntry per state change (actor, action, subject, before, after).
 * Every service that changes state calls `audit.record(...)`; entries are never updated.
 *
 * Conventions (so GET /api/audit can be filtered): actor is a user id or 'system'; action is
 * '<thing>.<verb>' (reply.created, mention.claimed, case.status_changed ...); subject is
 * '<thing>:<id>' (reply:..., mention:..., case:MOW-2026-000123, user:..., template:...).
 */
import type { AuditEntry, AuditStore, NewAuditEntry } from './store/audit-store';

export type AuditSink = Pick<AuditStore, 'appendAudit'>;

export interface AuditRecord {
  actor: string;
  action: string;
  subject: string;
  before?: unknown;
  after?: unknown;
}

export class AuditLog {
  constructor(
    private readonly store: AuditSink,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Appends one entry; `before`/`after` should be small (changed fields, not whole records). */
  async record(entry: AuditRecord): Promise<AuditEntry> {
    const e: NewAuditEntry = { at: this.now().toISOString(), actor: entry.actor, action: entry.action, subject: entry.subject };
    if (entry.before !== undefined) e.before = entry.before;
    if (entry.after !== undefined) e.after = entry.after;
    return this.store.appendAudit(e);
  }
}

/** Subject string for a record, e.g. subject('reply', id) → 'reply:<id>'. */
export function subject(kind: string, id: string): string {
  return `${kind}:${id}`;
}
