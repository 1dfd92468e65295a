/**
 * The case page in a real headless Chromium against the real service on the demo data:
 * - a case filed over Open311 shows the citizen's description (in its own direction), the
 *   reported address and point (with a map link, never followed), and "Open311 request" with the
 *   account as the reporter instead of «@open311»;
 * - a post with a 200 KB word neither widens the page nor blanks it: the text wraps, only its
 *   start shows until «show all».
 * Screenshots go to test-artifacts/console/ for a look.
 */
import type { Page } from 'playwright-core';
import { buildClassified } from '../support/builders';
import path from 'node:path';
import { ARTIFACTS, screenshot, watchErrors } from './browser';
import { demoConsole, signInAt, waitFor } from './console-kit';

jest.setTimeout(180_000);

const KEY = 'testkey123';
const demo = demoConsole('console-case-report', { OPEN311_API_KEYS: KEY });

beforeAll(async () => {
  await demo.server.services.demo?.ready;
});

async function open311(form: Record<string, string>): Promise<string> {
  const res = await fetch(`${demo.url}/open311/v2/requests.json`, { method: 'POST', body: new URLSearchParams({ api_key: KEY, ...form }) });
  const body = (await res.json()) as { service_request_id: string }[];
  expect(res.status).toBe(200);
  return body[0].service_request_id;
}

async function openCase(page: Page, number: string): Promise<void> {
  await page.goto(`${demo.url}/#/cases/${number}`);
  await page.getByRole('heading', { name: number }).waitFor();
  await page.getByTestId('timeline').waitFor();
}

/** No sideways scrolling: the page is as wide as the window. */
const pageWidth = (page: Page) => page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));

