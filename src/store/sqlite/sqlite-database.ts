/**
 * The embedded default backend on better-sqlite3: one file `${DATA_DIR}/rasid.db`, WAL mode,
 * versioned migrations at open, one service per file (instance lock), an optional ingest writer
 * thread, and the write health readiness reads. Every feature store of the file shares its
 * connection (`conn`); src/stores/sqlite-stores.ts builds them.
 */
import path from 'node:path';
import type { StoreStatus } from '../../domain';
import { IngestWriterThread } from './ingest-writer-thread';
import { acquireInstanceLock } from './instance-lock';
import { LATEST_SCHEMA_VERSION } from './migrations';
import { currentSchemaVersion, ensureWritableDir, openMigratedDatabase, type Db, type SchemaMigration } from './open-database';
import { SqliteConnection } from './sqlite-connection';
import { WriteHealth } from './write-health';

export interface SqliteOpenOptions {
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

export class SqliteDatabase {
  readonly db: Db;
  readonly conn: SqliteConnection;
  readonly ingestThread: IngestWriterThread | undefined;
  /** The migrations this open applied (undefined: the file was at this release's version). */
  readonly migrated: SchemaMigration | undefined;
  /** Frees the one-process-per-file lock (instance-lock.ts). */
  private readonly releaseInstanceLock: () => void;
  private readonly writeHealth: WriteHealth;

  constructor(
    /** Path of the database file, or ':memory:'. */
    readonly file: string,
    opts: SqliteOpenOptions = {},
  ) {
    if (opts.ingestThread && file === ':memory:') throw new Error('an in-memory SQLite store cannot have an ingest writer thread');
    const lock = file !== ':memory:' && opts.instanceLock !== false;
    // A fresh DATA_DIR is created before the lock file goes into it.
    if (file !== ':memory:') ensureWritableDir(path.dirname(file));
    this.releaseInstanceLock = lock ? acquireInstanceLock(file) : () => {};
    try {
      ({ db: this.db, migrated: this.migrated } = openMigratedDatabase(file));
    } catch (err) {
      this.releaseInstanceLock();
      throw err;
    }
    this.ingestThread = opts.ingestThread ? new IngestWriterThread(file) : undefined;
    this.writeHealth = new WriteHealth(this.db, file);
    this.conn = new SqliteConnection(this.db, file, this.writeHealth);
  }

  /** Migrations applied and writes going through. */
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
}
