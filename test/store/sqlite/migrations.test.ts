import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { currentSchemaVersion, openDatabase, openMigratedDatabase, type Db } from '../../../src/store/sqlite/open-database';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../src/store/sqlite/migrations';
import { StoreError } from '../../../src/store/store-error';
import { createSqliteStores } from '../../../src/stores/sqlite-stores';

/**
 * Released migrations, fingerprinted (sha256 of name and SQL, first 16 hex digits). A database in
 * the field has applied exactly this text: a migration must never change, only new ones be added.
 */
const RELEASED: Record<number, string> = {
  1: '1b796034b7ae2a28',
  2: '368edd1d4046030f',
  3: '4685023d7a11a59b',
  4: 'e245d08145357968',
  5: 'a8af157cc4bf99a8',
  6: '1071d1f3964bd19c',
  7: '492466247d9c073b',
  8: 'd07a9abf10d700cc',
  9: 'fe9964d13df31b41',
  10: 'f6c2786aadfc557a',
  11: 'ca29b7f08760a0d3',
  12: '6c8ea4783e932292',
};

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rasid-migrations-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A database file as an older release left it: the migrations up to `version` applied. */
function databaseAt(version: number, file: string): void {
  const db = new Database(file);
  // The same text as open-database.ts writes (sqlite_master keeps it verbatim).
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  for (const m of [...MIGRATIONS].sort((a, b) => a.version - b.version).filter((m) => m.version <= version)) {
    db.exec(m.sql);
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, '2026-01-01T00:00:00.000Z');
  }
  insertMention(db);
  db.close();
}

/** One mention with the columns every version has, so that the later back-fills have a row to count. */
function insertMention(db: Db): void {
  db.prepare(
    `INSERT INTO mentions (id, channel, external_id, network, author_id, author_handle, author_json, text, created_at, fetched_at,
       classification_json, primary_domain, intent, urgency, urgency_rank, sentiment, relevant, confidence, status)
     VALUES ('m1', 'x', '1', 'x', 'a1', 'ahmad', '{}', 'حفرة في الشارع', '2026-01-05T10:00:00.000Z', '2026-01-05T10:00:01.000Z',
       '{}', 'roads', 'complaint', 'high', 2, 'negative', 1, 0.9, 'new')`,
  ).run();
}

function schemaOf(db: Db): { type: string; name: string; tbl_name: string; sql: string | null }[] {
  return db
    .prepare(`SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name`)
    .all() as { type: string; name: string; tbl_name: string; sql: string | null }[];
}

function appliedVersions(db: Db): number[] {
  return (db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[]).map((r) => r.version);
}

