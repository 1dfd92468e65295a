/**
 * The complaints map's filters in a real headless Chromium against the real service with the demo
 * data: an area's link opens the cases list under every filter the map has (so the list counts
 * what the map counted), the date filter's days are the console's time zone's days even in a
 * browser set to UTC, and the centre of every circle opens its own area though a smaller
 * neighbour's circle covers most of it.
 */
import type { BrowserContextOptions, Page } from 'playwright-core';
import { screenshot, watchErrors } from './browser';
import { demoConsole, signInAt, waitFor } from './console-kit';

jest.setTimeout(180_000);

interface MapBody {
  areas: { id: string; area: string; total: number }[];
  unlocated: { area: string; total: number }[];
  withoutArea: number;
  total: number;
}

interface CaseRow {
  number: string;
  openedAt: string;
  location?: { area?: string };
}

const ROADS = 'Roads Maintenance Directorate';
const demo = demoConsole('console-map-filters');
const api = demo.api;

beforeAll(async () => {
  await demo.server.services.demo?.ready;
  await waitFor('demo cases on the map', async () => (await api<MapBody>(demo.admin, 'GET', '/api/cases/map')).body.areas?.length);
});

const mapOf = async (params: Record<string, string>) => (await api<MapBody>(demo.admin, 'GET', `/api/cases/map?${new URLSearchParams(params)}`)).body;
const circles = (page: Page) => page.locator('[data-testid=complaints-map] circle.map-area-circle');
const hashParams = (page: Page) => Object.fromEntries(new URLSearchParams(new URL(page.url()).hash.split('?')[1] ?? ''));

async function openMap(options: BrowserContextOptions, params: Record<string, string>) {
  const context = await demo.browser.newContext(options);
  const page = await signInAt(demo.url, context, demo.admin);
  const errors = watchErrors(page);
  await page.goto(`${demo.url}/#/map?${new URLSearchParams(params)}`);
  await page.getByRole('heading', { name: 'خريطة الشكاوى' }).waitFor();
  await circles(page).first().waitFor();
  return { context, page, errors };
}

/** The areas drawn, as the API counts them: place id → number of cases. */
const drawn = (page: Page) =>
  page.locator('[data-testid=complaints-map] g.map-area').evaluateAll((els) => Object.fromEntries(els.map((e) => [e.getAttribute('data-place'), Number(e.getAttribute('data-total'))])));
const counted = (map: MapBody) => Object.fromEntries(map.areas.map((a) => [a.id, a.total]));

/** The link a tap at the centre of each circle follows (what the browser hit-tests there). */
const centreLinks = (page: Page) =>
  circles(page).evaluateAll((els) =>
    els.map((c) => {
      const b = c.getBoundingClientRect();
      const hit = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
      return { area: c.closest('g.map-area')?.getAttribute('data-area'), href: hit?.closest('a')?.getAttribute('href') ?? null };
    }),
  );
const areaOf = (href: string | null) => (href ? new URLSearchParams(href.split('?')[1]).get('area') : null);

