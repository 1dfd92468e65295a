/**
 * A unit supervisor's desk in a real headless Chromium against the real service on the demo
 * data, forwarding to a local receiver that refuses the first forwards (given up: failed):
 * - the cases list filters by unit (a case routed to Roads shows under Roads), by assignee
 *   («مكلَّف إليّ», «غير مكلَّف») and by forwarding state, each kept in the address, and shows
 *   who holds each case;
 * - the case page closes an open case without resolving it, with a reason, after saying the
 *   citizen will not be told; a case in progress can be given back to open;
 * - the resolve confirmation shows the reply that will be posted;
 * - a case held by an account disabled since says «(موقوف)» in its header and its picker;
 * - «أُضيفت الإحالة …» goes once the forward it speaks of has failed again.
 * Screenshots go to test-artifacts/console/ for a look.
 */
import type { Page } from 'playwright-core';
import { startReceiver } from '../webhooks/receiver';
import { screenshot, watchErrors } from './browser';
import { demoConsole, openCaseAt, signInAt, waitFor } from './console-kit';

jest.setTimeout(240_000);

const ROADS = 'Roads Maintenance Directorate';
const REFUSED = 3;
const refusal = { status: 400, body: '{"error":"unknown service code"}' };
const script: { status: number; body?: string }[] = Array.from({ length: REFUSED }, () => refusal);
const env: Record<string, string> = { OUTBOX_SCHEDULE: '* * * * * *' };
let receiver: Awaited<ReturnType<typeof startReceiver>>;

// Before demoConsole's own beforeAll, which reads env when it starts the service.
beforeAll(async () => {
  receiver = await startReceiver(script, { status: 201, body: '{"reference":"NCS-1"}' });
  env.COMPLAINTS_FORWARD_URL = receiver.url;
});
const demo = demoConsole('console-case-desk', env);
afterAll(async () => receiver?.close());

interface CaseBody {
  number: string;
  status: string;
  domain: string;
  unit: string;
  assignee?: string;
  mentionIds: string[];
  forwarding: { state: string };
  publicNotices: { status: string; text?: string; posts: number }[];
  history: { action: string; note?: string }[];
}

const api = <T>(method: string, path: string, body?: unknown) => demo.api<T>(demo.admin, method, path, body);
const getCase = async (number: string) => (await api<CaseBody>('GET', `/api/cases/${number}`)).body;
const listed = async (query: string) => (await api<{ items: CaseBody[] }>('GET', `/api/cases?${query}&limit=50`)).body.items.map((c) => c.number);
const rowNumbers = (page: Page) => page.getByTestId('case-row').locator('th a').allInnerTexts();
let adminId: string;

const openCase = (page: Page, number: string) => openCaseAt(demo.url, page, number);

/** Waits until the list shows exactly `expected` (in the list's order). */
async function rowsAre(page: Page, expected: string[]): Promise<void> {
  await waitFor(`rows ${expected.join(', ')}`, async () => JSON.stringify(await rowNumbers(page)) === JSON.stringify(expected), 15_000).catch(async (err) => {
    throw new Error(`${(err as Error).message}; shown: ${(await rowNumbers(page)).join(', ')}`);
  });
}

beforeAll(async () => {
  await demo.server.services.demo?.ready;
  // Every demo case forwarded once: the first REFUSED given up, the others accepted.
  await waitFor('every first forward done', async () => (await demo.server.services.store.caseOutbox.listOutbox({ topic: 'complaints_forward', state: 'pending', limit: 1000 })).length === 0, 90_000);
  adminId = (await api<{ id: string }>('GET', '/api/me')).body.id;
});

