import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSqliteStores, type SqliteStores } from '../../src/stores/sqlite-stores';
import { storeContract } from '../store.contract';

storeContract('sqlite', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rasid-store-'));
  const store = createSqliteStores(path.join(dir, 'rasid.db'));
  return { store, cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }) };
});

// As the service opens it: ingest transactions in the writer thread, on a second connection.
storeContract('sqlite with the ingest writer thread', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rasid-store-'));
  const store = createSqliteStores(path.join(dir, 'rasid.db'), { ingestThread: true });
  return { store, cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }) };
});

describe('SqliteStores specifics', () => {
  it('opens in WAL mode and applies migrations once across reopen', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rasid-store-'));
    const file = path.join(dir, 'rasid.db');
    const a = createSqliteStores(file);
    expect(a.db.pragma('journal_mode', { simple: true })).toBe('wal');
    a.db.close();
    const b = createSqliteStores(file);
    const rows = b.db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[];
    expect(new Set(rows.map((r) => r.version)).size).toBe(rows.length);
    b.db.close();
  });

  it('creates a missing data directory, lock file included', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rasid-store-'));
    const store = createSqliteStores(path.join(dir, 'not', 'yet', 'rasid.db'));
    expect((await store.status()).ok).toBe(true);
    expect(fs.existsSync(path.join(dir, 'not', 'yet', 'rasid.db.lock'))).toBe(true);
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a data directory it cannot write with a clear store_unwritable error', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rasid-ro-'));
    const blocker = path.join(dir, 'file-not-dir');
    fs.writeFileSync(blocker, 'x');
    expect(() => createSqliteStores(path.join(blocker, 'rasid.db'))).toThrow(/not writable/);
  });
});
