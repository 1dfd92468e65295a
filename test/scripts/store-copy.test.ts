/**
 * store:copy SQLite → SQLite through the same copyStore loop and StoreTransfer port used for
 * MongoDB targets (and SQLite → MongoDB → SQLite when MONGODB_URI is set).
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CopyRefusedError, copyStore } from '../../src/store/copy-store';
import { createMongoStore } from '../../src/store/mongodb';
import { SqliteStore } from '../../src/store/sqlite';
import type { StoreTransfer, TransferKind } from '../../src/store/transfer';
import { buildClassified } from '../support/builders';

function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rasid-copy-'));
  return { dir, file: (name: string) => path.join(dir, name), remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A source with a bit of everything the copy knows about. */
async function seed(store: SqliteStore, mentions = 23): Promise<void> {
  const batch = Array.from({ length: mentions }, (_, i) =>
    buildClassified({ externalId: `m-${i}`, metrics: { likes: i }, sources: ['mentions'] }, { urgency: i % 3 ? 'low' : 'high' }),
  );
  await store.ingestBatch('x', batch.slice(0, 10), 'cursor-x');
  await store.ingestBatch('replay', batch.slice(10), '{"line":13}');
  await store.saveChannelHealth('x', { health: 'rate_limited', consecutiveFailures: 2, backoffUntil: '2026-11-30T10:00:00.000Z' });
  await store.channelKv('instagram').set('session', '{"cookies":1}');
  await store.saveOwnPosts('x', [{ externalId: 'p1', text: 'افتتاح جسر', createdAt: '2026-11-20T08:00:00.000Z', metrics: { likes: 3 } }]);
  await store.acquireLease('job:poll:x', 'instance-a', 60_000);
}

