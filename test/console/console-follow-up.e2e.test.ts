/**
 * The mention view tells what surrounds a post, in a real headless Chromium against the real
 * service (demo data): a citizen writing again on a case already resolved or closed is shown as a
 * possible follow-up, with the case's state; a comment whose parent post we do not hold links to
 * it on its network.
 */
import type { Mention } from '../../src/domain';
import { screenshot, watchErrors } from './browser';
import { demoConsole, signInAt, waitFor } from './console-kit';

jest.setTimeout(180_000);

const demo = demoConsole('console-follow-up');
const api = demo.api;

type Detail = Mention & { context: Mention[]; linkedCase: { number: string; status: string; resolvedAt?: string; closedAt?: string } | null; parentUrl?: string };

/** Waiting demo posts, each as the mention view reads it. */
async function waitingDetails(): Promise<Detail[]> {
  const details: Detail[] = [];
  for (const status of ['needs_reply', 'new']) {
    const page = await api<{ items: Mention[] }>(demo.admin, 'GET', `/api/queue?status=${status}&limit=200`);
    for (const m of page.body.items ?? []) details.push((await api<Detail>(demo.admin, 'GET', `/api/mentions/${m.id}`)).body);
  }
  return details;
}

/** Written after its case was resolved (or, closed without resolving, after it was closed): a possible follow-up. */
function writtenAfterDone(d: Detail): boolean {
  const done = d.linkedCase?.resolvedAt ?? d.linkedCase?.closedAt;
  return !!done && Date.parse(d.createdAt) > Date.parse(done);
}

async function openMention(id: string) {
  const ctx = await demo.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await signInAt(demo.url, ctx, demo.admin);
  const errors = watchErrors(page);
  await page.goto(`${demo.url}/#/mentions/${id}`);
  const detail = page.getByTestId('mention-detail');
  await detail.waitFor();
  return { ctx, page, errors, detail };
}

