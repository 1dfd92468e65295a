/**
 * The embedded default store on better-sqlite3: one file `${DATA_DIR}/rasid.db`, WAL mode,
 * versioned migrations at open. Calls are synchronous underneath; the async Store port lets the
 * MongoDB adapter share the same contract.
 */
import path from 'node:path';
import type {
  Store,
  StoreStatus,
} from '../domain';
import type {
} from '../domain';
import type {
  CaseFigures,
  ComplaintPlaces,
  MentionFigures,
  OwnPostFigures,
  ReplyActivityFigures,
  ReportWeekBounds,
  ResponseFigures,
  StoredSummary,
  SummaryListItem,
  SummaryQueryOptions,
  SummaryWindow,
  WeekTermCounts,
} from '../domain';
import type {
} from '../domain';
import { SqliteAuditStore } from '../audit/store/sqlite-audit-store';
import { SqliteQueueStore } from '../queue/store/sqlite-queue-store';
import { SqliteReplyStore } from '../replies/store/sqlite-reply-store';
import { SqliteTemplateStore } from '../templates/store/sqlite-template-store';
import { SqliteConnection } from './sqlite/sqlite-connection';
import { SqliteUserStore } from '../users/store/sqlite-user-store';
import { SqliteCaseStore } from '../cases/store/sqlite-case-store';
import { SqliteCaseOutboxStore } from '../cases/store/sqlite-case-outbox-store';
import { SqliteCorrectionStore } from '../corrections/store/sqlite-correction-store';
import { SqliteChannelStateStore } from '../mentions/store/sqlite-channel-state-store';
import { acquireInstanceLock } from './sqlite/instance-lock';
import { SqliteLeaseStore } from '../scheduler/store/sqlite-lease-store';
import { TransferTable } from './sqlite/transfer-table';
import type { StoreTransfer, TransferKind, TransferPage, TransferRecord } from './transfer';
import { IngestWriterThread } from './sqlite/ingest-writer-thread';
import { SqliteMentionStore } from '../mentions/store/sqlite-mention-store';
import { LATEST_SCHEMA_VERSION } from './sqlite/migrations';
import { currentSchemaVersion, ensureWritableDir, openDatabase, type Db } from './sqlite/open-database';
import { SummaryTable } from './sqlite/summary-table';
import { useReportWeeks, type ReportWeeksResult } from './sqlite/summary/report-weeks';
import { catchUpChunk } from './sqlite/summary/week-rollup-catch-up';
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
  readonly mentions: SqliteMentionStore;
  readonly channelStates: SqliteChannelStateStore;
  readonly caseOutbox: SqliteCaseOutboxStore;
  readonly cases: SqliteCaseStore;
  readonly corrections: SqliteCorrectionStore;
  readonly leases: SqliteLeaseStore;
  private readonly transfer: TransferTable;
  private readonly summaries: SummaryTable;
  readonly users: SqliteUserStore;
  readonly templates: SqliteTemplateStore;
  /** The connection and write guard every feature store of this database shares. */
  readonly conn: SqliteConnection;
  readonly queue: SqliteQueueStore;
  readonly replies: SqliteReplyStore;
  readonly audit: SqliteAuditStore;
  /** Frees the one-process-per-file lock (src/store/sqlite/instance-lock.ts). */
  private readonly releaseInstanceLock: () => void;
  private readonly ingestThread: IngestWriterThread | undefined;
  private readonly writeHealth: WriteHealth;

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
    this.transfer = new TransferTable(this.db);
    this.summaries = new SummaryTable(this.db);
    this.ingestThread = opts.ingestThread ? new IngestWriterThread(file) : undefined;
    this.writeHealth = new WriteHealth(this.db, file);
    this.conn = new SqliteConnection(this.db, file, this.writeHealth);
    this.mentions = new SqliteMentionStore(this.conn, this.ingestThread);
    this.channelStates = new SqliteChannelStateStore(this.conn);
    this.templates = new SqliteTemplateStore(this.conn);
    this.audit = new SqliteAuditStore(this.conn);
    this.users = new SqliteUserStore(this.conn);
    this.leases = new SqliteLeaseStore(this.conn);
    this.corrections = new SqliteCorrectionStore(this.conn);
    this.queue = new SqliteQueueStore(this.conn);
    this.replies = new SqliteReplyStore(this.conn);
    this.caseOutbox = new SqliteCaseOutboxStore(this.conn);
    this.cases = new SqliteCaseStore(this.conn, this.caseOutbox);
  }







  // users, templates, claims and queue, replies outbox, audit (issue 5a)

  // weekly summaries (issue 7): figures computed in SQL, and the summary history
  async mentionFigures(w: SummaryWindow, opts: SummaryQueryOptions): Promise<MentionFigures> {
    return this.summaries.mentionFigures(w, opts);
  }
  async responseFigures(w: SummaryWindow, opts: SummaryQueryOptions): Promise<ResponseFigures> {
    return this.summaries.responseFigures(w, opts);
  }
  async caseFigures(w: SummaryWindow): Promise<CaseFigures> {
    return this.summaries.caseFigures(w);
  }
  async replyActivityFigures(w: SummaryWindow): Promise<ReplyActivityFigures> {
    return this.summaries.replyActivityFigures(w);
  }
  async ownPostFigures(w: SummaryWindow, opts: SummaryQueryOptions): Promise<OwnPostFigures> {
    return this.summaries.ownPostFigures(w, opts);
  }
  async sampleMentionTexts(w: SummaryWindow, limit: number): Promise<string[]> {
    return this.summaries.sampleMentionTexts(w, limit);
  }

  async complaintPlaces(w: SummaryWindow, blocks: readonly string[]): Promise<ComplaintPlaces> {
    return this.summaries.complaintPlaces(w, blocks);
  }
  async useReportWeeks(weeks: ReportWeekBounds[]): Promise<ReportWeeksResult> {
    return this.guard(() => useReportWeeks(this.db, weeks));
  }
  async weekTermCounts(w: SummaryWindow, previous: SummaryWindow, candidates: number): Promise<WeekTermCounts | null> {
    return this.guard(() => this.summaries.weekTermCounts(w, previous, candidates));
  }
  /** Chunk by chunk, letting other work run in between (a recount after new report weeks is ~1M mentions). */
  async catchUpRollups(): Promise<number> {
    let moved = 0;
    for (let n = this.guard(() => catchUpChunk(this.db)); n > 0; n = this.guard(() => catchUpChunk(this.db))) {
      moved += n;
      await new Promise((resolve) => setImmediate(resolve));
    }
    return moved;
  }
  async saveSummary(summary: StoredSummary): Promise<void> {
    this.guard(() => this.summaries.saveSummary(summary));
  }
  async getSummary(weekId: string): Promise<StoredSummary | null> {
    return this.summaries.getSummary(weekId);
  }
  async listSummaries(limit: number): Promise<SummaryListItem[]> {
    return this.summaries.listSummaries(limit);
  }
  async markSummaryDelivered(weekId: string, at: string): Promise<void> {
    this.guard(() => this.summaries.markSummaryDelivered(weekId, at));
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

  /** Write errors (disk full, read-only file) become StoreErrors an operator can read. */
  private guard<T>(write: () => T): T {
    return this.conn.guard(write);
  }
}

export function createSqliteStore(opts: SqliteStoreOptions): SqliteStore {
  return new SqliteStore(opts.file, { instanceLock: opts.instanceLock, ingestThread: opts.ingestThread });
}
