/**
 * Replies and their outbox on MongoDB. Every state change is one conditional findOneAndUpdate
 * (the state it leaves is in the filter), so two workers or two supervisors can never both move
 * a reply; the sender takes the oldest due queued reply by moving it to `sending` in one such
 * write. recordReplySent changes the reply and its mention: in a transaction on a replica set;
 * on a standalone server the reply moves first (the deciding, conditional write), then the
 * mention follows with idempotent $set/$unset: a crash in between leaves the reply `sent` and the
 * mention still waiting in the queue, never a second send.
 */
import { randomUUID } from 'node:crypto';
import { MongoServerError, type ClientSession, type Collection, type Db, type Filter, type IndexDescription, type UpdateFilter } from 'mongodb';
import type { Page, Reply, ReplyState } from '../../domain';
import { ValidationError } from '../../errors';
import { MENTIONS_COLLECTION } from '../../store/mongodb/collection-names';
import { stripUndefined, type MentionDoc } from '../../store/mongodb/mention-docs';
import { REPLIES_COLLECTION, type ReplyDoc } from '../../store/mongodb/reply-doc';
import type { LeaseLock } from '../../store/mongodb/lease-lock';
import type { MongoTransactions } from '../../store/mongodb/transactions';
import { decodePageCursor, encodePageCursor } from '../../store/page-cursor';
import type { ApprovalContext } from '../approval-block';
import { sentMentionChange } from './sent-reply-effect';
import { WAITING_TWIN_STATES, type ApproveResult, type NewReply, type ReplyChange, type ReplyQuery, type ReplyStore } from './reply-store';

export const REPLY_INDEXES: IndexDescription[] = [
  { key: { idempotencyKey: 1 }, name: 'idempotency_unique', unique: true },
  { key: { dedupeKey: 1 }, name: 'dedupe_unique', unique: true, partialFilterExpression: { dedupeKey: { $type: 'string' } } },
  // the sender's outbox: oldest queued first (partial: only queued replies are in it)
  { key: { createdAt: 1, _id: 1 }, name: 'outbox_queued', partialFilterExpression: { state: 'queued' } },
  { key: { state: 1, createdAt: -1, _id: -1 }, name: 'state_created' },
  { key: { createdAt: -1, _id: -1 }, name: 'created' },
  { key: { mentionId: 1, createdAt: -1, _id: -1 }, name: 'mention_created' },
  // weekly figures: first sent reply per mention ($lookup) and replies sent in a window
  { key: { mentionId: 1, state: 1, sentAt: 1 }, name: 'mention_state_sent' },
  { key: { sentAt: 1 }, name: 'sent_window', partialFilterExpression: { state: 'sent' } },
];

const DUPLICATE_KEY = 11000;

export function docToReply(doc: ReplyDoc): Reply {
  const r: Reply = {
    id: doc._id,
    mentionId: doc.mentionId,
    text: doc.text,
    author: doc.author,
    state: doc.state,
    idempotencyKey: doc.idempotencyKey,
    attempts: doc.attempts,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    purpose: doc.purpose,
  };
  if (doc.templateId) r.templateId = doc.templateId;
  if (doc.externalId) r.externalId = doc.externalId;
  if (doc.url) r.url = doc.url;
  if (doc.error) r.error = doc.error;
  if (doc.approvedBy) r.approvedBy = doc.approvedBy;
  if (doc.sentAt) r.sentAt = doc.sentAt;
  if (doc.nextAttemptAt) r.nextAttemptAt = doc.nextAttemptAt;
  if (doc.dedupeKey) r.dedupeKey = doc.dedupeKey;
  return r;
}

/** ReplyChange → update: undefined leaves a field alone, null removes it. */
export function replyChangeUpdate(change: ReplyChange, now: string): UpdateFilter<ReplyDoc> {
  const $set: Record<string, unknown> = { state: change.state, updatedAt: now };
  const $unset: Record<string, ''> = {};
  for (const [key, value] of Object.entries(change)) {
    if (key === 'state' || value === undefined) continue;
    if (value === null) $unset[key] = '';
    else $set[key] = value;
  }
  return Object.keys($unset).length ? { $set, $unset } : { $set };
}

/** The sender's pick: queued, and due (no next attempt time, or it has come). */
export function dueQueuedFilter(now: string): Filter<ReplyDoc> {
  return { state: 'queued', $or: [{ nextAttemptAt: { $exists: false } }, { nextAttemptAt: { $lte: now } }] };
}

export const TAKE_NEXT_SORT = { createdAt: 1, _id: 1 } as const;

export function takeNextUpdate(now: string): UpdateFilter<ReplyDoc> {
  return { $set: { state: 'sending', updatedAt: now }, $inc: { attempts: 1 } };
}