describe('a unit supervisor\'s desk', () => {
  it('filters the cases list by unit, assignee and forwarding state, kept in the address, and shows who holds each case', async () => {
    const failedAtStart = await listed('forwarding=failed');
    const drainage = (await api<{ items: CaseBody[] }>('GET', '/api/cases?domain=drainage&status=open&limit=50')).body.items;
    // Rerouting forwards the case again: one whose forward failed would stop being listed as failed.
    const rerouted = drainage.find((c) => c.unit !== ROADS && !c.assignee && !failedAtStart.includes(c.number));
    if (!rerouted) throw new Error('the demo data has no open drainage case');
    expect((await api('PATCH', `/api/cases/${rerouted.number}`, { unit: ROADS, assignee: adminId })).status).toBe(200);
    const context = await demo.browser.newContext({ viewport: { width: 1280, height: 1000 } });
    const page = await signInAt(demo.url, context, demo.admin);
    const errors = watchErrors(page);

    // A link to the unit's desk selects the unit, and lists its cases, the rerouted drainage one too.
    await page.goto(`${demo.url}/#/cases?unit=${encodeURIComponent(ROADS)}`);
    await page.getByRole('heading', { name: 'البلاغات' }).waitFor();
    const roads = await listed(`unit=${encodeURIComponent(ROADS)}`);
    expect(roads).toContain(rerouted.number);
    await rowsAre(page, roads);
    await waitFor('the unit named in Arabic', async () => (await page.locator('#c-unit option:checked').innerText()) === 'إدارة صيانة الطرق');

    await page.selectOption('#c-assignee', 'me');
    await waitFor('assignee in the address', async () => page.url().includes('assignee=me'));
    expect(new URL(page.url()).hash).toContain(`unit=${encodeURIComponent(ROADS).replace(/%20/g, '+')}`);
    await rowsAre(page, await listed(`unit=${encodeURIComponent(ROADS)}&assignee=${adminId}`));
    expect(await rowNumbers(page)).toContain(rerouted.number);
    expect(await page.getByTestId('case-assignee').first().innerText()).toBe('admin');
    await screenshot(page, 'case-desk-unit-mine-ar');

    // Nobody's cases of every unit; then those whose forward was given up.
    await page.selectOption('#c-unit', '');
    await page.selectOption('#c-assignee', 'none');
    await rowsAre(page, await listed('assignee=none'));
    expect(new Set(await page.getByTestId('case-assignee').allInnerTexts())).toEqual(new Set(['غير مكلَّف']));
    await page.selectOption('#c-assignee', '');
    await page.selectOption('#c-forwarding', 'failed');
    await waitFor('forwarding in the address', async () => page.url().includes('forwarding=failed'));
    const failed = await listed('forwarding=failed');
    expect(failed).toHaveLength(REFUSED);
    expect(failed.sort()).toEqual(failedAtStart.sort());
    await rowsAre(page, await listed('forwarding=failed'));
    await screenshot(page, 'case-desk-forwarding-failed-ar');

    // On a phone the list is cards, each naming its assignee.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${demo.url}/#/cases?unit=${encodeURIComponent(ROADS)}&assignee=me`);
    await rowsAre(page, await listed(`unit=${encodeURIComponent(ROADS)}&assignee=${adminId}`));
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    await screenshot(page, 'case-desk-unit-mine-phone-ar');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('closes an open case without resolving it, with a reason, after saying the citizen will not be told', async () => {
    const items = (await api<{ items: CaseBody[] }>('GET', '/api/cases?status=open&limit=50')).body.items;
    const kase = items.find((c) => c.mentionIds.length > 0);
    if (!kase) throw new Error('the demo data has no open case from a post');
    const context = await demo.browser.newContext({ viewport: { width: 1280, height: 1000 } });
    const page = await signInAt(demo.url, context, demo.admin);
    const errors = watchErrors(page);
    await openCase(page, kase.number);

    // Closing is not a plain move from open: it is the close without resolving, with its reason.
    expect(await page.getByTestId('case-to-closed').count()).toBe(0);
    await page.getByTestId('case-close-unresolved').click();
    const form = page.getByTestId('case-close-form');
    await form.waitFor();
    expect(await page.getByTestId('case-close-warning').innerText()).toContain('لن يُبلَّغ المواطن بشيء');
    expect(await page.getByTestId('case-close-confirm').isDisabled()).toBe(true);
    await page.getByLabel('سبب الإغلاق').selectOption('duplicate');
    await page.locator('#case-close-note').fill('مكرر للبلاغ MOW-2026-000001');
    await form.scrollIntoViewIfNeeded();
    await screenshot(page, 'case-close-unresolved-ar');
    await page.getByTestId('case-close-confirm').click();
    await waitFor('the case closed', async () => (await page.getByTestId('case-status').innerText()) === 'مغلق');
    await page.getByText('أُغلق دون معالجة: مكرر لبلاغ آخر').waitFor();
    await page.getByText('مكرر للبلاغ MOW-2026-000001').waitFor();
    const closed = await getCase(kase.number);
    expect(closed.history.at(-1)).toMatchObject({ action: 'closed_duplicate', note: 'مكرر للبلاغ MOW-2026-000001' });
    expect(await demo.server.services.store.caseOutbox.listOutbox({ topic: 'citizen_reply', subject: kase.number, state: 'pending', limit: 10 })).toEqual([]);
    await page.getByText('أُغلق دون معالجة: مكرر لبلاغ آخر').scrollIntoViewIfNeeded();
    await screenshot(page, 'case-closed-unresolved-history-ar');

    // A case in progress can be given back to open (it keeps its due time).
    const inProgress = (await api<{ items: CaseBody[] }>('GET', '/api/cases?status=in_progress&limit=50')).body.items[0];
    await openCase(page, inProgress.number);
    await page.getByTestId('case-to-open').click();
    await waitFor('the case given back', async () => (await page.getByTestId('case-status').innerText()) === 'مفتوح');
    expect((await getCase(inProgress.number)).history.at(-1)).toMatchObject({ action: 'status_changed' });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the reply the resolve move will post, as the citizen will read it', async () => {
    const items = (await api<{ items: CaseBody[] }>('GET', '/api/cases?status=in_progress&limit=50')).body.items;
    const kase = (await Promise.all(items.map((c) => getCase(c.number)))).find((c) => c.publicNotices.length > 0);
    if (!kase) throw new Error('the demo data has no case in progress whose resolution tells a citizen');
    const text = kase.publicNotices[0].text as string;
    expect(text).toContain(kase.number);
    const context = await demo.browser.newContext({ viewport: { width: 1280, height: 1000 } });
    const page = await signInAt(demo.url, context, demo.admin);
    const errors = watchErrors(page);
    await openCase(page, kase.number);
    await page.getByTestId('case-to-resolved').click();
    const warning = page.getByRole('group', { name: 'نقل إلى «تمت المعالجة»' });
    await warning.waitFor();
    expect(await warning.getByTestId('case-notice-preview').innerText()).toBe(text);
    expect(await warning.innerText()).toContain('نص الرد الذي سيُنشر:');
    await warning.scrollIntoViewIfNeeded();
    await screenshot(page, 'case-resolve-confirm-preview-ar');
    // Cancel: nothing moved.
    await warning.getByRole('button', { name: 'إلغاء' }).click();
    expect((await getCase(kase.number)).status).toBe('in_progress');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('marks a case held by an account disabled since «(موقوف)», in the header and the picker', async () => {
    const created = (await api<{ user: { id: string } }>('POST', '/api/users', { name: 'نورة', role: 'agent' })).body;
    const kase = (await api<{ items: CaseBody[] }>('GET', '/api/cases?status=open&assignee=none&limit=1')).body.items[0];
    expect((await api('PATCH', `/api/cases/${kase.number}`, { assignee: created.user.id })).status).toBe(200);
    expect((await api('PATCH', `/api/users/${created.user.id}`, { disabled: true })).status).toBe(200);
    const refused = await api<{ error: { code: string } }>('PATCH', `/api/cases/${(await listed('status=open&assignee=none'))[0]}`, { assignee: created.user.id });
    expect([refused.status, refused.body.error.code]).toEqual([422, 'unknown_user']);

    const context = await demo.browser.newContext({ viewport: { width: 1280, height: 1000 } });
    const page = await signInAt(demo.url, context, demo.admin);
    const errors = watchErrors(page);
    await openCase(page, kase.number);
    await waitFor('the header naming the disabled assignee', async () => (await page.getByTestId('case-assignee').innerText()) === 'نورة (موقوف)');
    expect(await page.locator('#case-assignee option:checked').innerText()).toBe('نورة (موقوف)');
    await page.locator('#case-assignee').scrollIntoViewIfNeeded();
    await screenshot(page, 'case-disabled-assignee-ar');
    await page.goto(`${demo.url}/#/cases?assignee=${created.user.id}`);
    await rowsAre(page, [kase.number]);
    expect(await page.getByTestId('case-assignee').innerText()).toBe('نورة (موقوف)');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('takes «forward queued» away once the forward it speaks of has failed again', async () => {
    const number = (await listed('forwarding=failed'))[0];
    const context = await demo.browser.newContext({ viewport: { width: 1280, height: 1000 } });
    const page = await signInAt(demo.url, context, demo.admin);
    const errors = watchErrors(page);
    await openCase(page, number);
    expect(await page.getByTestId('fwd-state').innerText()).toBe('تعذّرت الإحالة، وتوقفت المحاولات');
    script.push(refusal);
    await page.getByTestId('fwd-now').click();
    await page.getByText('أُضيفت الإحالة إلى قائمة الإرسال.').waitFor();
    await waitFor('the retry given up', async () => (await getCase(number)).forwarding.state === 'failed', 30_000);
    await waitFor('the panel saying failed', async () => (await page.getByTestId('fwd-state').innerText()) === 'تعذّرت الإحالة، وتوقفت المحاولات', 15_000);
    expect(await page.getByText('أُضيفت الإحالة إلى قائمة الإرسال.').count()).toBe(0);
    await page.getByTestId('case-forwarding').scrollIntoViewIfNeeded();
    await screenshot(page, 'case-forwarding-failed-again-ar');
    expect(errors).toEqual([]);
    await context.close();
  });
});