describe('web console: what surrounds a post', () => {
  it('says a waiting post belongs to a case already resolved or closed, and since when', async () => {
    const followUp = await waitFor('a waiting demo post written after its case was resolved or closed', async () =>
      (await waitingDetails()).find((d) => (d.linkedCase?.status === 'resolved' || d.linkedCase?.status === 'closed') && writtenAfterDone(d)),
    );
    const linked = followUp.linkedCase!;
    const { ctx, page, errors, detail } = await openMention(followUp.id);

    const status = detail.getByTestId('linked-case-status');
    await status.waitFor();
    expect(await status.textContent()).toBe(linked.status === 'resolved' ? 'تمت المعالجة' : 'مغلق');
    const notice = detail.getByTestId('case-done-notice');
    expect(await notice.textContent()).toContain(linked.status === 'resolved' ? 'عولج هذا البلاغ في' : 'أُغلق هذا البلاغ في');
    expect(await notice.textContent()).toContain('أعد فتح البلاغ');
    await screenshot(page, 'mention-case-follow-up');

    // A post on a case still open carries its state and no such notice.
    const onOpenCase = (await waitingDetails()).find((d) => d.linkedCase?.status === 'open');
    expect(onOpenCase).toBeDefined();
    await page.goto(`${demo.url}/#/mentions/${onOpenCase!.id}`);
    await waitFor('the open case state', async () => (await detail.getByTestId('linked-case-status').textContent()) === 'مفتوح');
    expect(await detail.getByTestId('case-done-notice').count()).toBe(0);

    expect(errors).toEqual([]);
    await ctx.close();
  });

  it("names a waiting post's case on its queue card, and says so when that case is resolved or closed", async () => {
    const page1 = await api<{ items: { id: string; caseNumber?: string; caseStatus?: string }[] }>(demo.admin, 'GET', '/api/queue?status=needs_reply&limit=200');
    const withCase = (page1.body.items ?? []).find((m) => m.caseNumber && (m.caseStatus === 'open' || m.caseStatus === 'in_progress'));
    const onDoneCase = (page1.body.items ?? []).find((m) => m.caseStatus === 'resolved' || m.caseStatus === 'closed');
    expect(onDoneCase).toBeDefined();
    expect(withCase).toBeDefined();
    const ctx = await demo.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await signInAt(demo.url, ctx, demo.admin);
    const errors = watchErrors(page);
    await page.goto(`${demo.url}/#/queue`);
    const card = page.locator(`[data-mention-id="${withCase!.id}"]`);
    await card.waitFor();
    expect((await card.getByTestId('card-case').textContent())?.replace(/\s+/g, ' ').trim()).toBe(`بلاغ ${withCase!.caseNumber}`);
    const doneCard = page.locator(`[data-mention-id="${onDoneCase!.id}"]`);
    await doneCard.scrollIntoViewIfNeeded();
    const doneLabel = onDoneCase!.caseStatus === 'resolved' ? 'تمت المعالجة' : 'مغلق';
    expect((await doneCard.getByTestId('card-case').textContent())?.replace(/\s+/g, ' ').trim()).toBe(`بلاغ ${onDoneCase!.caseNumber} · ${doneLabel}`);
    await screenshot(page, 'queue-card-case-done');
    const plain = (page1.body.items ?? []).find((m) => !m.caseNumber);
    if (plain) expect(await page.locator(`[data-mention-id="${plain.id}"]`).getByTestId('card-case').count()).toBe(0);
    await screenshot(page, 'queue-card-case');
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('names the replay file on the channels page and how far it has read', async () => {
    const ctx = await demo.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await signInAt(demo.url, ctx, demo.admin);
    await page.goto(`${demo.url}/#/channels`);
    const fact = page.locator('[data-channel="replay"]').getByTestId('replay-file');
    await fact.waitFor();
    await waitFor('the demo file read to its end', async () => ((await fact.textContent()) ?? '').includes('113'));
    expect((await fact.textContent())?.replace(/\s+/g, ' ')).toContain('mentions.jsonl');
    await ctx.close();
  });

  it('says nothing of a follow-up on a waiting post written before its case was resolved (still the complaint itself)', async () => {
    // The tester's case: a citizen's second post, written before the case was resolved and closed,
    // still waiting for its reply (on the demo data, case MOW-2026-000013: found by its data here).
    const earlier = await waitFor('a waiting demo post written before its case was resolved or closed', async () =>
      (await waitingDetails()).find((d) => (d.linkedCase?.status === 'resolved' || d.linkedCase?.status === 'closed') && !writtenAfterDone(d)),
    );
    const linked = earlier.linkedCase!;
    const { ctx, page, errors, detail } = await openMention(earlier.id);

    const status = detail.getByTestId('linked-case-status');
    await status.waitFor();
    expect(await status.textContent()).toBe(linked.status === 'resolved' ? 'تمت المعالجة' : 'مغلق');
    expect(await detail.getByTestId('linked-case').textContent()).toContain(linked.number);
    expect(await detail.getByTestId('case-done-notice').count()).toBe(0);
    await detail.getByTestId('linked-case').scrollIntoViewIfNeeded();
    await screenshot(page, 'mention-case-done-before-ar');

    await page.getByRole('button', { name: 'Switch the console to English' }).click();
    await waitFor('the English status', async () => (await status.textContent()) === (linked.status === 'resolved' ? 'Resolved' : 'Closed'));
    expect(await detail.getByTestId('case-done-notice').count()).toBe(0);
    await screenshot(page, 'mention-case-done-before-en');
    await page.getByRole('button', { name: 'التبديل إلى العربية' }).click().catch(() => undefined);

    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('links an Instagram comment to the post it was written under when that post is not stored', async () => {
    // Demo comments answer their media post, which is not a mention: the thread holds only the other comments.
    const comment = await waitFor('a demo comment under a post we do not hold', async () => (await waitingDetails()).find((d) => d.network === 'instagram' && d.parentUrl));
    expect(comment.context.some((p) => p.externalId === comment.inReplyTo)).toBe(false);
    const { ctx, page, errors, detail } = await openMention(comment.id);

    const link = detail.getByTestId('parent-link');
    expect(await link.getAttribute('href')).toBe(comment.parentUrl);
    expect(comment.url?.startsWith(comment.parentUrl!)).toBe(true);
    expect(await link.textContent()).toContain('فتح المحادثة على إنستغرام');
    if (comment.context.length === 0) expect(await detail.getByText('ردٌّ على منشور ليس محفوظًا هنا.').count()).toBe(1);
    await screenshot(page, 'mention-parent-link');

    expect(errors).toEqual([]);
    await ctx.close();
  });
});