describe('case page', () => {
  it('shows an Open311 report: the description, the reported address and point, and who reported it', async () => {
    const description = 'يوجد تسرب مياه مجاري أمام المنزل منذ يومين\nالرائحة قوية جداً';
    const number = await open311({
      service_code: 'drainage',
      lat: '26.1551',
      long: '50.6212',
      address_string: 'مجمع 614، طريق 1423، سترة',
      description,
      account_id: 'fms-42',
    });
    const bare = await open311({ service_code: 'roads', lat: '26.2', long: '50.55' });
    const context = await demo.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await signInAt(demo.url, context, demo.admin);
    const errors = watchErrors(page);

    await openCase(page, number);
    const report = page.getByTestId('case-report');
    expect(await report.innerText()).toBe(description);
    expect(await report.getAttribute('dir')).toBe('rtl');
    const first = page.getByTestId('timeline').locator('li').first();
    expect(await first.innerText()).toContain('بلاغ المواطن');
    expect(await page.getByTestId('case-citizen').innerText()).toBe('طلب عبر Open311 · الحساب fms-42');
    const where = page.getByTestId('case-location');
    expect(await where.innerText()).toContain('سترة');
    expect(await where.innerText()).toContain('مجمع 614');
    expect(await page.getByTestId('case-address').innerText()).toBe('مجمع 614، طريق 1423، سترة');
    expect(await page.getByTestId('case-coordinates').innerText()).toBe('26.1551, 50.6212');
    const link = page.getByTestId('case-map-link');
    expect(await link.getAttribute('href')).toBe('https://www.openstreetmap.org/?mlat=26.1551&mlon=50.6212#map=17/26.1551/50.6212');
    expect(await link.getAttribute('rel')).toContain('noopener');
    // The «opened» entry names the source in words, not the raw actor id.
    expect(await page.getByTestId('timeline').innerText()).not.toMatch(/·\s*open311/);
    expect(await page.locator('body').innerText()).not.toContain('@open311');
    await screenshot(page, 'case-open311-ar');
    await page.locator('.case-head').screenshot({ path: path.join(ARTIFACTS, 'case-open311-ar-facts.png') });

    // Without a description or an account: no report entry, the point, "Open311 request".
    await openCase(page, bare);
    expect(await page.getByTestId('case-report').count()).toBe(0);
    expect(await page.getByTestId('case-citizen').innerText()).toBe('طلب عبر Open311');
    expect(await page.getByTestId('case-coordinates').innerText()).toBe('26.2, 50.55');

    // In English.
    await page.getByRole('button', { name: 'English' }).click();
    await openCase(page, number);
    await waitFor('the English labels', async () => (await page.getByTestId('case-citizen').innerText()) === 'Open311 request · account fms-42');
    expect(await page.getByTestId('case-report').innerText()).toBe(description);
    expect(await page.getByTestId('timeline').locator('li').first().innerText()).toContain('Citizen’s report');
    await waitFor('the English place name', async () => (await page.getByTestId('case-location').innerText()).includes('Sitra'));
    await screenshot(page, 'case-open311-en');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('wraps a post with a 200 KB word, shows its start until «show all», and never widens the page', async () => {
    const services = demo.server.services;
    const word = 'ا'.repeat(200_000);
    const r = await services.store.mentions.ingestBatch(
      'replay',
      [buildClassified({ network: 'x', createdAt: new Date().toISOString(), text: `حفرة ${word} في الشارع`, author: { id: 'long-word', handle: 'long_word', name: 'Long', followers: 1 } }, { location: { area: 'سترة' } })],
      null,
    );
    await services.caseFeature.onInserted(r.inserted);
    const caseId = (await services.store.mentions.getMention(r.inserted[0].id))?.caseId;
    expect(caseId).toBeDefined();
    const number = (await services.store.cases.getCaseById(caseId as string))?.number as string;

    for (const [width, name] of [
      [1280, 'case-long-word-desktop'],
      [375, 'case-long-word-phone'],
    ] as const) {
      const context = await demo.browser.newContext({ viewport: { width, height: 850 } });
      const page = await signInAt(demo.url, context, demo.admin);
      const errors = watchErrors(page);
      await openCase(page, number);
      const post = page.locator('.tl-mention .tl-text');
      await post.waitFor();
      const w = await pageWidth(page);
      expect(w.scroll).toBeLessThanOrEqual(w.client);
      const box = (await post.boundingBox())!;
      expect(box.width).toBeLessThanOrEqual(width);
      // Only the start is shown: a few thousand characters, not 200,000.
      expect((await post.innerText()).length).toBeLessThan(2000);
      const showAll = page.getByTestId('show-all');
      expect(await showAll.innerText()).toMatch(/200/);
      await screenshot(page, name);
      await showAll.click();
      await waitFor('the whole text', async () => (await post.innerText()).length > 200_000);
      const after = await pageWidth(page);
      expect(after.scroll).toBeLessThanOrEqual(after.client);
      expect((await post.boundingBox())!.width).toBeLessThanOrEqual(width);
      await page.getByTestId('show-all').click();
      await waitFor('the start again', async () => (await post.innerText()).length < 2000);
      expect(errors).toEqual([]);
      await context.close();
    }
  });
  it('keeps a case\'s «updated» notice on that case: the next case opened shows none', async () => {
    const cases = await demo.api<{ items: { number: string }[] }>(demo.admin, 'GET', '/api/cases?limit=2');
    const [first, second] = cases.body.items.map((c) => c.number);
    const context = await demo.browser.newContext({ viewport: { width: 1280, height: 860 } });
    const page = await signInAt(demo.url, context, demo.admin);
    await openCase(page, first);
    await page.fill('#case-note', 'اتصلنا بالمقاول');
    await page.getByRole('button', { name: 'إضافة ملاحظة' }).click();
    const updated = page.getByText('تم تحديث البلاغ.');
    await updated.waitFor();
    await openCase(page, second);
    expect(await updated.count()).toBe(0);
    await context.close();
  });
  it('says how long an open case has left before its due time, or how long it is overdue, and nothing once resolved', async () => {
    const fresh = await open311({ service_code: 'roads', lat: '26.21', long: '50.58', description: 'حفرة عميقة في الشارع' });
    const context = await demo.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await signInAt(demo.url, context, demo.admin);
    const errors = watchErrors(page);

    await openCase(page, fresh);
    expect(await page.getByTestId('case-due-in').innerText()).toMatch(/^يحين خلال \S/);

    await page.goto(`${demo.url}/#/cases?overdue=true`);
    await page.getByTestId('case-row').first().waitFor();
    const late = await page.getByTestId('case-row').getByTestId('case-due-in').allInnerTexts();
    expect(late.length).toBe(await page.getByTestId('case-row').count());
    for (const text of late) expect(text).toMatch(/^متأخر منذ \S/);
    await screenshot(page, 'cases-overdue-by');

    await page.goto(`${demo.url}/#/cases?status=resolved`);
    // The overdue rows stay until the resolved ones replace them (a hash change, no reload).
    await waitFor('the resolved list', async () => {
      const statuses = await page.getByTestId('case-row').locator('td[data-label="الحالة"]').allInnerTexts();
      return statuses.length > 0 && statuses.every((s) => s.includes('تمت المعالجة'));
    });
    expect(await page.getByTestId('case-due-in').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('filters the cases list by area or block as one types, and the box follows a link to another area', async () => {
    const context = await demo.browser.newContext({ viewport: { width: 1280, height: 860 } });
    const page = await signInAt(demo.url, context, demo.admin);
    await page.goto(`${demo.url}/#/cases`);
    const rows = page.locator('.cases-table tbody tr');
    await rows.first().waitFor();
    const all = await rows.count();
    const box = page.locator('#c-area');
    await box.pressSequentially('Sitra', { delay: 30 });
    // No Enter, no leaving the field: the list follows the typing.
    const areaInUrl = () => page.evaluate(() => new URLSearchParams(location.hash.split('?')[1] ?? '').get('area'));
    await waitFor('the URL to carry the area', async () => (await areaInUrl()) === 'Sitra');
    await waitFor('the Sitra cases only', async () => (await rows.count()) > 0 && (await rows.count()) < all);
    expect(await box.inputValue()).toBe('Sitra');
    await box.fill('مجمع 324');
    await waitFor('the block filter', async () => (await areaInUrl()) === 'مجمع 324');
    // A link to another area (the map's, say) while the list is open: the box follows it.
    await page.evaluate(() => (location.hash = `#/cases?area=${encodeURIComponent('سترة')}`));
    await waitFor('the box on the linked area', async () => (await box.inputValue()) === 'سترة');
    await context.close();
  });
});
