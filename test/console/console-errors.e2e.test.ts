/**
 * What the console says when something is refused or missing, and what the queue's heading and
 * cards say about what is listed, in a real headless Chromium against the real service (demo
 * data): translated refusals chosen by the API's error code (a colleague's claim, a reply already
 * approved), a 404 with a way back instead of "try again", the heading of a status filter and of
 * a search, the waiting badge only on posts that wait, and the search box following Back.
 */
import type { BrowserContext, Page } from 'playwright-core';
import type { Mention, Reply } from '../../src/domain';
import { screenshot, watchErrors } from './browser';
import { demoConsole, signInAt, waitFor } from './console-kit';

jest.setTimeout(180_000);

const demo = demoConsole('console-errors');
const api = demo.api;
let agent: { token: string; id: string };
let supervisor: { token: string; id: string };
let supervisor2: { token: string; id: string };
const contexts: BrowserContext[] = [];

async function createUser(name: string, role: string, trainee = false) {
  const r = await api<{ user: { id: string }; token: string }>(demo.admin, 'POST', '/api/users', { name, role, trainee });
  expect(r.status).toBe(201);
  return { token: r.body.token, id: r.body.user.id };
}

beforeAll(async () => {
  agent = await createUser('مريم العلي', 'agent', true);
  supervisor = await createUser('خالد المشرف', 'supervisor');
  supervisor2 = await createUser('سارة المشرفة', 'supervisor');
  await demo.server.services.demo?.ready;
  await waitFor('demo mentions in the queue', async () => (await api<{ items: unknown[] }>(demo.admin, 'GET', '/api/queue?limit=1')).body.items?.length);
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
});

async function open(token: string, hash?: string): Promise<{ page: Page; errors: string[] }> {
  const context = await demo.browser.newContext({ viewport: { width: 1280, height: 860 } });
  contexts.push(context);
  const page = await signInAt(demo.url, context, token);
  const errors = watchErrors(page);
  if (hash) await go(page, hash);
  return { page, errors };
}

async function go(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => {
    location.hash = h;
  }, hash);
  await page.waitForFunction((h) => location.hash === h, hash);
}

/** The browser reports refused requests (404, 409) as console errors; anything else is a bug. */
const unexpected = (errors: string[]) => errors.filter((e) => !/Failed to load resource: the server responded with a status of (404|409)/.test(e));

/** A waiting, unclaimed, replyable post nobody else in these tests uses. */
async function pickFreeMention(taken: Set<string>): Promise<Mention> {
  const m = await waitFor('a free mention', async () => {
    const q = await api<{ items: Mention[] }>(demo.admin, 'GET', '/api/queue?assignee=none&limit=200&view=full');
    return q.body.items?.find((x) => !taken.has(x.id) && x.network === 'x' && x.replyable !== false && x.kind !== 'news');
  });
  taken.add(m.id);
  return m;
}

const taken = new Set<string>();

