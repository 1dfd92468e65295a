/**
 * The web console in a real headless Chromium against the real service (in-process, port 0, temp
 * SQLite store, demo data through the replay channel): an agent and a supervisor work one
 * complaint from the queue to a sent reply and a case in progress, then sign out.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { parseTweet } from 'twitter-text';
import type { Case, Mention, Reply } from '../../src/domain';
import { startServer, type RunningServer } from '../../src/server';
import { makeTempDir } from '../support/temp-dir';
import { launchChromium, screenshot, watchErrors } from './browser';
import { apiAt, signInAt, waitFor } from './console-kit';

jest.setTimeout(240_000);

interface Harness {
  server: RunningServer;
  url: string;
  dataDir: string;
  removeDir: () => void;
  browser: Browser;
  admin: string;
  agent: { token: string; id: string };
  supervisor: { token: string; id: string };
}

let h: Harness;
const api = apiAt(() => h.url);
const signIn = (context: BrowserContext, token: string): Promise<Page> => signInAt(h.url, context, token);

async function createUser(admin: string, name: string, role: string, trainee = false) {
  const r = await api<{ user: { id: string }; token: string }>(admin, 'POST', '/api/users', { name, role, trainee });
  expect(r.status).toBe(201);
  return { token: r.body.token, id: r.body.user.id };
}

beforeAll(async () => {
  const { dir, remove } = makeTempDir('rasid-console-');
  const server = await startServer({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dir,
    DEMO: 'true',
    LOG_LEVEL: 'silent',
    REPLY_SENDER_SCHEDULE: '*/1 * * * * *',
  });
  const url = `http://127.0.0.1:${server.address.port}`;
  const admin = fs.readFileSync(path.join(dir, 'initial-admin-token'), 'utf8').trim();
  h = { server, url, dataDir: dir, removeDir: remove, browser: undefined as unknown as Browser, admin, agent: undefined as never, supervisor: undefined as never };
  h.agent = await createUser(admin, 'مريم العلي', 'agent', true);
  h.supervisor = await createUser(admin, 'خالد المشرف', 'supervisor');
  h.browser = await launchChromium();
  // The replay channel delivers the demo data on its first poll, then its history is written.
  await server.services.demo?.ready;
  await waitFor('demo mentions in the queue', async () => (await api<{ items: unknown[] }>(admin, 'GET', '/api/queue?limit=1')).body.items?.length);
});

afterAll(async () => {
  await h?.browser?.close();
  await h?.server?.stop();
  h?.removeDir();
});

/** A roads complaint on X with a case and classifier evidence: the mention the flow works on. */
async function pickComplaint(): Promise<{ mention: Mention; kase: Case }> {
  return waitFor('a captured roads complaint', async () => {
    // view=full: the pick needs the classifier evidence, which the queue's default list view leaves out
    const q = await api<{ items: Mention[] }>(h.admin, 'GET', '/api/queue?domain=roads&intent=complaint&limit=200&view=full');
    const cases = await api<{ items: Case[] }>(h.admin, 'GET', '/api/cases?domain=roads&status=open&limit=200');
    const m = q.body.items.find((x) => x.caseId && x.network === 'x' && x.classification.domains.some((d) => d.evidence.length > 0) && cases.body.items.some((c) => c.id === x.caseId));
    if (!m) return undefined;
    const kase = cases.body.items.find((c) => c.id === m.caseId);
    // The demo's history has moved some cases along already; this walk starts at an open one.
    return kase && kase.status === 'open' ? { mention: m, kase } : undefined;
  });
}

