/**
 * The complaints map page in a real headless Chromium against the real service with the demo
 * data: circles for the demo's cases, a click on one lands on the cases list filtered to that
 * area, the busiest areas beside the map, and screenshots at desktop and phone width in Arabic
 * (and English) for a look.
 */
import { screenshot, watchErrors } from './browser';
import { demoConsole, signInAt, waitFor } from './console-kit';

jest.setTimeout(180_000);

interface MapBody {
  areas: { id: string; area: string; areaAr: string; total: number }[];
  unlocated: { area: string; total: number }[];
  total: number;
}

const demo = demoConsole('console-map');
const api = demo.api;

beforeAll(async () => {
  await demo.server.services.demo?.ready;
  await waitFor('demo cases on the map', async () => (await api<MapBody>(demo.admin, 'GET', '/api/cases/map')).body.areas?.length);
});


describe('complaints map page', () => {
  it('draws a circle per area of the demo cases, and a click on one opens the cases list filtered to that area', async () => {
    const expected = (await api<MapBody>(demo.admin, 'GET', '/api/cases/map')).body;
    const context = await demo.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await signInAt(demo.url, context, demo.admin);
    const errors = watchErrors(page);
    await page.getByRole('link', { name: 'الخريطة' }).click();
    await page.getByRole('heading', { name: 'خريطة الشكاوى' }).waitFor();
    const circles = page.locator('[data-testid=complaints-map] circle.map-area-circle');
    await circles.first().waitFor();
    expect(await circles.count()).toBe(expected.areas.length);
    const places = await page.locator('[data-testid=complaints-map] g.map-area').evaluateAll((els) => els.map((e) => e.getAttribute('data-place')));
    expect(new Set(places)).toEqual(new Set(expected.areas.map((a) => a.id)));
    // Beside the map: the busiest area first, with its count.
    const first = page.getByTestId('map-areas').locator('li').first();
    expect(await first.textContent()).toContain(expected.areas[0].areaAr);
    // Every circle lies inside the drawing.
    const svgBox = (await page.locator('[data-testid=complaints-map] svg').boundingBox())!;
    for (const c of await circles.all()) {
      const b = (await c.boundingBox())!;
      expect(b.x).toBeGreaterThanOrEqual(svgBox.x - 0.5);
      expect(b.y + b.height).toBeLessThanOrEqual(svgBox.y + svgBox.height + 0.5);
    }
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'map-desktop-ar');

    // The smallest circle is drawn last (on top), so clicking it cannot hit a neighbour.
    const target = expected.areas[expected.areas.length - 1];
    await page.locator(`[data-testid=complaints-map] g.map-area[data-place="${target.id}"] circle.map-area-circle`).click();
    await page.getByRole('heading', { name: 'البلاغات' }).waitFor();
    await waitFor('the cases list filtered to the area', async () => page.url().includes('#/cases?'));
    expect(new URL(page.url()).hash).toBe(`#/cases?area=${new URLSearchParams({ a: target.area }).toString().slice(2)}`);
    expect(await page.locator('#c-area').inputValue()).toBe(target.area);
    const rows = page.getByTestId('case-row');
    await waitFor('the filtered rows', async () => (await rows.count()) === Math.min(target.total, 50));
    for (const text of await rows.allTextContents()) expect(text).toContain(target.area);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('narrows the map with the filters, and reads well at phone width in Arabic and in English', async () => {
    const drainage = (await api<MapBody>(demo.admin, 'GET', '/api/cases/map?domain=drainage')).body;
    const context = await demo.browser.newContext({ viewport: { width: 375, height: 780 }, isMobile: true, hasTouch: true });
    const page = await signInAt(demo.url, context, demo.admin);
    const errors = watchErrors(page);
    await page.goto(`${demo.url}/#/map`);
    const circles = page.locator('[data-testid=complaints-map] circle.map-area-circle');
    await circles.first().waitFor();
    await page.locator('#m-domain').selectOption('drainage');
    await waitFor('the drainage map', async () => (await page.locator('[data-testid=complaints-map] svg').getAttribute('data-areas')) === String(drainage.areas.length) && page.url().includes('domain=drainage'));
    expect(await circles.count()).toBe(drainage.areas.length);
    // At phone width the map takes the screen's width and nothing scrolls sideways.
    const box = (await page.locator('[data-testid=complaints-map] svg').boundingBox())!;
    expect(box.width).toBeGreaterThan(300);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await page.locator('[data-testid=complaints-map]').scrollIntoViewIfNeeded();
    await screenshot(page, 'map-phone-ar');
    await page.getByTestId('map-areas').scrollIntoViewIfNeeded();
    await screenshot(page, 'map-phone-ar-side');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Complaints map' }).waitFor();
    expect(await page.locator('[data-testid=complaints-map] svg').getAttribute('aria-label')).toBe('Map of cases by area and domain');
    await page.locator('[data-testid=complaints-map]').scrollIntoViewIfNeeded();
    await screenshot(page, 'map-phone-en');
    expect(errors).toEqual([]);
    await context.close();
  });
  it('names the places of cases and mentions in English when the console is in English', async () => {
    const places = (await api<{ items: { ar: string; en: string }[] }>(demo.admin, 'GET', '/api/places')).body.items;
    const english = new Map(places.map((p) => [p.ar, p.en]));
    const cases = (await api<{ items: { number: string; location?: { area?: string } }[] }>(demo.admin, 'GET', '/api/cases?limit=50')).body.items;
    const located = cases.find((c) => c.location?.area && english.has(c.location.area))!;
    expect(located).toBeDefined();
    const area = located.location!.area!;
    const context = await demo.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await signInAt(demo.url, context, demo.admin);
    const errors = watchErrors(page);
    await page.getByRole('button', { name: 'English' }).click();
    await page.goto(`${demo.url}/#/cases/${located.number}`);
    // The case's location reads the gazetteer's English name, not the stored Arabic one.
    const locationFact = page.locator('.case-page div', { has: page.locator('dt', { hasText: 'Location' }) }).locator('dd');
    await waitFor('the English place name', async () => (await locationFact.textContent())?.startsWith(english.get(area)!));
    expect(await locationFact.textContent()).not.toContain(area);
    await page.goto(`${demo.url}/#/cases`);
    await page.getByRole('heading', { name: 'Cases' }).waitFor();
    await waitFor('English place names in the cases list', async () => (await page.locator('table').textContent())?.includes(english.get(area)!));
    await screenshot(page, 'cases-en-places');
    expect(errors).toEqual([]);
    await context.close();
  });
});
