/**
 * The embedded default store on better-sqlite3: one file `${DATA_DIR}/rasid.db`, WAL mode,
 * versioned migrations at open. Calls are synchronous underneath; the async Store port lets the
 * MongoDB adapter share the same contract.
 */
import path from 'node:path';
import type {
  ChannelKv,
  ChannelState,
  ClassifiedMention,
  CorrectionInput,
  CorrectionQuery,
  IngestResult,
  Mention,
  MentionQuery,
  OwnPost,
  Page,
  Store,
  StoreStatus,
} from '../domain';
import type {
  Case,
  CaptureRequest,
  CaptureResult,
  CaseQuery,
  CaseUpdate,
  CaseUpdateResult,
  NewCase,
  NewOutboxMessage,
  OutboxMessage,
  OutboxState,
  OutboxTarget,
  OutboxTopic,
} from '../domain';
import type {
  AuditEntry,
  AuditQuery,
  ClaimOutcome,
  MentionStatus,
  NewAuditEntry,
  NewReply,
  NewTemplate,
  NewUser,
  QueueItem,
  QueueQuery,
  Reply,
  ReplyChange,
  ReplyQuery,
  ReplyState,
  Session,
  Template,
  TemplatePatch,
  User,
  UserPatch,
} from '../domain';
import { AuditTable } from './sqlite/audit-table';
import { QueueTable } from './sqlite/queue-table';
import { ReplyTable } from './sqlite/reply-table';
import { TemplateTable } from './sqlite/template-table';
import { UserTable } from './sqlite/user-table';
import { CaseTable } from './sqlite/case-table';
import { CorrectionTable } from './sqlite/correction-table';
import { ChannelStateTable } from './sqlite/channel-state-table';
import { acquireInstanceLock } from './sqlite/instance-lock';
import { LeaseTable } from './sqlite/lease-table';
import { TransferTable } from './sqlite/transfer-table';
import type { StoreTransfer, TransferKind, TransferPage, TransferRecord } from './transfer';
import { IngestWriterThread } from './sqlite/ingest-writer-thread';
import { MentionTable, ingestResultOf, toMentionBatch } from './sqlite/mention-table';
import { OutboxTable } from './sqlite/outbox-table';
import { SqliteQueueChangeFeed } from './sqlite/queue-change-feed';
import { LATEST_SCHEMA_VERSION } from './sqlite/migrations';
import { currentSchemaVersion, ensureWritableDir, openDatabase, type Db } from './sqlite/open-database';
import { StoreError } from './store-error';
import { WriteHealth } from './sqlite/write-health';

export interface SqliteStoreOptions {
  /** Path of the database file, or ':memory:'. */
  file: string;
  /**
   * Take the one-service-per-file lock (default true). Command-line tools that only add a user or
   * read a report pass false, so they work while the service runs (SQLite itself is safe with
   * several connections; the lock only stops two services polling and sending twice).
   */
  instanceLock?: boolean;
  /**
   * Run ingest transactions in a writer thread with its own connection (ingest-writer-thread.ts),
   * so inserting a page overlaps fetching and classifying the next one. The service turns it on;
   * tools and most tests write on the store's own connection (the default). Not for ':memory:'.
   */
  ingestThread?: boolean;
}

export function sqliteFileIn(dataDir: string): string {
  return path.join(dataDir, 'rasid.db');
}

export class SqliteStore implements Store, StoreTransfer {
  readonly kind = 'sqlite' as const;
  readonly db: Db;
  private readonly mentions: MentionTable;
  private readonly channels: ChannelStateTable;
  private readonly outbox: OutboxTable;
  private readonly cases: CaseTable;
  private readonly corrections: CorrectionTable;
  private readonly leases: LeaseTable;
  private readonly transfer: TransferTable;
  private readonly users: UserTable;
  private readonly templates: TemplateTable;
  private readonly queue: QueueTable;
  private readonly replies: ReplyTable;
  private readonly auditTrail: AuditTable;
  private readonly dataVersion;
  private readonly totalChanges;
  /** Frees the one-process-per-file lock (src/store/sqlite/instance-lock.ts). */
  private readonly releaseInstanceLock: () => void;
  private readonly ingestThread: IngestWriterThread | undefined;
  private readonly writeHealth: WriteHealth;
  /** Made on first use (its TEMP triggers cost every write on mentions a little). */
  private changeFeed: SqliteQueueChangeFeed | undefined;

