/** The cases' outbox in memory: messages in write order, leased, retried and given up like SQLite's. */
import { randomUUID } from 'node:crypto';
import type { CaseOutboxStore, NewOutboxMessage, OutboxMessage, OutboxState, OutboxTopic } from './case-store';

export class MemoryCaseOutboxStore implements CaseOutboxStore {
  private readonly messages: OutboxMessage[] = [];

  /** Adds messages as part of the caller's change (a case change). */
  insert(messages: NewOutboxMessage[], at: string): void {
    for (const m of messages) {
      this.messages.push({
        id: randomUUID(),
        topic: m.topic,
        destination: m.destination,
        event: m.event,
        subject: m.subject,
        payload: structuredClone(m.payload ?? null),
        state: 'pending',
        attempts: 0,
        nextAttemptAt: at,
        createdAt: at,
      });
    }
  }

  async enqueueOutbox(messages: NewOutboxMessage[], at = new Date().toISOString()): Promise<void> {
    this.insert(messages, at);
  }

  async claimDueOutbox(now: string, limit: number, leaseMs: number): Promise<OutboxMessage[]> {
    const leaseUntil = new Date(Date.parse(now) + leaseMs).toISOString();
    const due = this.messages
      .map((m, order) => ({ m, order }))
      .filter(({ m }) => m.state === 'pending' && m.nextAttemptAt <= now)
      .sort((a, b) => (a.m.nextAttemptAt === b.m.nextAttemptAt ? a.order - b.order : a.m.nextAttemptAt < b.m.nextAttemptAt ? -1 : 1))
      .slice(0, limit);
    for (const { m } of due) {
      m.attempts++;
      m.nextAttemptAt = leaseUntil;
    }
    return due.map(({ m }) => structuredClone(m));
  }

  async markOutboxDelivered(id: string, at: string): Promise<void> {
    const m = this.messages.find((x) => x.id === id);
    if (!m) return;
    m.state = 'delivered';
    m.deliveredAt = at;
    delete m.lastError;
  }

  async markOutboxFailed(id: string, error: string, nextAttemptAt: string | null): Promise<void> {
    const m = this.messages.find((x) => x.id === id);
    if (!m) return;
    m.lastError = error;
    if (nextAttemptAt === null) m.state = 'dead';
    else m.nextAttemptAt = nextAttemptAt;
  }

  async deferOutbox(id: string, nextAttemptAt: string): Promise<void> {
    const m = this.messages.find((x) => x.id === id);
    if (!m || m.state !== 'pending') return;
    m.attempts = Math.max(0, m.attempts - 1);
    m.nextAttemptAt = nextAttemptAt;
  }

  async listOutbox(q: { topic?: OutboxTopic; state?: OutboxState; subject?: string; limit: number }): Promise<OutboxMessage[]> {
    return this.messages
      .filter((m) => (!q.topic || m.topic === q.topic) && (!q.state || m.state === q.state) && (!q.subject || m.subject === q.subject))
      .slice(0, q.limit)
      .map((m) => structuredClone(m));
  }
}
