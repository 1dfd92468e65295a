/**
 * A post marked spam, no action or duplicate by mistake goes back to the reply queue from the
 * console, in a real headless Chromium against the real service (demo data): its page offers
 * Claim, then «إعادة إلى قائمة الرد» with a reason asked as the marks ask for theirs, and the
 * composer is there again once it is back (POST /api/mentions/:id/status {status: 'needs_reply'}),
 * and the case its spam mark closed is open again.
 */
import type { Mention } from '../../src/domain';
import { screenshot, watchErrors } from './browser';
import { demoConsole, signInAt, waitFor } from './console-kit';

jest.setTimeout(180_000);

const demo = demoConsole('console-back-to-queue');
const api = demo.api;

beforeAll(async () => {
  await demo.server.services.demo?.ready;
});

/** Waiting, answerable demo posts with no claim on them. */
async function waitingPosts(): Promise<Mention[]> {
  const page = await api<{ items: Mention[] }>(demo.admin, 'GET', '/api/queue?status=needs_reply&limit=200');
  return (page.body.items ?? []).filter((m) => m.replyable !== false && m.kind !== 'news' && !m.claim);
}

/** Marks the post through the API as a colleague would have (claim, mark: the mark releases the claim). */
async function markAs(id: string, status: 'spam' | 'no_action' | 'duplicate'): Promise<void> {
  expect((await api(demo.admin, 'POST', `/api/mentions/${id}/claim`)).status).toBe(200);
  expect((await api(demo.admin, 'POST', `/api/mentions/${id}/status`, { status, reason: 'اختبار' })).status).toBe(200);
  const after = (await api<Mention>(demo.admin, 'GET', `/api/mentions/${id}`)).body;
  expect(after.status).toBe(status);
  expect(after.claim ?? null).toBeNull();
}

