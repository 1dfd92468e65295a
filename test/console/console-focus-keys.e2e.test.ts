/**
 * Keyboard focus, Escape, a long handle and a second tab, in a real headless Chromium against the
 * real service (demo data):
 * - the focus never falls to the document after an action: signing in (a line saying who signed in),
 *   Claim (to «إلغاء الاستلام», and back), a chip menu's choice (the chip), a mark confirmed with
 *   its reason (the message saying what happened), Cancel or Escape in a confirmation (the button
 *   that opened it), the browser's Back from a post (the post's card);
 * - Escape closes an open confirmation (a mark's reason, the case page's «تمت المعالجة») without
 *   leaving the post, while elsewhere in the post it still means «back to the list»;
 * - a 50-character handle neither scrolls a phone's queue sideways nor squeezes the name;
 * - a second tab of the same agent keeps working after the agent signed out and in again in the
 *   first (its CSRF token is fetched again once); signed in as someone else, it says to reload.
 */
import type { BrowserContext, Page } from 'playwright-core';
import type { Mention } from '../../src/domain';
import { buildClassified } from '../support/builders';
import { screenshot, watchErrors } from './browser';
import { createAccount, demoConsole, freePosts, openCaseAt, signInAt, waitFor, type Account } from './console-kit';

jest.setTimeout(240_000);

const demo = demoConsole('console-focus-keys');
const api = demo.api;


let agent: Account;
let colleague: Account;

const account = (name: string, role: string, trainee = false) => createAccount(demo, name, role, trainee);

beforeAll(async () => {
  await demo.server.services.demo?.ready;
  agent = await account('ريم العاملة', 'agent');
  colleague = await account('منى الزميلة', 'agent');
});

const freePost = freePosts(demo);

const focused = (page: Page) =>
  page.evaluate(() => {
    const a = document.activeElement as HTMLElement | null;
    return {
      tag: a?.tagName.toLowerCase(),
      id: a?.id || undefined,
      testId: a?.getAttribute('data-testid') ?? undefined,
      focus: a?.getAttribute('data-focus') ?? undefined,
      mentionId: a?.getAttribute('data-mention-id') ?? undefined,
      text: a?.textContent?.trim(),
    };
  });

async function waitForFocus(page: Page, what: string, test: (f: Awaited<ReturnType<typeof focused>>) => boolean | undefined): Promise<void> {
  await waitFor(what, async () => test(await focused(page)), 10_000).catch(async (err) => {
    throw new Error(`${(err as Error).message}; the focus is on ${JSON.stringify(await focused(page))}`);
  });
}

