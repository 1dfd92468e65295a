/**
 * The SQLite store's ingest writer thread: the same rows, counters and cursor as a write on the
 * store's own connection; errors and a dead worker become StoreErrors without half a page;
 * close() lets pending writes finish; an idle store does not keep a process alive.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { IngestWriterThread } from '../../../src/store/sqlite/ingest-writer-thread';
import { createSqliteStores, type SqliteStores } from '../../../src/stores/sqlite-stores';
import { StoreError } from '../../../src/store/store-error';
import { buildClassified } from '../../support/builders';
import { makeTempDir } from '../../support/temp-dir';

jest.setTimeout(30_000);

const page = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) =>
    buildClassified(
      { externalId: `${prefix}-${i}`, createdAt: new Date(Date.UTC(2026, 10, 20 + (i % 3), i % 24)).toISOString() },
      { urgency: i % 2 ? 'high' : 'low', primaryDomain: i % 3 ? 'roads' : 'drainage' },
    ),
  );

/** Every table the ingest writes, as comparable rows (ids and fetch times vary between runs). */
function snapshot(store: SqliteStores) {
  const all = (sql: string) => store.db.prepare(sql).all();
  return {
    mentions: all(`SELECT channel, external_id, status, primary_domain, urgency, metrics_json, sources_json, classification_json
      FROM mentions ORDER BY channel, external_id`),
    counts: all('SELECT * FROM mention_counts ORDER BY 1, 2'),
    facets: all('SELECT * FROM mention_facet_counts ORDER BY 1, 2, 3'),
    hours: all('SELECT * FROM mention_hour_counts ORDER BY 1, 2, 3, 4, 5, 6, 7, 8'),
    complaintDays: all('SELECT * FROM complaint_day_counts ORDER BY 1, 2, 3'),
    cursors: all('SELECT channel, cursor FROM channel_state ORDER BY channel'),
  };
}

