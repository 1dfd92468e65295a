/**
 * The reply queue on MongoDB, on the mentions collection: claims (one conditional
 * findOneAndUpdate each, so two agents at the same instant cannot both win), the priority-ordered
 * queue with keyset pagination over the queue_priority index, per-domain counts (one $group), and
 * status changes by agents (one conditional write that returns the document before it).
 */
import type { Collection, Db, Document, Filter, IndexDescription } from 'mongodb';
import type { Mention, MentionStatus, Page } from '../../domain';
import { ValidationError } from '../../errors';
import { MENTIONS_COLLECTION } from '../../store/mongodb/collection-names';
import { docToMention, type MentionDoc } from '../../store/mongodb/mention-docs';
import { decodePageCursor, encodePageCursor } from '../../store/page-cursor';
import type { ClaimOutcome, QueueQuery, QueueStore } from './queue-store';

/** Statuses that mean "no case needed": capture is cancelled for them. */
const CLOSING_STATUSES: MentionStatus[] = ['no_action', 'spam', 'duplicate'];

/** Indexes the queue adds to the mentions collection. */
export const QUEUE_INDEXES: IndexDescription[] = [
  // the documented priority: urgency, waiting time (oldest first), author reach (most followers
  // first), id as the tie-break; listQueue's sort and keyset cursor walk exactly this index
  { key: { status: 1, urgencyRank: 1, createdAt: 1, authorFollowers: -1, _id: 1 }, name: 'queue_priority' },
  { key: { status: 1, primaryDomain: 1 }, name: 'status_domain' },
  { key: { 'claim.by': 1 }, name: 'claim_by', partialFilterExpression: { 'claim.by': { $type: 'string' } } },
];

export const QUEUE_SORT = { urgencyRank: 1, createdAt: 1, authorFollowers: -1, _id: 1 } as const;

/**
 * Claim filter: the mention is unclaimed, its claim has expired, or `by` holds it already
 * (renewal). `force` (supervisor reassign) only needs the mention to exist. A mention without a
 * claim has no `claim` field (releases $unset it; nothing stores a null claim).
 */
export function claimFilter(id: string, by: string, now: string, force: boolean): Filter<MentionDoc> {
  if (force) return { _id: id };
  return { _id: id, $or: [{ claim: { $exists: false } }, { 'claim.until': { $lte: now } }, { 'claim.by': by }] };
}

