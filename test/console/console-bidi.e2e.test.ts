/**
 * Mixed-direction post text in a real headless Chromium against the real service (demo data):
 * an Arabic post's "@MOWBahrain" renders as one left-to-right isolated run with the "@" before the
 * name (not «MOWBahrain@»), its Arabic hashtag keeps the "#" to the right of the word, the evidence
 * highlights survive, and a queue card's preview in the other language than the console's aligns
 * to the start of its own direction.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { Mention } from '../../src/domain';
import { ARTIFACTS, watchErrors } from './browser';
import { demoConsole, signInAt, waitFor } from './console-kit';

jest.setTimeout(180_000);

const demo = demoConsole('console-bidi');
const api = demo.api;

const ARABIC_POST = 'صباح الخير @MOWBahrain في نقرة';
const ENGLISH_POST = 'Anyone know a good physio in Seef?';

beforeAll(async () => {
  await demo.server.services.demo?.ready;
});


/** The demo post whose text starts with `prefix`, in whatever status the demo left it. */
async function demoPost(prefix: string): Promise<Mention> {
  return waitFor(`the demo post «${prefix}»`, async () => {
    for (const status of ['needs_reply', 'new', 'replied', 'ignored', 'closed', 'escalated', 'in_progress']) {
      const page = await api<{ items?: Mention[] }>(demo.admin, 'GET', `/api/queue?status=${status}&limit=200`);
      const m = page.body.items?.find((x) => x.text.startsWith(prefix));
      if (m) return m;
    }
    return undefined;
  });
}

async function shot(target: Page | Locator, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await target.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
}

/** The on-screen box of the `index`-th character of the text inside `el`. */
function charBox(el: Locator, char: string, nth = 0) {
  return el.evaluate(
    (root, [c, n]) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      let seen = 0;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        for (let i = text.indexOf(c as string); i >= 0; i = text.indexOf(c as string, i + 1)) {
          if (seen++ !== n) continue;
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + (c as string).length);
          const r = range.getBoundingClientRect();
          return { left: r.left, right: r.right, top: r.top };
        }
      }
      throw new Error(`no ${c} #${n}`);
    },
    [char, nth] as [string, number],
  );
}

/** Where a card preview's first line starts and ends, against the paragraph's own edges, and its text-align. */
function previewLayout(card: Locator) {
  return card.locator('.card-text').evaluate(firstLine);
}

function firstLine(p: Element) {
  const box = p.getBoundingClientRect();
  const range = document.createRange();
  range.selectNodeContents(p);
  // A line mixing directions is several boxes: the first line is all those at the smallest top.
  const rects = Array.from(range.getClientRects()).filter((r) => r.width > 0);
  const top = Math.min(...rects.map((r) => r.top));
  const line = rects.filter((r) => Math.abs(r.top - top) < 2);
  const style = getComputedStyle(p);
  return {
    dir: p.getAttribute('dir'),
    direction: style.direction,
    textAlign: style.textAlign,
    lineClamp: style.webkitLineClamp,
    fromLeft: Math.min(...line.map((r) => r.left)) - box.left,
    fromRight: box.right - Math.max(...line.map((r) => r.right)),
  };
}

