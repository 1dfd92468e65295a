/**
 * The reply queue on a desktop, in a real headless Chromium against the real service (demo data):
 * the page never scrolls past its panes (a badge's hidden words once stretched the document into an
 * empty grey area), status `new` is named for what it is and has no waiting badge, a Latin author
 * name and a case number in a reply keep their direction, and the classification chip menus answer
 * the arrow keys.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { Mention } from '../../src/domain';
import { ARTIFACTS, screenshot, watchErrors } from './browser';
import { demoConsole, signInAt, waitFor } from './console-kit';

jest.setTimeout(180_000);

const demo = demoConsole('console-queue-desk');
const api = demo.api;

beforeAll(async () => {
  await demo.server.services.demo?.ready;
});

async function queue(status: string): Promise<Mention[]> {
  return (await api<{ items?: Mention[] }>(demo.admin, 'GET', `/api/queue?status=${status}&limit=200`)).body.items ?? [];
}

/** A picture of one element, beside the whole-page screenshots. */
async function shot(target: Locator, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await target.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
}

/** How far the document itself can scroll, and where the header is. */
function pageScroll(page: Page) {
  return page.evaluate(() => ({
    scrollHeight: document.scrollingElement!.scrollHeight,
    innerHeight,
    scrollY,
    headerTop: document.querySelector('.topbar')!.getBoundingClientRect().top,
  }));
}

/** Turns the mouse wheel over the middle of `pane` until well past its end. */
async function wheelThrough(page: Page, pane: Locator): Promise<void> {
  const box = (await pane.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 40; i++) await page.mouse.wheel(0, 600);
  await page.waitForTimeout(300);
}

/** The on-screen box of the `nth` occurrence of `str` in the text under `el` (one text node holds it). */
function textBox(el: Locator, str: string, nth = 0) {
  return el.evaluate(
    (root, [s, n]) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      let seen = 0;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        for (let i = text.indexOf(s as string); i >= 0; i = text.indexOf(s as string, i + 1)) {
          if (seen++ !== n) continue;
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + (s as string).length);
          const r = range.getBoundingClientRect();
          const lines = new Set(Array.from(range.getClientRects()).filter((x) => x.width > 0).map((x) => Math.round(x.top))).size;
          return { left: r.left, right: r.right, width: r.width, lines };
        }
      }
      throw new Error(`no ${s} #${n}`);
    },
    [str, nth] as [string, number],
  );
}