export function sentUpdate(sent: { externalId: string; url?: string; at: string }): UpdateFilter<ReplyDoc> {
  const $set: Partial<ReplyDoc> = { state: 'sent', externalId: sent.externalId, sentAt: sent.at, updatedAt: sent.at };
  const $unset: Record<string, ''> = { error: '', nextAttemptAt: '' };
  if (sent.url) $set.url = sent.url;
  else $unset.url = '';
  return { $set, $unset };
}

/** The write to the mention of a sent reply (sent-reply-effect.ts), or null when it stays as it is. */
export function mentionSentWrite(mentionId: string, purpose: Reply['purpose'], at: string): { filter: Filter<MentionDoc>; update: UpdateFilter<MentionDoc> } | null {
  const change = sentMentionChange(purpose);
  if (change.kind === 'answered') return { filter: { _id: mentionId }, update: { $set: { status: 'replied', statusChangedAt: at }, $unset: { claim: '' } } };
  if (change.kind === 'replied_if') return { filter: { _id: mentionId, status: { $in: [...change.from] } }, update: { $set: { status: 'replied', statusChangedAt: at } } };
  return null;
}

export function replyListFilter(q: ReplyQuery): Filter<ReplyDoc> {
  const filter: Filter<ReplyDoc> = {};
  if (q.state) filter.state = q.state;
  if (q.mentionId) filter.mentionId = q.mentionId;
  if (!q.cursor) return filter;
  const [createdAt, id] = decodePageCursor(q.cursor, 2);
  if (typeof createdAt !== 'string' || typeof id !== 'string') throw new ValidationError('invalid cursor', { cursor: 'not a cursor returned by this API' });
  return { ...filter, $or: [{ createdAt: { $lt: createdAt } }, { createdAt, _id: { $lt: id } }] };
}

const INTERRUPTED = 'interrupted while sending: check the remote side before resolving';

export class MongoReplyStore implements ReplyStore {
  private readonly replies: Collection<ReplyDoc>;
  private readonly mentions: Collection<MentionDoc>;

  constructor(
    db: Db,
    private readonly tx: MongoTransactions,
    /** Serialises approvals of one post on a standalone server (no transactions). */
    private readonly lock: LeaseLock,
  ) {
    this.replies = db.collection<ReplyDoc>(REPLIES_COLLECTION);
    this.mentions = db.collection<MentionDoc>(MENTIONS_COLLECTION);
  }

  async ensureIndexes(): Promise<void> {
    await this.replies.createIndexes(REPLY_INDEXES);
  }

  /**
   * With a dedupeKey: one upsert on the unique dedupe key ($setOnInsert), so two concurrent
   * automatic replies for the same key end as one reply; the loser of an insert race (E11000)
   * reads the winner's.
   */
  async createReply(r: NewReply): Promise<{ reply: Reply; created: boolean }> {
    const now = r.createdAt ?? new Date().toISOString();
    const doc: ReplyDoc = stripUndefined({
      _id: randomUUID(),
      mentionId: r.mentionId,
      text: r.text,
      templateId: r.templateId,
      author: r.author,
      state: r.state,
      idempotencyKey: randomUUID(),
      attempts: 0,
      createdAt: now,
      updatedAt: now,
      purpose: r.purpose,
      dedupeKey: r.dedupeKey,
    });
    if (r.reuseWaitingTwin) {
      // An upsert on the twin's fields: a second submit finds the first. Two submits in the same
      // instant on different connections could still both insert (no unique key spans a text).
      const twin = { mentionId: r.mentionId, author: r.author, text: r.text, purpose: r.purpose, state: { $in: [...WAITING_TWIN_STATES] } };
      const res = await this.replies.updateOne(twin, { $setOnInsert: doc }, { upsert: true });
      if (res.upsertedCount === 1) return { reply: docToReply(doc), created: true };
      const known = await this.replies.findOne(twin, { sort: { createdAt: 1, _id: 1 } });
      if (known) return { reply: docToReply(known), created: false };
    }
    if (!r.dedupeKey) {
      await this.replies.insertOne(doc);
      return { reply: docToReply(doc), created: true };
    }
    try {
      const res = await this.replies.updateOne({ dedupeKey: r.dedupeKey }, { $setOnInsert: doc }, { upsert: true });
      if (res.upsertedCount === 1) return { reply: docToReply(doc), created: true };
    } catch (err) {
      if (!(err instanceof MongoServerError && err.code === DUPLICATE_KEY)) throw err;
    }
    const known = await this.replies.findOne({ dedupeKey: r.dedupeKey });
    if (!known) throw new Error(`reply with dedupe key ${r.dedupeKey} vanished while being created`);
    return { reply: docToReply(known), created: false };
  }

