/**
 * What the rss channel reports per feed for the channels page (`info.feeds`): the feed's configured
 * name, and when it last answered (kept in the cursor, so a feed failing now still says when it last
 * worked).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRssChannel } from '../../channels/rss';
import { startRssServer, type RssServer } from '../fakes/rss-server';
import { testContext } from '../fixtures/instagram/poll-context';

const T1 = new Date('2026-11-30T10:00:00Z');
const T2 = new Date('2026-11-30T10:15:00Z');

let site: RssServer;
beforeEach(async () => {
  site = await startRssServer();
});
afterEach(() => site.close());

it("reports each feed's name and last success, and keeps the last success of a feed that now fails", async () => {
  site.routes.set('/a.rss', { body: readFileSync(path.join(__dirname, '../fixtures/rss/akhbar-utf8.xml')), etag: '"v1"' });
  site.routes.set('/b.rss', { body: readFileSync(path.join(__dirname, '../fixtures/rss/gdn-bom.xml')) });
  const channel = createRssChannel({ feeds: [{ name: 'أخبار الخليج', url: `${site.url('/a.rss')}?apikey=K1` }, { url: site.url('/b.rss') }], terms: ['الأشغال'] });
  const a = `${site.url('/a.rss')}?apikey=***`;
  const b = site.url('/b.rss');

  const first = await channel.poll(null, testContext(T1));
  expect(first.info).toEqual({
    failedFeeds: 0,
    feeds: {
      [a]: expect.objectContaining({ name: 'أخبار الخليج', status: 'changed', lastSuccessAt: T1.toISOString() }),
      [b]: expect.objectContaining({ status: 'changed', lastSuccessAt: T1.toISOString() }),
    },
  });
  expect(first.info?.feeds).not.toHaveProperty([b, 'name']);

  site.routes.set('/b.rss', { body: '', status: 500 });
  const second = await channel.poll(first.cursor, testContext(T2));
  expect(second.info).toEqual({
    failedFeeds: 1,
    feeds: {
      // 304: it answered, nothing new.
      [a]: { name: 'أخبار الخليج', status: 'unchanged', lastSuccessAt: T2.toISOString() },
      [b]: { status: 'failed', error: `feed ${b}: HTTP 500`, reason: 'server_error', lastSuccessAt: T1.toISOString() },
    },
  });
});
