/**
 * The case outbox on MongoDB: messages to deliver after a case change (forwarding, webhooks,
 * citizen replies). A case change writes its messages into the case document first
 * (`pendingOutbox`, same atomic write as the change) and they are then moved here with
 * idempotent upserts by their fixed id, so a crash in between neither loses nor doubles one
 * (the move is finished by the next case operation or at start). Delivery takes due messages
 * one conditional findOneAndUpdate at a time, pushing the next attempt `leaseMs` ahead, so two
 * workers never share one (at-least-once; receivers dedupe on the message id).
 */
import type { ClientSession, Collection, Db, Filter, IndexDescription } from 'mongodb';
import type { Case } from '../../domain';
import { OUTBOX_COLLECTION } from '../../store/mongodb/collection-names';
import { toPlain } from '../../store/mongodb/plain-json';
import { newMentionId } from '../../store/mention-id';
import type { CaseOutboxStore, NewOutboxMessage, OutboxMessage, OutboxState, OutboxTopic } from './case-store';
import type { PendingOutboxEntry } from './mongo-case-docs';

export interface OutboxDoc {
  /** The message id receivers dedupe on (kept by store:copy). */
  _id: string;
  /**
   * Insertion order, like SQLite's rowid (time-ordered ids, src/store/mention-id.ts): ties in
   * listOutbox and claimDue. Imported messages get theirs in import order, which is the source's.
   */
  order: string;
  topic: OutboxTopic;
  destination: string;
  event: OutboxMessage['event'];
  subject: string;
  payload: unknown;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: string;
  lastError?: string;
  createdAt: string;
  deliveredAt?: string;
}

export const OUTBOX_INDEXES: IndexDescription[] = [
  { key: { nextAttemptAt: 1, order: 1 }, name: 'due', partialFilterExpression: { state: 'pending' } },
  { key: { subject: 1, createdAt: 1, order: 1 }, name: 'subject' },
  { key: { createdAt: 1, order: 1 }, name: 'created' },
  { key: { order: 1 }, name: 'order' },
];

export const LIST_SORT = { createdAt: 1, order: 1 } as const;

/** Outbox ids sort in insertion order within a process (listOutbox and ties in claimDue). */
export const newOutboxId = (): string => newMentionId();

export function docToOutbox(doc: OutboxDoc): OutboxMessage {
  const m: OutboxMessage = {
    id: doc._id,
    topic: doc.topic,
    destination: doc.destination,
    event: doc.event,
    subject: doc.subject,
    payload: doc.payload ?? null,
    state: doc.state,
    attempts: doc.attempts,
    nextAttemptAt: doc.nextAttemptAt,
    createdAt: doc.createdAt,
  };
  if (doc.lastError) m.lastError = doc.lastError;
  if (doc.deliveredAt) m.deliveredAt = doc.deliveredAt;
  return m;
}

export function newOutboxDoc(id: string, m: NewOutboxMessage, at: string): OutboxDoc {
  return {
    _id: id,
    order: id,
    topic: m.topic,
    destination: m.destination,
    event: m.event,
    subject: m.subject,
    payload: toPlain(m.payload) ?? null,
    state: 'pending',
    attempts: 0,
    nextAttemptAt: at,
    createdAt: at,
  };
}

export const DUE_SORT = { nextAttemptAt: 1, order: 1 } as const;

export function dueFilter(now: string): Filter<OutboxDoc> {
  return { state: 'pending', nextAttemptAt: { $lte: now } };
}

export function outboxListFilter(q: { topic?: OutboxTopic; state?: OutboxState; subject?: string }): Filter<OutboxDoc> {
  const filter: Filter<OutboxDoc> = {};
  if (q.topic) filter.topic = q.topic;
  if (q.state) filter.state = q.state;
  if (q.subject) filter.subject = q.subject;
  return filter;
}

export class MongoCaseOutboxStore implements CaseOutboxStore {
  readonly outbox: Collection<OutboxDoc>;

  constructor(db: Db) {
    this.outbox = db.collection<OutboxDoc>(OUTBOX_COLLECTION);
  }

  async ensureIndexes(): Promise<void> {
    await this.outbox.createIndexes(OUTBOX_INDEXES);
  }

  /** Moves a case's pending messages here, each carrying the case as it is now. Idempotent. */
  async insertPending(entries: PendingOutboxEntry[], snapshot: Case, session?: ClientSession): Promise<void> {
    if (!entries.length) return;
    await this.outbox.bulkWrite(
      entries.map((e) => ({
        updateOne: {
          filter: { _id: e.id },
          update: { $setOnInsert: newOutboxDoc(e.id, { topic: e.topic, destination: e.destination, event: e.event, subject: snapshot.number, payload: snapshot }, e.at) },
          upsert: true,
        },
      })),
      { ordered: true, session },
    );
  }

  async enqueueOutbox(messages: NewOutboxMessage[], at = new Date().toISOString()): Promise<void> {
    if (!messages.length) return;
    await this.outbox.insertMany(messages.map((m) => newOutboxDoc(newOutboxId(), m, at)));
  }

  /** One conditional write per message: a message taken here is invisible to other workers until its lease ends. */
  async claimDueOutbox(now: string, limit: number, leaseMs: number): Promise<OutboxMessage[]> {
    const leaseUntil = new Date(Date.parse(now) + leaseMs).toISOString();
    const taken: OutboxMessage[] = [];
    while (taken.length < limit) {
      const doc = await this.outbox.findOneAndUpdate(dueFilter(now), { $inc: { attempts: 1 }, $set: { nextAttemptAt: leaseUntil } }, { sort: DUE_SORT, returnDocument: 'after' });
      if (!doc) break;
      taken.push(docToOutbox(doc));
    }
    return taken;
  }

  async markOutboxDelivered(id: string, at: string): Promise<void> {
    await this.outbox.updateOne({ _id: id }, { $set: { state: 'delivered', deliveredAt: at }, $unset: { lastError: '' } });
  }

  async markOutboxFailed(id: string, error: string, nextAttemptAt: string | null): Promise<void> {
    const set: Partial<OutboxDoc> = nextAttemptAt === null ? { state: 'dead', lastError: error } : { lastError: error, nextAttemptAt };
    await this.outbox.updateOne({ _id: id }, { $set: set });
  }

  async deferOutbox(id: string, nextAttemptAt: string): Promise<void> {
    // attempts ≥ 1 here (the claim counted one), so the decrement never goes below 0.
    await this.outbox.updateOne({ _id: id, state: 'pending', attempts: { $gt: 0 } }, { $inc: { attempts: -1 }, $set: { nextAttemptAt } });
  }

  async listOutbox(q: { topic?: OutboxTopic; state?: OutboxState; subject?: string; limit: number }): Promise<OutboxMessage[]> {
    return (await this.outbox.find(outboxListFilter(q)).sort(LIST_SORT).limit(q.limit).toArray()).map(docToOutbox);
  }
}
