/** An audit entry's document on MongoDB; `_id` comes from the audit sequence (SQLite's `seq`). */
export interface AuditDoc {
  _id: number;
  at: string;
  actor: string;
  action: string;
  subject: string;
  /** Present (possibly null) only when the entry has it. */
  before?: unknown;
  after?: unknown;
}
