/**
 * The case page in a real headless Chromium when the national system takes cases over Open311
 * (COMPLAINTS_FORWARD_FORMAT=open311): a forwarded case shows the reference the system gave and
 * says, in Arabic, that later changes are not sent to it (GeoReport v2 has no update method).
 */
import { startReceiver } from '../webhooks/receiver';
import { screenshot, watchErrors } from './browser';
import { demoConsole, openCaseAt, signInAt, waitFor } from './console-kit';

jest.setTimeout(180_000);

const env: Record<string, string> = { COMPLAINTS_FORWARD_FORMAT: 'open311', COMPLAINTS_FORWARD_API_KEY: 'open311-key-5521', OUTBOX_SCHEDULE: '* * * * * *' };
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let requests = 0;

// Before demoConsole's own beforeAll, which reads env when it starts the service.
beforeAll(async () => {
  receiver = await startReceiver([], { status: 201, get body() { return `[{"service_request_id":"SR-${++requests}"}]`; } } as { status: number; body: string });
  env.COMPLAINTS_FORWARD_URL = receiver.url;
});
const demo = demoConsole('console-case-open311', env);
afterAll(async () => receiver?.close());

type CaseBody = { number: string; forwarding: { state: string; externalRef?: string; note?: string } };

it('says on a forwarded case that the national system is not told of later changes in Open311 mode', async () => {
  await demo.server.services.demo?.ready;
  const number = (await demo.api<{ items: CaseBody[] }>(demo.admin, 'GET', '/api/cases?status=open&limit=1')).body.items[0].number;
  const forwarded = await waitFor('the case forwarded over Open311', async () => {
    const c = (await demo.api<CaseBody>(demo.admin, 'GET', `/api/cases/${number}`)).body;
    return c.forwarding.state === 'forwarded' && c.forwarding.externalRef ? c : undefined;
  });
  expect(receiver.deliveries[0].headers['content-type']).toContain('application/x-www-form-urlencoded');
  const context = await demo.browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const page = await signInAt(demo.url, context, demo.admin);
  const errors = watchErrors(page);
  await openCaseAt(demo.url, page, number);
  const note = page.getByTestId('fwd-note');
  await note.waitFor();
  expect(await note.innerText()).toContain('لا تنقل التحديثات');
  expect(await page.getByText(forwarded.forwarding.externalRef as string).count()).toBeGreaterThan(0);
  expect(await page.getByTestId('fwd-now').count()).toBe(0);
  await note.scrollIntoViewIfNeeded();
  await screenshot(page, 'case-open311-note');
  expect(errors).toEqual([]);
  await context.close();
});
