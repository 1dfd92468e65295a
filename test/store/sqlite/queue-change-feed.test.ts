/**
 * The SQLite store's queue change feed: own-connection writes told row by row (TEMP triggers),
 * the writer thread's pages told with their rows, other processes' commits told as `all`, at once
 * while the writer is idle and within ALL_WITHIN_MS while it is busy.
 */
import path from 'node:path';
import type { QueueChanges } from '../../../src/domain';
import { createSqliteStores, type SqliteStores } from '../../../src/stores/sqlite-stores';
import { ALL_WITHIN_MS, SqliteQueueChangeFeed } from '../../../src/store/sqlite/queue-change-feed';
import { buildClassified } from '../../support/builders';
import { makeTempDir } from '../../support/temp-dir';

function setup(opts: { ingestThread?: boolean } = {}) {
  const tmp = makeTempDir('rasid-feed-');
  const file = path.join(tmp.dir, 'rasid.db');
  const store = createSqliteStores(file, opts);
  let clock = 1_000_000;
  const feed = new SqliteQueueChangeFeed(store.db, () => clock);
  const told: QueueChanges[] = [];
  feed.subscribe((c) => told.push(c));
  return {
    store,
    feed,
    told,
    tick: (ms: number) => (clock += ms),
    /** A second process on the same file. */
    async commitElsewhere() {
      const other = createSqliteStores(file, { instanceLock: false });
      await other.mentions.ingestBatch('replay', [buildClassified()], null);
      await other.close();
    },
    async cleanup() {
      await store.close();
      tmp.remove();
    },
  };
}

describe('SqliteQueueChangeFeed', () => {
  it('tells the rows this connection inserts and updates, as they are now', async () => {
    const t = setup();
    const [m] = (await t.store.mentions.ingestBatch('replay', [buildClassified({ createdAt: '2026-11-20T08:00:00.000Z', author: { id: 'a', handle: 'a', followers: 7 } }, { urgency: 'high' })], null)).inserted;
    t.feed.sync();
    expect(t.told).toEqual([
      {
        changedIds: [m.id],
        rows: [{ id: m.id, status: 'needs_reply', primaryDomain: 'roads', channel: 'replay', network: m.network, intent: 'complaint', urgency: 'high', urgencyRank: 0, createdAt: '2026-11-20T08:00:00.000Z', followers: 7 }],
      },
    ]);
    await t.store.queue.setMentionStatus(m.id, 'spam');
    t.feed.sync();
    expect(t.told[1]).toMatchObject({ changedIds: [m.id], rows: [{ id: m.id, status: 'spam' }] });
    t.feed.sync();
    expect(t.told).toHaveLength(2);
    await t.cleanup();
  });

  it('keeps telling changes after it has cut its TEMP table back (a change after the 256th read)', async () => {
    const t = setup();
    const [m] = (await t.store.mentions.ingestBatch('replay', [buildClassified()], null)).inserted;
    t.feed.sync();
    // Enough changes, each read on its own, to make the feed forget what it has read.
    for (let i = 0; i < 300; i++) {
      await t.store.queue.setMentionStatus(m.id, i % 2 ? 'needs_reply' : 'spam');
      t.feed.sync();
    }
    const before = t.told.length;
    await t.store.queue.setMentionStatus(m.id, 'no_action');
    t.feed.sync();
    expect(t.told.slice(before)).toEqual([expect.objectContaining({ changedIds: [m.id], rows: [expect.objectContaining({ id: m.id, status: 'no_action' })] })]);
    await t.cleanup();
  });

  it("tells the writer thread's new rows when its write resolves, and not its commit as all at once", async () => {
    const t = setup({ ingestThread: true });
    // The store's own feed is the one it tells; this test's feed only watches data_version.
    const own = t.store.queue.queueChangeFeed();
    const ownTold: QueueChanges[] = [];
    own.subscribe((c) => ownTold.push(c));
    const [m] = (await t.store.mentions.ingestBatch('replay', [buildClassified()], null)).inserted;
    expect(ownTold).toEqual([{ rows: [expect.objectContaining({ id: m.id, status: 'needs_reply' })] }]);
    own.sync();
    // The commit moved data_version while the writer had been busy: not told as `all` at once.
    expect(ownTold).toHaveLength(1);
    await t.cleanup();
  });

  it("tells another process's commit as all at once while this process's writer is idle", async () => {
    const t = setup();
    t.feed.sync();
    await t.commitElsewhere();
    t.feed.sync();
    expect(t.told).toEqual([{ all: true }]);
    await t.cleanup();
  });

  it(`tells another process's commit within ${ALL_WITHIN_MS} ms while this process's writer is busy`, async () => {
    const t = setup();
    t.feed.sync();
    t.feed.writerStarted();
    await t.commitElsewhere();
    t.feed.sync();
    expect(t.told).toEqual([]);
    t.tick(ALL_WITHIN_MS - 1);
    t.feed.sync();
    expect(t.told).toEqual([]);
    t.tick(1);
    t.feed.sync();
    expect(t.told).toEqual([{ all: true }]);
    t.feed.writerFinished({ rows: [], refreshed: false });
    await t.cleanup();
  });
});
