/**
 * The reply composer keeps what the agent wrote and says only what is true, in a real headless
 * Chromium against the real service (demo data): a template's text edited by hand is never
 * replaced when a variable, the reply language or the template changes (a notice offers the
 * refill, one click away); «could not reach the server» goes once the server answers again, not
 * at the next Send; a reply sent is confirmed once; and the agent's own reply already on a post is
 * said to her, not about her.
 */
import type { Page } from 'playwright-core';
import type { Mention, Reply } from '../../src/domain';
import { screenshot, watchErrors } from './browser';
import { demoConsole, signInAt, waitFor } from './console-kit';

jest.setTimeout(180_000);

const demo = demoConsole('console-composer-edits');
const api = demo.api;

beforeAll(async () => {
  await demo.server.services.demo?.ready; // the demo posts are all in
});

type Detail = Mention & { replies: Reply[] };

/** Waiting demo posts (with their replies) that can be answered. */
async function waiting(): Promise<Detail[]> {
  const page = await api<{ items: Mention[] }>(demo.admin, 'GET', '/api/queue?status=needs_reply&limit=200');
  const out: Detail[] = [];
  for (const m of page.body.items ?? []) {
    if (m.replyable === false || m.kind === 'news' || m.claim) continue;
    const replies = (await api<{ items: Reply[] }>(demo.admin, 'GET', `/api/replies?mentionId=${m.id}`)).body.items;
    out.push({ ...m, replies });
  }
  return out;
}

/** A low-urgency waiting post with no reply that no other test here takes (no approval needed for an agent). */
const taken = new Set<string>();
async function freePost(): Promise<Detail> {
  const found = (await waiting()).find((d) => !taken.has(d.id) && d.classification.urgency !== 'high' && d.replies.length === 0);
  if (!found) throw new Error('no free low-urgency demo post');
  taken.add(found.id);
  return found;
}

async function newUser(name: string, trainee = false): Promise<{ id: string; token: string; name: string }> {
  const res = await api<{ user: { id: string }; token: string }>(demo.admin, 'POST', '/api/users', { name, role: 'agent', trainee });
  expect(res.status).toBe(201);
  return { id: res.body.user.id, token: res.body.token, name };
}

async function claim(token: string, mentionId: string) {
  expect((await api(token, 'POST', `/api/mentions/${mentionId}/claim`)).status).toBe(200);
}

async function openAs(token: string, mentionId: string): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const ctx = await demo.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await signInAt(demo.url, ctx, token);
  const errors = watchErrors(page);
  await page.goto(`${demo.url}/#/mentions/${mentionId}`);
  await page.getByTestId('composer').waitFor();
  return { page, errors, close: () => ctx.close() };
}

const showComposer = (page: Page) => page.getByTestId('composer').evaluate((el) => el.scrollIntoView({ block: 'end' }));
const squash = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();
const draftOf = (page: Page) => page.evaluate(() => Object.entries(sessionStorage).find(([k]) => k.startsWith('rasid.replyDraft.'))?.[1] ?? '');