  constructor(
    readonly file: string,
    opts: Omit<SqliteStoreOptions, 'file'> = {},
  ) {
    if (opts.ingestThread && file === ':memory:') throw new Error('an in-memory SQLite store cannot have an ingest writer thread');
    const lock = file !== ':memory:' && opts.instanceLock !== false;
    // A fresh DATA_DIR is created before the lock file goes into it.
    if (file !== ':memory:') ensureWritableDir(path.dirname(file));
    this.releaseInstanceLock = lock ? acquireInstanceLock(file) : () => {};
    try {
      this.db = openDatabase(file);
    } catch (err) {
      this.releaseInstanceLock();
      throw err;
    }
    this.mentions = new MentionTable(this.db);
    this.channels = new ChannelStateTable(this.db);
    this.outbox = new OutboxTable(this.db);
    this.cases = new CaseTable(this.db, this.outbox);
    this.corrections = new CorrectionTable(this.db);
    this.leases = new LeaseTable(this.db);
    this.transfer = new TransferTable(this.db);
    this.users = new UserTable(this.db);
    this.templates = new TemplateTable(this.db);
    this.queue = new QueueTable(this.db);
    this.replies = new ReplyTable(this.db);
    // Own SQL texts: openDatabase shares statements by text, and these are switched to pluck mode.
    this.dataVersion = this.db.prepare<[], number>('PRAGMA data_version /* change stamp */').pluck();
    this.totalChanges = this.db.prepare<[], number>('SELECT total_changes() /* change stamp */').pluck();
    this.auditTrail = new AuditTable(this.db);
    this.ingestThread = opts.ingestThread ? new IngestWriterThread(file) : undefined;
    this.writeHealth = new WriteHealth(this.db, file);
  }

  /** With the writer thread, pages queue up there in order (see IngestWriterThread.write). */
  get pipelinedIngest(): boolean {
    return this.ingestThread !== undefined;
  }

  async ingestBatch(channel: string, mentions: ClassifiedMention[], newCursor: string | null | undefined): Promise<IngestResult> {
    if (!this.ingestThread) return this.guard(() => this.mentions.ingestBatch(channel, mentions, newCursor));
    const batch = toMentionBatch(channel, mentions, newCursor);
    const feed = this.changeFeed;
    let written;
    feed?.writerStarted();
    try {
      written = await this.ingestThread.write(batch);
    } catch (err) {
      feed?.writerFinished();
      this.writeHealth.noteFailure(err);
      throw err;
    }
    feed?.writerFinished({ rows: written.inserted.map((i) => batch.rows[i]), refreshed: written.updated > 0 });
    this.writeHealth.noteSuccess();
    return ingestResultOf(batch, mentions, written);
  }
  async getMention(id: string): Promise<Mention | null> {
    return this.mentions.getMention(id);
  }
  async findMentionByExternalId(channel: string, externalId: string): Promise<Mention | null> {
    return this.mentions.findByExternalId(channel, externalId);
  }
  async listMentions(query: MentionQuery): Promise<Page<Mention>> {
    return this.mentions.listMentions(query);
  }
  async countMentions(): Promise<number> {
    return this.mentions.countMentions();
  }
  async saveOwnPosts(channel: string, posts: OwnPost[]): Promise<void> {
    this.guard(() => this.mentions.saveOwnPosts(channel, posts));
  }

  async getChannelState(channel: string): Promise<ChannelState | null> {
    return this.channels.get(channel);
  }
  async listChannelStates(): Promise<ChannelState[]> {
    return this.channels.list();
  }
  async saveChannelHealth(channel: string, patch: Partial<Omit<ChannelState, 'channel' | 'cursor'>>): Promise<void> {
    this.guard(() => this.channels.saveHealth(channel, patch));
  }
  channelKv(channel: string): ChannelKv {
    return this.channels.kv(channel);
  }

  async acquireLease(name: string, holder: string, ttlMs: number): Promise<boolean> {
    return this.guard(() => this.leases.acquire(name, holder, ttlMs));
  }
  async renewLease(name: string, holder: string, ttlMs: number): Promise<boolean> {
    return this.guard(() => this.leases.renew(name, holder, ttlMs));
  }
  async releaseLease(name: string, holder: string): Promise<void> {
    return this.guard(() => this.leases.release(name, holder));
  }