describe('web console: the reply queue on a desktop', () => {
  it('scrolls the queue and the post inside their panes, never the page, with the header always in view', async () => {
    const ctx = await demo.browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await signInAt(demo.url, ctx, demo.admin);
    const errors = watchErrors(page);
    const cards = page.locator('.mention-card');
    await cards.first().waitFor();
    // Every waiting card has its badge, hidden words included: the elements that stretched the page.
    await waitFor('every card of the queue', async () => (await cards.count()) >= 20);
    expect(await page.locator('.mention-card .badge .visually-hidden').count()).toBe(await cards.count());
    await cards.first().click();
    await page.getByTestId('mention-detail').waitFor();

    const before = await pageScroll(page);
    expect(before.scrollHeight).toBeLessThanOrEqual(before.innerHeight);

    const queuePane = page.locator('.queue-pane');
    await wheelThrough(page, queuePane);
    expect(await queuePane.evaluate((e) => e.scrollTop)).toBeGreaterThan(1000); // the list scrolled...
    expect(await pageScroll(page)).toMatchObject({ scrollY: 0, headerTop: 0 }); // ...the page did not
    expect(await page.getByRole('navigation', { name: 'القائمة الرئيسية' }).isVisible()).toBe(true);
    await screenshot(page, 'queue-desk-scrolled-to-end');

    const detailPane = page.locator('.detail-pane');
    await wheelThrough(page, detailPane);
    expect(await detailPane.evaluate((e) => e.scrollTop)).toBeGreaterThan(0);
    expect(await pageScroll(page)).toMatchObject({ scrollY: 0, headerTop: 0 });
    await screenshot(page, 'queue-desk-detail-scrolled-to-end');

    // Near 1024 px the links wrap to a second row and the header grows past its 64 px: still no page scroll.
    await page.setViewportSize({ width: 1024, height: 768 });
    await waitFor('the header on two rows', async () => (await page.locator('.topbar').evaluate((e) => e.getBoundingClientRect().height)) > 70);
    const narrow = await pageScroll(page);
    expect(narrow.scrollHeight).toBeLessThanOrEqual(narrow.innerHeight);
    await wheelThrough(page, queuePane);
    expect(await pageScroll(page)).toMatchObject({ scrollY: 0, headerTop: 0 });
    await screenshot(page, 'queue-desk-1024-scrolled');

    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('names status «new» for what it is, and gives those posts (news among them) no waiting badge', async () => {
    const news = await waitFor('a news item in the demo queue', async () => (await queue('new')).find((m) => m.network === 'rss'));
    const ctx = await demo.browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await signInAt(demo.url, ctx, demo.admin);
    const errors = watchErrors(page);

    // The reply queue itself: every card waits for a reply and says for how long.
    const cards = page.locator('.mention-card');
    await cards.first().waitFor();
    expect(await page.locator('.mention-card :is(.badge-sla-ok, .badge-sla-soon, .badge-sla-late)').count()).toBe(await cards.count());

    await page.goto(`${demo.url}/#/queue?status=new&m=${news.id}`);
    const card = page.locator(`.mention-card[data-mention-id="${news.id}"]`);
    await card.waitFor();
    expect(await page.locator('#f-status option:checked').textContent()).toBe('خارج قائمة الرد');
    expect(await page.getByTestId('queue-total').textContent()).toContain('بحالة «خارج قائمة الرد»');
    expect(await card.textContent()).not.toContain('ينتظر منذ');
    const badge = card.locator('.badge-status-new');
    expect(await badge.textContent()).toBe('خارج قائمة الرد');
    expect(await badge.getAttribute('title')).toContain('غير ذي صلة في تقدير المصنّف، أو لا يُرد عليه في قناته');
    // No card of that status waits for anything.
    expect(await page.locator('.mention-card :is(.badge-sla-ok, .badge-sla-soon, .badge-sla-late)').count()).toBe(0);
    expect(await page.locator('.mention-card .badge-status-new').count()).toBe(await cards.count());
    await screenshot(page, 'queue-desk-status-new-ar');

    await page.getByRole('button', { name: 'Switch the console to English' }).click();
    await waitFor('the English console', async () => (await page.locator('html').getAttribute('dir')) === 'ltr');
    expect(await page.locator('#f-status option:checked').textContent()).toBe('Not in queue');
    expect(await badge.textContent()).toBe('Not in queue');
    expect(await card.textContent()).not.toContain('Waiting');
    await screenshot(page, 'queue-desk-status-new-en');

    expect(errors).toEqual([]);
    await ctx.close();
  });

  it("keeps a Latin author name's final dot after the name, and a case number in a reply whole and left to right", async () => {
    const fatima = await waitFor('the demo post of «Fatima A.»', async () => (await queue('needs_reply')).find((m) => m.author.name === 'Fatima A.'));
    const ctx = await demo.browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await signInAt(demo.url, ctx, demo.admin);
    const errors = watchErrors(page);

    await page.goto(`${demo.url}/#/queue?m=${fatima.id}`);
    const name = page.locator(`.mention-card[data-mention-id="${fatima.id}"] .author-name`);
    await name.waitFor();
    expect(await name.evaluate((e) => [e.tagName, getComputedStyle(e).direction, getComputedStyle(e).unicodeBidi])).toEqual(['BDI', 'ltr', 'isolate']);
    // «Fatima A.», not «.Fatima A»: the dot is right of the "A".
    const a = await textBox(name, 'A');
    const dot = await textBox(name, '.');
    expect(dot.left).toBeGreaterThanOrEqual(a.right - 1);
    await shot(page.locator(`.mention-card[data-mention-id="${fatima.id}"]`), 'queue-desk-latin-author');

    // A reply naming the post's case: at no width of its paragraph does the number break at a hyphen.
    const withCase = await waitFor('a waiting demo post with a case', async () => (await queue('needs_reply')).find((m) => m.caseId && !m.claim && m.id !== fatima.id));
    const number = (await api<{ linkedCase: { number: string } | null }>(demo.admin, 'GET', `/api/mentions/${withCase.id}`)).body.linkedCase!.number;
    const REPLY = `شكرًا لتواصلك، سجّلنا بلاغك برقم ${number} وسنتابعه مع الفريق المختص حتى يُنجز.`;
    expect((await api(demo.admin, 'POST', `/api/mentions/${withCase.id}/claim`)).status).toBe(200);
    expect([200, 201, 202]).toContain((await api(demo.admin, 'POST', `/api/mentions/${withCase.id}/replies`, { text: REPLY })).status);
    await page.goto(`${demo.url}/#/mentions/${withCase.id}`);
    const reply = page.getByTestId('mention-detail').getByTestId('reply-item').filter({ hasText: number }).locator('p').first();
    await reply.waitFor();
    expect(await reply.textContent()).toBe(REPLY);
    const run = reply.locator('bdi[data-bidi="case"]');
    expect(await run.textContent()).toBe(number);
    expect(await run.getAttribute('dir')).toBe('ltr');
    const whole = (await textBox(reply, number)).width;
    const broken: number[] = [];
    for (let width = Math.ceil(whole) + 2; width <= 480; width += 3) {
      await reply.evaluate((e, w) => ((e as HTMLElement).style.inlineSize = `${w}px`), width);
      if ((await textBox(reply, number)).lines > 1) broken.push(width);
    }
    expect(broken).toEqual([]);
    // Left to right: the prefix, then the year, then the serial.
    const [prefix, year, serial] = number.split('-');
    const p = await textBox(reply, prefix);
    const y = await textBox(reply, year);
    const s = await textBox(reply, serial);
    expect(p.right).toBeLessThan(y.left);
    expect(y.right).toBeLessThan(s.left);
    await reply.evaluate((e, w) => ((e as HTMLElement).style.inlineSize = `${w}px`), 300);
    await reply.scrollIntoViewIfNeeded();
    await shot(reply, 'queue-desk-reply-case-number-300px');

    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('moves through a chip menu with the arrow keys, Home and End, and Escape gives the focus back to the chip', async () => {
    const post = await waitFor('an unclaimed waiting demo post', async () => (await queue('needs_reply')).find((m) => !m.claim && m.replyable !== false));
    const ctx = await demo.browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await signInAt(demo.url, ctx, demo.admin);
    const errors = watchErrors(page);
    await page.goto(`${demo.url}/#/mentions/${post.id}`);
    const detail = page.getByTestId('mention-detail');
    await detail.getByRole('button', { name: 'استلام', exact: true }).click();
    const chip = detail.getByTestId('intent-chip');
    await waitFor('the chips enabled', async () => !(await chip.isDisabled()));

    const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    const items = ['شكوى', 'استفسار', 'اقتراح', 'إشادة', 'أخرى'];
    const checked = items.indexOf((await chip.textContent())!.replace('▾', '').trim());
    expect(checked).toBeGreaterThanOrEqual(0);

    await chip.focus();
    await page.keyboard.press('Enter');
    const menu = detail.getByTestId('intent-menu');
    await menu.waitFor();
    expect(await focused()).toBe(items[checked]);
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toBe(items[(checked + 1) % items.length]);
    await page.keyboard.press('End');
    expect(await focused()).toBe('أخرى');
    await page.keyboard.press('ArrowDown'); // wraps to the first
    expect(await focused()).toBe('شكوى');
    await page.keyboard.press('ArrowUp'); // and back to the last
    expect(await focused()).toBe('أخرى');
    await page.keyboard.press('Home');
    expect(await focused()).toBe('شكوى');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toBe('اقتراح');
    await screenshot(page, 'queue-desk-chip-menu-keyboard');

    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
    expect(await chip.evaluate((e) => e === document.activeElement)).toBe(true);

    // The arrow keys on the chip open its menu too, and Tab leaves the menu and closes it.
    await page.keyboard.press('ArrowDown');
    await menu.waitFor();
    expect(await focused()).toBe(items[checked]);
    await page.keyboard.press('Tab');
    await menu.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).not.toBe('menuitemradio');

    // Nothing was saved by moving around.
    expect((await api<Mention>(demo.admin, 'GET', `/api/mentions/${post.id}`)).body.classification.correction).toBeUndefined();
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
