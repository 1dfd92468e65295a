/**
 * The reply composer guards the citizen from a careless reply, in a real headless Chromium against
 * the real service (demo data): a post a person already answered says by whom and when, and a
 * second reply takes a second, clearly labelled click; a template's {case_number} on a post with
 * no case leaves only that variable empty, and says why; a case resolved or closed is said so and
 * gets no acknowledgement template, and the approvals card shows the post's case (number isolated
 * left to right, author names isolated); a draft survives the session ending mid-reply.
 */
import type { Page } from 'playwright-core';
import type { Mention, Reply } from '../../src/domain';
import { screenshot, watchErrors } from './browser';
import { demoConsole, signInAt, waitFor } from './console-kit';
import { salutationName } from '../../src/templates/salutation-name';

jest.setTimeout(180_000);

const demo = demoConsole('console-reply-guards');
const api = demo.api;

// The demo's posts and history are written after the service starts (later under the full suite's load).
beforeAll(async () => {
  await demo.server.services.demo?.ready;
});

type Detail = Mention & { caseNumber: string | null; linkedCase: { number: string; status: string } | null };

/** Every demo post in these statuses, as the mention view reads it (with its replies). */
async function posts(statuses: string[]): Promise<(Detail & { replies: Reply[] })[]> {
  const out: (Detail & { replies: Reply[] })[] = [];
  for (const status of statuses) {
    const page = await api<{ items: Mention[] }>(demo.admin, 'GET', `/api/queue?status=${status}&limit=200`);
    for (const m of page.body.items ?? []) {
      if (m.replyable === false || m.kind === 'news') continue;
      const detail = (await api<Detail>(demo.admin, 'GET', `/api/mentions/${m.id}`)).body;
      const replies = (await api<{ items: Reply[] }>(demo.admin, 'GET', `/api/replies?mentionId=${m.id}`)).body.items;
      out.push({ ...detail, replies });
    }
  }
  return out;
}

/** A post no other test here takes. */
const taken = new Set<string>();
function take<T extends { id: string }>(what: string, list: T[], fits: (x: T) => boolean): T {
  const found = list.find((x) => !taken.has(x.id) && fits(x));
  if (!found) throw new Error(`no demo post: ${what}`);
  taken.add(found.id);
  return found;
}

async function newUser(name: string, trainee = false): Promise<{ id: string; token: string }> {
  const res = await api<{ user: { id: string }; token: string }>(demo.admin, 'POST', '/api/users', { name, role: 'agent', trainee });
  expect(res.status).toBe(201);
  return { id: res.body.user.id, token: res.body.token };
}

async function claim(token: string, mentionId: string) {
  expect((await api(token, 'POST', `/api/mentions/${mentionId}/claim`)).status).toBe(200);
}

async function openAs(token: string, mentionId: string, width = 1280): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const ctx = await demo.browser.newContext({ viewport: { width, height: 900 } });
  const page = await signInAt(demo.url, ctx, token);
  const errors = watchErrors(page);
  await page.goto(`${demo.url}/#/mentions/${mentionId}`);
  await page.getByTestId('composer').waitFor();
  return { page, errors, close: () => ctx.close() };
}

/** Scrolls the composer's end into the screenshot. */
const showComposer = (page: Page) => page.getByTestId('composer').evaluate((el) => el.scrollIntoView({ block: 'end' }));

const text = (page: Page, testId: string) => page.getByTestId(testId).first().textContent().then((s) => (s ?? '').replace(/\s+/g, ' ').trim());