describe('complaints map filters', () => {
  it('opens the cases list of an area under every filter the map has, so the list shows the count the map showed', async () => {
    const filters = { status: 'in_progress', unit: ROADS };
    const narrowed = await mapOf(filters);
    const wider = counted(await mapOf({ unit: ROADS }));
    // An area the status filter narrows (the tester's «جدحفص: بلاغ واحد» of four).
    const target = narrowed.areas.find((a) => wider[a.id] > a.total)!;
    expect(target).toBeDefined();
    const { context, page, errors } = await openMap({ viewport: { width: 1280, height: 900 } }, filters);
    await page.locator(`[data-testid=complaints-map] g.map-area[data-place="${target.id}"] circle.map-area-circle`).click();
    await page.getByRole('heading', { name: 'البلاغات' }).waitFor();
    expect(hashParams(page)).toEqual({ area: target.area, ...filters });
    expect(await page.locator('#c-status').inputValue()).toBe('in_progress');
    expect(await page.locator('#c-unit').inputValue()).toBe(ROADS);
    const rows = page.getByTestId('case-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(target.total);
    await screenshot(page, 'map-filters-cases-list');

    // Domain, urgency and the days go along too, from the circles and from every list beside the map.
    const all = { status: 'in_progress', domain: 'roads', urgency: 'medium', unit: ROADS, from: '2026-01-01', to: '2030-12-31' };
    await page.goto(`${demo.url}/#/map?${new URLSearchParams(all)}`);
    await page.getByRole('heading', { name: 'خريطة الشكاوى' }).waitFor();
    await circles(page).first().waitFor();
    const links = await page.locator('.map-page a[href^="#/cases"]').evaluateAll((els) => els.map((e) => e.getAttribute('href') ?? ''));
    expect(links.length).toBeGreaterThan(1);
    for (const link of links) {
      const { area, ...rest } = Object.fromEntries(new URLSearchParams(link.split('?')[1]));
      expect(area).toBeTruthy();
      expect(rest).toEqual(all);
    }
    const sideLink = page.getByTestId('map-areas').locator('a').first();
    const first = (await mapOf({ ...all, from: '2026-01-01T00:00:00+03:00', to: '2030-12-31T23:59:59.999+03:00' })).areas[0];
    await sideLink.click();
    await page.getByRole('heading', { name: 'البلاغات' }).waitFor();
    expect(hashParams(page)).toEqual({ area: first.area, ...all });
    expect(await page.locator('#c-domain').inputValue()).toBe('roads');
    expect(await page.locator('#c-urgency').inputValue()).toBe('medium');
    await waitFor('the rows of the busiest area', async () => page.url().includes('domain=roads') && (await rows.count()) > 0);
    expect(await rows.count()).toBe(first.total);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("reads the date filter's days in the console's time zone (Asia/Bahrain) in a browser set to UTC", async () => {
    const bahrainDay = (iso: string) => new Date(Date.parse(iso) + 3 * 3_600_000).toISOString().slice(0, 10);
    const cases = (await api<{ items: CaseRow[] }>(demo.admin, 'GET', '/api/cases?limit=200')).body.items;
    // A case opened after midnight in Bahrain (UTC+3, no daylight saving) but before midnight UTC:
    // its day in Bahrain is not its day in UTC.
    const early = cases.find((c) => c.location?.area && bahrainDay(c.openedAt) !== c.openedAt.slice(0, 10));
    if (!early) throw new Error('no demo case opened between 00:00 and 03:00 Bahrain time');
    const day = bahrainDay(early.openedAt);
    const expected = await mapOf({ from: `${day}T00:00:00+03:00`, to: `${day}T23:59:59.999+03:00` });
    const utcDay = await mapOf({ from: day, to: day });
    expect(counted(expected)).not.toEqual(counted(utcDay));
    expect(expected.total).toBeGreaterThan(0);

    const context = await demo.browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'UTC' });
    const page = await signInAt(demo.url, context, demo.admin);
    const errors = watchErrors(page);
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('UTC');
    const asked = page.waitForRequest((r) => r.url().includes('/api/cases/map'));
    await page.goto(`${demo.url}/#/map?from=${day}&to=${day}`);
    const q = new URL((await asked).url()).searchParams;
    const start = Date.parse(`${day}T00:00:00+03:00`);
    expect(q.get('from')).toBe(new Date(start).toISOString());
    expect(q.get('to')).toBe(new Date(start + 86_400_000 - 1).toISOString());
    await page.getByRole('heading', { name: 'خريطة الشكاوى' }).waitFor();
    await circles(page).first().waitFor({ timeout: 10_000 });
    expect(await drawn(page)).toEqual(counted(expected));
    expect(await page.locator('[data-testid=complaints-map] g.map-area').evaluateAll((els) => els.map((e) => e.getAttribute('data-area')))).toContain(early.location!.area);
    await screenshot(page, 'map-filters-utc-browser');

    // The cases list takes the same days, in the same zone: as many rows as the map counted there.
    const area = expected.areas.find((a) => a.area === early.location!.area)!;
    await page.goto(`${demo.url}/#/cases?area=${encodeURIComponent(area.area)}&from=${day}&to=${day}`);
    await page.getByRole('heading', { name: 'البلاغات' }).waitFor();
    expect(await page.locator('#c-from').inputValue()).toBe(day);
    await waitFor('the rows of that day', async () => (await page.locator('table.cases-table tbody tr').count()) === area.total);
    expect(errors).toEqual([]);
    await context.close();
  });

  it.each([
    ['desktop', { viewport: { width: 1280, height: 900 } }],
    ['phone', { viewport: { width: 375, height: 780 }, isMobile: true, hasTouch: true }],
  ] as [string, BrowserContextOptions][])('opens its own area from the centre of every circle, though a smaller circle covers most of a bigger one (%s)', async (name, options) => {
    const expected = await mapOf({ unit: ROADS });
    const { context, page, errors } = await openMap(options, { unit: ROADS });
    expect(await circles(page).count()).toBe(expected.areas.length);
    await page.locator('[data-testid=complaints-map]').scrollIntoViewIfNeeded();
    const hits = await centreLinks(page);
    expect(hits.map((h) => areaOf(h.href))).toEqual(hits.map((h) => h.area));
    await screenshot(page, `map-filters-overlap-${name}`);
    // The tester's tap: the busiest area's centre (جدحفص, under السنابس) opens its own cases.
    const busiest = expected.areas[0];
    const box = (await page.locator(`[data-testid=complaints-map] g.map-area[data-place="${busiest.id}"] circle.map-area-circle`).boundingBox())!;
    if (name === 'phone') await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
    else await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.getByRole('heading', { name: 'البلاغات' }).waitFor();
    expect(hashParams(page)).toEqual({ area: busiest.area, unit: ROADS });
    expect(errors).toEqual([]);
    await context.close();
  });
});
