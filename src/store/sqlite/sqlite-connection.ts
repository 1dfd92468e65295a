/**
 * What every SQLite feature store shares: the one connection, the file it opened (for error
 * messages), the queue change feed, and `guard`, which turns write errors (disk full, read-only file) into StoreErrors an
 * operator can read and keeps the store's write health (readiness) up to date.
 */
import type { Db } from './open-database';
import { SqliteQueueChangeFeed } from './queue-change-feed';
import { StoreError } from '../store-error';
import type { WriteHealth } from './write-health';

export class SqliteConnection {
  /** Made on first use (its TEMP triggers cost every write on mentions a little). */
  private feed: SqliteQueueChangeFeed | undefined;

  constructor(
    readonly db: Db,
    readonly file: string,
    readonly writeHealth: WriteHealth,
  ) {}

  /** Which mentions changed on this file, for the queue page cache (queue-change-feed.ts). */
  queueChangeFeed(): SqliteQueueChangeFeed {
    this.feed ??= new SqliteQueueChangeFeed(this.db);
    return this.feed;
  }

  /** The change feed when someone asked for it (the writer thread's pages are told to it). */
  get activeChangeFeed(): SqliteQueueChangeFeed | undefined {
    return this.feed;
  }

  /** Runs a write; SQLite errors become StoreErrors and are noted in the write health. */
  guard<T>(write: () => T): T {
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