  // cases and the outbox (issue 5b)
  async listCapturePending(limit: number): Promise<Mention[]> {
    return this.cases.listCapturePending(limit);
  }
  async captureMention(req: CaptureRequest): Promise<CaptureResult> {
    return this.guard(() => this.cases.capture(req));
  }
  async skipCapture(mentionId: string): Promise<boolean> {
    return this.guard(() => this.cases.skipCapture(mentionId));
  }
  async openCase(newCase: NewCase, onOpened: OutboxTarget[]): Promise<Case> {
    return this.guard(() => this.cases.open(newCase, onOpened));
  }
  async getCase(number: string): Promise<Case | null> {
    return this.cases.get(number);
  }
  async getCaseById(id: string): Promise<Case | null> {
    return this.cases.getById(id);
  }
  async listCases(query: CaseQuery): Promise<Page<Case>> {
    return this.cases.list(query);
  }
  async updateCase(number: string, update: CaseUpdate): Promise<CaseUpdateResult | null> {
    return this.guard(() => this.cases.update(number, update));
  }
  async unlinkMention(number: string, mentionId: string, change: { actor: string; at: string; note?: string }): Promise<CaseUpdateResult | null> {
    return this.guard(() => this.cases.unlinkMention(number, mentionId, change));
  }
  async markCaseFirstResponse(mentionId: string, at: string): Promise<string | null> {
    return this.guard(() => this.cases.markFirstResponse(mentionId, at));
  }
  async enqueueOutbox(messages: NewOutboxMessage[], at?: string): Promise<void> {
    this.guard(() => this.outbox.enqueue(messages, at));
  }
  async claimDueOutbox(now: string, limit: number, leaseMs: number): Promise<OutboxMessage[]> {
    return this.guard(() => this.outbox.claimDue(now, limit, leaseMs));
  }
  async markOutboxDelivered(id: string, at: string): Promise<void> {
    this.guard(() => this.outbox.markDelivered(id, at));
  }
  async markOutboxFailed(id: string, error: string, nextAttemptAt: string | null): Promise<void> {
    this.guard(() => this.outbox.markFailed(id, error, nextAttemptAt));
  }
  async listOutbox(query: { topic?: OutboxTopic; state?: OutboxState; subject?: string; limit: number }): Promise<OutboxMessage[]> {
    return this.outbox.list(query);
  }

  // classification corrections from the console
  async correctClassification(mentionId: string, input: CorrectionInput): Promise<{ before: Mention; after: Mention } | null> {
    return this.guard(() => this.corrections.correct(mentionId, input));
  }
  async listCorrectedMentions(query: CorrectionQuery): Promise<Page<Mention>> {
    return this.corrections.listCorrected(query);
  }

