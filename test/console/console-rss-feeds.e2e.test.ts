/**
 * The news channel's feeds on the channels page, in a real headless Chromium against the real
 * service polling a local news site (test/fakes/rss-server.ts): one good Arabic feed, and one
 * address that answers a web page. The channel stays «ok» (the good feed still brings news), so
 * the card must list its feeds, say which one fails and why, and not look all fine. When every
 * feed then fails, the list says how each fared is not known, and shows only what still holds.
 * Screenshots to test-artifacts/console/ for a look.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startRssServer, type RssServer } from '../fakes/rss-server';
import { screenshot, watchErrors } from './browser';
import { demoConsole, signInAt, waitFor } from './console-kit';

jest.setTimeout(120_000);

interface RssItem {
  name: string;
  state: { lastSuccessAt?: string; lastError?: { message: string }; info?: { failedFeeds?: number; feeds?: Record<string, { status: string }> } };
}

let site: RssServer;
// Filled in before the service starts: demoConsole's beforeAll (registered after this one) reads it then.
const env: Record<string, string> = { DEMO: 'false', RSS_SCHEDULE: '*/2 * * * * *' };
beforeAll(async () => {
  site = await startRssServer();
  site.routes.set('/feed.xml', { body: readFileSync(path.join(__dirname, '../fixtures/rss/akhbar-utf8.xml')) });
  site.routes.set('/html', { body: '<!doctype html><html><body><h1>أخبار</h1></body></html>', contentType: 'text/html; charset=utf-8' });
  env.RSS_FEEDS = `أخبار الخليج|${site.url('/feed.xml')}?apikey=FeedKeySecret;${site.url('/html')}?key=HtmlKeySecret`;
});
const demo = demoConsole('console-rss-feeds', env);
afterAll(() => site?.close());

const rssItem = async () => (await demo.api<{ items: RssItem[] }>(demo.admin, 'GET', '/api/channels')).body.items.find((i) => i.name === 'rss');

it("lists the news channel's feeds with their status, says which fail, and that the channel works only in part", async () => {
  await waitFor('a first news poll with the web page failing', async () => (await rssItem())?.state.info?.failedFeeds === 1);
  const ctx = await demo.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await signInAt(demo.url, ctx, demo.admin);
  const errors = watchErrors(page);
  await page.goto(`${demo.url}/#/channels`);
  const card = page.locator('[data-channel="rss"]');
  await card.getByTestId('rss-feeds').waitFor();

  // Not «تعمل» as if every source were fine.
  expect(await card.locator('.channel-head .badge').innerText()).toBe('تعمل جزئيًا');
  expect(await card.getByTestId('rss-feeds-failing').innerText()).toBe('مصادر لا تعمل: 1 من 2؛ لا تصل أخبارها حتى تُصلح.');

  const feeds = card.getByTestId('rss-feed');
  expect(await feeds.count()).toBe(2);
  const good = feeds.nth(0);
  expect(await good.getAttribute('data-status')).toBe('changed');
  expect(await good.locator('strong').innerText()).toBe('أخبار الخليج');
  expect(await good.locator('.feed-url').innerText()).toBe(`${site.url('/feed.xml')}?apikey=***`);
  expect(await good.locator('.badge').innerText()).toBe('يعمل');
  expect(await good.innerText()).toMatch(/آخر نجاح: .+/);

  // No name given: the feed is its address, left to right, its key masked.
  const html = feeds.nth(1);
  expect(await html.getAttribute('data-status')).toBe('failed');
  const url = html.locator('.feed-head code');
  expect(await url.innerText()).toBe(`${site.url('/html')}?key=***`);
  expect(await url.getAttribute('dir')).toBe('ltr');
  expect(await html.locator('.badge').innerText()).toBe('لا يعمل');
  expect(await html.innerText()).toContain('لم يُسجَّل له نجاح بعد');
  expect(await html.getByTestId('rss-feed-error').innerText()).toContain(`feed ${site.url('/html')}?key=***`);
  // Said in words first: a web page where a feed should be is a setup mistake to correct.
  expect(await html.getByTestId('rss-feed-reason').innerText()).toBe('الرابط لا يعيد خلاصة RSS أو Atom (صفحة ويب على الأرجح): صحّح الرابط في RSS_FEEDS.');
  expect(await card.innerText()).not.toMatch(/FeedKeySecret|HtmlKeySecret/);

  await card.scrollIntoViewIfNeeded();
  await screenshot(page, 'channels-rss-feeds');

  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Channel health' }).waitFor();
  expect(await card.getByTestId('rss-feeds-failing').innerText()).toBe('Feeds not working: 1 of 2; their news does not arrive until they are fixed.');
  expect(await html.locator('.badge').innerText()).toBe('Not working');
  await page.getByRole('button', { name: 'العربية' }).click();
  expect(errors).toEqual([]);
  await ctx.close();
});

it('when every feed fails, shows each as failing (the poll\'s own states, not the last success\'s), and the error in words', async () => {
  site.routes.set('/feed.xml', { body: '', status: 500 });
  await waitFor('a news poll where every feed failed', async () => (await rssItem())?.state.lastError);
  const ctx = await demo.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await signInAt(demo.url, ctx, demo.admin);
  const errors = watchErrors(page);
  await page.goto(`${demo.url}/#/channels`);
  const card = page.locator('[data-channel="rss"]');
  await card.getByTestId('rss-feeds-failing').waitFor();
  expect(await card.getByTestId('rss-feeds-failing').innerText()).toContain('2 من 2');
  // The feed now answering 500 reads «لا يعمل», not the «unchanged» of its last success, which it still names.
  expect(await card.getByTestId('rss-feed').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))).toEqual(['failed', 'failed']);
  expect(await card.getByTestId('rss-feed').nth(0).innerText()).toMatch(/آخر نجاح: .+/);
  expect(await card.locator('.channel-head .badge').innerText()).toBe('أخطاء متكررة');
  // The first failure, its kind in words; the service's message as it wrote it.
  const error = card.getByTestId('channel-error');
  expect(await error.innerText()).toContain('عطل مؤقت في الشبكة أو الخادم؛ تُعاد المحاولة تلقائيًا');
  expect(await card.getByTestId('channel-error-message').innerText()).toBe(`feed ${site.url('/feed.xml')}?apikey=***: HTTP 500`);
  await card.scrollIntoViewIfNeeded();
  await screenshot(page, 'channels-rss-feeds-stale');
  expect(errors).toEqual([]);
  await ctx.close();
});
