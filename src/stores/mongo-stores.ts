/**
 * Builds every MongoDB store on one database, in one place: one client and transactions helper
 * (src/store/mongodb/mongo-connect.ts), one narrow store per feature beside its port.
 *
 * Atomicity: where SQLite uses one transaction, the adapters use a MongoDB transaction when the
 * deployment supports it, and otherwise an ordering of idempotent writes with the same
 * guarantees, described in each adapter: ingestBatch upserts the mentions THEN moves the cursor
 * (mongo-mention-store.ts); claims, reply and outbox transitions are one conditional
 * findOneAndUpdate each; case changes are serialised by a lock document with gap-free numbers
 * (mongo-case-store.ts, mongo-case-numbering.ts); leases are one atomic findOneAndUpdate on the
 * server clock (mongo-lease-store.ts). A replica set (even a single node) is the recommended
 * deployment.
 */
import type { Db, MongoClient } from 'mongodb';
import { MongoAuditStore } from '../audit/store/mongo-audit-store';
import { CaseLock } from '../cases/store/mongo-case-lock';
import { LeaseLock } from '../store/mongodb/lease-lock';
import { applyDataFixes } from '../store/mongodb/data-fixes';
import { MongoCaseOutboxStore } from '../cases/store/mongo-case-outbox-store';
import { MongoCaseStore } from '../cases/store/mongo-case-store';
import { MongoCorrectionStore } from '../corrections/store/mongo-correction-store';
import { MongoChannelStateStore } from '../mentions/store/mongo-channel-state-store';
import { MongoMentionStore } from '../mentions/store/mongo-mention-store';
import { MongoQueueStore } from '../queue/store/mongo-queue-store';
import { MongoReplyStore } from '../replies/store/mongo-reply-store';
import { MongoLeaseStore } from '../scheduler/store/mongo-lease-store';
import { connectMongo, unavailable, type MongoStoreOptions } from '../store/mongodb/mongo-connect';
import { MONGO_SCHEMA_VERSION, SchemaMeta } from '../store/mongodb/schema-meta';
import { StoreError } from '../store/store-error';
import { Sequences } from '../store/mongodb/sequences';
import { MENTIONS_COLLECTION } from '../store/mongodb/collection-names';
import { SUMMARIES_COLLECTION, SUMMARY_INDEXES, SUMMARY_MENTION_INDEXES } from '../store/mongodb/summary-docs';
import { MongoSummaryStore } from '../summaries/store/mongodb/mongo-summary-store';
import type { MongoTransactions } from '../store/mongodb/transactions';
import { MongoTransfer } from '../store-copy/mongo-transfer';
import { MongoTemplateStore } from '../templates/store/mongo-template-store';
import { MongoUserStore } from '../users/store/mongo-user-store';
import type { Stores } from './stores';

export interface MongoStores extends Stores {
  readonly kind: 'mongodb';
  readonly db: Db;
  /** Whether multi-document changes run in transactions (replica set / mongos). */
  readonly tx: MongoTransactions;
  readonly summaries: MongoSummaryStore;
  /** store:copy (src/store-copy/transfer.ts). */
  readonly transfer: MongoTransfer;
}

/** Connects, detects transaction support and prepares the database (see mongoStoresOn). */
export async function createMongoStores(opts: MongoStoreOptions): Promise<MongoStores> {
  const { client, db, tx } = await connectMongo(opts);
  try {
    return await mongoStoresOn(client, db, tx);
  } catch (err) {
    await client.close().catch(() => undefined);
    // A database of a newer release says so itself; anything else is the server's trouble.
    throw err instanceof StoreError ? err : unavailable(opts, err);
  }
}

/**
 * The stores on a connected client (tests pass an in-memory stand-in): refuses a database a newer
 * release prepared (StoreError store_too_new, before touching it), creates every index
 * (idempotent: same names and keys), finishes case changes a crash interrupted, and records the
 * schema version.
 */
export async function mongoStoresOn(client: MongoClient, db: Db, tx: MongoTransactions): Promise<MongoStores> {
  const meta = new SchemaMeta(db);
  const prepared = await meta.refuseNewer(db.databaseName);
  const sequences = new Sequences(db);
  const leases = new MongoLeaseStore(db);
  const caseOutbox = new MongoCaseOutboxStore(db);
  const stores = {
    kind: 'mongodb' as const,
    db,
    tx,
    mentions: new MongoMentionStore(db, tx),
    channelStates: new MongoChannelStateStore(db),
    queue: new MongoQueueStore(db),
    replies: new MongoReplyStore(db, tx, new LeaseLock(leases)),
    cases: new MongoCaseStore(db, tx, new CaseLock(leases), caseOutbox),
    caseOutbox,
    users: new MongoUserStore(db, tx),
    templates: new MongoTemplateStore(db),
    audit: new MongoAuditStore(db, sequences),
    corrections: new MongoCorrectionStore(db),
    leases,
    summaries: new MongoSummaryStore(db),
    transfer: new MongoTransfer(db, sequences),
    ...(prepared < MONGO_SCHEMA_VERSION ? { migrated: { from: prepared, to: MONGO_SCHEMA_VERSION } } : {}),
    /** Reachable (ping) and indexes at this release's schema version. */
    async status() {
      await db.command({ ping: 1 });
      return meta.status();
    },
    close: () => client.close(),
  };
  const { mentions, channelStates, users, templates, queue, replies, audit, cases, corrections } = stores;
  for (const part of [mentions, channelStates, users, templates, queue, replies, audit, caseOutbox, cases, corrections]) await part.ensureIndexes();
  // the weekly summaries' history and the index their week counts read (src/summaries/store/mongodb)
  await db.collection(SUMMARIES_COLLECTION).createIndexes(SUMMARY_INDEXES);
  await db.collection(MENTIONS_COLLECTION).createIndexes(SUMMARY_MENTION_INDEXES);
  await cases.finishInterrupted();
  await applyDataFixes(db, prepared);
  await meta.record();
  return stores;
}