describe('web console: the reply composer guards the citizen', () => {
  it('says a post was already answered (by whom, when) and sends a second reply only on a second, labelled click', async () => {
    const all = await posts(['replied']);
    const answered = take('a replied low-urgency post with a sent agent reply', all, (d) => d.classification.urgency !== 'high' && d.replies.some((r) => r.purpose === 'agent' && r.state === 'sent'));
    const first = answered.replies.find((r) => r.purpose === 'agent' && r.state === 'sent')!;
    const names = (await api<{ items: { id: string; name: string }[] }>(demo.admin, 'GET', '/api/users')).body.items;
    const firstAuthor = names.find((u) => u.id === first.author)!.name;

    const agent = await newUser('ريم الموظفة');
    await claim(agent.token, answered.id);
    const { page, errors, close } = await openAs(agent.token, answered.id);
    const notice = page.getByTestId('composer-answered');
    await notice.waitFor();
    const said = await text(page, 'composer-answered');
    expect(said).toContain('سبق الرد على هذا المنشور');
    expect(said).toContain(firstAuthor);
    expect(said).toContain('أُرسل');
    expect(said).toContain('ردًّا ثانيًا');

    await page.locator('#reply-text').fill('تصحيح: ستكون زيارة الفريق غدًا صباحًا.');
    await page.getByTestId('send-reply').click();
    const confirm = page.getByTestId('confirm-second');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('هذا رد ثانٍ على منشور سبق الرد عليه');
    const second = confirm.getByRole('button', { name: 'أرسل ردًا ثانيًا' });
    expect(await second.isVisible()).toBe(true);
    await showComposer(page);
    await screenshot(page, 'reply-guards-second-confirm');
    // The first click sent nothing.
    const mine = async () => (await api<{ items: Reply[] }>(demo.admin, 'GET', `/api/replies?mentionId=${answered.id}`)).body.items.filter((r) => r.author === agent.id);
    expect(await mine()).toEqual([]);

    // Escape closes the question (focus back on Send) and leaves the post open; asked again, it sends.
    await page.keyboard.press('Escape');
    await waitFor('the question closed', async () => (await confirm.count()) === 0);
    // (Focus is moved on the next frame, once the question's buttons are gone.)
    await waitFor('the focus back on Send', async () => (await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid)) === 'send-reply', 5_000);
    expect(await page.getByTestId('composer').count()).toBe(1);
    await page.getByTestId('send-reply').click();
    await confirm.waitFor();
    expect(await mine()).toEqual([]);
    await second.click();
    await page.getByTestId('composer-done').waitFor();
    expect((await mine()).map((r) => r.text)).toEqual(['تصحيح: ستكون زيارة الفريق غدًا صباحًا.']);
    expect(errors).toEqual([]);
    await close();
  });

  it('fills {name} and {domain} on a post with no case and leaves only {case_number}, saying the post has no case', async () => {
    const all = await posts(['needs_reply']);
    const plain = take('a waiting post with a domain and no case', all, (d) => !d.caseId && !!d.classification.primaryDomain && d.classification.urgency !== 'high');
    const ack = (await api<{ items: { id: string; key: string }[] }>(demo.admin, 'GET', '/api/templates')).body.items.find((x) => x.key === 'case_ack')!;
    const followUp = await api<{ id: string }>(demo.admin, 'POST', '/api/templates', {
      key: 'case_follow_up',
      name: 'متابعة البلاغ',
      bodies: { ar: 'مرحبًا {name}، نتابع بلاغك رقم {case_number} بشأن {domain}.' },
    });
    expect(followUp.status).toBe(201);
    const agent = await newUser('سعاد الموظفة');
    await claim(agent.token, plain.id);
    const { page, errors, close } = await openAs(agent.token, plain.id);
    await waitFor('the template list', async () => (await page.locator(`#reply-template option[value="${followUp.body.id}"]`).count()) === 1);
    // The acknowledgement names the post's case: not offered on a post without one.
    expect(await page.locator(`#reply-template option[value="${ack.id}"]`).count()).toBe(0);
    await page.getByTestId('reply-template').selectOption(followUp.body.id);

    const name = salutationName(plain.author);
    const reply = page.locator('#reply-text');
    await waitFor('the filled template', async () => (await reply.inputValue()).includes(name));
    const filled = await reply.inputValue();
    expect(filled).not.toContain('{name}');
    expect(filled).not.toContain('{domain}');
    expect(filled).toContain('{case_number}');
    expect(await page.locator('#var-name').inputValue()).toBe(name);
    expect(await page.locator('#var-case_number').inputValue()).toBe('');
    const left = await text(page, 'placeholder-left');
    expect(left).toContain('لا بلاغ مرتبط بهذا المنشور');
    expect(left).toContain('{case_number}');
    expect(await page.getByTestId('send-reply').isDisabled()).toBe(true);
    await showComposer(page);
    await screenshot(page, 'reply-guards-no-case-template');

    // The number typed in fills it, and the rest stays filled.
    await page.locator('#var-case_number').fill('MOW-2026-000777');
    await waitFor('the number in the reply', async () => (await reply.inputValue()).includes('MOW-2026-000777'));
    expect(await reply.inputValue()).toContain(name);
    expect(await page.getByTestId('placeholder-left').count()).toBe(0);
    // A variable without a value is no error for the preview: nothing failed in the browser's console.
    expect(errors).toEqual([]);
    await close();
  });

  it('sends only the text the agent saw: a template a colleague edits meanwhile sends nothing and shows its new text', async () => {
    const all = await posts(['needs_reply']);
    const plain = take('a waiting low-urgency post with a domain', all, (d) => !!d.classification.primaryDomain && d.classification.urgency !== 'high');
    const tpl = await api<{ id: string }>(demo.admin, 'POST', '/api/templates', { key: 'visit_soon', name: 'زيارة قريبة', bodies: { ar: 'أهلًا {name}، سيزور الفريق الموقع خلال يومين.' } });
    expect(tpl.status).toBe(201);
    const agent = await newUser('نورة الموظفة');
    await claim(agent.token, plain.id);
    const { page, close } = await openAs(agent.token, plain.id);
    await waitFor('the template list', async () => (await page.locator(`#reply-template option[value="${tpl.body.id}"]`).count()) === 1);
    await page.getByTestId('reply-template').selectOption(tpl.body.id);
    const reply = page.locator('#reply-text');
    await waitFor('the filled template', async () => (await reply.inputValue()).includes('خلال يومين'));

    // The supervisor changes the template while the agent reads the old text.
    expect((await api(demo.admin, 'PATCH', `/api/templates/${tpl.body.id}`, { bodies: { ar: 'أهلًا {name}، أُجّلت زيارة الفريق إلى الأسبوع القادم.' } })).status).toBe(200);
    await page.getByTestId('send-reply').click();
    await page.getByText('تغيّر نص القالب منذ اخترته').waitFor();
    const sentBy = async () => (await api<{ items: Reply[] }>(demo.admin, 'GET', `/api/replies?mentionId=${plain.id}`)).body.items.filter((r) => r.author === agent.id);
    expect(await sentBy()).toEqual([]);
    expect(await reply.inputValue()).toContain('أُجّلت زيارة الفريق');
    await showComposer(page);
    await screenshot(page, 'reply-guards-template-changed');

    // Sent once the agent has seen it: the new text, as shown.
    const shown = await reply.inputValue();
    await page.getByTestId('send-reply').click();
    await page.getByTestId('composer-done').waitFor();
    expect((await sentBy()).map((r) => r.text)).toEqual([shown.trim()]);
    await close();
  });

  it("says why a reply waits for another try and when (the channel refused its credentials)", async () => {
    const all = await posts(['needs_reply']);
    const plain = take('a waiting post', all, (d) => d.replies.length === 0);
    const store = demo.server.services.store;
    const { reply } = await store.replies.createReply({ mentionId: plain.id, text: 'تم تحويل البلاغ إلى إدارة صيانة الطرق.', author: (await newUser('عائشة الموظفة')).id, state: 'awaiting_approval', purpose: 'agent' });
    // As the sender leaves it after an X 401: queued again, with the channel's words and a later try.
    const retryAt = new Date(Date.now() + 30 * 60_000).toISOString();
    expect(await store.replies.transitionReply(reply.id, ['awaiting_approval'], { state: 'queued', error: 'X 401: Unauthorized (check X_USER_TOKEN)', nextAttemptAt: retryAt })).not.toBeNull();
    const { page, close } = await openAs(demo.admin, plain.id);
    const why = page.getByTestId('reply-retry');
    await why.waitFor();
    const said = (await why.textContent()) ?? '';
    expect(said).toContain('تعذّر الإرسال، وستُعاد المحاولة');
    expect(said).toContain('X 401: Unauthorized (check X_USER_TOKEN)');
    expect(said).not.toMatch(/\d{4}-\d{2}-\d{2}T/); // the time as the console shows times, not an ISO string
    await close();
  });

  it('warns on a post whose case is resolved or closed, offers no acknowledgement there, and shows the case on the approvals card', async () => {
    const all = await posts(['needs_reply']);
    const done = take('a waiting post on a resolved or closed case', all, (d) => d.linkedCase?.status === 'resolved' || d.linkedCase?.status === 'closed');
    const open = take('a waiting post on an open case', all, (d) => d.linkedCase?.status === 'open' || d.linkedCase?.status === 'in_progress');
    const ack = (await api<{ items: { id: string; key: string }[] }>(demo.admin, 'GET', '/api/templates')).body.items.find((x) => x.key === 'case_ack')!;
    const thanks = await api<{ id: string }>(demo.admin, 'POST', '/api/templates', { key: 'thanks_follow_up', name: 'شكر على المتابعة', bodies: { ar: 'شكرًا {name} على متابعتك.' } });
    expect(thanks.status).toBe(201);
    const agent = await newUser('منى الموظفة');
    await claim(agent.token, done.id);
    await claim(agent.token, open.id);
    const { page, errors, close } = await openAs(agent.token, done.id);
    const warning = page.getByTestId('composer-case-done');
    await warning.waitFor();
    const said = await text(page, 'composer-case-done');
    expect(said).toContain(done.linkedCase!.number);
    expect(said).toContain(done.linkedCase!.status === 'resolved' ? 'تمت المعالجة' : 'مغلق');
    expect(await warning.locator('bdi[dir="ltr"]').textContent()).toBe(done.linkedCase!.number);
    await waitFor('the template list', async () => (await page.locator(`#reply-template option[value="${thanks.body.id}"]`).count()) === 1);
    expect(await page.locator(`#reply-template option[value="${ack.id}"]`).count()).toBe(0);
    await showComposer(page);
    await screenshot(page, 'reply-guards-case-done');

    // On a case still open the acknowledgement is offered, with no warning.
    await page.goto(`${demo.url}/#/mentions/${open.id}`);
    await waitFor('the acknowledgement offered', async () => (await page.locator(`#reply-template option[value="${ack.id}"]`).count()) === 1);
    expect(await page.getByTestId('composer-case-done').count()).toBe(0);
    expect(errors).toEqual([]);
    await close();

    // A trainee with a Latin name drafts on the done case's other waiting post (or this one): the supervisor sees the case.
    const trainee = await newUser('Nora A.', true);
    const onDone = all.find((d) => !taken.has(d.id) && d.linkedCase?.number === done.linkedCase!.number) ?? done;
    if (onDone.id === done.id) await api(demo.admin, 'POST', `/api/mentions/${done.id}/assign`, { userId: trainee.id });
    else await claim(trainee.token, onDone.id);
    taken.add(onDone.id);
    const draft = await api<Reply>(trainee.token, 'POST', `/api/mentions/${onDone.id}/replies`, { text: `شكرًا لتواصلك، تم تسجيل بلاغك برقم ${done.linkedCase!.number} وسيتابعه الفريق المختص.` });
    expect(draft.status).toBe(201);
    expect(draft.body.state).toBe('awaiting_approval');

    const supCtx = await demo.browser.newContext({ viewport: { width: 390, height: 844 } });
    const sup = await signInAt(demo.url, supCtx, demo.admin);
    const supErrors = watchErrors(sup);
    await sup.goto(`${demo.url}/#/approvals`);
    const card = sup.locator(`[data-testid="approval-item"][data-reply-id="${draft.body.id}"]`);
    await card.waitFor();
    const caseLine = card.getByTestId('approval-case');
    await caseLine.waitFor();
    expect(await caseLine.getAttribute('data-status')).toBe(done.linkedCase!.status);
    expect((await caseLine.textContent())?.replace(/\s+/g, ' ')).toContain(done.linkedCase!.status === 'resolved' ? 'تمت المعالجة' : 'مغلق');
    const number = caseLine.getByTestId('approval-case-number');
    expect(await number.evaluate((el) => [el.tagName, el.getAttribute('dir'), getComputedStyle(el).whiteSpace, el.textContent])).toEqual(['BDI', 'ltr', 'nowrap', done.linkedCase!.number]);
    // The author's name (and the post's) are isolated: «Nora A.» keeps its dot.
    const author = card.getByTestId('approval-author');
    expect(await author.evaluate((el) => [el.tagName, el.textContent])).toEqual(['BDI', 'Nora A.']);
    expect(await card.locator('.approval-mention a bdi').first().textContent()).toBe(onDone.author.name || onDone.author.handle);
    await card.scrollIntoViewIfNeeded();
    await screenshot(sup, 'reply-guards-approval-case-phone');
    expect(supErrors).toEqual([]);
    await supCtx.close();
  });

  it('keeps the draft when the session ends mid-reply, brings it back after signing in again, and forgets it once sent', async () => {
    const all = await posts(['needs_reply']);
    const post = take('a waiting low-urgency post', all, (d) => d.classification.urgency !== 'high' && d.replies.length === 0);
    const agent = await newUser('هدى الموظفة');
    await claim(agent.token, post.id);
    const { page, errors, close } = await openAs(agent.token, post.id);
    const draft = 'نعتذر عن التأخير، سيزور الفريق الموقع خلال يومين ويبلغكم بالنتيجة.';
    await page.locator('#reply-text').fill(draft);

    // An admin issues the agent a new token: every session of the account ends.
    const renewed = await api<{ token: string }>(demo.admin, 'POST', `/api/users/${agent.id}/token`);
    expect(renewed.status).toBe(200);
    await page.getByTestId('send-reply').click();
    await page.getByText('انتهت الجلسة، سجّل الدخول من جديد.').waitFor();
    await screenshot(page, 'reply-guards-session-ended');

    await page.getByLabel(/رمز الدخول/).first().fill(renewed.body.token);
    await page.getByRole('button', { name: 'دخول' }).click();
    await page.getByTestId('composer').waitFor();
    expect(page.url()).toContain(`#/mentions/${post.id}`);
    await waitFor('the draft back', async () => (await page.locator('#reply-text').inputValue()) === draft);
    await showComposer(page);
    await screenshot(page, 'reply-guards-draft-restored');

    await page.getByTestId('send-reply').click();
    await page.getByTestId('composer-done').waitFor();
    expect(await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('rasid.replyDraft.')))).toEqual([]);
    const replies = (await api<{ items: Reply[] }>(demo.admin, 'GET', `/api/replies?mentionId=${post.id}`)).body.items;
    expect(replies.map((r) => r.text)).toEqual([draft]);
    expect(errors.filter((e) => !e.includes('401'))).toEqual([]);
    await close();
  });
});
