/**
 * Opens the SQLite file with the settings Rasid relies on (WAL, foreign keys, busy timeout) and
 * applies pending migrations. A file another process holds locked gives a clear StoreError, and
 * so does a file a newer release has migrated past what this one knows (store_too_new): it is
 * refused before anything is written to it.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { StoreError } from '../store-error';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';

export type Db = Database.Database;

/** What opening did to the schema: the version found (0: a new file) and the version left. */
export interface SchemaMigration {
  from: number;
  to: number;
  /** The migrations applied, in order. */
  applied: number[];
}

export function openDatabase(file: string): Db {
  return openMigratedDatabase(file).db;
}

/** openDatabase, also telling what it migrated (undefined: the schema was already current). */
export function openMigratedDatabase(file: string): { db: Db; migrated: SchemaMigration | undefined } {
  if (file !== ':memory:') ensureWritableDir(path.dirname(file));
  let db: Db | undefined;
  try {
    db = openConnection(file);
    cachePreparedStatements(db);
    return { db, migrated: applyMigrations(db, file) };
  } catch (err) {
    db?.close();
    throw StoreError.wrap(err, file);
  }
}

/**
 * A connection with the settings every Rasid connection uses, without migrations: the store's
 * own (openDatabase) and the ingest writer thread's second one on the same file.
 */
export function openConnection(file: string): Db {
  const db = new Database(file);
  try {
    // First, so that even the pragmas below wait for a lock another connection holds for a moment
    // (the writer thread's connection opens while the main one may be writing).
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    // NORMAL is durable across process crashes (kill -9) in WAL mode; only power loss can drop
    // the last transactions, which is the usual trade for a 10x faster commit.
    db.pragma('synchronous = NORMAL');
    // Checkpoint the WAL into the database every ~40 MB instead of every ~4 MB: index pages that
    // an ingest touches again and again are copied back once per checkpoint, not once per batch
    // or two (bench:ingest end to end: 18k → 20k mentions/s). When a checkpoint resets the log,
    // the file is cut back to 4 MB rather than kept at the 40 MB it grew to; the writer thread
    // also truncates it to zero when it falls idle after a large ingest (wal-compaction.ts).
    db.pragma('wal_autocheckpoint = 10000');
    db.pragma(`journal_size_limit = ${4 * 1024 * 1024}`);
    db.pragma('foreign_keys = ON');
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

/**
 * The table classes prepare their SQL where they use it, for readability; compiling the same text
 * again on every call cost more than the query itself on hot paths (case capture, audit), so each
 * distinct SQL text is compiled once per connection. A statement is never shared across modes:
 * code that switches one to raw/pluck mode must give it its own text.
 */
function cachePreparedStatements(db: Db): void {
  const compiled = new Map<string, Database.Statement>();
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    let statement = compiled.get(sql);
    if (!statement) {
      statement = prepare(sql);
      compiled.set(sql, statement);
    }
    return statement;
  }) as Db['prepare'];
}

/** Creates the data directory when missing; a directory that cannot be written is a StoreError. */
export function ensureWritableDir(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.accessSync(dir, fs.constants.W_OK);
  } catch (err) {
    throw new StoreError(
      'store_unwritable',
      `data directory ${dir} is not writable: ${(err as Error).message}`,
    );
  }
}

export function currentSchemaVersion(db: Db): number {
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}

function applyMigrations(db: Db, file: string): SchemaMigration | undefined {
  const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get() !== undefined;
  const applied = new Set(hasTable ? (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version) : []);
  // A version this release does not have was applied by a newer one (or another line of
  // releases): its tables, triggers and data mean things this code does not know. Refused
  // before anything is written, so that release (or a backup) can still take it.
  const known = new Set(MIGRATIONS.map((m) => m.version));
  const unknown = [...applied].filter((v) => !known.has(v));
  if (unknown.length) {
    const where = path.basename(file) === 'rasid.db' ? `the data folder ${path.dirname(file)}` : file;
    throw StoreError.tooNew(where, Math.max(...unknown), LATEST_SCHEMA_VERSION);
  }
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const from = applied.size ? Math.max(...applied) : 0;
  // Versions are fixed per issue and land out of order (5 may exist before 2): apply every
  // version not recorded yet, in ascending order, rather than only those above the maximum.
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const done: number[] = [];
  for (const migration of [...MIGRATIONS].sort((a, b) => a.version - b.version)) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, new Date().toISOString());
    }).immediate();
    done.push(migration.version);
  }
  return done.length ? { from, to: currentSchemaVersion(db), applied: done } : undefined;
}
