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
  AuditEntry,
  AuditQuery,
  Case,
  CaptureRequest,
  CaptureResult,
  CaseQuery,
  CaseUpdate,
  CaseUpdateResult,
  ChannelKv,
  ChannelState,
  ClaimOutcome,
  ClassifiedMention,
  CorrectionInput,
  CorrectionQuery,
  IngestResult,
  Mention,
  MentionQuery,
  MentionStatus,
  NewAuditEntry,
  NewCase,
  NewOutboxMessage,
  NewReply,
  NewTemplate,
  NewUser,
  OutboxMessage,
  OutboxState,
  OutboxTarget,
  OutboxTopic,
  OwnPost,
  Page,
  QueueQuery,
  Reply,
  ReplyChange,
  ReplyQuery,
  ReplyState,
  Session,
  Store,
  StoreStatus,
  Template,
  TemplatePatch,
  User,
  UserPatch,
} from '../domain';
import { AuditCollection } from './mongodb/audit-collection';
import { CaseCollection } from './mongodb/case-collection';
import { CaseLock } from './mongodb/case-lock';
import { CorrectionCollection } from './mongodb/correction-collection';
import { ChannelStateCollection } from './mongodb/channel-state-collection';
import { LeaseCollection } from './mongodb/lease-collection';
import { MENTIONS_COLLECTION, MentionCollection } from './mongodb/mention-collection';
import { redactMongoUri } from './mongodb/mongo-uri';
import { OutboxCollection } from './mongodb/outbox-collection';
import { QueueCollection } from './mongodb/queue-collection';
import { ReplyCollection } from './mongodb/reply-collection';
import { SchemaMeta } from './mongodb/schema-meta';
import { Sequences } from './mongodb/sequences';
import { SUMMARIES_COLLECTION, SUMMARY_INDEXES, SUMMARY_MENTION_INDEXES } from './mongodb/summary-docs';
import { TemplateCollection } from './mongodb/template-collection';
import { TransferCollection } from './mongodb/transfer-collection';
import { MongoTransactions, detectTransactions } from './mongodb/transactions';
import { UserCollection } from './mongodb/user-collection';
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
  private readonly mentions: MentionCollection;
  private readonly channels: ChannelStateCollection;
  private readonly leases: LeaseCollection;
  private readonly users: UserCollection;
  private readonly templates: TemplateCollection;
  private readonly queue: QueueCollection;
  private readonly replies: ReplyCollection;
  private readonly auditTrail: AuditCollection;
  private readonly outbox: OutboxCollection;
  private readonly cases: CaseCollection;
  private readonly corrections: CorrectionCollection;
  private readonly transfer: TransferCollection;
  private readonly meta: SchemaMeta;

  constructor(
    private readonly client: MongoClient,
    readonly db: Db,
    /** Whether multi-document changes run in transactions (replica set / mongos). */
    readonly tx: MongoTransactions,
  ) {
    const sequences = new Sequences(db);
    this.mentions = new MentionCollection(db, tx);
    this.channels = new ChannelStateCollection(db);
    this.leases = new LeaseCollection(db);
    this.users = new UserCollection(db, tx);
    this.templates = new TemplateCollection(db);
    this.queue = new QueueCollection(db);
    this.replies = new ReplyCollection(db, tx);
    this.auditTrail = new AuditCollection(db, sequences);
    this.outbox = new OutboxCollection(db);
    this.cases = new CaseCollection(db, tx, new CaseLock(this.leases), this.outbox);
    this.corrections = new CorrectionCollection(db);
    this.transfer = new TransferCollection(db, sequences);
    this.meta = new SchemaMeta(db);
  }

  /**
   * Creates every index (idempotent: same names and keys), finishes case changes a crash
   * interrupted, and records the schema version.
   */
  async init(): Promise<void> {
    for (const part of [this.mentions, this.channels, this.users, this.templates, this.queue, this.replies, this.auditTrail, this.outbox, this.cases, this.corrections]) {
      await part.ensureIndexes();
    }
    // the weekly summaries' history and the index their week counts read (src/summaries/store/mongodb)
    await this.db.collection(SUMMARIES_COLLECTION).createIndexes(SUMMARY_INDEXES);
    await this.db.collection(MENTIONS_COLLECTION).createIndexes(SUMMARY_MENTION_INDEXES);
    await this.cases.finishInterrupted();
    await this.meta.record();
  }

  // mentions, channel state, own posts
  ingestBatch(channel: string, mentions: ClassifiedMention[], newCursor: string | null | undefined): Promise<IngestResult> {
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

  // job leases
  acquireLease(name: string, holder: string, ttlMs: number): Promise<boolean> {
    return this.leases.acquireLease(name, holder, ttlMs);
  }
  renewLease(name: string, holder: string, ttlMs: number): Promise<boolean> {
    return this.leases.renewLease(name, holder, ttlMs);
  }
  releaseLease(name: string, holder: string): Promise<void> {
    return this.leases.releaseLease(name, holder);
  }

  // classification corrections from the console
  correctClassification(mentionId: string, input: CorrectionInput): Promise<{ before: Mention; after: Mention } | null> {
    return this.corrections.correct(mentionId, input);
  }
  listCorrectedMentions(query: CorrectionQuery): Promise<Page<Mention>> {
    return this.corrections.listCorrected(query);
  }

  // users, templates, claims and the queue, replies and their outbox, audit
  createUser(user: NewUser): Promise<User> {
    return this.users.create(user);
  }
  getUser(id: string): Promise<User | null> {
    return this.users.get(id);
  }
  findUserByName(name: string): Promise<User | null> {
    return this.users.findByName(name);
  }
  findUserByTokenHash(tokenHash: string): Promise<User | null> {
    return this.users.findByTokenHash(tokenHash);
  }
  listUsers(): Promise<User[]> {
    return this.users.list();
  }
  countUsers(): Promise<number> {
    return this.users.count();
  }
  updateUser(id: string, patch: UserPatch): Promise<User | null> {
    return this.users.update(id, patch);
  }
  createSession(session: Session): Promise<void> {
    return this.users.createSession(session);
  }
  findSession(idHash: string, now: string): Promise<{ session: Session; user: User } | null> {
    return this.users.findSession(idHash, now);
  }
  deleteSession(idHash: string): Promise<void> {
    return this.users.deleteSession(idHash);
  }
  createTemplate(t: NewTemplate): Promise<Template> {
    return this.templates.create(t);
  }
  getTemplate(id: string): Promise<Template | null> {
    return this.templates.get(id);
  }
  getTemplateByKey(key: string): Promise<Template | null> {
    return this.templates.getByKey(key);
  }
  listTemplates(): Promise<Template[]> {
    return this.templates.list();
  }
  updateTemplate(id: string, patch: TemplatePatch): Promise<Template | null> {
    return this.templates.update(id, patch);
  }
  deleteTemplate(id: string): Promise<boolean> {
    return this.templates.delete(id);
  }
  claimMention(id: string, by: string, until: string, now: string, opts?: { force?: boolean }): Promise<ClaimOutcome> {
    return this.queue.claimMention(id, by, until, now, opts?.force ?? false);
  }
  releaseClaim(id: string, by: string | null): Promise<boolean> {
    return this.queue.releaseClaim(id, by);
  }
  listQueue(query: QueueQuery): Promise<Page<Mention>> {
    return this.queue.listQueue(query);
  }
  countQueueByDomain(query: Omit<QueueQuery, 'limit' | 'cursor'>): Promise<Record<string, number>> {
    return this.queue.countByDomain(query);
  }
  setMentionStatus(id: string, status: MentionStatus, opts?: { from?: MentionStatus[]; at?: string }): Promise<{ before: Mention; after: Mention } | null> {
    return this.queue.setStatus(id, status, opts?.from, opts?.at ?? new Date().toISOString());
  }
  createReply(reply: NewReply): Promise<{ reply: Reply; created: boolean }> {
    return this.replies.create(reply);
  }
  getReply(id: string): Promise<Reply | null> {
    return this.replies.get(id);
  }
  listReplies(query: ReplyQuery): Promise<Page<Reply>> {
    return this.replies.list(query);
  }
  transitionReply(id: string, from: ReplyState[], change: ReplyChange): Promise<Reply | null> {
    return this.replies.transition(id, from, change);
  }
  takeNextOutboxReply(now: string): Promise<Reply | null> {
    return this.replies.takeNextOutbox(now);
  }
  recordReplySent(id: string, sent: { externalId: string; url?: string; at: string }): Promise<Reply | null> {
    return this.replies.recordSent(id, sent);
  }
  markInterruptedSendsUnknown(at: string): Promise<Reply[]> {
    return this.replies.markInterruptedUnknown(at);
  }
  appendAudit(entry: NewAuditEntry): Promise<AuditEntry> {
    return this.auditTrail.append(entry);
  }
  listAudit(query: AuditQuery): Promise<Page<AuditEntry>> {
    return this.auditTrail.list(query);
  }

  // cases and the outbox
  listCapturePending(limit: number): Promise<Mention[]> {
    return this.cases.listCapturePending(limit);
  }
  captureMention(req: CaptureRequest): Promise<CaptureResult> {
    return this.cases.capture(req);
  }
  skipCapture(mentionId: string): Promise<boolean> {
    return this.cases.skipCapture(mentionId);
  }
  openCase(newCase: NewCase, onOpened: OutboxTarget[]): Promise<Case> {
    return this.cases.open(newCase, onOpened);
  }
  getCase(number: string): Promise<Case | null> {
    return this.cases.get(number);
  }
  getCaseById(id: string): Promise<Case | null> {
    return this.cases.getById(id);
  }
  listCases(query: CaseQuery): Promise<Page<Case>> {
    return this.cases.list(query);
  }
  updateCase(number: string, update: CaseUpdate): Promise<CaseUpdateResult | null> {
    return this.cases.update(number, update);
  }
  unlinkMention(number: string, mentionId: string, change: { actor: string; at: string; note?: string }): Promise<CaseUpdateResult | null> {
    return this.cases.unlinkMention(number, mentionId, change);
  }
  markCaseFirstResponse(mentionId: string, at: string): Promise<string | null> {
    return this.cases.markFirstResponse(mentionId, at);
  }
  enqueueOutbox(messages: NewOutboxMessage[], at?: string): Promise<void> {
    return this.outbox.enqueue(messages, at);
  }
  claimDueOutbox(now: string, limit: number, leaseMs: number): Promise<OutboxMessage[]> {
    return this.outbox.claimDue(now, limit, leaseMs);
  }
  markOutboxDelivered(id: string, at: string): Promise<void> {
    return this.outbox.markDelivered(id, at);
  }
  markOutboxFailed(id: string, error: string, nextAttemptAt: string | null): Promise<void> {
    return this.outbox.markFailed(id, error, nextAttemptAt);
  }
  listOutbox(query: { topic?: OutboxTopic; state?: OutboxState; subject?: string; limit: number }): Promise<OutboxMessage[]> {
    return this.outbox.list(query);
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
