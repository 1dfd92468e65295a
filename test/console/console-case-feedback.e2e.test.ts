/**
 * The case page on a phone (390x844) in a real headless Chromium against the real service on the
 * demo data, where the actions sit some 1,300 px below the page's top:
 * - an agent's assignee select offers only «غير مكلَّف» and the agent (the server refuses anyone
 *   else, 403); a case a colleague holds still shows the colleague, who cannot be chosen;
 * - a refused assignment puts the select back on the case's actual assignee, and says why;
 * - what an action did (a note added, an assignment saved or refused, a status move) shows by
 *   the form that did it, inside the viewport, without scrolling;
 * - the note keeps to the server's 2,000 characters, counts near the limit, and a note refused
 *   for its length says so in Arabic (not «text»).
 * Screenshots go to test-artifacts/console/ for a look.
 */
import type { Locator, Page } from 'playwright-core';
import { screenshot, watchErrors } from './browser';
import { demoConsole, openCaseAt, signInAt, waitFor } from './console-kit';

jest.setTimeout(240_000);

const demo = demoConsole('console-case-feedback');
const PHONE = { width: 390, height: 844 };
/** CaseNoteSchema's text(2000) in src/cases/case-schemas.ts. */
const NOTE_MAX = 2000;
/** The case the tester saw it on, when the demo data still has it open and unassigned. */
const REPORTED = 'MOW-2026-000048';

interface CaseBody {
  number: string;
  assignee?: string;
}

const api = <T>(method: string, path: string, body?: unknown) => demo.api<T>(demo.admin, method, path, body);
/** The browser reports refused requests as console errors; these tests make some on purpose. */
const unexpected = (errors: string[]) => errors.filter((e) => !/Failed to load resource: the server responded with a status of (400|403|422)/.test(e));

let agent: { id: string; token: string };
let colleague: { id: string };
let cases: string[];

async function createUser(name: string): Promise<{ id: string; token: string }> {
  const r = await api<{ user: { id: string }; token: string }>('POST', '/api/users', { name, role: 'agent' });
  expect(r.status).toBe(201);
  return { id: r.body.user.id, token: r.body.token };
}

beforeAll(async () => {
  await demo.server.services.demo?.ready;
  agent = await createUser('هدى');
  colleague = await createUser('سامي');
  const open = (await api<{ items: CaseBody[] }>('GET', '/api/cases?status=open&assignee=none&limit=50')).body.items.map((c) => c.number);
  // The reported case first, then others: each test takes its own, so none sees another's changes.
  cases = [...open.filter((n) => n === REPORTED), ...open.filter((n) => n !== REPORTED)];
  if (cases.length < 3) throw new Error('the demo data has fewer than three open unassigned cases');
});

async function phonePage(token: string): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const context = await demo.browser.newContext({ viewport: PHONE });
  const page = await signInAt(demo.url, context, token);
  return { page, errors: watchErrors(page), close: () => context.close() };
}

const openCase = (page: Page, number: string) => openCaseAt(demo.url, page, number);

/** Where a box sits against the viewport, for a readable failure. */
async function placeOf(page: Page, what: Locator): Promise<string> {
  const box = await what.boundingBox();
  const view = page.viewportSize()!;
  return box ? `top ${Math.round(box.y)}, bottom ${Math.round(box.y + box.height)} in a ${view.width}x${view.height} viewport` : 'not laid out';
}

/**
 * Waits until `what` shows, whole, inside the viewport as it is and below the sticky top bar: the
 * test itself scrolls nowhere.
 */
async function seenWithoutScrolling(page: Page, what: Locator, name: string): Promise<void> {
  await what.waitFor();
  const view = page.viewportSize()!;
  await waitFor(
    `${name} inside the viewport`,
    async () => {
      const box = await what.boundingBox();
      const bar = await page.locator('.topbar').boundingBox();
      const top = bar ? Math.max(0, bar.y + bar.height) : 0;
      return !!box && box.height > 0 && box.y >= top && box.y + box.height <= view.height && box.x >= 0 && box.x + box.width <= view.width;
    },
    5_000,
  ).catch(async (err) => {
    throw new Error(`${(err as Error).message}: ${await placeOf(page, what)}`);
  });
}

