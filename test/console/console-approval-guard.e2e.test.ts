/**
 * The approval flow in a real headless Chromium against the real service: a trainee's double
 * click makes one draft and the composer folds into "awaiting approval"; the supervisor's menu
 * counts the drafts and the approvals page refreshes by itself; a draft on a post marked spam
 * shows the post's status, says why it cannot be approved and can only be rejected; the trainee
 * then sees the reason and loads the rejected text back to edit it.
 */
import type { Mention, Reply } from '../../src/domain';
import { screenshot, watchErrors } from './browser';
import { demoConsole, signInAt, waitFor } from './console-kit';

jest.setTimeout(180_000);

const demo = demoConsole('console-approval-guard', { APPROVAL_FOR_TRAINEES: 'true' });
const api = demo.api;

async function waitingPosts(n: number): Promise<Mention[]> {
  return waitFor(`${n} waiting posts`, async () => {
    const page = await api<{ items: (Mention & { claimedBy?: string | null })[] }>(demo.admin, 'GET', '/api/queue?status=needs_reply&limit=200');
    const free = (page.body.items ?? []).filter((m) => !m.claimedBy && !m.claim && m.replyable !== false && m.kind !== 'news');
    return free.length >= n ? free.slice(-n) : undefined;
  });
}

describe('web console: approving never answers a post twice', () => {
  it('one draft per double click, a live count for supervisors, a refused draft explained, and the rejected text back in the composer', async () => {
    const trainee = await api<{ user: { id: string }; token: string }>(demo.admin, 'POST', '/api/users', { name: 'سلمان المتدرب', role: 'agent', trainee: true });
    const supervisor = await api<{ user: { id: string }; token: string }>(demo.admin, 'POST', '/api/users', { name: 'سارة المشرفة', role: 'supervisor' });
    expect([trainee.status, supervisor.status]).toEqual([201, 201]);
    const [post, other, third] = await waitingPosts(3);
    for (const m of [post, other, third]) expect((await api(trainee.body.token, 'POST', `/api/mentions/${m.id}/claim`)).status).toBe(200);
    const awaitingCount = async () => (await api<{ count: number }>(demo.admin, 'GET', '/api/replies/count?state=awaiting_approval')).body.count;
    const before = await awaitingCount();

    // The supervisor's console is open on Approvals before any draft exists.
    const supCtx = await demo.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const sup = await signInAt(demo.url, supCtx, supervisor.body.token);
    const supErrors = watchErrors(sup);
    await sup.goto(`${demo.url}/#/approvals`);
    await sup.getByRole('heading', { name: 'الردود بانتظار الموافقة' }).waitFor();

    // The trainee double-clicks "send for approval".
    const ctx = await demo.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await signInAt(demo.url, ctx, trainee.body.token);
    const errors = watchErrors(page);
    await page.goto(`${demo.url}/#/mentions/${post.id}`);
    const composer = page.getByTestId('composer');
    await composer.locator('textarea').fill('شكرًا لتواصلكم، نتابع البلاغ مع الفريق المختص.');
    await page.getByTestId('send-reply').dblclick();
    const done = page.getByTestId('composer-done');
    await done.waitFor();
    expect(await done.textContent()).toContain('ردّك بانتظار موافقة المشرف');
    await screenshot(page, 'approval-guard-composer-done');
    const drafts = (await api<{ items: Reply[] }>(demo.admin, 'GET', `/api/replies?mentionId=${post.id}`)).body.items;
    expect(drafts.filter((r) => r.state === 'awaiting_approval')).toHaveLength(1);
    expect(await awaitingCount()).toBe(before + 1);

    // Without a reload, the supervisor's page and menu show it.
    const card = sup.locator(`[data-testid="approval-item"][data-reply-id="${drafts[0].id}"]`);
    await card.waitFor({ timeout: 30_000 });
    await waitFor('the menu count', async () => (await sup.getByTestId('nav-approvals-count').textContent())?.includes(String(before + 1)));

    // The post is marked spam meanwhile: the card says so and offers only reject.
    expect((await api(trainee.body.token, 'POST', `/api/mentions/${post.id}/status`, { status: 'spam', reason: 'إعلان' })).status).toBe(200);
    await waitFor('the blocked card', async () => (await card.getAttribute('data-blocked')) === 'mention_closed');
    expect(await card.getByTestId('approval-post-status').textContent()).toBe('غير مرغوب');
    expect(await card.getByTestId('approval-block').textContent()).toContain('«غير مرغوب»');
    expect(await card.getByTestId('approve').isDisabled()).toBe(true);
    await screenshot(sup, 'approval-guard-blocked-card');
    await card.getByTestId('reject').click();
    await card.locator('input').fill('المنشور إعلان، لا يُرد عليه');
    await card.getByRole('button', { name: 'تأكيد' }).click();
    await waitFor('the card to leave', async () => (await card.count()) === 0);
    await waitFor('the menu count to drop', async () => {
      const badge = sup.getByTestId('nav-approvals-count');
      return before === 0 ? (await badge.count()) === 0 : (await badge.textContent())?.includes(String(before));
    });

    // A refused approval in the console's words: a draft on the other post whose colleague answered.
    await page.goto(`${demo.url}/#/mentions/${other.id}`);
    await page.getByTestId('composer').locator('textarea').fill('نعتذر عن التأخير، الفريق في الطريق.');
    await page.getByTestId('send-reply').click();
    await page.getByTestId('composer-done').waitFor();
    const otherDraft = (await api<{ items: Reply[] }>(demo.admin, 'GET', `/api/replies?mentionId=${other.id}&state=awaiting_approval`)).body.items[0];
    await sup.reload();
    const otherCard = sup.locator(`[data-testid="approval-item"][data-reply-id="${otherDraft.id}"]`);
    await otherCard.waitFor();
    expect((await api(demo.admin, 'POST', `/api/mentions/${other.id}/assign`, { userId: supervisor.body.user.id })).status).toBe(200);
    expect((await api(supervisor.body.token, 'POST', `/api/mentions/${other.id}/replies`, { text: 'تم إبلاغ الفريق.' })).status).toBe(201);
    // Clicked before the page knows: the server refuses, and the console says why in Arabic.
    await otherCard.getByTestId('approve').click();
    const refusal = sup.locator('.notice-error');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('لا تمكن الموافقة: للمنشور رد آخر');
    await waitFor('the answered flag', async () => (await otherCard.getAttribute('data-blocked')) === 'mention_already_answered');
    await screenshot(sup, 'approval-guard-answered');

    // The trainee sees the rejection's reason on the post and loads the text back to edit it.
    const draft3 = await api<Reply>(trainee.body.token, 'POST', `/api/mentions/${third.id}/replies`, { text: 'سنرد عليكم لاحقا' });
    expect((await api(supervisor.body.token, 'POST', `/api/replies/${draft3.body.id}/reject`, { reason: 'اذكر رقم البلاغ وموعد الزيارة' })).status).toBe(200);
    await page.goto(`${demo.url}/#/mentions/${third.id}`);
    const rejected = page.getByTestId('composer-rejected');
    await rejected.waitFor();
    expect(await rejected.textContent()).toContain('اذكر رقم البلاغ وموعد الزيارة');
    await rejected.getByTestId('edit-rejected').click();
    expect(await page.locator('#reply-text').inputValue()).toBe('سنرد عليكم لاحقا');
    await screenshot(page, 'approval-guard-rejected-loaded');
    await page.locator('#reply-text').fill('سنزوركم غدًا صباحًا لمعاينة الموقع.');
    await page.getByTestId('send-reply').click();
    await page.getByTestId('composer-done').waitFor();

    expect(errors).toEqual([]);
    expect(supErrors.filter((e) => !e.includes('409'))).toEqual([]);
    await Promise.all([ctx.close(), supCtx.close()]);
  });

  it('counts a reply whose send was cut off in the menu, and says on its card who wrote it and when', async () => {
    const writer = await api<{ user: { id: string }; token: string }>(demo.admin, 'POST', '/api/users', { name: 'جميلة الموظفة', role: 'agent' });
    const [post] = await waitingPosts(1);
    const supCtx = await demo.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const sup = await signInAt(demo.url, supCtx, demo.admin);
    await sup.goto(`${demo.url}/#/queue`);
    const drafts = async () => (await api<{ count: number }>(demo.admin, 'GET', '/api/replies/count?state=awaiting_approval')).body.count;
    const awaiting = await drafts();

    // A send the service was making when it stopped: marked unknown at the next start, as here.
    const store = demo.server.services.store;
    // (From awaiting approval straight to sending: a queued one the live sender could send first.)
    const { reply } = await store.replies.createReply({ mentionId: post.id, text: 'سيزور الفريق الموقع اليوم.', author: writer.body.user.id, state: 'awaiting_approval', purpose: 'agent' });
    expect(await store.replies.transitionReply(reply.id, ['awaiting_approval'], { state: 'sending' })).not.toBeNull();
    expect((await store.replies.markInterruptedSendsUnknown(new Date().toISOString())).map((r) => r.id)).toContain(reply.id);

    const badge = sup.getByTestId('nav-approvals-count');
    await waitFor('the cut-off send in the menu count', async () => (await badge.count()) === 1 && (await badge.textContent())?.includes(String(awaiting + 1)), 30_000);
    expect(await badge.getAttribute('class')).toContain('nav-count-alert');
    expect(await badge.getAttribute('title')).toContain('رد واحد غير مؤكد الإرسال');
    await sup.goto(`${demo.url}/#/approvals`);
    const card = sup.locator(`[data-testid="unknown-item"][data-reply-id="${reply.id}"]`);
    await card.waitFor();
    expect(await card.getByTestId('unknown-author').textContent()).toBe('جميلة الموظفة');
    await card.scrollIntoViewIfNeeded();
    await screenshot(sup, 'approval-unknown-card');
    await supCtx.close();
  });
});
