/**
 * Mentions and the ministry's own posts on MongoDB, including ingest of a batch + cursor.
 *
 * ingestBatch: in a transaction when the deployment has them. Without, the order of writes gives
 * the same guarantee the port promises ("after a crash either both happened or neither" as seen
 * by the poller): the mentions are upserted first (unique (channel, externalId), $setOnInsert),
 * THEN the cursor moves. A crash in between leaves the old cursor, so the next poll fetches the
 * same items again and the upserts turn into metric refreshes: nothing lost, nothing doubled.
 */
import type { AnyBulkWriteOperation, ClientSession, Collection, Db, IndexDescription } from 'mongodb';
import type { ClassifiedMention, IngestResult, Mention, MentionQuery, OwnPost, Page } from '../../domain';
import { newMentionId } from '../../store/mention-id';
import { CHANNEL_STATE_COLLECTION, MENTIONS_COLLECTION, OWN_POSTS_COLLECTION } from '../../store/mongodb/collection-names';
import { ownPostKey } from '../../store/mongodb/doc-keys';
import type { MongoTransactions } from '../../store/mongodb/transactions';
import type { MentionStore } from './mention-store';
import type { ChannelStateDoc } from './mongo-channel-state-store';
import {
  MENTION_LIST_SORT,
  docToMention,
  mentionListFilter,
  mentionUpsert,
  nextMentionCursor,
  type MentionDoc,
} from '../../store/mongodb/mention-docs';

export interface OwnPostDoc {
  /** `${channel}\u001f${externalId}`: one string key, so store:copy pages by _id everywhere. */
  _id: string;
  channel: string;
  externalId: string;
  url?: string;
  text: string;
  createdAt: string;
  likes: number;
  replies: number;
  reposts: number;
  impressions: number;
  updatedAt: string;
}

export const MENTION_INDEXES: IndexDescription[] = [
  { key: { channel: 1, externalId: 1 }, name: 'channel_externalId_unique', unique: true },
  { key: { createdAt: -1, _id: -1 }, name: 'created' },
  { key: { network: 1, createdAt: -1 }, name: 'network_created' },
  { key: { primaryDomain: 1, createdAt: -1 }, name: 'domain_created' },
  { key: { channel: 1, conversationId: 1 }, name: 'conversation', partialFilterExpression: { conversationId: { $type: 'string' } } },
  // the reply queue and case capture add theirs (mongo-queue-store.ts, mongo-case-store.ts)
];

/** Indexes of earlier releases that a longer one now covers; dropped at start when present. */
export const OBSOLETE_MENTION_INDEXES = ['queue', 'capture_pending'];

export const OWN_POST_INDEXES: IndexDescription[] = [
  { key: { channel: 1, externalId: 1 }, name: 'channel_externalId_unique', unique: true },
  { key: { createdAt: 1 }, name: 'created' },
];

export class MongoMentionStore implements MentionStore {
  readonly mentions: Collection<MentionDoc>;
  private readonly ownPosts: Collection<OwnPostDoc>;
  private readonly states: Collection<ChannelStateDoc>;

  constructor(
    db: Db,
    private readonly tx: MongoTransactions,
  ) {
    this.mentions = db.collection<MentionDoc>(MENTIONS_COLLECTION);
    this.ownPosts = db.collection<OwnPostDoc>(OWN_POSTS_COLLECTION);
    this.states = db.collection<ChannelStateDoc>(CHANNEL_STATE_COLLECTION);
  }

  async ensureIndexes(): Promise<void> {
    await this.mentions.createIndexes(MENTION_INDEXES);
    const present = new Set((await this.mentions.indexes()).map((i) => i.name));
    for (const name of OBSOLETE_MENTION_INDEXES) if (present.has(name)) await this.mentions.dropIndex(name);
    await this.ownPosts.createIndexes(OWN_POST_INDEXES);
  }

  /** `newCursor` undefined leaves the cursor as it is (mentions pushed by a webhook, not polled). */
  ingestBatch(channel: string, batch: ClassifiedMention[], newCursor: string | null | undefined): Promise<IngestResult> {
    return this.tx.run(async (session) => {
      const result = await this.upsertMentions(channel, batch, session);
      if (newCursor === undefined) return result;
      await this.states.updateOne(
        { _id: channel },
        { $set: { cursor: newCursor, updatedAt: new Date().toISOString() } },
        { upsert: true, session },
      );
      return result;
    });
  }

  private async upsertMentions(channel: string, batch: ClassifiedMention[], session?: ClientSession): Promise<IngestResult> {
    if (batch.length === 0) return { inserted: [], updated: 0 };
    const fetchedAt = new Date().toISOString();
    // time-ordered ids, as on SQLite: new documents append to the _id index
    const ids = batch.map(() => newMentionId());
    const ops: AnyBulkWriteOperation<MentionDoc>[] = batch.map((m, i) => {
      const { filter, update } = mentionUpsert(ids[i], channel, m, fetchedAt);
      return { updateOne: { filter, update, upsert: true } };
    });
    // ordered: a repeated external id within one batch is inserted once, then refreshed
    const res = await this.mentions.bulkWrite(ops, { ordered: true, session });
    const upserted = new Set(Object.keys(res.upsertedIds).map(Number));
    const inserted: Mention[] = [];
    batch.forEach((m, i) => {
      if (upserted.has(i)) inserted.push(insertedMention(ids[i], channel, m, fetchedAt));
    });
    return { inserted, updated: batch.length - inserted.length };
  }

  async getMention(id: string): Promise<Mention | null> {
    const doc = await this.mentions.findOne({ _id: id });
    return doc ? docToMention(doc) : null;
  }

  async findMentionByExternalId(channel: string, externalId: string): Promise<Mention | null> {
    const doc = await this.mentions.findOne({ channel, externalId });
    return doc ? docToMention(doc) : null;
  }

  async listMentions(q: MentionQuery): Promise<Page<Mention>> {
    const docs = await this.mentions.find(mentionListFilter(q)).sort(MENTION_LIST_SORT).limit(q.limit + 1).toArray();
    const items = docs.slice(0, q.limit).map(docToMention);
    return { items, nextCursor: nextMentionCursor(items, docs.length > q.limit) };
  }

  countMentions(): Promise<number> {
    return this.mentions.countDocuments({});
  }

  async saveOwnPosts(channel: string, posts: OwnPost[]): Promise<void> {
    if (posts.length === 0) return;
    const updatedAt = new Date().toISOString();
    await this.ownPosts.bulkWrite(
      posts.map((p) => ({
        updateOne: {
          filter: { _id: ownPostKey(channel, p.externalId) },
          update: {
            $setOnInsert: { channel, externalId: p.externalId, text: p.text, createdAt: p.createdAt, ...(p.url ? { url: p.url } : {}) },
            $set: {
              likes: p.metrics.likes ?? 0,
              replies: p.metrics.replies ?? 0,
              reposts: p.metrics.reposts ?? 0,
              impressions: p.metrics.impressions ?? 0,
              updatedAt,
            },
          },
          upsert: true,
        },
      })),
      { ordered: false },
    );
  }
}

/** The Mention as written, without reading it back (same shape as the SQLite adapter returns). */
function insertedMention(id: string, channel: string, m: ClassifiedMention, fetchedAt: string): Mention {
  return {
    ...m.raw,
    id,
    channel,
    network: m.raw.network ?? channel,
    fetchedAt,
    classification: m.classification,
    status: m.status,
    replyable: m.raw.replyable !== false,
    kind: m.raw.kind ?? 'post',
  };
}