describe('SQLite migrations', () => {
  it('are numbered 1..N without gaps or repeats, and the latest version is N', () => {
    const versions = MIGRATIONS.map((m) => m.version).sort((a, b) => a - b);
    expect(versions).toEqual(versions.map((_, i) => i + 1));
    expect(LATEST_SCHEMA_VERSION).toBe(versions.length);
  });

  it('released migrations keep the exact text they were applied with', () => {
    const fingerprints = Object.fromEntries(
      MIGRATIONS.map((m) => [m.version, createHash('sha256').update(`${m.name}\n${m.sql}`).digest('hex').slice(0, 16)]),
    );
    for (const [version, hash] of Object.entries(RELEASED)) expect([version, fingerprints[Number(version)]]).toEqual([version, hash]);
  });

  it('a database created at version 1 reaches the latest version with the same schema as a fresh one', () => {
    const fresh = openDatabase(path.join(dir, 'fresh.db'));
    const old = path.join(dir, 'v1.db');
    databaseAt(1, old);
    const upgraded = openDatabase(old);
    try {
      expect(currentSchemaVersion(upgraded)).toBe(LATEST_SCHEMA_VERSION);
      expect(appliedVersions(upgraded)).toEqual(appliedVersions(fresh));
      expect(schemaOf(upgraded)).toEqual(schemaOf(fresh));
      expect(schemaOf(fresh).length).toBeGreaterThan(40);
      // The mention written at version 1 was counted by the later migrations' back-fills.
      expect(upgraded.prepare(`SELECT SUM(n) AS n FROM mention_hour_counts`).get()).toEqual({ n: 1 });
      expect(upgraded.prepare(`SELECT n FROM mention_facet_counts WHERE domain = 'roads'`).get()).toEqual({ n: 1 });
      expect(upgraded.prepare(`SELECT SUM(n) AS n FROM complaint_place_day_counts WHERE dim = 'area_domain'`).get()).toEqual({ n: 1 });
    } finally {
      fresh.close();
      upgraded.close();
    }
  });

  it('a database at any older version upgrades to the schema of a fresh one', () => {
    const fresh = openDatabase(path.join(dir, 'fresh.db'));
    try {
      for (let version = 1; version < LATEST_SCHEMA_VERSION; version++) {
        const file = path.join(dir, `v${version}.db`);
        databaseAt(version, file);
        const upgraded = openDatabase(file);
        expect([version, currentSchemaVersion(upgraded)]).toEqual([version, LATEST_SCHEMA_VERSION]);
        expect([version, schemaOf(upgraded)]).toEqual([version, schemaOf(fresh)]);
        expect(upgraded.prepare('SELECT COUNT(*) AS n FROM mentions').get()).toEqual({ n: 1 });
        upgraded.close();
      }
    } finally {
      fresh.close();
    }
  });

  it('tell what they moved the schema from and to (for the start log), and nothing when it was current', async () => {
    const old = path.join(dir, 'v12.db');
    databaseAt(12, old);
    const upgraded = openMigratedDatabase(old);
    upgraded.db.close();
    const later = Array.from({ length: LATEST_SCHEMA_VERSION - 12 }, (_, i) => 13 + i);
    expect(upgraded.migrated).toEqual({ from: 12, to: LATEST_SCHEMA_VERSION, applied: later });
    const again = openMigratedDatabase(old);
    again.db.close();
    expect(again.migrated).toBeUndefined();
    const fresh = openMigratedDatabase(path.join(dir, 'fresh.db'));
    fresh.db.close();
    expect(fresh.migrated).toMatchObject({ from: 0, to: LATEST_SCHEMA_VERSION });
    // the stores pass it on: the service logs it
    const stores = createSqliteStores(path.join(dir, 'stores.db'));
    expect(stores.migrated).toEqual({ from: 0, to: LATEST_SCHEMA_VERSION });
    await stores.close();
    const reopened = createSqliteStores(path.join(dir, 'stores.db'));
    expect(reopened.migrated).toBeUndefined();
    await reopened.close();
  });

  it.each([
    ['past the latest', LATEST_SCHEMA_VERSION, LATEST_SCHEMA_VERSION + 1],
    ['unknown here, below versions still to apply', 10, LATEST_SCHEMA_VERSION + 7],
  ])('refuse, without applying anything, a database a newer release migrated (a version %s): store_too_new', (_, at, future) => {
    const file = path.join(dir, 'rasid.db');
    databaseAt(at, file);
    const raw = new Database(file);
    raw.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(future, 'from a newer release', '2026-12-09T00:00:00.000Z');
    const before = schemaOf(raw);
    raw.close();
    let error: unknown;
    try {
      openDatabase(file).close();
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({
      code: 'store_too_new',
      message: `the data folder ${dir} was written by a newer Rasid (schema ${future}; this release knows up to ${LATEST_SCHEMA_VERSION}): run that release, or restore a backup`,
    });
    const after = new Database(file, { readonly: true });
    try {
      expect(appliedVersions(after)).toEqual([...Array.from({ length: at }, (_, i) => i + 1), future]);
      expect(schemaOf(after)).toEqual(before);
    } finally {
      after.close();
    }
  });

  it('name the file itself when it is not a data folder\'s rasid.db (store:copy)', () => {
    const file = path.join(dir, 'backup.db');
    databaseAt(LATEST_SCHEMA_VERSION, file);
    const raw = new Database(file);
    raw.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(LATEST_SCHEMA_VERSION + 1, 'x', '2026-12-09T00:00:00.000Z');
    raw.close();
    expect(() => openDatabase(file)).toThrow(`${file} was written by a newer Rasid (schema ${LATEST_SCHEMA_VERSION + 1}; this release knows up to ${LATEST_SCHEMA_VERSION})`);
  });
});