  // users, templates, claims and queue, replies outbox, audit (issue 5a)
  async createUser(user: NewUser): Promise<User> {
    return this.guard(() => this.users.create(user));
  }
  async getUser(id: string): Promise<User | null> {
    return this.users.get(id);
  }
  async findUserByName(name: string): Promise<User | null> {
    return this.users.findByName(name);
  }
  async findUserByTokenHash(tokenHash: string): Promise<User | null> {
    return this.users.findByTokenHash(tokenHash);
  }
  async listUsers(): Promise<User[]> {
    return this.users.list();
  }
  async countUsers(): Promise<number> {
    return this.users.count();
  }
  async updateUser(id: string, patch: UserPatch): Promise<User | null> {
    return this.guard(() => this.users.update(id, patch));
  }
  async createSession(session: Session): Promise<void> {
    this.guard(() => this.users.createSession(session));
  }
  async findSession(idHash: string, now: string): Promise<{ session: Session; user: User } | null> {
    return this.users.findSession(idHash, now);
  }
  async deleteSession(idHash: string): Promise<void> {
    this.guard(() => this.users.deleteSession(idHash));
  }
  async createTemplate(t: NewTemplate): Promise<Template> {
    return this.guard(() => this.templates.create(t));
  }
  async getTemplate(id: string): Promise<Template | null> {
    return this.templates.get(id);
  }
  async getTemplateByKey(key: string): Promise<Template | null> {
    return this.templates.getByKey(key);
  }
  async listTemplates(): Promise<Template[]> {
    return this.templates.list();
  }
  async updateTemplate(id: string, patch: TemplatePatch): Promise<Template | null> {
    return this.guard(() => this.templates.update(id, patch));
  }
  async deleteTemplate(id: string): Promise<boolean> {
    return this.guard(() => this.templates.delete(id));
  }
  async claimMention(id: string, by: string, until: string, now: string, opts?: { force?: boolean }): Promise<ClaimOutcome> {
    return this.guard(() => this.queue.claimMention(id, by, until, now, opts?.force ?? false));
  }
  async releaseClaim(id: string, by: string | null): Promise<boolean> {
    return this.guard(() => this.queue.releaseClaim(id, by));
  }
  async listQueue(query: QueueQuery): Promise<Page<Mention>> {
    return this.queue.listQueue(query);
  }
  async listQueueItems(query: QueueQuery): Promise<Page<QueueItem>> {
    return this.queue.listQueueItems(query);
  }
  async countQueueByDomain(query: Omit<QueueQuery, 'limit' | 'cursor'>): Promise<Record<string, number>> {
    return this.queue.countByDomain(query);
  }
  hasLiveQueueCounts(query: Omit<QueueQuery, 'limit' | 'cursor'>): boolean {
    return this.queue.hasLiveCounts(query);
  }
  /**
   * data_version moves when another connection (a second instance, a CLI) commits; it does not
   * for this connection's own commits, which total_changes() counts (every inserted, updated or
   * deleted row, rolled back or not: at worst a needless change).
   */
  changeStamp(): string {
    return `${this.dataVersion.get()}:${this.totalChanges.get()}`;
  }
  /** Which mentions changed, for the queue page cache (sqlite/queue-change-feed.ts). */
  queueChangeFeed(): SqliteQueueChangeFeed {
    this.changeFeed ??= new SqliteQueueChangeFeed(this.db);
    return this.changeFeed;
  }
  async setMentionStatus(id: string, status: MentionStatus, opts?: { from?: MentionStatus[]; at?: string }): Promise<{ before: Mention; after: Mention } | null> {
    return this.guard(() => this.queue.setStatus(id, status, opts?.from, opts?.at ?? new Date().toISOString()));
  }
  async createReply(reply: NewReply): Promise<{ reply: Reply; created: boolean }> {
    return this.guard(() => this.replies.create(reply));
  }
  async getReply(id: string): Promise<Reply | null> {
    return this.replies.get(id);
  }
  async listReplies(query: ReplyQuery): Promise<Page<Reply>> {
    return this.replies.list(query);
  }
  async transitionReply(id: string, from: ReplyState[], change: ReplyChange): Promise<Reply | null> {
    return this.guard(() => this.replies.transition(id, from, change));
  }
  async takeNextOutboxReply(now: string): Promise<Reply | null> {
    return this.guard(() => this.replies.takeNextOutbox(now));
  }
  async recordReplySent(id: string, sent: { externalId: string; url?: string; at: string }): Promise<Reply | null> {
    return this.guard(() => this.replies.recordSent(id, sent));
  }
  async markInterruptedSendsUnknown(at: string): Promise<Reply[]> {
    return this.guard(() => this.replies.markInterruptedUnknown(at));
  }
  async appendAudit(entry: NewAuditEntry): Promise<AuditEntry> {
    return this.guard(() => this.auditTrail.append(entry));
  }
  async listAudit(query: AuditQuery): Promise<Page<AuditEntry>> {
    return this.auditTrail.list(query);
  }

  /** store:copy (src/store/transfer.ts): rows are the transfer format. */
  async countRecords(kind: TransferKind): Promise<number> {
    return this.transfer.count(kind);
  }
  async exportRecords(kind: TransferKind, after: string | null, limit: number): Promise<TransferPage> {
    return this.transfer.export(kind, after, limit);
  }
  async importRecords(kind: TransferKind, records: TransferRecord[]): Promise<void> {
    return this.guard(() => this.transfer.import(kind, records));
  }
  async uncoveredRecords(): Promise<{ name: string; count: number }[]> {
    return this.transfer.uncovered();
  }

  async status(): Promise<StoreStatus> {
    const schemaVersion = currentSchemaVersion(this.db);
    const writeFailure = this.writeHealth.check();
    return {
      ok: schemaVersion === LATEST_SCHEMA_VERSION && !writeFailure,
      schemaVersion,
      expectedSchemaVersion: LATEST_SCHEMA_VERSION,
      ...(writeFailure ? { writeFailure } : {}),
    };
  }

  async close(): Promise<void> {
    await this.ingestThread?.close();
    if (this.db.open) this.db.close();
    this.releaseInstanceLock();
  }

  /**
   * Runs a write of a feature's store on this connection (the weekly summaries') with this
   * store's failure handling, so its failures show in status() like the store's own.
   */
  guardWrite<T>(write: () => T): T {
    return this.guard(write);
  }

  /** Write errors (disk full, read-only file) become StoreErrors an operator can read. */
  private guard<T>(write: () => T): T {
    let result: T;
    try {
      result = write();
    } catch (err) {
      if ((err as { code?: string }).code?.startsWith('SQLITE_')) {
        const storeErr = StoreError.wrap(err, this.file);
        this.writeHealth.noteFailure(storeErr);
        throw storeErr;
      }
      throw err;
    }
    this.writeHealth.noteSuccess();
    return result;
  }
}

export function createSqliteStore(opts: SqliteStoreOptions): SqliteStore {
  return new SqliteStore(opts.file, { instanceLock: opts.instanceLock, ingestThread: opts.ingestThread });
}