describe('web console', () => {
  it('takes a complaint from the queue to an approved, sent reply and a case in progress, then signs out', async () => {
    const { mention, kase } = await pickComplaint();
    const agentCtx = await h.browser.newContext({ viewport: { width: 1280, height: 860 } });
    const agent = await signIn(agentCtx, h.agent.token);
    const agentErrors = watchErrors(agent);

    // Arabic, right to left, by default.
    expect(await agent.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await agent.locator('html').getAttribute('lang')).toBe('ar');
    // Times are shown in the configured zone (TZ_DISPLAY, default Asia/Bahrain).
    expect(await agent.locator('meta[name=rasid-tz]').getAttribute('content')).toBe('Asia/Bahrain');
    // Supervisor pages are not offered to an agent.
    expect(await agent.getByRole('link', { name: 'الموافقات' }).count()).toBe(0);

    // Filter the queue by domain with the count chip; every listed card is a roads mention.
    const roadsChip = agent.getByTestId('count-roads');
    await roadsChip.click();
    await agent.waitForFunction(() => location.hash.includes('domain=roads'));
    await waitFor('the roads chip pressed', async () => (await roadsChip.getAttribute('aria-pressed')) === 'true');
    const roadsCount = Number(await roadsChip.locator('strong').textContent());
    expect(roadsCount).toBeGreaterThan(0);
    await agent.locator('.mention-card').first().waitFor();
    await waitFor('the filtered list', async () => (await agent.locator('.mention-card').count()) === Math.min(roadsCount, 50));
    const domainChips = await agent.locator('.mention-card .card-meta .chip:nth-child(2)').allTextContents();
    expect(new Set(domainChips)).toEqual(new Set(['الطرق']));
    await screenshot(agent, 'queue');

    // Open the mention: the evidence the classifier reported is highlighted in the original text.
    await agent.locator(`[data-mention-id="${mention.id}"]`).click();
    const detail = agent.getByTestId('mention-detail');
    await detail.waitFor();
    const marks = await detail.locator('[data-testid=mention-text] mark.ev').allTextContents();
    const expected = mention.classification.domains.flatMap((d) => d.evidence.map((e) => mention.text.slice(e.start, e.end)));
    expect(marks.length).toBeGreaterThan(0);
    for (const term of expected) expect(marks.join('|')).toContain(term);
    expect(await detail.locator('[data-testid=mention-text]').textContent()).toBe(mention.text);
    await waitFor('the linked case', async () => ((await detail.getByTestId('linked-case').count()) ? (await detail.getByTestId('linked-case').textContent())?.includes(kase.number) : false));
    await screenshot(agent, 'mention-detail');

    // Nothing can be written before the claim: the server would refuse it (409 claim_required).
    expect(await agent.getByTestId('send-reply').isDisabled()).toBe(true);

    // Claim it.
    await detail.getByRole('button', { name: 'استلام' }).click();
    await detail.getByTestId('claim-state').waitFor();
    const claimed = await api<Mention>(h.admin, 'GET', `/api/mentions/${mention.id}`);
    expect(claimed.body.claim?.by).toBe(h.agent.id);

    // Reply with the acknowledgement template: variables filled, weighted length shown for X.
    await agent.selectOption('#reply-template', { label: 'إشعار استلام البلاغ (Case acknowledgement)' });
    await waitFor('the template filled in', async () => (await agent.inputValue('#reply-text')).includes(kase.number));
    const text = await agent.inputValue('#reply-text');
    expect(text).toContain(mention.author.name ?? mention.author.handle);
    expect(await agent.getByTestId('char-count').textContent()).toContain(`${parseTweet(text).weightedLength} / 280`);
    await agent.locator('#reply-text').scrollIntoViewIfNeeded();
    await screenshot(agent, 'reply-composer');
    await agent.getByTestId('send-reply').click();
    // The agent is a trainee: the reply waits for a supervisor.
    await detail.locator('[data-testid=reply-item][data-state=awaiting_approval]').waitFor();
    const replies = await api<{ items: Reply[] }>(h.admin, 'GET', `/api/replies?mentionId=${mention.id}`);
    const reply = replies.body.items.find((r) => r.author === h.agent.id) as Reply;
    expect(reply).toMatchObject({ state: 'awaiting_approval', templateId: expect.any(String) });

    // The supervisor approves it from the approvals list.
    const supCtx = await h.browser.newContext({ viewport: { width: 1280, height: 860 } });
    const sup = await signIn(supCtx, h.supervisor.token);
    const supErrors = watchErrors(sup);
    await sup.getByRole('link', { name: 'الموافقات' }).click();
    const item = sup.locator(`[data-reply-id="${reply.id}"]`);
    await item.waitFor();
    expect(await item.locator('.reply-text').textContent()).toBe(reply.text);
    await screenshot(sup, 'approvals');
    await item.getByTestId('approve').click();
    await sup.getByText('تمت الموافقة، وسيُرسل الرد.').waitFor();

    // The sender job sends it through the replay channel, which records it once.
    const sentFile = path.join(h.dataDir, 'replay-sent.jsonl');
    const sentLines = await waitFor('the reply recorded by the channel', async () => {
      if (!fs.existsSync(sentFile)) return undefined;
      const lines = fs.readFileSync(sentFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { text: string; idempotencyKey: string; inReplyTo: string });
      return lines.some((l) => l.idempotencyKey === reply.idempotencyKey) ? lines : undefined;
    });
    expect(sentLines.filter((l) => l.idempotencyKey === reply.idempotencyKey)).toEqual([expect.objectContaining({ text: reply.text, inReplyTo: mention.externalId })]);

    // The agent's queue refreshes by itself: the mention leaves the list, the open detail stays.
    await agent.locator(`.mention-list [data-mention-id="${mention.id}"]`).waitFor({ state: 'detached', timeout: 40_000 });
    expect(await agent.locator('html').evaluate(() => location.hash)).toContain(`m=${mention.id}`);
    expect(await detail.isVisible()).toBe(true);
    const after = await api<Mention>(h.admin, 'GET', `/api/mentions/${mention.id}`);
    expect(after.body.status).toBe('replied');

    // The case opened from the complaint: a supervisor sends it to another unit, the agent moves it to in_progress.
    await api(h.admin, 'PATCH', `/api/cases/${kase.number}`, { unit: 'Sanitary Engineering Operations' });
    await detail.getByTestId('linked-case').click();
    await agent.getByTestId('timeline').waitFor();
    await agent.getByTestId('case-to-in_progress').click();
    await waitFor('the new case status', async () => (await agent.getByTestId('case-status').textContent()) === 'قيد المعالجة');
    const caseAfter = await api<Case>(h.admin, 'GET', `/api/cases/${kase.number}`);
    expect(caseAfter.body.status).toBe('in_progress');
    await agent.getByTestId('history-move').last().waitFor();
    // Every word of the timeline is Arabic: the automatic actor and the units too.
    const timeline = (await agent.getByTestId('timeline').textContent()) as string;
    expect(timeline).toContain('النظام (آلي)');
    expect(timeline).toContain('عمليات الهندسة الصحية');
    expect(timeline).not.toMatch(/system|Directorate|Operations/);
    await screenshot(agent, 'case');

    // Channel health and the weekly summary, as the supervisor sees them.
    await sup.getByRole('link', { name: 'القنوات' }).click();
    await sup.getByTestId('channel-card').first().waitFor();
    // Every known channel is listed, those that are off as not configured with what they need,
    // and schedules read as words.
    const card = (name: string) => sup.locator(`[data-testid=channel-card][data-channel=${name}]`);
    for (const name of ['x', 'instagram_graph', 'instagram', 'rss']) {
      expect(await card(name).getAttribute('data-configured')).toBe('false');
      expect(await card(name).textContent()).toContain('غير مهيأة');
    }
    expect(await card('x').getByTestId('channel-missing').textContent()).toContain('X_USER_TOKEN');
    expect(await card('x').getByTestId('channel-or-instead').textContent()).toContain('X_ACCESS_SECRET');
    expect(await card('instagram_graph').getByTestId('channel-missing').textContent()).toBe('IG_GRAPH_TOKENIG_GRAPH_USER_ID');
    expect(await card('rss').getByTestId('channel-missing').textContent()).toContain('RSS_FEEDS');
    expect(await card('x').getByTestId('channel-schedule').textContent()).toBe('كل 5 دقائق');
    expect(await card('rss').getByTestId('channel-schedule').textContent()).toBe('كل 15 دقيقة');
    expect(await card('replay').getAttribute('data-configured')).toBe('true');
    expect(await card('replay').getByTestId('channel-schedule').textContent()).toBe('كل 5 ثوانٍ');
    expect(await sup.locator('.channel-grid code').filter({ hasText: '*/5' }).count()).toBe(0);
    await screenshot(sup, 'channels');
    await sup.getByRole('link', { name: 'الملخص الأسبوعي' }).click();
    await sup.getByTestId('summary-frame').waitFor();
    const report = sup.frameLocator('[data-testid=summary-frame]');
    await report.locator('svg').first().waitFor();
    expect(await report.locator('html').getAttribute('dir')).toBe('rtl');
    const csvHref = (await sup.getByTestId('download-csv').getAttribute('href')) as string;
    expect(csvHref).toMatch(/^\/api\/summaries\/[^/]+\.csv$/);
    const csv = await fetch(`${h.url}${csvHref}`, { headers: { authorization: `Bearer ${h.supervisor.token}` } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    await screenshot(sup, 'summary');

    // Sign out: the old cookie no longer opens the API.
    const cookie = (await agentCtx.cookies()).find((c) => c.name === 'rasid_session');
    expect(cookie).toBeDefined();
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    const jar = { cookie: `rasid_session=${cookie?.value}` };
    expect((await api(jar, 'GET', '/api/queue?limit=1')).status).toBe(200);
    await agent.getByTestId('sign-out').click();
    await agent.getByRole('button', { name: 'دخول' }).waitFor();
    expect((await api(jar, 'GET', '/api/queue?limit=1')).status).toBe(401);

    expect(agentErrors).toEqual([]);
    expect(supErrors).toEqual([]);
    await agentCtx.close();
    await supCtx.close();
  });

  it('follows a link opened the moment the console appears, before its route listener is in place', async () => {
    const ctx = await h.browser.newContext({ viewport: { width: 1280, height: 860 } });
    // The hash changes in the same task as the navigation's first render (a MutationObserver runs
    // before the effects that listen for hashchange): what a busy machine does to a quick click.
    await ctx.addInitScript(() => {
      const watch = new MutationObserver(() => {
        if (!document.querySelector('nav[aria-label="القائمة الرئيسية"]')) return;
        watch.disconnect();
        location.hash = '#/cases';
      });
      watch.observe(document, { childList: true, subtree: true });
    });
    const page = await signIn(ctx, h.agent.token);
    await page.getByRole('heading', { name: 'البلاغات', level: 1 }).waitFor({ timeout: 5_000 });
    expect(page.url()).toContain('#/cases');
    await ctx.close();
  });

  it("shows a colleague's claim within seconds: the queue event stream pushes the refresh, not the 15 s poll", async () => {
    // The earlier tests' consoles have gone: wait until the server has seen their streams close,
    // so that "listening" below is this page's own stream, not a leftover.
    await waitFor('no stream left from earlier tests', async () => h.server.services.replyFeature.queueEvents.listening === 0, 5_000);
    const ctx = await h.browser.newContext({ viewport: { width: 1280, height: 860 } });
    const page = await signIn(ctx, h.agent.token);
    const errors = watchErrors(page);
    const card = page.locator('.mention-list [data-mention-id]').filter({ hasNotText: 'مستلَم' }).first();
    await card.waitFor();
    const id = (await card.getAttribute('data-mention-id')) as string;
    // The page has just loaded its list, so its next poll is about 15 s away; its stream is open.
    await waitFor('the console on the event stream', async () => h.server.services.replyFeature.queueEvents.listening > 0, 5_000);
    expect((await api(h.supervisor.token, 'POST', `/api/mentions/${id}/claim`)).status).toBe(200);
    await page.locator(`.mention-list [data-mention-id="${id}"]`).getByText(/مستلَم من/).waitFor({ timeout: 6_000 });
    // The card names the colleague, not their user id.
    await expect(page.locator(`.mention-list [data-mention-id="${id}"]`).getByText(/مستلَم من/).textContent()).resolves.toContain('خالد المشرف');
    expect((await api(h.supervisor.token, 'POST', `/api/mentions/${id}/release`)).status).toBe(204);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('fits the weekly summary to a phone: nothing in the report scrolls sideways', async () => {
    const ctx = await h.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const sup = await signIn(ctx, h.supervisor.token);
    const errors = watchErrors(sup);
    await sup.goto(`${h.url}/#/summary`);
    await sup.frameLocator('[data-testid=summary-frame]').locator('svg').first().waitFor();
    const report = sup.frames().find((f) => f.url().includes('/api/summaries/'))!;
    // At 557 px the cards once ran off the frame's left edge (the frame is 363 px wide here).
    expect(await report.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    expect(await sup.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await screenshot(sup, 'summary-phone');
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('picks the summary week from the list or with previous and next, last week first, and offers it as an Excel workbook', async () => {
    const ctx = await h.browser.newContext({ viewport: { width: 1280, height: 860 } });
    const sup = await signIn(ctx, h.supervisor.token);
    const errors = watchErrors(sup);
    const weeks = (await api<{ last: string; items: { week: string }[] }>(h.admin, 'GET', '/api/summary-weeks')).body;
    const ids = weeks.items.map((w) => w.week);
    const lastAt = ids.indexOf(weeks.last);
    expect(lastAt).toBe(1); // the current week comes first
    await sup.getByRole('link', { name: 'الملخص الأسبوعي' }).click();
    const select = sup.getByTestId('week-select');
    await select.waitFor();
    // Last week is shown first, and every offered week is in the list.
    expect(await select.inputValue()).toBe(weeks.last);
    // The heading gives the week's days beside its ISO id.
    expect(await sup.locator('.summary-days').textContent()).toMatch(/\d+ \S+ – \d+ \S+ \d{4}/);
    expect(await select.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual(ids);
    expect(await sup.getByTestId('summary-frame').getAttribute('src')).toBe(`/api/summaries/${weeks.last}.html`);
    // The history keeps last week's summary (made once the demo was in): marked in the list.
    expect(await select.locator(`option[value="${weeks.last}"]`).getAttribute('data-stored')).toBe('true');
    await sup.frameLocator('[data-testid=summary-frame]').locator('svg').first().waitFor();
    await screenshot(sup, 'summary-week-picker');

    // Previous: the week before, in the title, the frame and the downloads.
    await sup.getByTestId('week-prev').click();
    const before = ids[lastAt + 1];
    await waitFor('the previous week', async () => (await sup.getByTestId('summary-week').textContent()) === before);
    expect(await select.inputValue()).toBe(before);
    expect(await sup.getByTestId('summary-frame').getAttribute('src')).toBe(`/api/summaries/${before}.html`);
    expect(await sup.getByTestId('download-xlsx').getAttribute('href')).toBe(`/api/summaries/${before}.xlsx`);
    // The PDF downloads with the console's session: the report printed on A4.
    const [download] = await Promise.all([sup.waitForEvent('download'), sup.getByTestId('download-pdf').click()]);
    expect(download.suggestedFilename()).toBe(`rasid-summary-${before}.pdf`);
    expect(fs.readFileSync((await download.path()) as string).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // Next, twice: last week, then the current one, which has no next.
    await sup.getByTestId('week-next').click();
    await waitFor('last week again', async () => (await select.inputValue()) === weeks.last);
    await sup.getByTestId('week-next').click();
    await waitFor('the current week', async () => (await select.inputValue()) === ids[0]);
    expect(await sup.getByTestId('week-next').isDisabled()).toBe(true);
    // Any week from the list.
    await select.selectOption(ids[4]);
    await waitFor('a week picked from the list', async () => (await sup.getByTestId('summary-week').textContent()) === ids[4]);
    expect(await sup.locator('html').evaluate(() => location.hash)).toBe(`#/summary?week=${ids[4]}`);

    const xlsx = await fetch(`${h.url}/api/summaries/${weeks.last}.xlsx`, { headers: { authorization: `Bearer ${h.supervisor.token}` } });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toMatch(/spreadsheetml/);
    expect(errors).toEqual([]);
    await ctx.close();

    // At phone width the week picker fits the screen: nothing scrolls sideways.
    const phone = await h.browser.newContext({ viewport: { width: 375, height: 780 }, isMobile: true, hasTouch: true });
    const small = await signIn(phone, h.supervisor.token);
    await small.goto(`${h.url}/#/summary`);
    await small.getByTestId('week-select').waitFor();
    await small.frameLocator('[data-testid=summary-frame]').locator('svg').first().waitFor();
    expect(await small.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await screenshot(small, 'summary-phone-ar');
    await phone.close();
  });

  it('works at phone width, by keyboard, and in English', async () => {
    const ctx = await h.browser.newContext({ viewport: { width: 375, height: 780 }, isMobile: true, hasTouch: true });
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await page.goto(`${h.url}/`);
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');

    // Keyboard only: the token field, then the sign-in button, with a visible focus ring.
    await page.locator('#token').focus();
    await page.keyboard.type(h.supervisor.token);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('دخول');
    expect(await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle)).not.toBe('none');
    await page.keyboard.press('Enter');
    await page.getByRole('navigation', { name: 'القائمة الرئيسية' }).waitFor();

    // The first Tab lands on the skip link, which moves focus to the main content.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toContain('skip-link');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

    // Nothing spills sideways at 375 px: the list, then a mention on its own.
    await page.locator('.mention-card').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(page, 'queue-phone');
    await page.locator('.mention-card').first().click();
    await page.getByTestId('mention-detail').waitFor();
    expect(await page.locator('.queue-pane').isVisible()).toBe(false);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(page, 'mention-phone');

    // News items are listed with their status and say they cannot be answered in-channel.
    await page.goto(`${h.url}/#/queue?status=new&channel=rss`);
    await page.locator('.mention-card').first().click();
    await page.getByText('لا يمكن الرد عليه من داخل القناة', { exact: false }).waitFor();
    expect(await page.getByTestId('composer').count()).toBe(0);

    // English, left to right, and the choice survives a reload.
    await page.getByRole('button', { name: 'Switch the console to English' }).click();
    await page.getByRole('link', { name: 'Reply queue' }).waitFor();
    await page.waitForFunction(() => document.documentElement.dir === 'ltr');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByRole('link', { name: 'Cases' }).waitFor();
    await page.reload();
    await page.getByRole('link', { name: 'Reply queue' }).waitFor();
    await page.waitForFunction(() => document.documentElement.dir === 'ltr');
    await page.getByRole('link', { name: 'Cases' }).click();
    await page.getByTestId('case-row').first().waitFor();
    await screenshot(page, 'cases-phone-en');

    expect(errors).toEqual([]);
    await ctx.close();
  });
});
