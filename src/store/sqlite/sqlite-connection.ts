/**
 * What every SQLite feature store shares: the one connection, the file it opened (for error
 * messages) and `guard`, which turns write errors (disk full, read-only file) into StoreErrors an
 * operator can read and keeps the store's write health (readiness) up to date.
 */
import type { Db } from './open-database';
import { StoreError } from '../store-error';
import type { WriteHealth } from './write-health';

export class SqliteConnection {
  constructor(
    readonly db: Db,
    readonly file: string,
    readonly writeHealth: WriteHealth,
  ) {}

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
