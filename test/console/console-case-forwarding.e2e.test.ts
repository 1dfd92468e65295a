/**
 * The case page in a real headless Chromium against the real service on the demo data, with
 * forwarding to a local receiver that fails, then accepts:
 * - the page shows the forward waiting (attempts, last error with the token masked), then given
 *   up, and a supervisor's «إعادة المحاولة» forwards the case as it is now, the panel following
 *   the delivery by itself (no reload);
 * - moving a case with a post to «تمت المعالجة» asks first, saying a public reply will be posted,
 *   and sends the optional note with the change; reopening gives a fresh SLA, shown in the history.
 * Screenshots go to test-artifacts/console/ for a look.
 */
import type { Page } from 'playwright-core';
import type { OutboxMessage } from '../../src/domain';
import { startReceiver } from '../webhooks/receiver';
import { screenshot, watchErrors } from './browser';
import { demoConsole, openCaseAt, signInAt, waitFor } from './console-kit';

jest.setTimeout(240_000);

const TOKEN = 'console-forward-token-4821';
const script: { status: number; body?: string }[] = [];
const env: Record<string, string> = { COMPLAINTS_FORWARD_TOKEN: TOKEN, OUTBOX_MAX_ATTEMPTS: '2', OUTBOX_SCHEDULE: '* * * * * *' };
let receiver: Awaited<ReturnType<typeof startReceiver>>;

// Before demoConsole's own beforeAll, which reads env when it starts the service.
beforeAll(async () => {
  receiver = await startReceiver(script, { status: 503, body: `{"error":"maintenance","echo":"Bearer ${TOKEN}"}` });
  env.COMPLAINTS_FORWARD_URL = receiver.url;
});
const demo = demoConsole('console-case-forwarding', env);
afterAll(async () => receiver?.close());

type CaseBody = { number: string; status: string; mentionIds: string[]; forwarding: { state: string; attempts?: number } };

const getCase = async (number: string) => (await demo.api<CaseBody>(demo.admin, 'GET', `/api/cases/${number}`)).body;
const pendingForwards = async (): Promise<OutboxMessage[]> => demo.server.services.store.caseOutbox.listOutbox({ topic: 'complaints_forward', state: 'pending', limit: 1000 });

const openCase = (page: Page, number: string) => openCaseAt(demo.url, page, number);

beforeAll(async () => {
  await demo.server.services.demo?.ready;
});

