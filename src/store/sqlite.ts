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
  CaseFigures,
  MentionFigures,
  OwnPostFigures,
  ReplyActivityFigures,
  ResponseFigures,
  StoredSummary,
  SummaryListItem,
  SummaryQueryOptions,
  SummaryWindow,
} from '../domain';
import { CaseTable } from './sqlite/case-table';
import { ChannelStateTable } from './sqlite/channel-state-table';
import { acquireInstanceLock } from './sqlite/instance-lock';
import { LeaseTable } from './sqlite/lease-table';
import { MentionTable } from './sqlite/mention-table';
import { OutboxTable } from './sqlite/outbox-table';
import { LATEST_SCHEMA_VERSION } from './sqlite/migrations';
import { currentSchemaVersion, openDatabase, type Db } from './sqlite/open-database';
import { SummaryTable } from './sqlite/summary-table';
import { StoreError } from './store-error';

export interface SqliteStoreOptions {
  /** Path of the database file, or ':memory:'. */
  file: string;
}

export function sqliteFileIn(dataDir: string): string {
  return path.join(dataDir, 'rasid.db');
}

export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly db: Db;
  private readonly mentions: MentionTable;
  private readonly channels: ChannelStateTable;
  private readonly outbox: OutboxTable;
  private readonly cases: CaseTable;
  private readonly leases: LeaseTable;
  private readonly summaries: SummaryTable;
  /** Frees the one-process-per-file lock (src/store/sqlite/instance-lock.ts). */
  private readonly releaseInstanceLock: () => void;

  constructor(readonly file: string) {
    this.releaseInstanceLock = file === ':memory:' ? () => {} : acquireInstanceLock(file);
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
    this.leases = new LeaseTable(this.db);
    this.summaries = new SummaryTable(this.db);
  }

  async ingestBatch(channel: string, mentions: ClassifiedMention[], newCursor: string | null): Promise<IngestResult> {
    return this.guard(() => this.mentions.ingestBatch(channel, mentions, newCursor));
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
  async markCaseFirstResponse(mentionId: string, at: string): Promise<string | null> {
    return this.guard(() => this.cases.markFirstResponse(mentionId, at));
  }
  async enqueueOutbox(messages: NewOutboxMessage[]): Promise<void> {
    this.guard(() => this.outbox.enqueue(messages));
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

  async status(): Promise<StoreStatus> {
    const schemaVersion = currentSchemaVersion(this.db);
    return { ok: schemaVersion === LATEST_SCHEMA_VERSION, schemaVersion, expectedSchemaVersion: LATEST_SCHEMA_VERSION };
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
    this.releaseInstanceLock();
  }

  /** Write errors (disk full, read-only file) become StoreErrors an operator can read. */
  private guard<T>(write: () => T): T {
    try {
      return write();
    } catch (err) {
      if ((err as { code?: string }).code?.startsWith('SQLITE_')) throw StoreError.wrap(err, this.file);
      throw err;
    }
  }
}

export function createSqliteStore(opts: SqliteStoreOptions): SqliteStore {
  return new SqliteStore(opts.file);
}
