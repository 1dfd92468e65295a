/**
 * The scale-out store on the official MongoDB driver: one collection per record kind
 * (src/store/mongodb/<part>-collection.ts), indexes created at start (idempotent), the same
 * contract as SQLite (test/store.contract.ts).
 *
 * Atomicity: where SQLite uses one transaction, this adapter uses a MongoDB transaction when the
 * deployment supports it (replica set or mongos, detected once with `hello`), and otherwise an
 * ordering of idempotent writes with the same guarantees, described in each part's file:
 * - ingestBatch: mentions upserted by the unique (channel, externalId), THEN the cursor
 *   (mention-collection.ts);
 * - claims, reply and outbox transitions: one conditional findOneAndUpdate each
 *   (queue-collection.ts, reply-collection.ts, outbox-collection.ts);
 * - cases: serialised by a lock document, decisions written first, gap-free numbers from a
 *   counter document that carries the case it numbers (case-collection.ts, case-numbering.ts);
 * - leases: one atomic findOneAndUpdate on the server clock (lease-collection.ts).
 * A replica set (even a single node) is the recommended deployment.
 */
import { MongoClient, type Db } from 'mongodb';
import type {
  CaseFigures,
  ComplaintPlaces,
  MentionFigures,
  OwnPostFigures,
  ReplyActivityFigures,
  ResponseFigures,
  Store,
  StoreStatus,
  StoredSummary,
  SummaryListItem,
  SummaryQueryOptions,
  SummaryWindow,
} from '../domain';
import { MongoAuditStore } from '../audit/store/mongo-audit-store';
import { MongoCaseStore } from '../cases/store/mongo-case-store';
import { CaseLock } from '../cases/store/mongo-case-lock';
import { MongoCaseOutboxStore } from '../cases/store/mongo-case-outbox-store';
import { MongoCorrectionStore } from '../corrections/store/mongo-correction-store';
import { MongoChannelStateStore } from '../mentions/store/mongo-channel-state-store';
import { MongoLeaseStore } from '../scheduler/store/mongo-lease-store';
import { MongoMentionStore } from '../mentions/store/mongo-mention-store';
import { redactMongoUri } from './mongodb/mongo-uri';
import { MongoQueueStore } from '../queue/store/mongo-queue-store';
import { MongoReplyStore } from '../replies/store/mongo-reply-store';
import { SchemaMeta } from './mongodb/schema-meta';
import { Sequences } from './mongodb/sequences';
import { SummaryCollection } from './mongodb/summary-collection';
import { MongoTemplateStore } from '../templates/store/mongo-template-store';
import { TransferCollection } from './mongodb/transfer-collection';
import { MongoTransactions, detectTransactions } from './mongodb/transactions';
import { MongoUserStore } from '../users/store/mongo-user-store';
import { StoreError } from './store-error';
import type { CountedKind, StoreTransfer, TransferKind, TransferPage, TransferRecord } from './transfer';

export interface MongoStoreOptions {
  /** Connection string (MONGODB_URI); credentials in it are never logged. */
  uri: string;
  /** Database name (MONGODB_DB). */
  dbName: string;
  /** How long to look for a reachable server before failing an operation. Default 10 s. */
  serverSelectionTimeoutMS?: number;
}

export class MongoStore implements Store, StoreTransfer {
  readonly kind = 'mongodb' as const;
  readonly mentions: MongoMentionStore;
  readonly channelStates: MongoChannelStateStore;
  readonly leases: MongoLeaseStore;
  readonly users: MongoUserStore;
  readonly templates: MongoTemplateStore;
  readonly queue: MongoQueueStore;
  readonly replies: MongoReplyStore;
  readonly audit: MongoAuditStore;
  readonly caseOutbox: MongoCaseOutboxStore;
  readonly cases: MongoCaseStore;
  readonly corrections: MongoCorrectionStore;
  private readonly summaries: SummaryCollection;
  private readonly transfer: TransferCollection;
  private readonly meta: SchemaMeta;

  constructor(
    private readonly client: MongoClient,
    readonly db: Db,
    /** Whether multi-document changes run in transactions (replica set / mongos). */
    readonly tx: MongoTransactions,
  ) {
    const sequences = new Sequences(db);
    this.mentions = new MongoMentionStore(db, tx);
    this.channelStates = new MongoChannelStateStore(db);
    this.leases = new MongoLeaseStore(db);
    this.users = new MongoUserStore(db, tx);
    this.templates = new MongoTemplateStore(db);
    this.queue = new MongoQueueStore(db);
    this.replies = new MongoReplyStore(db, tx);
    this.audit = new MongoAuditStore(db, sequences);
    this.caseOutbox = new MongoCaseOutboxStore(db);
    this.cases = new MongoCaseStore(db, tx, new CaseLock(this.leases), this.caseOutbox);
    this.corrections = new MongoCorrectionStore(db);
    this.summaries = new SummaryCollection(db);
    this.transfer = new TransferCollection(db, sequences);
    this.meta = new SchemaMeta(db);
  }

  /**
   * Creates every index (idempotent: same names and keys), finishes case changes a crash
   * interrupted, and records the schema version.
   */
  async init(): Promise<void> {
    for (const part of [this.mentions, this.channelStates, this.users, this.templates, this.queue, this.replies, this.audit, this.caseOutbox, this.cases, this.corrections, this.summaries]) {
      await part.ensureIndexes();
    }
    await this.cases.finishInterrupted();
    await this.meta.record();
  }





  // users, templates, claims and the queue, replies and their outbox, audit


  // weekly figures (aggregation pipelines) and the summary history
  mentionFigures(w: SummaryWindow, opts: SummaryQueryOptions): Promise<MentionFigures> {
    return this.summaries.mentionFigures(w, opts);
  }
  responseFigures(w: SummaryWindow, opts: SummaryQueryOptions): Promise<ResponseFigures> {
    return this.summaries.responseFigures(w, opts);
  }
  caseFigures(w: SummaryWindow): Promise<CaseFigures> {
    return this.summaries.caseFigures(w);
  }
  replyActivityFigures(w: SummaryWindow): Promise<ReplyActivityFigures> {
    return this.summaries.replyActivityFigures(w);
  }
  ownPostFigures(w: SummaryWindow, opts: SummaryQueryOptions): Promise<OwnPostFigures> {
    return this.summaries.ownPostFigures(w, opts);
  }
  sampleMentionTexts(w: SummaryWindow, limit: number): Promise<string[]> {
    return this.summaries.sampleMentionTexts(w, limit);
  }

  complaintPlaces(w: SummaryWindow, blocks: readonly string[]): Promise<ComplaintPlaces> {
    return this.summaries.complaintPlaces(w, blocks);
  }
  saveSummary(summary: StoredSummary): Promise<void> {
    return this.summaries.saveSummary(summary);
  }
  getSummary(weekId: string): Promise<StoredSummary | null> {
    return this.summaries.getSummary(weekId);
  }
  listSummaries(limit: number): Promise<SummaryListItem[]> {
    return this.summaries.listSummaries(limit);
  }
  markSummaryDelivered(weekId: string, at: string): Promise<void> {
    return this.summaries.markSummaryDelivered(weekId, at);
  }

  // store:copy (src/store/transfer.ts)
  countRecords(kind: CountedKind): Promise<number> {
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
