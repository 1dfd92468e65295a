/** Builds every SQLite store on one database file (one connection, one write guard). */
import { SqliteStore, type SqliteStoreOptions } from '../store/sqlite';

export type SqliteStores = SqliteStore;

export function createSqliteStores(file: string, opts: Omit<SqliteStoreOptions, 'file'> = {}): SqliteStores {
  return new SqliteStore(file, opts);
}
