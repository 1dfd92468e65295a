import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSqliteStores, type SqliteStores } from '../../../src/stores/sqlite-stores';
import { lockFileFor } from '../../../src/store/sqlite/instance-lock';
import { StoreError } from '../../../src/store/store-error';

function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rasid-lock-'));
  const file = path.join(dir, 'rasid.db');
  return { dir, file, lock: lockFileFor(file), cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

function writeLock(lock: string, pid: number, host = os.hostname()) {
  fs.writeFileSync(lock, JSON.stringify({ pid, host, since: '2026-11-20T08:00:00.000Z' }));
}

describe('SQLite single-instance guard', () => {
  it('refuses a second process on the same file with a store_locked error naming the holder', () => {
    const { file, cleanup } = setup();
    const store = createSqliteStores(file);
    const script = `
      const { createSqliteStores } = require(${JSON.stringify(path.resolve('src/stores/sqlite-stores'))});
      try { createSqliteStores(${JSON.stringify(file)}); process.exit(0); }
      catch (e) { process.stderr.write(e.code + ': ' + e.message); process.exit(3); }`;
    const child = spawnSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], { encoding: 'utf8' });
    expect(child.status).toBe(3);
    expect(child.stderr).toContain('store_locked');
    expect(child.stderr).toContain(`pid ${process.pid}`);
    void store.close();
    cleanup();
  });

  it('refuses when the lock names a live process on this host', () => {
    const { file, lock, cleanup } = setup();
    writeLock(lock, process.ppid);
    let err: unknown;
    try {
      createSqliteStores(file);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).code).toBe('store_locked');
    expect((err as StoreError).message).toMatch(/only one instance/i);
    expect(fs.existsSync(file)).toBe(false);
    cleanup();
  });

  it('takes over a lock left by a process that is gone (crash, kill -9)', async () => {
    const { file, lock, cleanup } = setup();
    const gone = spawnSync(process.execPath, ['-e', '']).pid as number;
    writeLock(lock, gone);
    const store = createSqliteStores(file);
    expect(JSON.parse(fs.readFileSync(lock, 'utf8')).pid).toBe(process.pid);
    await store.close();
    cleanup();
  });

  it('removes the lock on close so the next instance starts, and shares it within one process', async () => {
    const { file, lock, cleanup } = setup();
    const a = createSqliteStores(file);
    const b = createSqliteStores(file);
    await a.close();
    expect(fs.existsSync(lock)).toBe(true);
    await b.close();
    expect(fs.existsSync(lock)).toBe(false);
    cleanup();
  });

  it('does not lock in-memory databases', async () => {
    const a = createSqliteStores(':memory:');
    const b = createSqliteStores(':memory:');
    expect(await a.mentions.countMentions()).toBe(0);
    await Promise.all([a.close(), b.close()]);
  });
});

describe('SQLite single-instance guard across hosts (shared volume)', () => {
  it('respects a fresh lock from another host and takes over one whose heartbeat stopped', async () => {
    const { file, lock, cleanup } = setup();
    writeLock(lock, 1, 'other-host');
    expect(() => createSqliteStores(file)).toThrow(/other-host/);
    const longAgo = new Date(Date.now() - 10 * 60_000);
    fs.utimesSync(lock, longAgo, longAgo);
    const store = createSqliteStores(file);
    expect(JSON.parse(fs.readFileSync(lock, 'utf8')).host).toBe(os.hostname());
    await store.close();
    cleanup();
  });
});