export function releaseFilter(id: string, by: string | null): Filter<MentionDoc> {
  return by === null ? { _id: id, claim: { $exists: true } } : { _id: id, 'claim.by': by };
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The queue's WHERE, same semantics as the SQLite adapter (channel = channel name or network). */
export function queueFilter(q: Omit<QueueQuery, 'limit' | 'cursor'>): Filter<MentionDoc> {
  const and: Filter<MentionDoc>[] = [{ status: q.status }];
  if (q.domain) and.push({ primaryDomain: q.domain });
  if (q.channel) and.push({ $or: [{ channel: q.channel }, { network: q.channel }] });
  if (q.intent) and.push({ intent: q.intent });
  if (q.urgency) and.push({ urgency: q.urgency });
  if (q.assignee === 'none') and.push({ $or: [{ claim: { $exists: false } }, { 'claim.until': { $lte: q.now } }] });
  else if (q.assignee) and.push({ 'claim.by': q.assignee, 'claim.until': { $gt: q.now } });
  if (q.q) and.push({ searchText: { $regex: escapeRegex(q.q) } });
  if (q.link) and.push({ $or: [{ url: { $regex: escapeRegex(q.link.path) } }, ...(q.link.statusId ? [{ externalId: q.link.statusId }] : [])] });
  return and.length === 1 ? and[0] : { $and: and };
}

/** Strictly after the cursor position in QUEUE_SORT order. */
export function queueCursorFilter(cursor: string): Filter<MentionDoc> {
  const [u, c, f, id] = decodePageCursor(cursor, 4);
  if (typeof u !== 'number' || typeof c !== 'string' || typeof f !== 'number' || typeof id !== 'string') {
    throw new ValidationError('invalid cursor', { cursor: 'not a cursor returned by this API' });
  }
  return {
    $or: [
      { urgencyRank: { $gt: u } },
      { urgencyRank: u, createdAt: { $gt: c } },
      { urgencyRank: u, createdAt: c, authorFollowers: { $lt: f } },
      { urgencyRank: u, createdAt: c, authorFollowers: f, _id: { $gt: id } },
    ],
  };
}

export function queueCursorOf(doc: MentionDoc): string {
  return encodePageCursor([doc.urgencyRank, doc.createdAt, doc.authorFollowers, doc._id]);
}

/** Mentions per primary domain for the filters (domain itself ignored); null domain → 'none'. */
export function countByDomainPipeline(q: Omit<QueueQuery, 'limit' | 'cursor'>): Document[] {
  return [{ $match: queueFilter({ ...q, domain: undefined }) }, { $group: { _id: '$primaryDomain', n: { $sum: 1 } } }];
}

/** The status change: with `from`, only from those statuses; closing statuses cancel capture. */
/**
 * The conditional write of a status change, and the fields every change sets. Back to
 * needs_reply, a works complaint without a case is pending capture again: an update pipeline,
 * so the test and the write are one atomic step.
 */
export function statusChange(id: string, status: MentionStatus, from: MentionStatus[] | undefined, at: string) {
  const filter: Filter<MentionDoc> = from ? { _id: id, status: { $in: from } } : { _id: id };
  const set: Pick<MentionDoc, 'status' | 'statusChangedAt'> = { status, statusChangedAt: at };
  if (status === 'needs_reply') {
    const complaintWithoutCase = { $and: [{ $eq: [{ $type: '$caseId' }, 'missing'] }, { $eq: ['$intent', 'complaint'] }, { $ne: [{ $ifNull: ['$primaryDomain', null] }, null] }] };
    return { filter, set, update: [{ $set: { ...set, capturePending: { $or: ['$capturePending', complaintWithoutCase] } } }] };
  }
  return { filter, set, update: { $set: CLOSING_STATUSES.includes(status) ? { ...set, capturePending: false } : set } };
}

export class MongoQueueStore implements QueueStore {
  private readonly mentions: Collection<MentionDoc>;

  constructor(db: Db) {
    this.mentions = db.collection<MentionDoc>(MENTIONS_COLLECTION);
  }

  async ensureIndexes(): Promise<void> {
    await this.mentions.createIndexes(QUEUE_INDEXES);
  }

  async claimMention(id: string, by: string, until: string, now: string, opts?: { force?: boolean }): Promise<ClaimOutcome> {
    const force = opts?.force ?? false;
    // A renewal first (its own conditional write), so the caller can tell it from a new claim.
    if (!force) {
      const renewed = await this.mentions.updateOne({ _id: id, 'claim.by': by, 'claim.until': { $gt: now } }, { $set: { 'claim.until': until } });
      if (renewed.matchedCount === 1) return { ok: true, claim: { by, until }, renewed: true };
    }
    // Between a lost claim and reading the holder, the holder may have released it: try again.
    for (let attempt = 0; attempt < 3; attempt++) {
      const won = await this.mentions.findOneAndUpdate(claimFilter(id, by, now, force), { $set: { claim: { by, until } } }, { projection: { _id: 1 } });
      if (won) return { ok: true, claim: { by, until }, renewed: false };
      const doc = await this.mentions.findOne({ _id: id }, { projection: { claim: 1 } });
      if (!doc) return { ok: false, reason: 'not_found' };
      if (doc.claim) return { ok: false, reason: 'held', holder: { by: doc.claim.by, until: doc.claim.until } };
    }
    throw new Error(`claim on mention ${id} kept changing hands; try again`);
  }

  async releaseClaim(id: string, by: string | null): Promise<boolean> {
    return (await this.mentions.updateOne(releaseFilter(id, by), { $unset: { claim: '' } })).modifiedCount === 1;
  }

  async listQueue(q: QueueQuery): Promise<Page<Mention>> {
    const base = queueFilter(q);
    const filter = q.cursor ? { $and: [base, queueCursorFilter(q.cursor)] } : base;
    const docs = await this.mentions.find(filter).sort(QUEUE_SORT).limit(q.limit + 1).toArray();
    const page = docs.slice(0, q.limit);
    const last = page[page.length - 1];
    return { items: page.map(docToMention), nextCursor: docs.length > q.limit && last ? queueCursorOf(last) : null };
  }

  async countQueueByDomain(q: Omit<QueueQuery, 'limit' | 'cursor'>): Promise<Record<string, number>> {
    const rows = await this.mentions.aggregate<{ _id: string | null; n: number }>(countByDomainPipeline(q)).toArray();
    return Object.fromEntries(rows.map((r) => [r._id ?? 'none', r.n]));
  }

  async setMentionStatus(
    id: string,
    status: MentionStatus,
    opts?: { from?: MentionStatus[]; at?: string },
  ): Promise<{ before: Mention; after: Mention } | null> {
    const { filter, set, update } = statusChange(id, status, opts?.from, opts?.at ?? new Date().toISOString());
    const before = await this.mentions.findOneAndUpdate(filter, update, { returnDocument: 'before' });
    if (!before) return null;
    return { before: docToMention(before), after: docToMention({ ...before, ...set }) };
  }
}
