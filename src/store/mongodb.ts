/**
 * The scale-out store on the official MongoDB driver: one collection per record kind
 * (src/store/mongodb/<part>-collection.ts), indexes created at start (idempotent), the same
 * contract as SQLite (test/store.contract.ts).
 *
 * Atomicity: where SQLite uses one transaction, this adapter uses a MongoDB transaction when the
 * deployment supports it (replica set or mongos, detected once with `hello`), and otherwise an
 * ordering of idempotent writes with the same guarantees:
 * - ingestBatch: mentions upserted by the unique (channel, externalId) with $setOnInsert, THEN
 *   the cursor; a crash in between re-fetches and dedupes (mention-collection.ts).
 * - leases: one atomic findOneAndUpdate on the lease document, on the server clock
 *   (lease-collection.ts).
 * Multi-document operations added by later parts follow the same rule and say so in their file.
 * A replica set (even a single node) is the recommended deployment.
 */
import { MongoClient, type Db } from 'mongodb';
import type {
  ChannelKv,
  ChannelState,
  ClassifiedMention,
  IngestResult,
  Mention,
  MentionQuery,
  OwnPost,
  Page,
  Store,
  StoreStatus,
} from '../domain';
import { ChannelStateCollection } from './mongodb/channel-state-collection';
import { LeaseCollection } from './mongodb/lease-collection';
import { MentionCollection } from './mongodb/mention-collection';
import { redactMongoUri } from './mongodb/mongo-uri';
import { PendingMongoParts } from './mongodb/pending-parts';
import { SchemaMeta } from './mongodb/schema-meta';
import { TransferCollection } from './mongodb/transfer-collection';
import { MongoTransactions, detectTransactions } from './mongodb/transactions';
import { StoreError } from './store-error';
import type { StoreTransfer, TransferKind, TransferPage, TransferRecord } from './transfer';

export interface MongoStoreOptions {
  /** Connection string (MONGODB_URI); credentials in it are never logged. */
  uri: string;
  /** Database name (MONGODB_DB). */
  dbName: string;
  /** How long to look for a reachable server before failing an operation. Default 10 s. */
  serverSelectionTimeoutMS?: number;
}

export class MongoStore extends PendingMongoParts implements Store, StoreTransfer {
  readonly kind = 'mongodb' as const;
  private readonly mentions: MentionCollection;
  private readonly channels: ChannelStateCollection;
  private readonly leases: LeaseCollection;
  private readonly transfer: TransferCollection;
  private readonly meta: SchemaMeta;

  constructor(
    private readonly client: MongoClient,
    readonly db: Db,
    /** Whether multi-document changes run in transactions (replica set / mongos). */
    readonly tx: MongoTransactions,
  ) {
    super();
    this.mentions = new MentionCollection(db, tx);
    this.channels = new ChannelStateCollection(db);
    this.leases = new LeaseCollection(db);
    this.transfer = new TransferCollection(db);
    this.meta = new SchemaMeta(db);
  }

  /** Creates every index (idempotent: same names and keys) and records the schema version. */
  async init(): Promise<void> {
    await this.mentions.ensureIndexes();
    await this.channels.ensureIndexes();
    await this.meta.record();
  }

  ingestBatch(channel: string, mentions: ClassifiedMention[], newCursor: string | null): Promise<IngestResult> {
    return this.mentions.ingestBatch(channel, mentions, newCursor);
  }
  getMention(id: string): Promise<Mention | null> {
    return this.mentions.getMention(id);
  }
  findMentionByExternalId(channel: string, externalId: string): Promise<Mention | null> {
    return this.mentions.findByExternalId(channel, externalId);
  }
  listMentions(query: MentionQuery): Promise<Page<Mention>> {
    return this.mentions.listMentions(query);
  }
  countMentions(): Promise<number> {
    return this.mentions.countMentions();
  }
  saveOwnPosts(channel: string, posts: OwnPost[]): Promise<void> {
    return this.mentions.saveOwnPosts(channel, posts);
  }

  getChannelState(channel: string): Promise<ChannelState | null> {
    return this.channels.get(channel);
  }
  listChannelStates(): Promise<ChannelState[]> {
    return this.channels.list();
  }
  saveChannelHealth(channel: string, patch: Partial<Omit<ChannelState, 'channel' | 'cursor'>>): Promise<void> {
    return this.channels.saveHealth(channel, patch);
  }
  channelKv(channel: string): ChannelKv {
    return this.channels.kv(channel);
  }

  acquireLease(name: string, holder: string, ttlMs: number): Promise<boolean> {
    return this.leases.acquireLease(name, holder, ttlMs);
  }
  renewLease(name: string, holder: string, ttlMs: number): Promise<boolean> {
    return this.leases.renewLease(name, holder, ttlMs);
  }
  releaseLease(name: string, holder: string): Promise<void> {
    return this.leases.releaseLease(name, holder);
  }

  countRecords(kind: TransferKind): Promise<number> {
    return this.transfer.count(kind);
  }
  exportRecords(kind: TransferKind, after: string | null, limit: number): Promise<TransferPage> {
    return this.transfer.export(kind, after, limit);
  }
  importRecords(kind: TransferKind, records: TransferRecord[]): Promise<void> {
    return this.transfer.import(kind, records);
  }
  uncoveredRecords(): Promise<{ name: string; count: number }[]> {
    return this.transfer.uncovered();
  }

  /** Reachable (ping) and indexes at this release's schema version. */
  async status(): Promise<StoreStatus> {
    await this.db.command({ ping: 1 });
    return this.meta.status();
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}

/**
 * Connects, detects transaction support and creates the indexes. Fails with
 * StoreError('store_unavailable') naming the (redacted) URI when the server cannot be reached.
 */
export async function createMongoStore(opts: MongoStoreOptions): Promise<MongoStore> {
  const client = new MongoClient(opts.uri, {
    // undefined fields are left out, not stored as null: documents match what SQLite returns
    ignoreUndefined: true,
    serverSelectionTimeoutMS: opts.serverSelectionTimeoutMS ?? 10_000,
    appName: 'rasid',
  });
  try {
    await client.connect();
    const db = client.db(opts.dbName);
    const store = new MongoStore(client, db, new MongoTransactions(client, await detectTransactions(db)));
    await store.init();
    return store;
  } catch (err) {
    await client.close().catch(() => undefined);
    throw new StoreError('store_unavailable', `MongoDB at ${redactMongoUri(opts.uri)} (database ${opts.dbName}): ${(err as Error).message}`);
  }
}