const enabledChoices = (page: Page) =>
  page.locator('#case-assignee option:not([disabled])').evaluateAll((os) => os.map((o) => ({ value: (o as HTMLOptionElement).value, text: (o.textContent ?? '').trim() })));

describe('the case page answers by the form that was used, on a phone', () => {
  it('offers an agent only «غير مكلَّف» and themselves, saves that with the outcome in view, and shows a colleague\'s case as the colleague\'s', async () => {
    const number = cases[0];
    const { page, errors, close } = await phonePage(agent.token);
    await openCase(page, number);

    expect(await enabledChoices(page)).toEqual([
      { value: '', text: 'غير مكلَّف' },
      { value: agent.id, text: 'هدى' },
    ]);
    await page.locator('#case-assignee').scrollIntoViewIfNeeded();
    await screenshot(page, 'case-feedback-agent-select-phone');

    await page.selectOption('#case-assignee', agent.id);
    await page.getByRole('button', { name: 'حفظ التكليف' }).click();
    await seenWithoutScrolling(page, page.getByText('تم تحديث البلاغ.'), '«updated» after saving the assignment');
    await waitFor('the header naming the agent', async () => (await page.getByTestId('case-assignee').innerText()) === 'هدى');
    await screenshot(page, 'case-feedback-agent-assigned-phone');

    // A status move answers by its buttons too.
    await page.getByTestId('case-to-in_progress').click();
    await waitFor('the case in progress', async () => (await page.getByTestId('case-status').innerText()) === 'قيد المعالجة');
    await seenWithoutScrolling(page, page.getByText('تم تحديث البلاغ.'), '«updated» after the status move');
    await screenshot(page, 'case-feedback-status-moved-phone');

    // Given to a colleague meanwhile: the select names the colleague, who still cannot be chosen.
    expect((await api('PATCH', `/api/cases/${number}`, { assignee: colleague.id })).status).toBe(200);
    await openCase(page, number);
    await waitFor('the colleague in the select', async () => (await page.locator('#case-assignee option:checked').innerText()) === 'سامي');
    expect(await page.locator('#case-assignee option:checked').isDisabled()).toBe(true);
    expect((await enabledChoices(page)).map((o) => o.value)).toEqual(['', agent.id]);
    expect(unexpected(errors)).toEqual([]);
    await close();
  });

  it('calls a rejected draft on the case\'s timeline a draft that never reached the citizen, not «the ministry\'s reply»', async () => {
    const number = cases[cases.length - 1];
    const detail = (await api<{ id: string; mentions: { id: string }[] }>('GET', `/api/cases/${number}`)).body;
    const store = demo.server.services.store;
    const { reply } = await store.replies.createReply({ mentionId: detail.mentions[0].id, text: 'سنرسل الفريق غدًا.', author: agent.id, state: 'awaiting_approval', purpose: 'agent' });
    expect(await store.replies.transitionReply(reply.id, ['awaiting_approval'], { state: 'rejected', error: 'اذكر موعد الزيارة' })).not.toBeNull();
    const { page, close } = await phonePage(demo.admin);
    await openCase(page, number);
    const entry = page.getByTestId('timeline').locator('li', { hasText: 'سنرسل الفريق غدًا.' });
    await entry.waitFor();
    const title = (await entry.locator('.tl-title').innerText()).trim();
    expect(title).toContain('مسودة رد لم تصل المواطن');
    expect(title).not.toContain('رد الوزارة');
    // Who wrote it and why it was refused, as the other entries name who acted.
    expect(title).toContain('هدى');
    expect(await entry.getByTestId('tl-reply-rejected').innerText()).toBe('سبب الرفض: اذكر موعد الزيارة');
    await close();
  });

  it('puts the select back on the case\'s assignee when a save is refused, and says why by the form', async () => {
    const number = cases[1];
    const leaving = await createUser('ليلى');
    const { page, errors, close } = await phonePage(demo.admin);
    await openCase(page, number);
    await waitFor('ليلى offered', async () => (await enabledChoices(page)).some((o) => o.value === leaving.id));
    // Disabled after the page listed her: the server refuses her (422), the select still offers her.
    expect((await api('PATCH', `/api/users/${leaving.id}`, { disabled: true })).status).toBe(200);

    await page.selectOption('#case-assignee', leaving.id);
    await page.getByRole('button', { name: 'حفظ التكليف' }).click();
    const refusal = page.getByText('هذا المستخدم غير موجود أو موقوف.');
    await seenWithoutScrolling(page, refusal, 'the refusal');
    await waitFor('the select back on «غير مكلَّف»', async () => (await page.locator('#case-assignee').inputValue()) === '');
    expect(await page.getByTestId('case-assignee').innerText()).toBe('غير مكلَّف');
    await screenshot(page, 'case-feedback-assign-refused-phone');

    // A move asked for a second time, its confirmation (the public reply) folded away after it:
    // «updated» still shows by the buttons.
    await page.getByTestId('case-to-in_progress').click();
    await waitFor('the case in progress', async () => (await page.getByTestId('case-status').innerText()) === 'قيد المعالجة');
    await page.getByTestId('case-to-resolved').click();
    const confirm = page.getByTestId('case-to-resolved-confirm');
    if (await confirm.count()) await confirm.click();
    await waitFor('the case resolved', async () => (await page.getByTestId('case-status').innerText()) === 'تمت المعالجة');
    await seenWithoutScrolling(page, page.getByText('تم تحديث البلاغ.'), '«updated» after resolving');
    await screenshot(page, 'case-feedback-resolved-phone');
    expect(unexpected(errors)).toEqual([]);
    await close();
  });

  it('keeps a note within the server\'s 2,000 characters, counts near the limit, and names the limit in Arabic when refused', async () => {
    const number = cases[2];
    const { page, errors, close } = await phonePage(agent.token);
    await openCase(page, number);
    const box = page.locator('#case-note');
    const count = page.getByTestId('case-note-count');

    await box.fill('ب'.repeat(1000));
    expect(await count.count()).toBe(0);
    await box.fill('أ'.repeat(NOTE_MAX + 500));
    expect((await box.inputValue()).length).toBe(NOTE_MAX);
    await seenWithoutScrolling(page, count, 'the counter');
    expect(await count.innerText()).toContain('2,000');
    await screenshot(page, 'case-feedback-note-limit-phone');

    // A note longer than the limit that still reaches the server (put there by a script, not typed).
    await box.evaluate((el, text) => {
      const area = el as HTMLTextAreaElement;
      area.value = text;
      area.dispatchEvent(new Event('input', { bubbles: true }));
    }, 'ت'.repeat(NOTE_MAX + 100));
    await page.getByRole('button', { name: 'إضافة ملاحظة' }).click();
    const refusal = page.locator('.notice-error');
    await seenWithoutScrolling(page, refusal, 'the refusal of the long note');
    const said = await refusal.innerText();
    expect(said).toContain('2,000');
    expect(said).not.toMatch(/[a-z]/i);
    await screenshot(page, 'case-feedback-note-refused-phone');

    await box.fill('ملاحظة بطول الحد تمامًا '.repeat(200).slice(0, NOTE_MAX));
    await page.getByRole('button', { name: 'إضافة ملاحظة' }).click();
    await seenWithoutScrolling(page, page.getByText('تم تحديث البلاغ.'), '«updated» after adding the note');
    expect(await box.inputValue()).toBe('');
    expect(await page.locator('.notice-error').count()).toBe(0);
    await screenshot(page, 'case-feedback-note-saved-phone');
    expect(unexpected(errors)).toEqual([]);
    await close();
  });
});