/** What a reader of the target sees, for comparing source and target through the port. */
async function snapshot(store: SqliteStore) {
  const mentions = [];
  let cursor: string | undefined;
  do {
    const page = await store.listMentions({ limit: 7, cursor });
    mentions.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return {
    mentions,
    states: await store.listChannelStates(),
    kv: await store.channelKv('instagram').get('session'),
  };
}

const progressOf = () => {
  const seen: [TransferKind, number, number][] = [];
  return { seen, onProgress: (k: TransferKind, copied: number, total: number) => seen.push([k, copied, total]) };
};

describe('copyStore, SQLite → SQLite', () => {
  it('copies every record in batches, verifies the counts and removes its checkpoint', async () => {
    const tmp = tempDir();
    const source = new SqliteStore(tmp.file('source.db'));
    await seed(source);
    const target = new SqliteStore(tmp.file('target.db'));
    const progress = progressOf();
    const report = await copyStore({ source, target, from: 'a', to: 'b', checkpointFile: tmp.file('cp.json'), batchSize: 5, ...progress });
    expect(report.ok).toBe(true);
    expect(report.kinds.find((k) => k.kind === 'mentions')).toEqual({ kind: 'mentions', source: 23, target: 23, ok: true });
    expect(await snapshot(target)).toEqual(await snapshot(source));
    expect(progress.seen.filter(([k]) => k === 'mentions').map(([, copied]) => copied)).toEqual([0, 5, 10, 15, 20, 23]);
    expect(fs.existsSync(tmp.file('cp.json'))).toBe(false);
    // leases belong to the running instance, not to the data
    expect(await target.acquireLease('job:poll:x', 'instance-b', 60_000)).toBe(true);
    await Promise.all([source.close(), target.close()]);
    tmp.remove();
  });

  it('refuses a non-empty target without force, and writes into it with force', async () => {
    const tmp = tempDir();
    const source = new SqliteStore(tmp.file('source.db'));
    await seed(source, 4);
    const target = new SqliteStore(tmp.file('target.db'));
    await target.ingestBatch('x', [buildClassified({ externalId: 'already-here' })], null);
    const run = (force: boolean) => copyStore({ source, target, from: 'a', to: 'b', checkpointFile: tmp.file('cp.json'), force });
    await expect(run(false)).rejects.toThrow(CopyRefusedError);
    expect(await target.countMentions()).toBe(1);
    const forced = await run(true);
    expect(await target.countMentions()).toBe(5);
    expect(forced.kinds.find((k) => k.kind === 'mentions')).toMatchObject({ source: 4, target: 5, ok: false });
    await Promise.all([source.close(), target.close()]);
    tmp.remove();
  });

  it('resumes after an interruption and ends with the same records, none doubled', async () => {
    const tmp = tempDir();
    const source = new SqliteStore(tmp.file('source.db'));
    await seed(source);
    const target = new SqliteStore(tmp.file('target.db'));
    // The target fails on its third mentions batch: a crash half-way through the copy.
    let batches = 0;
    const flaky: StoreTransfer = {
      countRecords: (k) => (target as StoreTransfer).countRecords(k),
      exportRecords: (k, a, l) => target.exportRecords(k, a, l),
      uncoveredRecords: () => target.uncoveredRecords(),
      importRecords: async (k, records) => {
        if (k === 'mentions' && ++batches === 3) throw new Error('connection lost');
        return target.importRecords(k, records);
      },
    };
    const opts = { source, from: 'a', to: 'b', checkpointFile: tmp.file('cp.json'), batchSize: 5 };
    await expect(copyStore({ ...opts, target: flaky })).rejects.toThrow('connection lost');
    expect(await target.countMentions()).toBe(10);
    expect(JSON.parse(fs.readFileSync(tmp.file('cp.json'), 'utf8')).kinds.mentions).toMatchObject({ copied: 10, done: false });
    const report = await copyStore({ ...opts, target });
    expect(report).toMatchObject({ resumed: true, ok: true });
    expect(await snapshot(target)).toEqual(await snapshot(source));
    await Promise.all([source.close(), target.close()]);
    tmp.remove();
  });

  it('refuses a checkpoint left by a copy between other stores', async () => {
    const tmp = tempDir();
    fs.writeFileSync(tmp.file('cp.json'), JSON.stringify({ from: 'elsewhere', to: 'b', kinds: {} }));
    const source = new SqliteStore(tmp.file('source.db'));
    const target = new SqliteStore(tmp.file('target.db'));
    await expect(copyStore({ source, target, from: 'a', to: 'b', checkpointFile: tmp.file('cp.json') })).rejects.toThrow(/belongs to a copy from elsewhere/);
    await Promise.all([source.close(), target.close()]);
    tmp.remove();
  });
});

describe('npm run store:copy (the script)', () => {
  it('copies sqlite → sqlite with a progress bar on stderr and a verified count per kind; refuses a second run into the now non-empty target', async () => {
    const tmp = tempDir();
    const source = new SqliteStore(tmp.file('source.db'));
    await seed(source, 12);
    await source.close();
    const args = ['--require', 'tsx/cjs', 'scripts/store-copy.ts', '--from', `sqlite:${tmp.file('source.db')}`, '--to', `sqlite:${tmp.file('target.db')}`];
    const run = () => spawnSync(process.execPath, args, { encoding: 'utf8', cwd: path.resolve(__dirname, '../..'), env: { PATH: process.env.PATH ?? '' } });
    const first = run();
    expect(first.stderr).toContain('mentions');
    expect(first.stdout).toMatch(/ok\s+mentions\s+source 12\s+target 12/);
    expect(first.status).toBe(0);
    const second = run();
    expect(second.status).toBe(3);
    expect(second.stderr).toMatch(/refused: the target already holds records/);
    const target = new SqliteStore(tmp.file('target.db'));
    expect(await target.countMentions()).toBe(12);
    await target.close();
    tmp.remove();
  });
});

const mongoUri = process.env.MONGODB_URI;
(mongoUri ? describe : describe.skip)('copyStore with MongoDB (MONGODB_URI)', () => {
  it('copies SQLite → MongoDB → SQLite and ends with what it started with', async () => {
    const tmp = tempDir();
    const source = new SqliteStore(tmp.file('source.db'));
    await seed(source);
    const dbName = `rasid_copy_${randomUUID().slice(0, 8)}`;
    const mongo = await createMongoStore({ uri: mongoUri as string, dbName });
    const back = new SqliteStore(tmp.file('back.db'));
    try {
      expect((await copyStore({ source, target: mongo, from: 's', to: 'm', checkpointFile: tmp.file('1.json'), batchSize: 4 })).ok).toBe(true);
      expect(await mongo.countMentions()).toBe(23);
      expect((await copyStore({ source: mongo, target: back, from: 'm', to: 'b', checkpointFile: tmp.file('2.json'), batchSize: 4 })).ok).toBe(true);
      expect(await snapshot(back)).toEqual(await snapshot(source));
    } finally {
      await mongo.db.dropDatabase();
      await Promise.all([source.close(), mongo.close(), back.close()]);
      tmp.remove();
    }
  });
});
