/**
 * The console says when the service cannot be reached, wherever the agent is, in a real headless
 * Chromium against the real service (demo data): on a phone (390×844, the queue pane hidden under
 * an open post) the service is stopped under a claimed post with a draft, and a band under the top
 * bar says so, in view while the agent is down at the composer; once the service is started again
 * on the same port (same data folder, so the session and the claim survive) the band goes by
 * itself, and the draft is still there.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import type { Mention } from '../../src/domain';
import { startServer, type RunningServer } from '../../src/server';
import { makeTempDir } from '../support/temp-dir';
import { launchChromium, screenshot } from './browser';
import { apiAt, signInAt, waitFor } from './console-kit';

jest.setTimeout(180_000);

const dataDir = makeTempDir('rasid-console-connection-');
const env = { HOST: '127.0.0.1', DATA_DIR: dataDir.dir, DEMO: 'true', LOG_LEVEL: 'silent' };
let server: RunningServer;
let url = '';
let admin = '';
let browser: Browser;
const api = apiAt(() => url);

beforeAll(async () => {
  server = await startServer({ ...env, PORT: '0' });
  url = `http://127.0.0.1:${server.address.port}`;
  admin = fs.readFileSync(path.join(dataDir.dir, 'initial-admin-token'), 'utf8').trim();
  browser = await launchChromium();
  await server.services.demo?.ready;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  dataDir.remove();
});

async function freePost(): Promise<Mention> {
  return waitFor('a free waiting demo post', async () => {
    const page = await api<{ items: Mention[] }>(admin, 'GET', '/api/queue?status=needs_reply&channel=x&limit=200');
    return (page.body.items ?? []).find((x) => x.replyable !== false && x.kind !== 'news' && !x.claim);
  });
}

it('says the server cannot be reached, in view under an open post on a phone, and stops saying it once the server is back', async () => {
  const r = await api<{ user: { id: string }; token: string }>(admin, 'POST', '/api/users', { name: 'هدى العاملة', role: 'agent' });
  expect(r.status).toBe(201);
  const agent = r.body;
  const post = await freePost();

  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await signInAt(url, ctx, agent.token);
  await page.goto(`${url}/#/queue?m=${post.id}`);
  const detail = page.getByTestId('mention-detail');
  await detail.getByRole('button', { name: 'استلام', exact: true }).click();
  await detail.getByTestId('claim-state').waitFor();
  const draft = 'نعتذر عن التأخير، نتابع البلاغ مع الفريق المختص.';
  await page.fill('#reply-text', draft);
  expect(await page.locator('.queue-pane').isVisible()).toBe(false);
  const banner = page.getByTestId('connection-banner');
  expect(await banner.count()).toBe(0);
  // The same agent on a desk, the queue beside the post.
  const deskCtx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const desk = await signInAt(url, deskCtx, agent.token);
  await desk.goto(`${url}/#/queue?m=${post.id}`);
  await desk.getByTestId('claim-state').waitFor();

  // The service goes away under the open post (its next look at the server fails on the network).
  const port = server.address.port;
  await server.stop();
  await banner.waitFor({ timeout: 30_000 });
  expect(await banner.innerText()).toBe('تعذّر الاتصال بالخادم؛ تُعاد المحاولة تلقائيًا. ما كتبته محفوظ.');
  expect(await page.getByTestId('connection-status').getAttribute('role')).toBe('status');
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'connection-lost-phone-top-ar');
  // In view where the agent is working: down at the composer, the band is still on screen.
  await page.locator('#reply-text').scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollBy(0, 400));
  const box = await banner.boundingBox();
  expect(box).not.toBeNull();
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height).toBeLessThanOrEqual(844);
  expect(box!.width).toBeGreaterThan(300);
  expect(await page.inputValue('#reply-text')).toBe(draft);
  await screenshot(page, 'connection-lost-phone-ar');
  // On the desk: under the top bar, the queue's two panes still fill the window below it (no page scroll).
  const deskBanner = desk.getByTestId('connection-banner');
  await deskBanner.waitFor({ timeout: 30_000 });
  const top = (await desk.locator('.topbar').boundingBox())!;
  const band = (await deskBanner.boundingBox())!;
  expect(Math.abs(band.y - (top.y + top.height))).toBeLessThanOrEqual(1);
  expect(await desk.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(900);
  await screenshot(desk, 'connection-lost-desk-ar');

  // Back on the same port, with the same data: the band goes by itself (no click), the draft stays.
  server = await startServer({ ...env, PORT: String(port) });
  await waitFor('the banner gone', async () => (await banner.count()) === 0, 30_000);
  expect(await page.inputValue('#reply-text')).toBe(draft);
  await waitFor('the claim shown again', async () => (await detail.getByTestId('claim-state').count()) > 0, 20_000);
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'connection-back-phone-ar');
  await waitFor('the banner gone on the desk', async () => (await desk.getByTestId('connection-banner').count()) === 0, 30_000);
  await ctx.close();
  await deskCtx.close();
});

it('says on the open post that it could not be refreshed when the server refuses (not the network), and stops once it can', async () => {
  const r = await api<{ user: { id: string }; token: string }>(admin, 'POST', '/api/users', { name: 'سارة العاملة', role: 'agent' });
  const post = await freePost();
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await signInAt(url, ctx, r.body.token);
  await page.goto(`${url}/#/queue?m=${post.id}`);
  const detail = page.getByTestId('mention-detail');
  await detail.getByRole('button', { name: 'استلام', exact: true }).waitFor();
  // The post's next reading fails on the server's side.
  const route = `**/api/mentions/${post.id}`;
  await page.route(route, (rt) => rt.fulfill({ status: 500, contentType: 'application/json', body: '{"error":{"code":"internal_error","message":"boom"}}' }));
  await page.evaluate(() => window.dispatchEvent(new Event('focus'))); // a refresh now, not in 15 s
  const stale = detail.getByTestId('mention-stale');
  await stale.waitFor({ timeout: 20_000 });
  expect(await stale.innerText()).toContain('تعذّر تحديث المنشور، فقد لا يكون ما تراه هنا آخر حاله');
  // The post is still shown, and the network band is not (the server answered).
  expect(await detail.locator('#mention-heading').count()).toBe(1);
  expect(await page.getByTestId('connection-banner').count()).toBe(0);
  await screenshot(page, 'mention-refresh-failed-ar');
  await page.unroute(route);
  await page.evaluate(() => window.dispatchEvent(new Event('focus')));
  await waitFor('the notice gone', async () => (await stale.count()) === 0, 20_000);
  await ctx.close();
});
