/**
 * The reply composer says what the server will do with a reply, by the server's own approval
 * rules (APPROVAL_URGENCIES, APPROVAL_FOR_TRAINEES), in a real headless Chromium against the real
 * service: here trainees are trusted and medium-urgency posts wait for a supervisor, so a trainee
 * sees "send for approval" on a medium post and a plain "send" on a low one, whose reply then goes
 * straight to the outbox.
 */
import type { Mention, Reply } from '../../src/domain';
import { screenshot, watchErrors } from './browser';
import { demoConsole, signInAt, waitFor } from './console-kit';

jest.setTimeout(180_000);

const demo = demoConsole('console-approval', {
  APPROVAL_FOR_TRAINEES: 'false',
  APPROVAL_URGENCIES: 'medium',
  SUMMARY_RESPONSE_SLA_MINUTES: '30,120,600',
});
const api = demo.api;

/** A demo post still waiting for a reply, of this urgency, that nobody holds. */
async function waitingPost(urgency: 'medium' | 'low'): Promise<Mention> {
  return waitFor(`a waiting ${urgency} post`, async () => {
    const page = await api<{ items: (Mention & { claimedBy?: string | null })[] }>(demo.admin, 'GET', '/api/queue?status=needs_reply&limit=200');
    return page.body.items?.find((m) => m.classification.urgency === urgency && !m.claimedBy);
  });
}

describe('web console: the composer states the approval rules the server applies', () => {
  it('puts the configured rules and SLA targets in the page', async () => {
    const res = await fetch(`${demo.url}/`);
    const html = await res.text();
    expect(html).toContain('<meta name="rasid-approval" content="{&quot;urgencies&quot;:[&quot;medium&quot;],&quot;trainees&quot;:false}">');
    expect(html).toContain('<meta name="rasid-sla-minutes" content="{&quot;high&quot;:30,&quot;medium&quot;:120,&quot;low&quot;:600}">');
  });

  it('offers a trainee "send for approval" on a medium post and "send" on a low one, and the low one goes straight out', async () => {
    const trainee = await api<{ user: { id: string }; token: string }>(demo.admin, 'POST', '/api/users', { name: 'سلمان المتدرب', role: 'agent', trainee: true });
    expect(trainee.status).toBe(201);
    const medium = await waitingPost('medium');
    const low = await waitingPost('low');
    for (const m of [medium, low]) expect((await api(trainee.body.token, 'POST', `/api/mentions/${m.id}/claim`)).status).toBe(200);

    const ctx = await demo.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await signInAt(demo.url, ctx, trainee.body.token);
    const errors = watchErrors(page);

    await page.goto(`${demo.url}/#/mentions/${medium.id}`);
    const composer = page.getByTestId('composer');
    await composer.waitFor();
    await composer.locator('textarea').fill('شكرًا لتواصلكم، نتابع البلاغ.');
    await expect(page.getByTestId('send-reply').textContent()).resolves.toBe('إرسال للموافقة');
    await expect(page.getByTestId('approval-hint').textContent()).resolves.toContain('«متوسط»');
    await screenshot(page, 'composer-approval-medium');

    await page.goto(`${demo.url}/#/mentions/${low.id}`);
    await page.getByTestId('mention-detail').waitFor();
    await waitFor('the low post in the composer', async () => (await page.getByTestId('mention-detail').textContent())?.includes(low.text.slice(0, 20)));
    await composer.locator('textarea').fill('شكرًا لتواصلكم، نتابع البلاغ.');
    await expect(page.getByTestId('send-reply').textContent()).resolves.toBe('إرسال');
    expect(await page.getByTestId('approval-hint').count()).toBe(0);
    await screenshot(page, 'composer-approval-low');
    await page.getByTestId('send-reply').click();

    const sent = await waitFor('the low post reply', async () => {
      const replies = await api<{ items: Reply[] }>(demo.admin, 'GET', `/api/replies?mentionId=${low.id}`);
      return replies.body.items?.find((r) => r.author === trainee.body.user.id);
    });
    expect(sent.state).not.toBe('awaiting_approval');
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
