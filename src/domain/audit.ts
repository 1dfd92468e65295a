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