describe('web console: the reply composer keeps the agent’s words and says only what is true', () => {
  it('never replaces a template text edited by hand when a variable, the language or the template changes; refills only on request', async () => {
    const post = await freePost();
    const visit = await api<{ id: string }>(demo.admin, 'POST', '/api/templates', {
      key: 'visit_note',
      name: 'موعد الزيارة',
      bodies: { ar: 'مرحبًا {name}، سيزور الفريق الموقع قريبًا.', en: 'Hello {name}, the team will visit the site soon.' },
    });
    const thanks = await api<{ id: string }>(demo.admin, 'POST', '/api/templates', { key: 'thanks_note', name: 'شكر وتقدير', bodies: { ar: 'شكرًا {name} على تواصلك معنا.' } });
    expect([visit.status, thanks.status]).toEqual([201, 201]);
    const agent = await newUser('أمل الموظفة');
    await claim(agent.token, post.id);
    const { page, errors, close } = await openAs(agent.token, post.id);
    await waitFor('the template list', async () => (await page.locator(`#reply-template option[value="${thanks.body.id}"]`).count()) === 1);
    if ((await page.locator('#reply-lang').inputValue()) !== 'ar') await page.locator('#reply-lang').selectOption('ar');
    await page.getByTestId('reply-template').selectOption(visit.body.id);
    const reply = page.locator('#reply-text');
    await waitFor('the filled template', async () => (await reply.inputValue()).includes('سيزور الفريق'));

    // The agent adds a sentence of her own, then corrects the name the template used.
    const mine = `${await reply.inputValue()} ونعتذر عن التأخير في الرد.`;
    await reply.fill(mine);
    await page.locator('#var-name').fill('سارة');
    const kept = page.getByTestId('composer-kept-edits');
    await kept.waitFor();
    expect(await reply.inputValue()).toBe(mine);
    expect(squash(await kept.textContent())).toContain('عدّلت النص يدويًا، فلم يُحدَّث بالقيمة الجديدة.');
    expect(await kept.getByRole('button', { name: 'أعد ملء القالب (تُفقد تعديلاتك)' }).isVisible()).toBe(true);
    // The saved draft keeps her words too (a session ending now would bring them back).
    await waitFor('the draft saved', async () => JSON.parse((await draftOf(page)) || '{}').text === mine);
    await showComposer(page);
    await screenshot(page, 'composer-kept-edits-value');

    // The reply language: still her words.
    await page.locator('#reply-lang').selectOption('en');
    await waitFor('the notice for the language', async () => (await kept.getAttribute('data-changed')) === 'lang');
    expect(await reply.inputValue()).toBe(mine);
    expect(squash(await kept.textContent())).toContain('فلم يُستبدل بالنص الإنجليزي للقالب');

    // Only her click refills: the English text, with the name she typed.
    await kept.getByTestId('refill-template').click();
    expect(await reply.inputValue()).toBe('Hello سارة, the team will visit the site soon.');
    expect(await kept.count()).toBe(0);
    // Not edited since: a variable change fills again, as before.
    await page.locator('#var-name').fill('سارة أحمد');
    await waitFor('the template filled again', async () => (await reply.inputValue()) === 'Hello سارة أحمد, the team will visit the site soon.');
    expect(await kept.count()).toBe(0);

    // Edited again, then another template picked: her words stay, and the notice names the template.
    await page.locator('#reply-lang').selectOption('ar');
    await waitFor('the Arabic text', async () => (await reply.inputValue()).includes('سيزور الفريق'));
    const again = `${await reply.inputValue()} وسنبلغك بالنتيجة.`;
    await reply.fill(again);
    await page.getByTestId('reply-template').selectOption(thanks.body.id);
    await waitFor('the notice for the template', async () => (await kept.count()) === 1 && (await kept.getAttribute('data-changed')) === 'template');
    expect(await reply.inputValue()).toBe(again);
    expect(squash(await kept.textContent())).toContain('فلم يُستبدل بنص قالب «شكر وتقدير»');
    expect(await kept.locator('bdi').textContent()).toBe('شكر وتقدير');
    await showComposer(page);
    await screenshot(page, 'composer-kept-edits-template');

    // Switched to English, where that template has no text: her words still stay.
    await page.locator('#reply-lang').selectOption('en');
    await page.getByTestId('template-no-text').waitFor();
    await page.waitForTimeout(400);
    expect(await reply.inputValue()).toBe(again);
    await page.locator('#reply-lang').selectOption('ar');
    await waitFor('the notice back', async () => (await kept.count()) === 1);
    await kept.getByTestId('refill-template').click();
    expect(await reply.inputValue()).toBe('شكرًا سارة أحمد على تواصلك معنا.');

    // Sent as the template text shown.
    await page.getByTestId('send-reply').click();
    await page.getByTestId('composer-done').waitFor();
    const sent = (await api<{ items: Reply[] }>(demo.admin, 'GET', `/api/replies?mentionId=${post.id}`)).body.items.filter((r) => r.author === agent.id);
    expect(sent.map((r) => r.text)).toEqual(['شكرًا سارة أحمد على تواصلك معنا.']);
    expect(errors).toEqual([]);
    await close();
  });

  it('clears «could not reach the server» once the server answers again (the page re-reads the post), keeping a refusal', async () => {
    const post = await freePost();
    const agent = await newUser('دانة الموظفة');
    await claim(agent.token, post.id);
    const { page, errors, close } = await openAs(agent.token, post.id);
    const words = 'شكرًا لتواصلك، نتابع البلاغ مع الفريق المختص.';
    await page.locator('#reply-text').fill(words);
    const composerError = page.getByTestId('composer').locator('.notice-error');
    const reread = () =>
      Promise.all([
        page.waitForResponse((r) => r.url().endsWith(`/api/mentions/${post.id}`) && r.request().method() === 'GET' && r.ok()),
        // The page re-reads the open post when the window gets the focus back (as on its timer and the server's signal).
        page.evaluate(() => window.dispatchEvent(new Event('focus'))),
      ]);

    // The service is out of reach when she presses Send.
    await page.route('**/api/**', (route) => route.abort('connectionrefused'));
    await page.getByTestId('send-reply').click();
    await composerError.waitFor();
    expect(squash(await composerError.textContent())).toBe('تعذّر الاتصال بالخادم. تحقّق من الشبكة ثم أعد المحاولة.');
    await showComposer(page);
    await screenshot(page, 'composer-unreachable');

    // Back: the next answer from the server takes the stale message away; her text stays.
    await page.unroute('**/api/**');
    await reread();
    await waitFor('the network error gone', async () => (await composerError.count()) === 0, 5_000);
    expect(await page.locator('#reply-text').inputValue()).toBe(words);
    await showComposer(page);
    await screenshot(page, 'composer-unreachable-cleared');

    // A refusal about the reply itself is still true after the page re-reads the post: it stays.
    await page.route(`**/api/mentions/${post.id}/replies`, (route) =>
      route.request().method() === 'POST'
        ? route.fulfill({ status: 422, contentType: 'application/json', body: JSON.stringify({ error: { code: 'reply_empty', message: 'reply text is empty' } }) })
        : route.continue(),
    );
    await page.getByTestId('send-reply').click();
    await composerError.waitFor();
    const refusal = squash(await composerError.textContent());
    expect(refusal).toBe('اكتب نص الرد أو اختر قالبًا.');
    await reread();
    await page.waitForTimeout(300);
    expect(squash(await composerError.textContent())).toBe(refusal);
    await page.unroute(`**/api/mentions/${post.id}/replies`);

    // The aborted requests are the only errors the page reports.
    expect(errors.filter((e) => !e.includes('net::ERR_CONNECTION_REFUSED') && !e.includes('422'))).toEqual([]);
    await close();
  });

  it('confirms a reply sent once, not twice (queued, and waiting for approval)', async () => {
    const cases = [
      { who: await newUser('ليلى الموظفة'), says: /أُضيف (الرد|ردّك) إلى طابور الإرسال/g, state: 'queued' },
      { who: await newUser('جود المتدربة', true), says: /ردّك بانتظار موافقة المشرف|أُرسل الرد إلى المشرف للموافقة/g, state: 'awaiting_approval' },
    ];
    for (const { who, says, state } of cases) {
      const post = await freePost();
      await claim(who.token, post.id);
      const { page, errors, close } = await openAs(who.token, post.id);
      await page.locator('#reply-text').fill('شكرًا لتواصلك، أُحيل بلاغك إلى الفريق المختص.');
      await page.getByTestId('send-reply').click();
      const done = page.getByTestId('composer-done');
      await done.waitFor();
      expect(await done.getAttribute('data-state')).toBe(state);
      await waitFor('the replies list', async () => (await page.getByTestId('reply-item').count()) === 1);
      await page.waitForTimeout(300);
      await done.scrollIntoViewIfNeeded();
      await screenshot(page, `composer-sent-once-${state}`);
      const shown = squash(await page.getByTestId('mention-detail').textContent());
      expect({ state, confirmations: shown.match(says) ?? [] }).toEqual({ state, confirmations: [expect.anything()] });
      expect(errors).toEqual([]);
      await close();
    }
  });

  it('says «you already answered» to the agent whose reply answers the post, and names her to a colleague', async () => {
    const post = await freePost();
    const agent = await newUser('Maryam');
    await claim(agent.token, post.id);
    const created = await api<Reply>(agent.token, 'POST', `/api/mentions/${post.id}/replies`, { text: 'شكرًا لتواصلك، أُحيل بلاغك إلى الفريق المختص.' });
    expect(created.status).toBe(201);
    await waitFor('the reply sent', async () => (await api<Reply>(demo.admin, 'GET', `/api/replies/${created.body.id}`)).body.state === 'sent', 60_000);

    const { page, errors, close } = await openAs(agent.token, post.id);
    const notice = page.getByTestId('composer-answered');
    await notice.waitFor();
    const said = squash(await notice.textContent());
    expect(said).toContain('سبق أن رددت على هذا المنشور (أُرسل)');
    expect(said).toContain('ردًّا ثانيًا');
    expect(said).not.toContain('Maryam');
    expect(said).not.toContain('كتب');
    await showComposer(page);
    await screenshot(page, 'composer-answered-by-you-ar');

    await page.getByRole('button', { name: 'Switch the console to English' }).click();
    await waitFor('the English notice', async () => squash(await notice.textContent()).includes('You already answered this post (Sent)'));
    expect(squash(await notice.textContent())).not.toContain('Maryam');
    await showComposer(page);
    await screenshot(page, 'composer-answered-by-you-en');
    expect(errors).toEqual([]);
    await close();

    // A colleague is told who answered.
    const colleague = await newUser('ريم الزميلة');
    const other = await openAs(colleague.token, post.id);
    const theirs = other.page.getByTestId('composer-answered');
    await theirs.waitFor();
    expect(squash(await theirs.textContent())).toContain('سبق الرد على هذا المنشور: كتب Maryam ردًّا (أُرسل)');
    expect(other.errors).toEqual([]);
    await other.close();
  });
});
