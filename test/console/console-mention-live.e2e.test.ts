/**
 * The open mention stays true while an agent works on it, in a real headless Chromium against the
 * real service (demo data, a one-minute claim lease so the lease runs out within the test): the
 * claim is renewed while the agent works and the view says so when it is lost, keeping the draft;
 * the view re-reads the post on the queue's live signal (a reply's fate, a colleague's claim)
 * without losing what is typed or open and without flicker; a post opened by keyboard takes the
 * focus to its heading and gives it back to its card; the thread context shows each post's time
 * and status in time order with this post in place; the author's name is isolated in the heading.
 */
import type { BrowserContext, Page } from 'playwright-core';
import type { Mention, Reply } from '../../src/domain';
import { screenshot, watchErrors } from './browser';
import { createAccount, demoConsole, freePosts, signInAt, waitFor, type Account } from './console-kit';

jest.setTimeout(240_000);

const demo = demoConsole('console-mention-live', { CLAIM_LEASE_MINUTES: '1' });
const api = demo.api;
const LEASE_MS = 60_000;


let agent: Account;
let colleague: Account;
let trainee: Account;
let supervisor: Account;

const account = (name: string, role: string, trainee = false) => createAccount(demo, name, role, trainee);

beforeAll(async () => {
  await demo.server.services.demo?.ready;
  agent = await account('نورة العاملة', 'agent');
  colleague = await account('سلمى الزميلة', 'agent');
  trainee = await account('جاسم المتدرب', 'agent', true);
  supervisor = await account('خالد المشرف', 'supervisor');
});

const freePost = freePosts(demo);

/** The demo post whose text starts with `prefix`, in whatever status the demo left it. */
async function demoPost(prefix: string): Promise<Mention> {
  return waitFor(`the demo post «${prefix}»`, async () => {
    for (const status of ['needs_reply', 'new', 'replied', 'no_action', 'spam', 'duplicate']) {
      const page = await api<{ items?: Mention[] }>(demo.admin, 'GET', `/api/queue?status=${status}&limit=200`);
      const m = page.body.items?.find((x) => x.text.startsWith(prefix));
      if (m) return m;
    }
    return undefined;
  });
}

async function openMention(token: string, id: string, viewport = { width: 1280, height: 900 }): Promise<{ ctx: BrowserContext; page: Page; errors: string[] }> {
  const ctx = await demo.browser.newContext({ viewport });
  const page = await signInAt(demo.url, ctx, token);
  const errors = watchErrors(page);
  await page.goto(`${demo.url}/#/queue?m=${id}`);
  await page.getByTestId('mention-detail').waitFor();
  return { ctx, page, errors };
}

const claimOf = async (id: string) => (await api<Mention>(demo.admin, 'GET', `/api/mentions/${id}`)).body.claim;

/**
 * Counts, from now on, every time the detail pane drops the mention or shows «loading» again:
 * a refresh must change what changed in place, not redraw the view.
 */
async function watchFlicker(page: Page): Promise<() => Promise<number>> {
  await page.evaluate(() => {
    const w = window as unknown as { flicker: number };
    w.flicker = 0;
    const pane = document.querySelector('.detail-pane') as Element;
    new MutationObserver((records) => {
      for (const r of records) {
        for (const n of Array.from(r.addedNodes)) if (n instanceof Element && (n.matches('.loading') || n.querySelector('.loading'))) w.flicker++;
        for (const n of Array.from(r.removedNodes)) if (n instanceof Element && (n.matches('[data-testid=mention-detail]') || n.querySelector('[data-testid=mention-detail]'))) w.flicker++;
      }
    }).observe(pane, { childList: true, subtree: true });
  });
  return () => page.evaluate(() => (window as unknown as { flicker: number }).flicker);
}

