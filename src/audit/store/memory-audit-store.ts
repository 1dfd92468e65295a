/** The audit trail in memory: an array in append order, ids counting from 1 like SQLite's seq. */
import type { Page } from '../../domain';
import { ValidationError } from '../../errors';
import { decodePageCursor, encodePageCursor } from '../../store/page-cursor';
import type { AuditEntry, AuditQuery, AuditStore, NewAuditEntry } from './audit-store';

export class MemoryAuditStore implements AuditStore {
  private readonly entries: AuditEntry[] = [];

  async appendAudit(entry: NewAuditEntry): Promise<AuditEntry> {
    const e: AuditEntry = { id: String(this.entries.length + 1), at: entry.at ?? new Date().toISOString(), actor: entry.actor, action: entry.action, subject: entry.subject };
    if (entry.before !== undefined) e.before = structuredClone(entry.before);
    if (entry.after !== undefined) e.after = structuredClone(entry.after);
    this.entries.push(e);
    return structuredClone(e);
  }

  async listAudit(q: AuditQuery): Promise<Page<AuditEntry>> {
    let below = Infinity;
    if (q.cursor) {
      below = Number(decodePageCursor(q.cursor, 1)[0]);
      if (!Number.isSafeInteger(below)) throw new ValidationError('invalid cursor', { cursor: 'not a cursor returned by this API' });
    }
    const matching = this.entries
      .filter((e) => Number(e.id) < below && (!q.subject || e.subject === q.subject) && (!q.actor || e.actor === q.actor) && (!q.action || e.action === q.action))
      .reverse();
    const items = matching.slice(0, q.limit);
    const last = items[items.length - 1];
    return { items: structuredClone(items), nextCursor: matching.length > q.limit && last ? encodePageCursor([Number(last.id)]) : null };
  }
}