describe('web console: a marked post back to the reply queue', () => {
  it('claims a post marked spam, puts it back in the reply queue with a reason, and offers the composer again', async () => {
    // A complaint with a case of its own: the spam mark closes it, and setting the post back reopens it.
    const { spam, number } = await waitFor('a waiting demo complaint with a case of its own', async () => {
      for (const m of await waitingPosts()) {
        if (!m.caseId) continue;
        const detail = (await api<{ linkedCase: { number: string; status: string } | null }>(demo.admin, 'GET', `/api/mentions/${m.id}`)).body;
        const kase = detail.linkedCase && (await api<{ mentionIds: string[]; source: string; status: string }>(demo.admin, 'GET', `/api/cases/${detail.linkedCase.number}`)).body;
        if (kase && kase.mentionIds.length === 1 && kase.source === 'ingest' && kase.status !== 'closed') return { spam: m, number: detail.linkedCase!.number };
      }
      return undefined;
    });
    await markAs(spam.id, 'spam');
    expect((await api<{ status: string }>(demo.admin, 'GET', `/api/cases/${number}`)).body.status).toBe('closed');

    const ctx = await demo.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await signInAt(demo.url, ctx, demo.admin);
    const errors = watchErrors(page);
    await page.goto(`${demo.url}/#/mentions/${spam.id}`);
    const detail = page.getByTestId('mention-detail');
    const marked = detail.getByTestId('marked-closed');
    await marked.waitFor();
    expect(await marked.textContent()).toContain('عُلّم هذا المنشور «غير مرغوب»');
    expect(await marked.textContent()).toContain('فاستلم المنشور ثم اختر «إعادة إلى قائمة الرد»');
    expect(await detail.getByTestId('composer').count()).toBe(0);
    // Not held: nothing to put back yet, but the post can be claimed.
    expect(await detail.getByTestId('back-to-queue').count()).toBe(0);
    await screenshot(page, 'back-to-queue-marked-ar');

    await detail.getByRole('button', { name: 'استلام', exact: true }).click();
    const back = detail.getByTestId('back-to-queue');
    await back.waitFor();
    expect(await back.textContent()).toBe('إعادة إلى قائمة الرد');
    // The marks are not offered again on a marked post: only the way back.
    expect(await detail.getByRole('group', { name: 'علِّم المنشور:' }).count()).toBe(0);
    await back.click();
    const reason = page.locator('#back-to-queue-reason');
    expect(await reason.getAttribute('placeholder')).toBe('سبب مختصر، مطلوب (يُحفظ في سجل التدقيق)');
    const confirm = detail.getByTestId('back-to-queue-confirm');
    expect(await confirm.isDisabled()).toBe(true); // no reason yet
    await reason.fill('ليس رسالة مزعجة: شكوى حقيقية');
    expect(await confirm.isDisabled()).toBe(false);
    await detail.getByRole('group', { name: 'إعادة إلى قائمة الرد' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'back-to-queue-reason-ar');
    await confirm.click();

    await page.getByText(`أُعيد المنشور إلى قائمة الرد، ويمكنك الرد عليه الآن. أُعيد فتح البلاغ ${number}.`).waitFor();
    expect((await api<{ status: string }>(demo.admin, 'GET', `/api/cases/${number}`)).body.status).toBe('open');
    await detail.getByTestId('composer').waitFor();
    expect(await detail.getByTestId('marked-closed').count()).toBe(0);
    expect(await detail.locator('.chip-status').textContent()).toBe('بحاجة إلى رد');
    // Still the claim holder: the reply can be written and sent right away.
    expect(await detail.getByTestId('claim-state').textContent()).toContain('استلمت هذا المنشور');
    const now = (await api<Mention>(demo.admin, 'GET', `/api/mentions/${spam.id}`)).body;
    expect(now.status).toBe('needs_reply');
    await page.fill('#reply-text', 'شكرًا لتواصلك، نتابع الموضوع.');
    expect(await detail.getByTestId('send-reply').isDisabled()).toBe(false);
    await detail.getByTestId('composer').scrollIntoViewIfNeeded();
    await screenshot(page, 'back-to-queue-done-ar');

    // The audit log keeps the reason.
    const audit = await api<{ items: { action: string; after?: { status?: string; reason?: string } }[] }>(demo.admin, 'GET', `/api/audit?subject=mention:${spam.id}`);
    expect(audit.body.items.find((e) => e.action === 'mention.status_changed' && e.after?.status === 'needs_reply')?.after?.reason).toBe('ليس رسالة مزعجة: شكوى حقيقية');

    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('says the same in English for a post marked no action', async () => {
    const posts = await waitFor('another waiting demo post', async () => (await waitingPosts()).slice(0, 1));
    await markAs(posts[0].id, 'no_action');
    const ctx = await demo.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await signInAt(demo.url, ctx, demo.admin);
    const errors = watchErrors(page);
    await page.getByRole('button', { name: 'Switch the console to English' }).click();
    await waitFor('the English console', async () => (await page.locator('html').getAttribute('dir')) === 'ltr');
    await page.goto(`${demo.url}/#/mentions/${posts[0].id}`);
    const detail = page.getByTestId('mention-detail');
    await detail.getByTestId('marked-closed').waitFor();
    expect(await detail.getByTestId('marked-closed').textContent()).toContain('If that was a mistake, claim the post, then choose “Back to the reply queue”.');
    await detail.getByRole('button', { name: 'Claim', exact: true }).click();
    await detail.getByTestId('back-to-queue').click();
    await page.locator('#back-to-queue-reason').fill('Needs an answer after all');
    await detail.getByRole('group', { name: 'Back to the reply queue' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'back-to-queue-reason-en');
    await detail.getByTestId('back-to-queue-confirm').click();
    await page.getByText('The post is back in the reply queue: you can reply to it now.').waitFor();
    await detail.getByTestId('composer').waitFor();
    expect((await api<Mention>(demo.admin, 'GET', `/api/mentions/${posts[0].id}`)).body.status).toBe('needs_reply');
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