describe('web console: the open mention', () => {
  it('renews the claim while the agent works, and says so, keeping the draft, when the claim is lost', async () => {
    const [kept, lost] = [await freePost(), await freePost()];
    const a = await openMention(agent.token, kept.id);
    const b = await openMention(agent.token, lost.id);
    const draft = 'شكرًا لتواصلك، نتابع البلاغ مع الفريق المختص.';

    for (const { page } of [a, b]) {
      const detail = page.getByTestId('mention-detail');
      await detail.getByRole('button', { name: 'استلام', exact: true }).click();
      await detail.getByTestId('claim-state').waitFor();
      await page.fill('#reply-text', draft);
    }
    const first = await claimOf(kept.id);
    expect(first?.by).toBe(agent.id);
    // On the second page the renewal never reaches the server (as if the laptop had been asleep):
    // the lease runs out there.
    await b.page.route(`**/api/mentions/${lost.id}/claim`, (route) => route.abort());

    // Past the lease: the first claim was renewed (and the view shows the new end) ...
    await waitFor('the claim renewed', async () => {
      const c = await claimOf(kept.id);
      return c && c.by === agent.id && Date.parse(c.until) > Date.parse(first!.until) ? c : undefined;
    }, LEASE_MS);
    await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(first!.until) - Date.now()) + 3_000));
    const renewed = (await claimOf(kept.id))!;
    expect(Date.parse(renewed.until)).toBeGreaterThan(Date.now());
    await waitFor('the new end of the claim on the page', async () => (await a.page.getByTestId('claim-state').getAttribute('data-until')) === renewed.until);
    // ... so a colleague is still told who works on it.
    const refused = await api<{ error: { code: string } }>(colleague.token, 'POST', `/api/mentions/${kept.id}/claim`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('claimed_by_other');

    // The second ran out: the view says so, and the stale «you claimed it» is gone.
    const lostNotice = b.page.getByTestId('claim-lost');
    await waitFor('the view saying the claim ran out', async () => ((await lostNotice.count()) ? (await lostNotice.textContent())?.includes('انتهت مهلة استلامك') : false), 20_000);
    expect(await b.page.getByText('استلمت المنشور، ولن يعمل عليه غيرك').count()).toBe(0);
    expect(await lostNotice.textContent()).toContain('ما كتبته في الرد باقٍ هنا');
    await lostNotice.scrollIntoViewIfNeeded();
    await screenshot(b.page, 'mention-claim-ran-out-ar');

    // A colleague takes it: the view names her, offers no Claim, and the draft is still there.
    expect((await api(colleague.token, 'POST', `/api/mentions/${lost.id}/claim`)).status).toBe(200);
    await waitFor('the view naming the new holder', async () => (await lostNotice.textContent())?.includes(`يعمل عليه الآن ${colleague.name}`), 20_000);
    const detail = b.page.getByTestId('mention-detail');
    expect(await detail.getByTestId('claim-state').textContent()).toContain(`يعمل عليه ${colleague.name}`);
    expect(await detail.getByRole('button', { name: 'استلام', exact: true }).count()).toBe(0);
    expect(await b.page.inputValue('#reply-text')).toBe(draft);
    expect(await detail.getByTestId('send-reply').isDisabled()).toBe(true);
    await lostNotice.scrollIntoViewIfNeeded();
    await screenshot(b.page, 'mention-claim-taken-ar');

    expect(a.errors).toEqual([]);
    // The aborted renewals are the only errors the second page reports.
    expect(b.errors.filter((e) => !e.includes('net::ERR_FAILED'))).toEqual([]);
    await a.ctx.close();
    await b.ctx.close();
  });

  it('re-reads the open post: a reply rejected, a colleague claiming, without losing the draft or an open menu', async () => {
    // A trainee's reply waits for a supervisor; the supervisor rejects it elsewhere.
    const answered = await freePost();
    const t = await openMention(trainee.token, answered.id);
    const detail = t.page.getByTestId('mention-detail');
    await detail.getByRole('button', { name: 'استلام', exact: true }).click();
    await detail.getByTestId('claim-state').waitFor();
    await t.page.fill('#reply-text', 'نعتذر عن الإزعاج، أُحيل بلاغك إلى الفريق المختص.');
    await detail.getByTestId('send-reply').click();
    await detail.getByTestId('composer-done').waitFor();
    await detail.getByTestId('composer-done').getByText('ردّك بانتظار موافقة المشرف', { exact: false }).waitFor();
    expect(await detail.getByTestId('reply-item').first().getAttribute('data-state')).toBe('awaiting_approval');
    // A menu open with something typed in it, when the news comes.
    await detail.getByRole('button', { name: 'مكرر', exact: true }).click();
    await t.page.fill('#mark-reason', 'نفس البلاغ السابق');
    const flicker = await watchFlicker(t.page);

    const replies = await api<{ items: Reply[] }>(supervisor.token, 'GET', `/api/replies?mentionId=${answered.id}`);
    const reply = replies.body.items.find((r) => r.state === 'awaiting_approval')!;
    expect((await api(supervisor.token, 'POST', `/api/replies/${reply.id}/reject`, { reason: 'أضف رقم البلاغ' })).status).toBe(200);
    await waitFor('the rejection shown', async () => (await detail.getByTestId('reply-item').first().getAttribute('data-state')) === 'rejected', 20_000);
    await detail.getByTestId('composer-rejected').waitFor();
    expect(await detail.getByTestId('composer-rejected').textContent()).toContain('أضف رقم البلاغ');
    expect(await t.page.inputValue('#mark-reason')).toBe('نفس البلاغ السابق');
    // «sent for approval» was true when said; it is not left standing beside the rejection.
    expect(await t.page.getByText('ردّك بانتظار موافقة المشرف', { exact: false }).count()).toBe(0);
    expect(await flicker()).toBe(0);
    await detail.getByTestId('composer-rejected').scrollIntoViewIfNeeded();
    await screenshot(t.page, 'mention-live-rejected-ar');
    expect(t.errors).toEqual([]);
    await t.ctx.close();

    // An agent reads a free post and starts a draft; a colleague claims it meanwhile.
    const contested = await freePost();
    const a = await openMention(agent.token, contested.id);
    const view = a.page.getByTestId('mention-detail');
    await view.getByRole('button', { name: 'استلام', exact: true }).waitFor();
    await a.page.fill('#reply-text', 'مسودة قبل الاستلام');
    const flickerA = await watchFlicker(a.page);
    expect((await api(colleague.token, 'POST', `/api/mentions/${contested.id}/claim`)).status).toBe(200);
    await waitFor('the colleague shown as the holder', async () => ((await view.getByTestId('claim-state').count()) ? (await view.getByTestId('claim-state').textContent())?.includes(`يعمل عليه ${colleague.name}`) : false), 20_000);
    expect(await view.getByRole('button', { name: 'استلام', exact: true }).count()).toBe(0);
    expect(await a.page.inputValue('#reply-text')).toBe('مسودة قبل الاستلام');
    expect(await flickerA()).toBe(0);
    // Never held here, so nothing was lost: no «you no longer hold it».
    expect(await view.getByTestId('claim-lost').count()).toBe(0);
    await screenshot(a.page, 'mention-live-claimed-by-colleague-ar');
    expect(a.errors).toEqual([]);
    await a.ctx.close();
  });

  it('says nothing of a lost claim once the agent\'s own reply is sent (sending lets the claim go)', async () => {
    const post = await freePost();
    const { ctx, page, errors } = await openMention(agent.token, post.id);
    const detail = page.getByTestId('mention-detail');
    await detail.getByRole('button', { name: 'استلام', exact: true }).click();
    await detail.getByTestId('claim-state').waitFor();
    await page.fill('#reply-text', 'شكرًا لتواصلك، أُحيل بلاغك إلى الفريق المختص.');
    await detail.getByTestId('send-reply').click();
    await waitFor('the reply sent and the post answered', async () => (await api<Mention>(demo.admin, 'GET', `/api/mentions/${post.id}`)).body.status === 'replied', 60_000);
    // The view follows (live signal), and the claim the reply let go is not reported as lost.
    await waitFor('the view showing the reply sent', async () => ((await detail.textContent()) ?? '').includes('أُرسل'), 30_000);
    await new Promise((r) => setTimeout(r, 2_000));
    expect(await page.getByTestId('claim-lost').count()).toBe(0);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('takes the focus to the heading of a post opened by keyboard, and back to its card', async () => {
    const ctx = await demo.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await signInAt(demo.url, ctx, agent.token);
    const errors = watchErrors(page);
    const card = page.locator('.mention-card').nth(2);
    await card.waitFor();
    const id = (await card.getAttribute('data-mention-id')) as string;
    await card.focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('mention-detail').waitFor();
    await waitFor('the focus on the heading', async () => (await page.evaluate(() => document.activeElement?.id)) === 'mention-heading', 10_000);
    await screenshot(page, 'mention-keyboard-heading-ar');

    // A few Tabs reach the claim, not the rest of the list.
    let tabs = 0;
    while (tabs < 10 && (await page.evaluate(() => document.activeElement?.textContent)) !== 'استلام') {
      await page.keyboard.press('Tab');
      tabs++;
    }
    expect(tabs).toBeLessThanOrEqual(6);

    // Escape gives the focus back to the card the post was opened from.
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-mention-id'))).toBe(id);
    // So does the «back to the list» control, just before the heading.
    await page.keyboard.press('Enter');
    await waitFor('the focus on the heading again', async () => (await page.evaluate(() => document.activeElement?.id)) === 'mention-heading', 10_000);
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('العودة إلى القائمة');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-mention-id'))).toBe(id);
    expect(errors).toEqual([]);
    await ctx.close();

    // On a phone the post replaces the list: Escape goes back to the list, on the same card.
    const phone = await demo.browser.newContext({ viewport: { width: 390, height: 800 }, isMobile: true, hasTouch: true });
    const small = await signInAt(demo.url, phone, agent.token);
    const smallCard = small.locator(`.mention-card[data-mention-id="${id}"]`);
    await smallCard.focus();
    await small.keyboard.press('Enter');
    await waitFor('the focus on the heading (phone)', async () => (await small.evaluate(() => document.activeElement?.id)) === 'mention-heading', 10_000);
    expect(await small.locator('.queue-pane').isVisible()).toBe(false);
    await small.keyboard.press('Escape');
    await waitFor('the card focused in the list (phone)', async () => (await small.evaluate(() => document.activeElement?.getAttribute('data-mention-id'))) === id, 10_000);
    expect(await small.locator('.queue-pane').isVisible()).toBe(true);
    await phone.close();
  });

  it('shows the thread in time order with each post’s time and status and this post in place; isolates the author’s name', async () => {
    // The middle post of a three-post thread: one post before it, one after.
    const middle = await demoPost('للحين ما أحد جا');
    const { ctx, page, errors } = await openMention(agent.token, middle.id);
    const detail = page.getByTestId('mention-detail');
    const items = detail.getByTestId('thread-post');
    await items.first().waitFor();
    expect(await items.count()).toBe(3);
    const times = await items.locator('time').evaluateAll((els) => els.map((e) => e.getAttribute('datetime') as string));
    expect(times).toHaveLength(3);
    expect([...times].sort((x, y) => Date.parse(x) - Date.parse(y))).toEqual(times);
    // This post in the middle, marked, with the time the heading shows.
    expect(await items.nth(1).getAttribute('aria-current')).toBe('true');
    expect(await items.nth(1).textContent()).toContain('هذا المنشور');
    expect(times[1]).toBe(middle.createdAt);
    expect(await items.nth(1).locator('time').textContent()).toBe(await detail.locator('.detail-head time').textContent());
    for (let i = 0; i < 3; i++) {
      expect(await items.nth(i).locator('time').textContent()).toMatch(/\d{1,2}:\d{2}/);
      expect((await items.nth(i).getByTestId('thread-status').textContent())?.trim()).toBeTruthy();
    }
    expect(await items.nth(1).getByTestId('thread-status').textContent()).toBe(await detail.locator('.chip-status').textContent());
    await detail.locator('.thread').scrollIntoViewIfNeeded();
    await screenshot(page, 'mention-thread-ar');
    await ctx.close();

    // «Fatima A.» in an Arabic heading: the dot stays after the A (to its right), not before the F.
    const fatima = await demoPost('The AC units at the government services building');
    const f = await openMention(agent.token, fatima.id);
    const heading = f.page.locator('#mention-heading');
    await heading.waitFor();
    const boxes = await heading.evaluate((h) => {
      const walker = document.createTreeWalker(h, NodeFilter.SHOW_TEXT);
      const box = (node: Node, i: number) => {
        const r = document.createRange();
        r.setStart(node, i);
        r.setEnd(node, i + 1);
        return r.getBoundingClientRect();
      };
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const s = n.textContent ?? '';
        if (s.startsWith('Fatima A.')) return { a: box(n, 7).right, dot: box(n, 8).left };
      }
      throw new Error('no name');
    });
    expect(boxes.dot).toBeGreaterThanOrEqual(boxes.a - 1);
    expect(await heading.locator('bdi').first().textContent()).toBe('Fatima A.');
    await screenshot(f.page, 'mention-heading-latin-name-ar');
    expect([...errors, ...f.errors]).toEqual([]);
    await f.ctx.close();
  });
});
