/**
 * Builds every SQLite store on one database file, in one place: one connection and write guard
 * (src/store/sqlite/sqlite-database.ts), one narrow store per feature beside its port.
 */
import { SqliteAuditStore } from '../audit/store/sqlite-audit-store';
import { SqliteCaseOutboxStore } from '../cases/store/sqlite-case-outbox-store';
import { SqliteCaseStore } from '../cases/store/sqlite-case-store';
import { SqliteCorrectionStore } from '../corrections/store/sqlite-correction-store';
import { SqliteChannelStateStore } from '../mentions/store/sqlite-channel-state-store';
import { SqliteMentionStore } from '../mentions/store/sqlite-mention-store';
import { SqliteQueueStore } from '../queue/store/sqlite-queue-store';
import { SqliteReplyStore } from '../replies/store/sqlite-reply-store';
import { SqliteLeaseStore } from '../scheduler/store/sqlite-lease-store';
import type { Db } from '../store/sqlite/open-database';
import type { SqliteConnection } from '../store/sqlite/sqlite-connection';
import { SqliteDatabase, type SqliteOpenOptions } from '../store/sqlite/sqlite-database';
import { SqliteTransfer } from '../store-copy/sqlite-transfer';
import { SqliteTemplateStore } from '../templates/store/sqlite-template-store';
import { SqliteUserStore } from '../users/store/sqlite-user-store';
import { SqliteSummaryStore } from '../summaries/store/sqlite/sqlite-summary-store';
import type { Stores } from './stores';

export interface SqliteStores extends Stores {
  readonly kind: 'sqlite';
  readonly file: string;
  /** The connection every store shares (tests and benches read it directly). */
  readonly db: Db;
  readonly conn: SqliteConnection;
  readonly mentions: SqliteMentionStore;
  readonly channelStates: SqliteChannelStateStore;
  readonly queue: SqliteQueueStore;
  readonly replies: SqliteReplyStore;
  readonly cases: SqliteCaseStore;
  readonly caseOutbox: SqliteCaseOutboxStore;
  readonly users: SqliteUserStore;
  readonly templates: SqliteTemplateStore;
  readonly audit: SqliteAuditStore;
  readonly corrections: SqliteCorrectionStore;
  readonly leases: SqliteLeaseStore;
  readonly summaries: SqliteSummaryStore;
  /** store:copy (src/store-copy/transfer.ts): rows are the transfer format. */
  readonly transfer: SqliteTransfer;
}

/** Opens (and migrates) the file and builds its stores; `file` may be ':memory:'. */
export function createSqliteStores(file: string, opts: SqliteOpenOptions = {}): SqliteStores {
  const database = new SqliteDatabase(file, opts);
  const { conn } = database;
  const caseOutbox = new SqliteCaseOutboxStore(conn);
  return {
    kind: 'sqlite',
    file,
    db: database.db,
    conn,
    mentions: new SqliteMentionStore(conn, database.ingestThread),
    channelStates: new SqliteChannelStateStore(conn),
    queue: new SqliteQueueStore(conn),
    replies: new SqliteReplyStore(conn),
    cases: new SqliteCaseStore(conn, caseOutbox),
    caseOutbox,
    users: new SqliteUserStore(conn),
    templates: new SqliteTemplateStore(conn),
    audit: new SqliteAuditStore(conn),
    corrections: new SqliteCorrectionStore(conn),
    leases: new SqliteLeaseStore(conn),
    summaries: new SqliteSummaryStore(conn.db, { write: (write) => conn.guard(write) }),
    transfer: new SqliteTransfer(conn),
    ...(database.migrated ? { migrated: { from: database.migrated.from, to: database.migrated.to } } : {}),
    status: () => database.status(),
    close: () => database.close(),
  };
}
