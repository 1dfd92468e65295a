/**
 * The queue page cache under ingest (SQLite, with and without the ingest writer thread): claims
 * and new mentions that belong on a kept page show at once; ingest of mentions that cannot alter
 * it (not waiting for a reply, or sorting after a full page) leaves it in memory.
 */
import path from 'node:path';
import request from 'supertest';
import type { ClassifiedMention } from '../../src/domain';
import { createSqliteStores, type SqliteStores } from '../../src/stores/sqlite-stores';
import { ALL_WITHIN_MS } from '../../src/store/sqlite/queue-change-feed';
import { buildClassified } from '../support/builders';
import { bearer, setupReplyApp, type ReplyApp } from '../replies/reply-app';

type Item = { id: string; claim?: { by: string } };

describe.each([
  ['on the store connection', false],
  ['through the ingest writer thread', true],
])('GET /api/queue page cache while mentions are ingested %s', (_how, ingestThread) => {
  let t: ReplyApp;
  beforeEach(async () => {
    t = await setupReplyApp({ ingestThread });
  });
  afterEach(async () => t.cleanup());

  const page = async (query = '?limit=2') =>
    (await request(t.app).get(`/api/queue${query}`).set(bearer(t.tokens.agent)).expect(200)).body as { items: Item[]; nextCursor: string | null; counts: { total: number } };
  const ingest = (...mentions: ClassifiedMention[]) => t.store.mentions.ingestBatch('replay', mentions, null);
  /** Three waiting mentions, high urgency, created 08:00, 08:01, 08:02: the first page of two is full. */
  const fillFirstPage = async () => {
    const at = (min: number) => new Date(Date.UTC(2026, 10, 20, 8, min)).toISOString();
    return Promise.all([0, 1, 2].map((min) => t.mention({ createdAt: at(min) }, { urgency: 'high' })));
  };

  it('shows a claim on a mention of the kept page at once', async () => {
    const [first] = await fillFirstPage();
    expect((await page()).items[0]).not.toHaveProperty('claim');
    await request(t.app).post(`/api/mentions/${first.id}/claim`).set(bearer(t.tokens.agent2)).expect(200);
    expect((await page()).items[0]).toMatchObject({ id: first.id, claim: { by: t.users.agent2.id } });
  });

  it('shows at once a new needs_reply mention that sorts into the first page', async () => {
    await fillFirstPage();
    await page();
    const [urgent] = (await ingest(buildClassified({ createdAt: '2026-11-20T07:00:00.000Z' }, { urgency: 'high' }))).inserted;
    expect((await page()).items[0].id).toBe(urgent.id);
  });

  it('keeps the page in memory when ingest brings mentions that cannot alter it, and counts them', async () => {
    const first = (await fillFirstPage()).slice(0, 2).map((m) => m.id);
    const reads = jest.spyOn(t.store.queue, 'listQueueItems');
    const before = await page();
    expect(before.items.map((i) => i.id)).toEqual(first);
    // Not waiting for a reply (status new), and waiting but sorting after the full page (low urgency).
    await ingest({ ...buildClassified({}, { urgency: 'high' }), status: 'new' }, buildClassified({ createdAt: '2026-11-20T07:00:00.000Z' }, { urgency: 'low' }));
    const after = await page();
    expect(after.items).toEqual(before.items);
    expect(after.counts.total).toBe(before.counts.total + 1);
    expect(reads).toHaveBeenCalledTimes(1);
  });

  it('reads the second page again when a new mention sorts into it, not the first', async () => {
    await fillFirstPage();
    const second = `?limit=2&cursor=${(await page()).nextCursor}`;
    expect((await page(second)).items).toHaveLength(1);
    const reads = jest.spyOn(t.store.queue, 'listQueueItems');
    const [late] = (await ingest(buildClassified({ createdAt: '2026-11-20T09:00:00.000Z' }, { urgency: 'high' }))).inserted;
    await page();
    expect((await page(second)).items.map((i) => i.id)).toContain(late.id);
    expect(reads).toHaveBeenCalledTimes(1);
  });

  it("shows another process's commit within a second", async () => {
    await fillFirstPage();
    expect((await page('')).items).toHaveLength(3);
    const other = createSqliteStores(path.join(t.dir, 'rasid.db'), { instanceLock: false });
    await other.mentions.ingestBatch('replay', [buildClassified({ externalId: 'from-elsewhere' })], null);
    await other.close();
    const deadline = Date.now() + ALL_WITHIN_MS + 250;
    let items = (await page('')).items;
    while (items.length < 4 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      items = (await page('')).items;
    }
    expect(items).toHaveLength(4);
  });
});
