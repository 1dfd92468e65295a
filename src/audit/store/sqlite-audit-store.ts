/** The append-only audit trail on SQLite; `seq` orders entries and is their id. */
import type { Page } from '../../domain';
import { ValidationError } from '../../errors';
import { decodePageCursor, encodePageCursor } from '../../store/page-cursor';
import type { SqliteConnection } from '../../store/sqlite/sqlite-connection';
import type { AuditEntry, AuditQuery, AuditStore, NewAuditEntry } from './audit-store';

interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject: string;
  before_json: string | null;
  after_json: string | null;
}

function rowToEntry(row: AuditRow): AuditEntry {
  const e: AuditEntry = { id: String(row.seq), at: row.at, actor: row.actor, action: row.action, subject: row.subject };
  if (row.before_json !== null) e.before = JSON.parse(row.before_json);
  if (row.after_json !== null) e.after = JSON.parse(row.after_json);
  return e;
}

export class SqliteAuditStore implements AuditStore {
  private readonly insert;

  constructor(private readonly conn: SqliteConnection) {
    this.insert = conn.db.prepare(
      'INSERT INTO audit (at, actor, action, subject, before_json, after_json) VALUES (@at, @actor, @action, @subject, @before_json, @after_json)',
    );
  }

  async appendAudit(entry: NewAuditEntry): Promise<AuditEntry> {
    const row = {
      at: entry.at ?? new Date().toISOString(),
      actor: entry.actor,
      action: entry.action,
      subject: entry.subject,
      before_json: entry.before === undefined ? null : JSON.stringify(entry.before),
      after_json: entry.after === undefined ? null : JSON.stringify(entry.after),
    };
    const seq = Number(this.conn.guard(() => this.insert.run(row)).lastInsertRowid);
    return rowToEntry({ seq, ...row });
  }

  async listAudit(q: AuditQuery): Promise<Page<AuditEntry>> {
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: q.limit + 1 };
    for (const key of ['subject', 'actor', 'action'] as const) {
      if (q[key]) (where.push(`${key} = @${key}`), (params[key] = q[key]));
    }
    if (q.cursor) {
      const seq = Number(decodePageCursor(q.cursor, 1)[0]);
      if (!Number.isSafeInteger(seq)) throw new ValidationError('invalid cursor', { cursor: 'not a cursor returned by this API' });
      where.push('seq < @seq');
      params.seq = seq;
    }
    const rows = this.conn.db
      .prepare(`SELECT * FROM audit ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY seq DESC LIMIT @limit`)
      .all(params) as AuditRow[];
    const more = rows.length > q.limit;
    const items = rows.slice(0, q.limit);
    const last = items[items.length - 1];
    return { items: items.map(rowToEntry), nextCursor: more && last ? encodePageCursor([last.seq]) : null };
  }
}