  async getReply(id: string): Promise<Reply | null> {
    const doc = await this.replies.findOne({ _id: id });
    return doc ? docToReply(doc) : null;
  }

  async listReplies(q: ReplyQuery): Promise<Page<Reply>> {
    const docs = await this.replies.find(replyListFilter(q)).sort({ createdAt: -1, _id: -1 }).limit(q.limit + 1).toArray();
    const items = docs.slice(0, q.limit).map(docToReply);
    const last = items[items.length - 1];
    return { items, nextCursor: docs.length > q.limit && last ? encodePageCursor([last.createdAt, last.id]) : null };
  }

  countReplies(state: ReplyState): Promise<number> {
    return this.replies.countDocuments({ state });
  }

  /**
   * The check (the post's status, its other replies) and the write as one step. On a replica set
   * in a transaction that also writes the post (approvalTurns): two approvals of two drafts of one
   * post then write the same document, so the second hits a write conflict, and the driver runs
   * it again on a snapshot that holds the first's queued reply. On a standalone server under a
   * lease lock named after the post. Either way one of the two is refused as already answered.
   */
  async approveReply<R>(id: string, approvedBy: string, refuse: (ctx: ApprovalContext) => R | null): Promise<ApproveResult<R>> {
    if (this.tx.supported) return this.tx.run((session) => this.approveOnce(id, approvedBy, refuse, session));
    const pending = await this.replies.findOne({ _id: id, state: 'awaiting_approval' }, { projection: { mentionId: 1 } });
    if (!pending) return null;
    return this.lock.run(`lock:approval:${pending.mentionId}`, () => this.approveOnce(id, approvedBy, refuse, undefined));
  }

  private async approveOnce<R>(id: string, approvedBy: string, refuse: (ctx: ApprovalContext) => R | null, session: ClientSession | undefined): Promise<ApproveResult<R>> {
    const doc = await this.replies.findOne({ _id: id, state: 'awaiting_approval' }, { session });
    if (!doc) return null;
    if (session) await this.mentions.updateOne({ _id: doc.mentionId }, { $inc: { approvalTurns: 1 } }, { session });
    const mention = await this.mentions.findOne({ _id: doc.mentionId }, { projection: { status: 1 }, session });
    const others = await this.replies.find({ mentionId: doc.mentionId, _id: { $ne: id } }, { session }).toArray();
    const refused = refuse({ reply: docToReply(doc), mentionStatus: mention?.status ?? null, others: others.map(docToReply) });
    if (refused !== null) return { refused };
    const after = await this.replies.findOneAndUpdate(
      { _id: id, state: 'awaiting_approval' },
      replyChangeUpdate({ state: 'queued', approvedBy }, new Date().toISOString()),
      { returnDocument: 'after', session },
    );
    return after ? { reply: docToReply(after) } : null;
  }

  async transitionReply(id: string, from: ReplyState[], change: ReplyChange): Promise<Reply | null> {
    const doc = await this.replies.findOneAndUpdate({ _id: id, state: { $in: from } }, replyChangeUpdate(change, new Date().toISOString()), {
      returnDocument: 'after',
    });
    return doc ? docToReply(doc) : null;
  }

  async takeNextOutboxReply(now: string): Promise<Reply | null> {
    const doc = await this.replies.findOneAndUpdate(dueQueuedFilter(now), takeNextUpdate(now), { sort: TAKE_NEXT_SORT, returnDocument: 'after' });
    return doc ? docToReply(doc) : null;
  }

  recordReplySent(id: string, sent: { externalId: string; url?: string; at: string }): Promise<Reply | null> {
    return this.tx.run(async (session) => {
      const doc = await this.replies.findOneAndUpdate({ _id: id, state: 'sending' }, sentUpdate(sent), { returnDocument: 'after', session });
      if (!doc) return null;
      const write = mentionSentWrite(doc.mentionId, doc.purpose, sent.at);
      if (write) await this.mentions.updateOne(write.filter, write.update, { session });
      return docToReply(doc);
    });
  }

  /**
   * Every `sending` reply becomes `unknown`. One conditional write per reply (they are few: the
   * ones in flight at a crash), so only the replies this call changed are returned.
   */
  async markInterruptedSendsUnknown(at: string): Promise<Reply[]> {
    const sending = await this.replies.find({ state: 'sending' }, { projection: { _id: 1 } }).sort({ createdAt: 1, _id: 1 }).toArray();
    const changed: Reply[] = [];
    for (const { _id } of sending) {
      const doc = await this.replies.findOneAndUpdate(
        { _id, state: 'sending' },
        { $set: { state: 'unknown', updatedAt: at, error: INTERRUPTED } },
        { returnDocument: 'after' },
      );
      if (doc) changed.push(docToReply(doc));
    }
    return changed;
  }
}
