/**
 * The outbox on SQLite: messages written in the same transaction as the change that caused them,
 * then delivered by a job with leases, retries and backoff (at-least-once; receivers dedupe on
 * the message id).
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../store/sqlite/open-database';
import type { SqliteConnection } from '../../store/sqlite/sqlite-connection';
import type { CaseOutboxStore, NewOutboxMessage, OutboxMessage, OutboxState, OutboxTopic } from './case-store';
import { rowToOutbox, type OutboxRow } from './sqlite-case-rows';

export class SqliteCaseOutboxStore implements CaseOutboxStore {
  private readonly insertRow;
  private readonly db: Db;

  constructor(private readonly conn: SqliteConnection) {
    const db = conn.db;
    this.db = db;
    this.insertRow = db.prepare(`INSERT INTO outbox
      (id, topic, destination, event, subject, payload_json, state, attempts, next_attempt_at, created_at)
      VALUES (@id, @topic, @destination, @event, @subject, @payload_json, 'pending', 0, @at, @at)`);
  }

  /** Inserts inside whatever transaction is open (the caller's case change). */
  insert(messages: NewOutboxMessage[], at: string): void {
    for (const m of messages) {
      this.insertRow.run({
        id: randomUUID(),
        topic: m.topic,
        destination: m.destination,
        event: m.event,
        subject: m.subject,
        payload_json: JSON.stringify(m.payload ?? null),
        at,
      });
    }
  }

  async enqueueOutbox(messages: NewOutboxMessage[], at = new Date().toISOString()): Promise<void> {
    this.conn.guard(() => this.db.transaction(() => this.insert(messages, at)).immediate());
  }

  async claimDueOutbox(now: string, limit: number, leaseMs: number): Promise<OutboxMessage[]> {
    const leaseUntil = new Date(Date.parse(now) + leaseMs).toISOString();
    return this.conn.guard(() =>
      this.db.transaction(() => {
        const rows = this.db
          .prepare(`SELECT * FROM outbox WHERE state = 'pending' AND next_attempt_at <= ?
            ORDER BY next_attempt_at, rowid LIMIT ?`)
          .all(now, limit) as OutboxRow[];
        const lease = this.db.prepare('UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ? WHERE id = ?');
        for (const row of rows) {
          lease.run(leaseUntil, row.id);
          row.attempts++;
          row.next_attempt_at = leaseUntil;
        }
        return rows.map(rowToOutbox);
      }).immediate(),
    );
  }

  async markOutboxDelivered(id: string, at: string): Promise<void> {
    this.conn.guard(() => this.db.prepare(`UPDATE outbox SET state = 'delivered', delivered_at = ?, last_error = NULL WHERE id = ?`).run(at, id));
  }

  async markOutboxFailed(id: string, error: string, nextAttemptAt: string | null): Promise<void> {
    this.conn.guard(() => {
      if (nextAttemptAt === null) {
        this.db.prepare(`UPDATE outbox SET state = 'dead', last_error = ? WHERE id = ?`).run(error, id);
      } else {
        this.db.prepare('UPDATE outbox SET last_error = ?, next_attempt_at = ? WHERE id = ?').run(error, nextAttemptAt, id);
      }
    });
  }

  async deferOutbox(id: string, nextAttemptAt: string): Promise<void> {
    this.conn.guard(() =>
      this.db.prepare(`UPDATE outbox SET attempts = MAX(attempts - 1, 0), next_attempt_at = ? WHERE id = ? AND state = 'pending'`).run(nextAttemptAt, id),
    );
  }

  async listOutbox(q: { topic?: OutboxTopic; state?: OutboxState; subject?: string; limit: number }): Promise<OutboxMessage[]> {
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: q.limit };
    if (q.topic) (where.push('topic = @topic'), (params.topic = q.topic));
    if (q.state) (where.push('state = @state'), (params.state = q.state));
    if (q.subject) (where.push('subject = @subject'), (params.subject = q.subject));
    const sql = `SELECT * FROM outbox ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
      ORDER BY rowid LIMIT @limit`;
    return (this.db.prepare(sql).all(params) as OutboxRow[]).map(rowToOutbox);
  }
}