describe('console errors and the queue heading', () => {
  it('lists replied posts as replied: the heading counts them, and no card says it is waiting', async () => {
    const replied = await waitFor('replied demo posts', async () => {
      const r = await api<{ items: Mention[]; counts: { total: number } }>(demo.admin, 'GET', '/api/queue?status=replied&limit=1');
      return r.body.counts?.total ? r.body.counts.total : undefined;
    });
    const { page, errors } = await open(supervisor.token, '#/queue?status=replied');
    const heading = page.getByTestId('queue-total');
    await waitFor('the replied heading', async () => ((await heading.count()) ? ((await heading.textContent()) ?? '').includes('«تم الرد»') : false));
    const text = (await heading.textContent()) as string;
    expect(text).toContain(String(replied));
    expect(text).not.toContain('بانتظار الرد');
    await page.locator('.mention-card').first().waitFor();
    const cards = await page.locator('.mention-card').count();
    expect(cards).toBeGreaterThan(0);
    expect(await page.locator('.mention-card [class*="badge-sla-"]').count()).toBe(0);
    expect(await page.locator('.mention-card .badge-status-replied').count()).toBe(cards);
    expect(await page.locator('.mention-card .badge-status-replied').first().textContent()).toBe('تم الرد');
    await screenshot(page, 'errors-queue-replied-ar');

    // In English too.
    await page.locator('.lang-toggle').click();
    await waitFor('the English heading', async () => ((await heading.textContent()) ?? '').includes(`${replied} posts with status “Replied”`));
    expect(await page.locator('.mention-card .badge-status-replied').first().textContent()).toBe('Replied');
    await screenshot(page, 'errors-queue-replied-en');
    await page.locator('.lang-toggle').click();

    // The waiting list keeps its waiting badges and its heading.
    await go(page, '#/queue');
    await waitFor('the waiting heading', async () => ((await heading.textContent()) ?? '').includes('بانتظار الرد'));
    await waitFor('waiting badges', async () => (await page.locator('.mention-card .badge-sla-ok, .mention-card .badge-sla-soon, .mention-card .badge-sla-late').count()) > 0);
    expect(await page.locator('.mention-card [class*="badge-status-"]').count()).toBe(0);
    expect(unexpected(errors)).toEqual([]);
  });

  it('says when a search matches nothing, and the search box follows Back and Forward', async () => {
    const { page, errors } = await open(supervisor.token);
    const heading = page.getByTestId('queue-total');
    await page.locator('.mention-card').first().waitFor();
    const waitingText = (await heading.textContent()) as string;
    expect(waitingText).toContain('بانتظار الرد');
    // Open a post (a history entry), then search from there (the search replaces the entry).
    await page.locator('.mention-card').first().click();
    await page.waitForFunction(() => location.hash.includes('m='));
    await page.locator('#f-q').fill('لاتوجدكلمةكهذه');
    await page.waitForFunction(() => location.hash.includes('q='));
    await waitFor('the no-match heading', async () => (await heading.textContent())?.startsWith('لا توجد منشورات تطابق هذا البحث.'));
    expect(await page.locator('.queue-pane .empty').textContent()).toBe('لا توجد منشورات تطابق هذا البحث.');
    expect(await page.locator('.mention-card').count()).toBe(0);
    await screenshot(page, 'errors-search-none-ar');

    await page.goBack();
    await page.waitForFunction(() => !location.hash.includes('q='));
    await waitFor('the box emptied', async () => (await page.locator('#f-q').inputValue()) === '');
    await waitFor('the full list back', async () => (await page.locator('.mention-card').count()) > 0);
    expect(await heading.textContent()).toContain('بانتظار الرد');
    // The box stays empty: nothing puts the old search back into the URL.
    await page.waitForTimeout(800);
    expect(await page.evaluate(() => location.hash)).not.toContain('q=');
    expect(await page.locator('#f-q').inputValue()).toBe('');
    await screenshot(page, 'errors-search-back-ar');

    await page.goForward();
    await waitFor('the search back in the box', async () => (await page.locator('#f-q').inputValue()) === 'لاتوجدكلمةكهذه');
    await waitFor('the no-match heading again', async () => (await heading.textContent())?.startsWith('لا توجد منشورات تطابق هذا البحث.'));
    expect(unexpected(errors)).toEqual([]);
  });

  it('shows a missing case or post as not found, with a way back and no "try again"', async () => {
    const { page, errors } = await open(supervisor.token, '#/cases/MOW-2026-999999');
    const box = page.getByTestId('error-box');
    await box.waitFor();
    expect(await box.getByTestId('error-text').textContent()).toBe('لا يوجد بلاغ بالرقم MOW-2026-999999.');
    expect(await box.textContent()).not.toContain('not found');
    expect(await box.getByRole('button', { name: 'أعد المحاولة' }).count()).toBe(0);
    const back = box.getByTestId('error-back');
    expect(await back.textContent()).toBe('العودة إلى قائمة البلاغات');
    // The banner sits inside the page's padding, not edge to edge.
    const rect = (await box.boundingBox()) as { x: number; width: number };
    expect(rect.x).toBeGreaterThanOrEqual(12);
    expect(1280 - (rect.x + rect.width)).toBeGreaterThanOrEqual(12);
    await screenshot(page, 'errors-case-404-ar');
    await back.click();
    await page.waitForFunction(() => location.hash === '#/cases');
    await page.getByRole('heading', { name: 'البلاغات' }).waitFor();

    await go(page, '#/queue?m=nope');
    const detailBox = page.locator('.detail-pane').getByTestId('error-box');
    await detailBox.waitFor();
    expect(await detailBox.getByTestId('error-text').textContent()).toBe('لم يُعثر على هذا المنشور؛ ربما حُذف أو أن الرابط غير صحيح.');
    expect(await detailBox.getByRole('button', { name: 'أعد المحاولة' }).count()).toBe(0);
    expect(await detailBox.getByTestId('error-back').getAttribute('href')).toBe('#/queue');
    await screenshot(page, 'errors-mention-404-ar');

    // English: the same, in English.
    await page.locator('.lang-toggle').click();
    await waitFor('the English text', async () => (await detailBox.getByTestId('error-text').textContent())?.startsWith('This post was not found'));
    expect(await detailBox.getByTestId('error-back').textContent()).toBe('Back to the reply queue');
    await screenshot(page, 'errors-mention-404-en');
    expect(unexpected(errors)).toEqual([]);
  });

  it('says in Arabic who holds a mention claimed meanwhile, and shows it held', async () => {
    const m = await pickFreeMention(taken);
    const { page, errors } = await open(supervisor.token, `#/queue?m=${m.id}`);
    const detail = page.getByTestId('mention-detail');
    await detail.waitFor();
    const claim = detail.getByRole('button', { name: 'استلام', exact: true });
    await claim.waitFor();
    // The agent claims it while the supervisor's page still offers the claim.
    expect((await api(agent.token, 'POST', `/api/mentions/${m.id}/claim`)).status).toBe(200);
    await claim.click();
    const notice = detail.locator('.notice-error');
    await notice.waitFor();
    expect(await notice.textContent()).toBe('يعمل عليه مريم العلي الآن، فلا يمكنك العمل عليه حتى يُلغي استلامه.');
    // The view reloaded: it shows who holds it and no longer offers the claim.
    await waitFor('the holder shown', async () => ((await detail.getByTestId('claim-state').count()) ? (await detail.getByTestId('claim-state').textContent())?.includes('مريم العلي') : false));
    expect(await claim.count()).toBe(0);
    await screenshot(page, 'errors-claim-conflict-ar');
    expect(unexpected(errors)).toEqual([]);
  });

  it('says a reply was already approved by another supervisor, and drops it from the list', async () => {
    const m = await pickFreeMention(taken);
    expect((await api(agent.token, 'POST', `/api/mentions/${m.id}/claim`)).status).toBe(200);
    const created = await api<Reply>(agent.token, 'POST', `/api/mentions/${m.id}/replies`, { text: 'شكرًا لتواصلكم، نتابع الأمر مع الجهة المختصة.' });
    expect(created.status).toBe(201);
    expect(created.body.state).toBe('awaiting_approval');

    const { page, errors } = await open(supervisor.token, '#/approvals');
    const item = page.locator(`[data-reply-id="${created.body.id}"]`);
    await item.waitFor();
    // Another supervisor approves it first.
    expect((await api(supervisor2.token, 'POST', `/api/replies/${created.body.id}/approve`)).status).toBe(200);
    await item.getByTestId('approve').click();
    const notice = page.locator('.notice-error');
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/^تمت الموافقة على هذا الرد أو رفضه من قبل \(حالته الآن: .+\)\.$/);
    expect(await notice.textContent()).not.toMatch(/[a-z]{3,}/);
    await item.waitFor({ state: 'detached' });
    await screenshot(page, 'errors-approve-conflict-ar');
    expect(unexpected(errors)).toEqual([]);
  });
});
