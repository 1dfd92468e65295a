/**
 * Which optional tables and columns exist: the summary queries must still answer on a schema that
 * lacks the reply tables (users, replies, audit) or the case tables (cases, outbox), or has them only in part. Looked up per call (cheap PRAGMA reads) so a store opened before a migration is right too.
 */
import type { Db } from '../open-database';

export function tableColumns(db: Db, table: string): Set<string> {
  const rows = db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[];
  return new Set(rows.map((r) => r.name));
}

export function hasColumns(db: Db, table: string, columns: string[]): boolean {
  const have = tableColumns(db, table);
  return have.size > 0 && columns.every((c) => have.has(c));
}

export function hasIndex(db: Db, name: string): boolean {
  return db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?`).get(name) !== undefined;
}
