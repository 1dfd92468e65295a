/**
 * The audit feature's store port: the append-only trail of who changed what. Entries are never
 * updated; ids order them (newest first when listed). Adapters beside it: SQLite, MongoDB, memory.
 */
import type { Page } from '../../domain';

/** Who changed what: one entry per state change, never updated. */
export interface AuditEntry {
  id?: string;
  at: string;
  actor: string;
  action: string;
  subject: string;
  before?: unknown;
  after?: unknown;
}

export interface AuditQuery {
  subject?: string;
  actor?: string;
  action?: string;
  limit: number;
  cursor?: string;
}

export type NewAuditEntry = Omit<AuditEntry, 'id' | 'at'> & { at?: string };

export interface AuditStore {
  appendAudit(entry: NewAuditEntry): Promise<AuditEntry>;
  /** Newest first. */
  listAudit(query: AuditQuery): Promise<Page<AuditEntry>>;
}
