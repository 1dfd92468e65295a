/**
 * The outbox on SQLite: messages written in the same transaction as the change that caused them,
 * then delivered by a job with leases, retries and backoff (at-least-once; receivers dedupe on
 * the message id).
 */
import { randomUUID } from 'node:crypto';
import type { NewOutboxMessage, OutboxMessage, OutboxState, OutboxTopic } from '../../domain';
import { rowToOutbox, type OutboxRow } from './case-rows';
import type { Db } from './open-database';

export class OutboxTable {
  private readonly insertRow;

  constructor(private readonly db: Db) {
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

  enqueue(messages: NewOutboxMessage[], at = new Date().toISOString()): void {
    this.db.transaction(() => this.insert(messages, at)).immediate();
  }

  claimDue(now: string, limit: number, leaseMs: number): OutboxMessage[] {
    const leaseUntil = new Date(Date.parse(now) + leaseMs).toISOString();
    return this.db
      .transaction(() => {
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
      })
      .immediate();
  }

  markDelivered(id: string, at: string): void {
    this.db.prepare(`UPDATE outbox SET state = 'delivered', delivered_at = ?, last_error = NULL WHERE id = ?`).run(at, id);
  }

  markFailed(id: string, error: string, nextAttemptAt: string | null): void {
    if (nextAttemptAt === null) {
      this.db.prepare(`UPDATE outbox SET state = 'dead', last_error = ? WHERE id = ?`).run(error, id);
    } else {
      this.db.prepare('UPDATE outbox SET last_error = ?, next_attempt_at = ? WHERE id = ?').run(error, nextAttemptAt, id);
    }
  }

  list(q: { topic?: OutboxTopic; state?: OutboxState; subject?: string; limit: number }): OutboxMessage[] {
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