describe('web console: focus and Escape', () => {
  it('keeps the focus on something after signing in, claiming, correcting, marking and the browser\'s Back', async () => {
    const ctx = await demo.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await signInAt(demo.url, ctx, agent.token);
    const errors = watchErrors(page);
    // Signed in: the focus on a line at the top saying who signed in (for screen readers), not the
    // document; the next Tab is the skip link, as on a page just opened.
    await waitForFocus(page, 'the «signed in» line focused after sign-in', (f) => f.id === 'signed-in-note' && f.text === `سجّلت الدخول باسم ${agent.name}.`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toContain('skip-link');

    const post = await freePost();
    await page.goto(`${demo.url}/#/queue?m=${post.id}`);
    const detail = page.getByTestId('mention-detail');
    const claim = detail.getByRole('button', { name: 'استلام', exact: true });
    await claim.focus();
    await page.keyboard.press('Enter');
    await detail.getByTestId('claim-state').waitFor();
    // Claim became «إلغاء الاستلام»: the focus is there.
    await waitForFocus(page, 'the focus on «إلغاء الاستلام»', (f) => f.focus === 'release' && f.text === 'إلغاء الاستلام');
    await screenshot(page, 'focus-after-claim-ar');
    // ... and releasing gives it back to Claim.
    await page.keyboard.press('Enter');
    await waitForFocus(page, 'the focus back on «استلام»', (f) => f.focus === 'claim');
    await page.keyboard.press('Enter');
    await waitForFocus(page, 'the focus on «إلغاء الاستلام» again', (f) => f.focus === 'release');

    // The domain chip's menu, by keyboard: the chip has the focus once the choice is saved.
    const chip = detail.getByTestId('domain-chip');
    await chip.focus();
    await page.keyboard.press('ArrowDown');
    await detail.getByTestId('domain-menu').waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await detail.getByTestId('correction-info').waitFor();
    await waitFor('the chip enabled again', async () => !(await chip.isDisabled()));
    await waitForFocus(page, 'the focus back on the domain chip', (f) => f.testId === 'domain-chip');

    // A mark's reason open: Escape closes it, gives the focus back to its button and stays on the post
    // (on a desk, the queue's Escape would have put the focus on the post's card).
    const noAction = detail.getByRole('button', { name: 'لا يتطلب إجراء', exact: true });
    await noAction.focus();
    await page.keyboard.press('Enter');
    await page.locator('#mark-reason').waitFor();
    // The reason is what comes next: the keyboard is in its field, not left on the mark's button.
    await waitForFocus(page, 'the focus in the reason field', (f) => f.id === 'mark-reason');
    await page.keyboard.press('Escape');
    expect(await page.locator('#mark-reason').count()).toBe(0);
    await waitForFocus(page, 'the focus back on «لا يتطلب إجراء»', (f) => f.text === 'لا يتطلب إجراء');
    expect(await noAction.getAttribute('aria-pressed')).toBe('false');
    // From the reason field too.
    await page.keyboard.press('Enter');
    await page.locator('#mark-reason').focus();
    await page.keyboard.press('Escape');
    expect(await page.locator('#mark-reason').count()).toBe(0);
    await waitForFocus(page, 'the focus back on «لا يتطلب إجراء» (from the field)', (f) => f.text === 'لا يتطلب إجراء');
    expect(page.url()).toContain(`m=${post.id}`);

    // Confirmed with a reason: the mark's controls are gone; the focus is on the message saying what happened.
    await page.keyboard.press('Enter');
    await page.fill('#mark-reason', 'استفسار عام أُجيب عنه في منشور آخر');
    await page.locator('#mark-reason').press('Enter');
    await detail.getByTestId('marked-closed').waitFor();
    await waitForFocus(page, 'the focus on the result message', (f) => f.testId === 'action-notice' && !!f.text?.includes('لا يتطلب إجراء'));
    await screenshot(page, 'focus-after-mark-ar');

    // Escape elsewhere in the post still means «back to the list» (on a desk: the post's card, or,
    // the post marked and so no longer listed among those waiting, the list's heading).
    await page.locator('#mention-heading').focus();
    await page.keyboard.press('Escape');
    await waitForFocus(page, 'the list heading focused by Escape', (f) => f.id === 'queue-title');
    expect(await page.locator(`.mention-list [data-mention-id="${post.id}"]`).count()).toBe(0);

    // The browser's Back from a post opened by keyboard: the focus goes to that post's card.
    await page.goto(`${demo.url}/#/queue`);
    const card = page.locator('.mention-card').nth(1);
    await card.waitFor();
    const cardId = (await card.getAttribute('data-mention-id')) as string;
    await card.focus();
    await page.keyboard.press('Enter');
    await waitForFocus(page, 'the heading of the post opened', (f) => f.id === 'mention-heading');
    await page.goBack();
    await waitFor('the post closed', async () => (await page.getByTestId('mention-detail').count()) === 0);
    await waitForFocus(page, 'the card of the post just left', (f) => f.mentionId === cardId);
    await screenshot(page, 'focus-after-back-ar');
    expect(errors).toEqual([]);
    await ctx.close();

    // On a phone, where the post replaces the list.
    const phone = await demo.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const small = await signInAt(demo.url, phone, agent.token);
    const smallCard = small.locator(`.mention-card[data-mention-id="${cardId}"]`);
    await smallCard.focus();
    await small.keyboard.press('Enter');
    await waitForFocus(small, 'the heading (phone)', (f) => f.id === 'mention-heading');
    await small.goBack();
    await waitForFocus(small, 'the card of the post just left (phone)', (f) => f.mentionId === cardId);
    expect(await small.locator('.queue-pane').isVisible()).toBe(true);
    await phone.close();
  });

  it('closes a confirmation with Escape or Cancel and gives the focus back to the button that opened it', async () => {
    const cases = await api<{ items: { number: string }[] }>(demo.admin, 'GET', '/api/cases?status=in_progress&limit=50');
    const number = cases.body.items[0]?.number;
    if (!number) throw new Error('the demo data has no case in progress');
    const ctx = await demo.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await signInAt(demo.url, ctx, demo.admin);
    const errors = watchErrors(page);
    await openCaseAt(demo.url, page, number);
    const opener = page.getByTestId('case-to-resolved');
    await opener.focus();
    await page.keyboard.press('Enter');
    const confirm = page.getByTestId('case-to-resolved-confirm');
    await confirm.waitFor();
    await waitForFocus(page, 'the focus on Cancel', (f) => f.testId === 'case-to-resolved-cancel');
    await confirm.scrollIntoViewIfNeeded();
    await screenshot(page, 'confirm-open-ar');

    // Escape: closed, nothing moved, the focus on «تمت المعالجة» again.
    await page.keyboard.press('Escape');
    expect(await confirm.count()).toBe(0);
    await waitForFocus(page, 'the focus back on the opener (Escape)', (f) => f.testId === 'case-to-resolved');
    // Escape from the confirm button too.
    await page.keyboard.press('Enter');
    await confirm.focus();
    await page.keyboard.press('Escape');
    expect(await confirm.count()).toBe(0);
    await waitForFocus(page, 'the focus back on the opener (Escape from confirm)', (f) => f.testId === 'case-to-resolved');
    // Cancel, clicked.
    await page.keyboard.press('Enter');
    await page.getByTestId('case-to-resolved-cancel').click();
    expect(await confirm.count()).toBe(0);
    await waitForFocus(page, 'the focus back on the opener (Cancel)', (f) => f.testId === 'case-to-resolved');
    expect((await api<{ status: string }>(demo.admin, 'GET', `/api/cases/${number}`)).body.status).toBe('in_progress');
    expect(errors).toEqual([]);
    await ctx.close();
  });
});

describe('web console: a long handle', () => {
  it('wraps a 50-character handle on a phone: no sideways scroll, the name keeps its width', async () => {
    // Wide letters: wider than a phone's card, so it must wrap (or it would push the page sideways).
    const handle = 'WWW_MMM_a_very_long_HANDLE_WITHOUT_any_spaces_0123';
    expect(handle).toHaveLength(50);
    const word = 'زلزقحطب';
    await demo.server.services.store.mentions.ingestBatch(
      'replay',
      [buildClassified({ author: { id: 'long-handle-author', handle, name: 'محمد عبدالله الكبير', followers: 12 }, text: `حفرة ${word} في شارع 12 مجمع 338`, createdAt: new Date().toISOString() }, { urgency: 'high' })],
      null,
    );
    const ctx = await demo.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await signInAt(demo.url, ctx, agent.token);
    const errors = watchErrors(page);
    await page.goto(`${demo.url}/#/queue?q=${encodeURIComponent(word)}`);
    const card = page.locator('.mention-card', { hasText: handle });
    await card.waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // The name on one line (not a word per line), the handle whole (wrapped, not cut).
    const name = card.locator('.author-name');
    const lines = await name.evaluate((el) => {
      const r = document.createRange();
      r.selectNodeContents(el);
      return new Set(Array.from(r.getClientRects()).map((b) => Math.round(b.top))).size;
    });
    expect(lines).toBe(1);
    expect(await card.locator('.handle').innerText()).toBe(`@${handle}`);
    const cardBox = (await card.boundingBox())!;
    const handleBox = (await card.locator('.handle').boundingBox())!;
    expect(handleBox.x).toBeGreaterThanOrEqual(cardBox.x - 0.5);
    expect(handleBox.x + handleBox.width).toBeLessThanOrEqual(cardBox.x + cardBox.width + 0.5);
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'queue-long-handle-phone-ar');

    // The post open: its heading does not push the page sideways either.
    await card.click();
    await page.getByTestId('mention-detail').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'mention-long-handle-phone-ar');
    expect(errors).toEqual([]);
    await ctx.close();
  });
});