/** A disk that fills up when the mention `externalId` is inserted, as seen from any connection. */
function fillDiskAt(store: SqliteStores, externalId: string): void {
  store.db.exec(`CREATE TRIGGER full_disk BEFORE INSERT ON mentions WHEN NEW.external_id = '${externalId}'
    BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);
}
const freeDisk = (store: SqliteStores) => store.db.exec('DROP TRIGGER full_disk');

describe('SQLite ingest writer thread', () => {
  it('writes what the store’s own connection writes: mentions, known ones refreshed, counters and cursor', async () => {
    const tmp = makeTempDir();
    const inline = createSqliteStores(path.join(tmp.dir, 'inline.db'));
    const threaded = createSqliteStores(path.join(tmp.dir, 'threaded.db'), { ingestThread: true });
    const first = page('a', 40);
    const again = first.slice(0, 10).map((m) => ({ ...m, raw: { ...m.raw, metrics: { likes: 99 }, sources: ['search'] } }));
    for (const store of [inline, threaded]) {
      const a = await store.mentions.ingestBatch('x', first, 'c1');
      expect(a).toMatchObject({ updated: 0 });
      expect(a.inserted).toHaveLength(40);
      const b = await store.mentions.ingestBatch('x', [...again, ...page('b', 5)], 'c2');
      expect(b.updated).toBe(10);
      expect(b.inserted.map((m) => m.externalId)).toEqual(['b-0', 'b-1', 'b-2', 'b-3', 'b-4']);
      // The new mentions as the store reads them back.
      expect(await store.mentions.getMention(b.inserted[0].id)).toEqual(b.inserted[0]);
    }
    const expected = snapshot(inline);
    expect(expected.counts.length).toBeGreaterThan(0);
    expect(snapshot(threaded)).toEqual(expected);
    await inline.close();
    await threaded.close();
    tmp.remove();
  });

  it('turns a failed write into a StoreError, keeps none of that page and takes the next write', async () => {
    const tmp = makeTempDir();
    const store = createSqliteStores(path.join(tmp.dir, 'rasid.db'), { ingestThread: true });
    await store.mentions.ingestBatch('x', page('ok', 3), 'c1');
    // A disk that fills up half-way through a page, as seen from the writer's connection.
    fillDiskAt(store, 'bad-2');
    const failed = store.mentions.ingestBatch('x', page('bad', 5), 'c2');
    await expect(failed).rejects.toBeInstanceOf(StoreError);
    await expect(failed).rejects.toThrow(/disk is full/);
    expect(await store.mentions.countMentions()).toBe(3);
    expect((await store.channelStates.getChannelState('x'))?.cursor).toBe('c1');
    freeDisk(store);
    await store.mentions.ingestBatch('x', page('bad', 5), 'c2');
    expect(await store.mentions.countMentions()).toBe(8);
    expect((await store.channelStates.getChannelState('x'))?.cursor).toBe('c2');
    await store.close();
    tmp.remove();
  });

  it('does not write a page sent behind a page of the same channel that failed, but does write other channels', async () => {
    const tmp = makeTempDir();
    const store = createSqliteStores(path.join(tmp.dir, 'rasid.db'), { ingestThread: true });
    await store.mentions.ingestBatch('x', page('ok', 2), 'c1');
    fillDiskAt(store, 'bad-1');
    // Sent together, before any answer: x c2 fails, x c3 is behind it, rss r1 is another channel.
    const failing = store.mentions.ingestBatch('x', page('bad', 3), 'c2');
    const behind = store.mentions.ingestBatch('x', page('later', 3), 'c3');
    const other = store.mentions.ingestBatch('rss', page('feed', 2), 'r1');
    await expect(failing).rejects.toThrow(/disk is full/);
    await expect(behind).rejects.toThrow(/not written: an earlier page of x failed/);
    expect((await other).inserted).toHaveLength(2);
    expect((await store.channelStates.getChannelState('x'))?.cursor).toBe('c1');
    expect(await store.mentions.findMentionByExternalId('x', 'later-0')).toBeNull();
    // Once the failure has been answered, the channel's next page is written again.
    freeDisk(store);
    await store.mentions.ingestBatch('x', page('bad', 3), 'c2');
    expect((await store.channelStates.getChannelState('x'))?.cursor).toBe('c2');
    expect(await store.mentions.countMentions()).toBe(2 + 2 + 3);
    await store.close();
    tmp.remove();
  });

  it('fails the writes of a worker that died and starts a new one for the next write', async () => {
    const tmp = makeTempDir();
    const file = path.join(tmp.dir, 'rasid.db');
    const store = createSqliteStores(file);
    const thread = new IngestWriterThread(file);
    const batch = (cursor: string) => ({ channel: 'x', rows: [], newCursor: cursor, fetchedAt: new Date().toISOString() });
    await thread.write(batch('c1'));
    const pending = thread.write(batch('c2'));
    await (thread as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    await pending.then(
      () => expect((store.db.prepare("SELECT cursor FROM channel_state WHERE channel = 'x'").pluck().get())).toBe('c2'),
      (err) => expect(err).toBeInstanceOf(StoreError),
    );
    await thread.write(batch('c3'));
    expect(store.db.prepare("SELECT cursor FROM channel_state WHERE channel = 'x'").pluck().get()).toBe('c3');
    await thread.close();
    await expect(thread.write(batch('c4'))).rejects.toThrow(/closed/);
    await store.close();
    tmp.remove();
  });

  it('close() lets the writes already sent finish', async () => {
    const tmp = makeTempDir();
    const file = path.join(tmp.dir, 'rasid.db');
    const store = createSqliteStores(file, { ingestThread: true });
    const writes = [store.mentions.ingestBatch('x', page('p', 200), 'c1'), store.mentions.ingestBatch('x', page('q', 200), 'c2')];
    await store.close();
    await Promise.all(writes);
    const reopened = createSqliteStores(file);
    expect(await reopened.mentions.countMentions()).toBe(400);
    expect((await reopened.channelStates.getChannelState('x'))?.cursor).toBe('c2');
    await reopened.close();
    tmp.remove();
  });

  it('does not keep an idle process alive: a script that writes and never closes the store exits', () => {
    const tmp = makeTempDir();
    const script = `
      const { createSqliteStores } = require('./src/stores/sqlite-stores');
      const store = createSqliteStores(${JSON.stringify(path.join(tmp.dir, 'rasid.db'))}, { ingestThread: true });
      store.mentions.ingestBatch('x', [], 'c1').then(() => store.channelStates.getChannelState('x')).then((s) => console.log('cursor', s.cursor));`;
    const run = spawnSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], { cwd: path.resolve(__dirname, '../../..'), timeout: 20_000, encoding: 'utf8' });
    expect(run.error).toBeUndefined(); // a timeout would be ETIMEDOUT here
    expect(run.stdout).toContain('cursor c1');
    expect(run.status).toBe(0);
    tmp.remove();
  });
});
