/**
 * The queue page cache: a page is answered from memory only while the store's change stamp is
 * the same, so every committed write (this connection's or another's) is seen on the next read.
 */
import path from 'node:path';
import request from 'supertest';
import { QueuePageCache } from '../../src/queue/queue-page-cache';
import { createSqliteStores, type SqliteStores } from '../../src/stores/sqlite-stores';
import { buildClassified } from '../support/builders';
import { bearer, setupReplyApp, type ReplyApp } from '../replies/reply-app';
import type { QueueQuery } from '../../src/queue/store/queue-store';

const QUERY: QueueQuery = { status: 'needs_reply', limit: 20, now: '2026-11-30T10:00:00.000Z' };

describe('QueuePageCache', () => {
  it('reads again exactly when the stamp has changed', async () => {
    let stamp = 1;
    let reads = 0;
    const cache = new QueuePageCache(() => String(stamp));
    const read = async () => ({ read: ++reads });
    expect(await cache.body(QUERY, read)).toBe('{"read":1}');
    // the clock is not part of the key: a later poll of the same page is served from memory
    expect(await cache.body({ ...QUERY, now: '2026-11-30T10:00:05.000Z' }, read)).toBe('{"read":1}');
    expect(await cache.body({ ...QUERY, domain: 'roads' }, read)).toBe('{"read":2}');
    stamp++;
    expect(await cache.body(QUERY, read)).toBe('{"read":3}');
    expect(await cache.body(QUERY, read)).toBe('{"read":3}');
    expect(reads).toBe(3);
  });

  it('does not keep a page read while a write committed', async () => {
    let stamp = 1;
    let reads = 0;
    const cache = new QueuePageCache(() => String(stamp));
    const racing = async () => {
      reads++;
      stamp++; // a write lands between the two stamp reads
      return { reads };
    };
    expect(await cache.body(QUERY, racing)).toBe('{"reads":1}');
    expect(await cache.body(QUERY, async () => ({ reads: ++reads }))).toBe('{"reads":2}');
  });

  it('never serves from memory what moves with the clock, or without a stamp', async () => {
    let reads = 0;
    const read = async () => ({ read: ++reads });
    const cache = new QueuePageCache(() => 'same');
    await cache.body({ ...QUERY, assignee: 'none' }, read);
    expect(await cache.body({ ...QUERY, assignee: 'none' }, read)).toBe('{"read":2}');
    const noStamp = new QueuePageCache(undefined);
    await noStamp.body(QUERY, read);
    expect(await noStamp.body(QUERY, read)).toBe('{"read":4}');
  });
});

describe('GET /api/queue with the page cache, on SQLite', () => {
  let t: ReplyApp;
  beforeEach(async () => {
    t = await setupReplyApp();
  });
  afterEach(async () => t.cleanup());

  const ids = async () =>
    ((await request(t.app).get('/api/queue').set(bearer(t.tokens.agent)).expect(200)).body.items as { id: string; claim?: unknown }[]);

  it('answers an unchanged page without reading the store again', async () => {
    await t.mention();
    const reads = jest.spyOn(t.store.queue, 'listQueueItems');
    const first = await ids();
    expect(await ids()).toEqual(first);
    expect(reads).toHaveBeenCalledTimes(1);
  });

  it("shows this process's writes at once: a claim, a status change, a new mention", async () => {
    const m = await t.mention();
    expect((await ids())[0]).not.toHaveProperty('claim');
    await request(t.app).post(`/api/mentions/${m.id}/claim`).set(bearer(t.tokens.agent)).expect(200);
    expect((await ids())[0]).toMatchObject({ id: m.id, claim: { by: t.users.agent.id } });
    await request(t.app).post(`/api/mentions/${m.id}/status`).set(bearer(t.tokens.agent)).send({ status: 'spam', reason: 'ad' }).expect(200);
    expect(await ids()).toEqual([]);
    const n = await t.mention({ externalId: 'later' });
    expect((await ids()).map((i) => i.id)).toEqual([n.id]);
  });

  it("shows another connection's commits at once (a second process on the same file)", async () => {
    await t.mention();
    expect(await ids()).toHaveLength(1);
    const other = createSqliteStores(path.join(t.dir, 'rasid.db'), { instanceLock: false });
    await other.mentions.ingestBatch('replay', [buildClassified({ externalId: 'from-elsewhere' })], null);
    await other.close();
    expect(await ids()).toHaveLength(2);
  });
});