describe('web console: a second tab', () => {
  /** Holds the second tab's reads while the first signs out and in (a read then would sign it out, as it should). */
  async function quiet(page: Page): Promise<() => Promise<void>> {
    const pattern = '**/api/**';
    await page.route(pattern, (route) =>
      route.request().method() === 'GET' ? route.fulfill({ status: 503, contentType: 'application/json', body: '{"error":{"code":"not_ready","message":"paused by the test"}}' }) : route.continue(),
    );
    return () => page.unroute(pattern);
  }

  async function signOutAndIn(first: Page, token: string): Promise<void> {
    await first.getByTestId('sign-out').click();
    // Signed out, the focus is on the token field (the page it was in is gone).
    await waitForFocus(first, 'the token field focused after signing out', (f) => f.id === 'token');
    await first.getByLabel(/رمز الدخول/).first().fill(token);
    await first.getByRole('button', { name: 'دخول' }).click();
    await first.getByRole('navigation', { name: 'القائمة الرئيسية' }).waitFor();
  }

  async function twoTabs(): Promise<{ ctx: BrowserContext; first: Page; second: Page }> {
    const ctx = await demo.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const first = await signInAt(demo.url, ctx, agent.token);
    const second = await ctx.newPage();
    await second.goto(`${demo.url}/`);
    await second.getByRole('navigation', { name: 'القائمة الرئيسية' }).waitFor();
    return { ctx, first, second };
  }

  it('keeps working after the agent signed out and in again in the first tab', async () => {
    const post = await freePost();
    const { ctx, first, second } = await twoTabs();
    const errors = watchErrors(second);
    await second.goto(`${demo.url}/#/queue?m=${post.id}`);
    const detail = second.getByTestId('mention-detail');
    await detail.getByRole('button', { name: 'استلام', exact: true }).waitFor();

    const resume = await quiet(second);
    await signOutAndIn(first, agent.token);
    await resume();

    const calls: string[] = [];
    second.on('response', (r) => {
      if (r.url().includes('/api/')) calls.push(`${r.request().method()} ${new URL(r.url()).pathname} ${r.status()}`);
    });
    await detail.getByRole('button', { name: 'استلام', exact: true }).click();
    await detail.getByTestId('claim-state').waitFor();
    expect(await second.getByText('انتهت صلاحية هذه الصفحة').count()).toBe(0);
    expect(calls).toEqual(expect.arrayContaining([`POST /api/mentions/${post.id}/claim 403`, 'GET /api/session 200', `POST /api/mentions/${post.id}/claim 200`]));
    expect((await api<Mention>(demo.admin, 'GET', `/api/mentions/${post.id}`)).body.claim?.by).toBe(agent.id);
    // The new token is kept: the next change goes through at once.
    calls.length = 0;
    await detail.getByRole('button', { name: 'إلغاء الاستلام', exact: true }).click();
    await detail.getByRole('button', { name: 'استلام', exact: true }).waitFor();
    expect(calls.filter((c) => c.includes('403'))).toEqual([]);
    await screenshot(second, 'second-tab-after-sign-in-again-ar');
    // The refused first try is the only error the page reports.
    expect(errors.filter((e) => !e.includes('403'))).toEqual([]);
    await ctx.close();
  });

  it('does not act in the name of someone else signed in since in the first tab: it says to reload', async () => {
    const post = await freePost();
    const { ctx, first, second } = await twoTabs();
    await second.goto(`${demo.url}/#/queue?m=${post.id}`);
    const detail = second.getByTestId('mention-detail');
    await detail.getByRole('button', { name: 'استلام', exact: true }).waitFor();

    const resume = await quiet(second);
    await signOutAndIn(first, colleague.token);
    await resume();

    await detail.getByRole('button', { name: 'استلام', exact: true }).click();
    await second.getByText('انتهت صلاحية هذه الصفحة. حدّثها ثم أعد المحاولة.').waitFor();
    expect((await api<Mention>(demo.admin, 'GET', `/api/mentions/${post.id}`)).body.claim).toBeFalsy();
    await screenshot(second, 'second-tab-other-user-ar');
    await ctx.close();
  });
});