describe('case page: forwarding and status moves', () => {
  it('shows a failing forward, then given up, and lets a supervisor retry it with the case as it is now', async () => {
    const list = (await demo.api<{ items: CaseBody[] }>(demo.admin, 'GET', '/api/cases?status=closed&limit=1')).body.items;
    const number = list[0].number;
    await waitFor('the first failed attempt', async () => (await getCase(number)).forwarding.state === 'pending' && (await getCase(number)).forwarding.attempts === 1);
    const context = await demo.browser.newContext({ viewport: { width: 1280, height: 1000 } });
    const page = await signInAt(demo.url, context, demo.admin);
    const errors = watchErrors(page);
    // The page's own clock, so that it can be moved past the first minute of following the forward.
    await page.clock.install();

    await openCase(page, number);
    await page.evaluate(() => Object.assign(window, { __sameDocument: true }));
    const card = page.getByTestId('case-forwarding');
    expect(await page.getByTestId('fwd-state').innerText()).toBe('بانتظار الإحالة');
    expect(await page.getByTestId('fwd-attempts').innerText()).toBe('1');
    const error = await page.getByTestId('fwd-error').innerText();
    expect(error).toContain('HTTP 503');
    expect(error).toContain('Bearer ***');
    expect(await page.locator('body').innerText()).not.toContain(TOKEN);
    expect(await page.getByTestId('fwd-now').count()).toBe(0);
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'case-forwarding-pending-ar');

    // Past the first minute the page still follows a waiting forward (a failing one waits minutes
    // between attempts), only less often.
    await page.clock.fastForward('02:00');
    // OUTBOX_MAX_ATTEMPTS=2: the second failure gives up every demo case's forward.
    await waitFor('every forward given up', async () => (await pendingForwards()).length === 0, 90_000);
    await page.clock.fastForward('00:31');
    await waitFor('the panel saying given up, without a reload', async () => (await page.getByTestId('fwd-state').innerText()) === 'تعذّرت الإحالة، وتوقفت المحاولات', 15_000);
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    // The tester's start-up: every demo case went out as it is (closed ones closed), not as opened.
    const lastSent = new Map(receiver.deliveries.map((d) => JSON.parse(d.body) as { caseNumber: string; status: string }).map((b) => [b.caseNumber, b.status]));
    expect(lastSent.size).toBeGreaterThanOrEqual(40);
    const all = (await demo.api<{ items: CaseBody[] }>(demo.admin, 'GET', '/api/cases?limit=100')).body.items;
    expect(all.filter((c) => lastSent.has(c.number) && lastSent.get(c.number) !== c.status).map((c) => [c.number, c.status, lastSent.get(c.number)])).toEqual([]);
    await openCase(page, number);
    expect(await page.getByTestId('fwd-state').innerText()).toBe('تعذّرت الإحالة، وتوقفت المحاولات');
    expect(await page.getByTestId('fwd-attempts').innerText()).toBe('2');
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'case-forwarding-failed-ar');

    script.push({ status: 201, body: '{"reference":"NCS-55120"}' });
    const before = receiver.deliveries.length;
    // Marks this very document: a reload (or a new navigation) would lose it.
    await page.evaluate(() => Object.assign(window, { __sameDocument: true }));
    await page.getByTestId('fwd-now').click();
    await page.getByText('أُضيفت الإحالة إلى قائمة الإرسال.').waitFor();
    await waitFor('the retried forward delivered', async () => (await getCase(number)).forwarding.state === 'forwarded', 30_000);
    const sent = JSON.parse(receiver.deliveries[before].body);
    expect(sent).toMatchObject({ caseNumber: number, status: 'closed', event: 'case.created' });
    // The panel follows by itself (the page re-reads the case while the forward waits), no reload.
    await waitFor('the panel saying forwarded, without a reload', async () => (await page.getByTestId('fwd-state').innerText()) === 'أُحيل', 15_000);
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    expect(await card.getAttribute('data-state')).toBe('forwarded');
    expect(await page.getByTestId('fwd-ref').innerText()).toBe('NCS-55120');
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'case-forwarding-forwarded-ar');

    await page.getByRole('button', { name: 'Switch the console to English' }).click();
    await page.getByText('National complaints system').waitFor();
    expect(await page.getByTestId('fwd-state').innerText()).toBe('Forwarded');
    expect(await page.getByTestId('fwd-now').innerText()).toBe('Send the current state again');
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'case-forwarding-forwarded-en');
    await page.getByRole('button', { name: /العربية|Arabic/ }).first().click().catch(() => undefined);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('asks before a move that posts a public reply, sends the note with it, and gives a reopened case a fresh SLA', async () => {
    const items = (await demo.api<{ items: CaseBody[] }>(demo.admin, 'GET', '/api/cases?status=in_progress&limit=50')).body.items;
    const kase = items.find((c) => c.mentionIds.length > 0);
    if (!kase) throw new Error('the demo data has no case in progress from a post');
    const context = await demo.browser.newContext({ viewport: { width: 1280, height: 1000 } });
    const page = await signInAt(demo.url, context, demo.admin);
    const errors = watchErrors(page);
    await openCase(page, kase.number);

    await page.getByTestId('case-status-note').fill('أُصلح الانهيار وأعيد الرصف');
    await page.getByTestId('case-to-resolved').click();
    const warning = page.getByRole('group', { name: 'نقل إلى «تمت المعالجة»' });
    await warning.waitFor();
    expect(await warning.innerText()).toContain('سيُنشر للمواطن ردٌّ علني');
    expect((await getCase(kase.number)).status).toBe('in_progress');
    await warning.scrollIntoViewIfNeeded();
    await screenshot(page, 'case-resolve-confirm-ar');
    await page.getByTestId('case-to-resolved-confirm').click();
    await waitFor('the case resolved', async () => (await page.getByTestId('case-status').innerText()) === 'تمت المعالجة');
    const resolved = (await demo.api<{ history: { action: string; note?: string }[] }>(demo.admin, 'GET', `/api/cases/${kase.number}`)).body;
    expect(resolved.history.at(-1)).toMatchObject({ action: 'status_changed', note: 'أُصلح الانهيار وأعيد الرصف' });
    expect(await page.getByTestId('case-status-note').inputValue()).toBe('');

    // Reopening posts nothing: no question, and the case gets a fresh due time.
    await page.getByTestId('case-to-open').click();
    await waitFor('the case reopened', async () => (await page.getByTestId('case-status').innerText()) === 'مفتوح');
    await page.getByTestId('history-sla').waitFor();
    expect(await page.getByTestId('case-due-in').innerText()).toMatch(/^يحين خلال /);
    await page.getByTestId('history-sla').scrollIntoViewIfNeeded();
    await screenshot(page, 'case-reopened-sla-ar');
    expect(errors).toEqual([]);
    await context.close();
  });
});