describe('web console: posts that mix Arabic and Latin', () => {
  it('keeps the "@" of a handle in an Arabic post before the name, in the mention view, the queue card and the case timeline', async () => {
    const mention = await demoPost(ARABIC_POST);
    const ctx = await demo.browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 2 });
    const page = await signInAt(demo.url, ctx, demo.admin);
    const errors = watchErrors(page);

    await page.goto(`${demo.url}/#/mentions/${mention.id}`);
    const text = page.getByTestId('mention-detail').getByTestId('mention-text');
    await text.waitFor();
    expect(await text.getAttribute('dir')).toBe('rtl');
    expect(await text.textContent()).toBe(mention.text); // nothing added, nothing lost

    // One isolated left-to-right element holds the whole handle.
    const handle = text.locator('bdi[data-bidi="handle"]');
    expect(await handle.count()).toBe(1);
    expect(await handle.textContent()).toBe('@MOWBahrain');
    expect(await handle.getAttribute('dir')).toBe('ltr');
    expect(await handle.evaluate((e) => getComputedStyle(e).unicodeBidi)).toBe('isolate');
    // On screen the "@" is left of the "M" and right next to it.
    const at = await charBox(handle, '@');
    const m = await charBox(handle, 'M');
    expect(at.right).toBeLessThanOrEqual(m.left + 1);
    expect(m.left - at.right).toBeLessThan(3);
    // ...and the handle sits after «صباح الخير» in reading order: to its left.
    const morning = await charBox(text, 'صباح');
    expect(at.right).toBeLessThan(morning.left);

    // The Arabic hashtag: right to left, its "#" to the right of the word.
    const tag = text.locator('bdi[data-bidi="hashtag"]');
    expect(await tag.textContent()).toBe('#وزارة_الأشغال');
    expect(await tag.getAttribute('dir')).toBe('rtl');
    const hash = await charBox(tag, '#');
    const waw = await charBox(tag, 'و');
    expect(hash.left).toBeGreaterThanOrEqual(waw.right - 1);

    // The classifier's evidence is still highlighted.
    expect(await text.locator('mark.ev').count()).toBeGreaterThan(0);
    await shot(text, 'bidi-ar-mention-text');
    const tagBox = await tag.boundingBox();
    if (tagBox) await page.screenshot({ path: path.join(ARTIFACTS, 'bidi-ar-hashtag-zoom.png'), clip: { x: tagBox.x - 60, y: tagBox.y - 6, width: tagBox.width + 90, height: tagBox.height + 12 } });

    // The queue card of the same post.
    await page.goto(`${demo.url}/#/queue?status=${mention.status}&m=${mention.id}`);
    const card = page.locator(`.mention-card[data-mention-id="${mention.id}"]`);
    await card.waitFor();
    const cardHandle = card.locator('.card-text bdi[data-bidi="handle"]');
    expect(await cardHandle.textContent()).toBe('@MOWBahrain');
    const cardAt = await charBox(cardHandle, '@');
    const cardM = await charBox(cardHandle, 'M');
    expect(cardAt.right).toBeLessThanOrEqual(cardM.left + 1);
    await shot(card, 'bidi-ar-queue-card');

    // The case timeline, when the post opened or joined a case.
    if (mention.caseId) {
      const cases = await api<{ items: { id: string; number: string }[] }>(demo.admin, 'GET', '/api/cases?limit=200');
      const kase = cases.body.items.find((c) => c.id === mention.caseId);
      expect(kase).toBeDefined();
      await page.goto(`${demo.url}/#/cases/${kase?.number}`);
      const timeline = page.getByTestId('timeline');
      await timeline.waitFor();
      const tlHandle = timeline.locator('bdi[data-bidi="handle"]').first();
      expect(await tlHandle.textContent()).toBe('@MOWBahrain');
      const tlAt = await charBox(tlHandle, '@');
      const tlM = await charBox(tlHandle, 'M');
      expect(tlAt.right).toBeLessThanOrEqual(tlM.left + 1);
      await shot(page, 'bidi-ar-case-timeline');
    }

    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('aligns a queue preview in the other language to the start of its own direction, still clamped to two lines', async () => {
    const [english, arabic] = [await demoPost(ENGLISH_POST), await demoPost(ARABIC_POST)];
    const ctx = await demo.browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 2 });
    const page = await signInAt(demo.url, ctx, demo.admin);
    const errors = watchErrors(page);

    // Arabic console, a short English post: starts at the left.
    await page.goto(`${demo.url}/#/queue?status=${english.status}&m=${english.id}`);
    const enCard = page.locator(`.mention-card[data-mention-id="${english.id}"]`);
    await enCard.waitFor();
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    const en = await previewLayout(enCard);
    expect(en).toMatchObject({ dir: 'ltr', direction: 'ltr', textAlign: 'start', lineClamp: '2' });
    expect(en.fromLeft).toBeLessThan(2);
    expect(en.fromRight).toBeGreaterThan(40); // a short line: the gap is on the right
    await shot(enCard, 'bidi-ar-queue-english-card');

    // English console, an Arabic post: starts at the right.
    await page.getByRole('button', { name: 'Switch the console to English' }).click();
    await waitFor('the English console', async () => (await page.locator('html').getAttribute('dir')) === 'ltr');
    await page.goto(`${demo.url}/#/queue?status=${arabic.status}&m=${arabic.id}`);
    const arCard = page.locator(`.mention-card[data-mention-id="${arabic.id}"]`);
    await arCard.waitFor();
    const ar = await previewLayout(arCard);
    expect(ar).toMatchObject({ dir: 'rtl', direction: 'rtl', textAlign: 'start', lineClamp: '2' });
    expect(ar.fromRight).toBeLessThan(2);
    await shot(arCard, 'bidi-en-queue-arabic-card');
    // Every Arabic preview on the page hugs the right edge of its paragraph.
    const rtlPreviews = page.locator('.card-text[dir="rtl"]');
    for (let i = 0; i < (await rtlPreviews.count()); i++) {
      const layout = await rtlPreviews.nth(i).evaluate(firstLine);
      expect(layout).toMatchObject({ direction: 'rtl', textAlign: 'start' });
      expect(layout.fromRight).toBeLessThan(2);
    }
    await shot(page, 'bidi-en-queue');

    // The same post's full text in the English console also starts at the right.
    await page.goto(`${demo.url}/#/mentions/${arabic.id}`);
    const full = page.getByTestId('mention-detail').getByTestId('mention-text');
    await full.waitFor();
    const text = await full.evaluate(firstLine);
    expect(text.direction).toBe('rtl');
    expect(text.fromRight).toBeLessThan(24); // the quote's padding and border
    expect(text.fromLeft).toBeGreaterThan(text.fromRight);
    await shot(full, 'bidi-en-mention-text');

    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('lays out an Arabic post in the conversation and an Arabic reply in the case timeline right to left in the English console', async () => {
    // A post whose conversation holds the Arabic post with "@MOWBahrain" (its follow-up), found by data.
    const withThread = await waitFor('a demo post whose conversation holds the Arabic post', async () => {
      for (const status of ['needs_reply', 'new', 'replied']) {
        const page = await api<{ items?: Mention[] }>(demo.admin, 'GET', `/api/queue?status=${status}&limit=200`);
        for (const m of page.body.items ?? []) {
          if (m.text.startsWith(ARABIC_POST)) continue;
          const d = (await api<Mention & { context: Mention[] }>(demo.admin, 'GET', `/api/mentions/${m.id}`)).body;
          if (d.context.some((c) => c.text.startsWith(ARABIC_POST))) return d;
        }
      }
      return undefined;
    });
    // A ministry reply with a handle, a phone number and a final period, on a post of a case.
    const mention = await demoPost(ARABIC_POST);
    expect(mention.caseId).toBeTruthy();
    const REPLY = 'شكرًا @bu_yousif_82، للمتابعة اتصل على +973 1728 0000.';
    expect((await api(demo.admin, 'POST', `/api/mentions/${mention.id}/claim`)).status).toBe(200);
    const sent = await api<{ id: string }>(demo.admin, 'POST', `/api/mentions/${mention.id}/replies`, { text: REPLY });
    expect([200, 201, 202]).toContain(sent.status);
    const kase = (await api<{ items: { id: string; number: string }[] }>(demo.admin, 'GET', '/api/cases?limit=200')).body.items.find((c) => c.id === mention.caseId);
    expect(kase).toBeDefined();

    const ctx = await demo.browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 2 });
    const page = await signInAt(demo.url, ctx, demo.admin);
    const errors = watchErrors(page);
    await page.getByRole('button', { name: 'Switch the console to English' }).click();
    await waitFor('the English console', async () => (await page.locator('html').getAttribute('dir')) === 'ltr');

    // The conversation: the Arabic post is a right-to-left block hugging the right edge, "@" before the name.
    await page.goto(`${demo.url}/#/mentions/${withThread.id}`);
    const item = page.getByTestId('mention-detail').getByTestId('thread-post').filter({ hasText: 'صباح الخير' });
    await item.waitFor();
    const threadText = item.locator('.thread-text');
    expect(await threadText.textContent()).toBe((withThread as Mention & { context: Mention[] }).context.find((c) => c.text.startsWith(ARABIC_POST))?.text);
    const threadLayout = await threadText.evaluate(firstLine);
    expect(threadLayout).toMatchObject({ dir: 'rtl', direction: 'rtl', textAlign: 'start' });
    expect(threadLayout.fromRight).toBeLessThan(2);
    const handle = threadText.locator('bdi[data-bidi="handle"]');
    const at = await charBox(handle, '@');
    const m = await charBox(handle, 'M');
    expect(at.right).toBeLessThanOrEqual(m.left + 1);
    expect(at.right).toBeLessThan((await charBox(threadText, 'صباح')).left); // after «صباح الخير» in reading order
    await item.scrollIntoViewIfNeeded();
    await shot(page, 'bidi-en-mention-conversation');

    // The case timeline: the reply reads right to left, the handle before the phone number, the period last (leftmost).
    await page.goto(`${demo.url}/#/cases/${kase!.number}`);
    const reply = page.locator('.tl-reply .tl-text').filter({ hasText: 'للمتابعة اتصل على' });
    await reply.waitFor();
    expect(await reply.textContent()).toBe(REPLY);
    const replyLayout = await reply.evaluate(firstLine);
    expect(replyLayout).toMatchObject({ dir: 'rtl', direction: 'rtl', textAlign: 'start' });
    expect(replyLayout.fromRight).toBeLessThan(2);
    const replyHandle = reply.locator('bdi[data-bidi="handle"]');
    expect(await replyHandle.textContent()).toBe('@bu_yousif_82');
    const rAt = await charBox(replyHandle, '@');
    expect(rAt.right).toBeLessThanOrEqual((await charBox(replyHandle, 'b')).left + 1);
    const phone = reply.locator('bdi[data-bidi="phone"]');
    expect(await phone.textContent()).toBe('+973 1728 0000');
    const plus = await charBox(phone, '+');
    const last = await charBox(phone, '0000');
    expect(plus.right).toBeLessThanOrEqual((await charBox(phone, '973')).left + 1); // "+973 1728 0000" left to right
    expect(plus.right).toBeLessThan(last.left);
    expect(rAt.left).toBeGreaterThan(last.right); // the handle comes first: to the right of the number
    const period = await charBox(reply, '.', 0);
    expect(period.right).toBeLessThanOrEqual(plus.left + 1); // the closing period ends the sentence: leftmost
    expect(period.left - (await reply.boundingBox())!.x).toBeLessThan(replyLayout.fromLeft + 2);
    await reply.scrollIntoViewIfNeeded();
    await shot(page, 'bidi-en-case-timeline-reply');

    expect(errors).toEqual([]);
    await ctx.close();
  });
});
