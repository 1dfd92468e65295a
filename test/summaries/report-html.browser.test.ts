/**
 * The HTML report in headless Chromium (playwright-core, fresh profile): Arabic and RTL, every
 * chart an SVG with data, nothing fetched from outside, and a screenshot kept as a test artifact.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { launchChromiumProfile } from '../../src/browser/chromium';
import { renderHtml } from '../../src/summaries/html/render-html';
import { defaultSummarySettings } from '../../src/summaries/summary-settings';
import { weekById } from '../../src/summaries/week';
import { buildWeeklySummary } from '../../src/summaries/weekly-summary';
import { createSqliteStores, type SqliteStores } from '../../src/stores/sqlite-stores';
import { SqliteSummaryStore } from '../../src/summaries/store/sqlite/sqlite-summary-store';
import { seedFixtureWeek } from './fixture-week';

const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts/reports');
const settings = defaultSummarySettings('Asia/Bahrain');
const NOW = new Date('2026-11-29T05:00:00.000Z');

describe('the HTML report in Chromium', () => {
  let context: BrowserContext;
  let profile: string;
  let dataDir: string;
  let store: SqliteStores;

  beforeAll(async () => {
    profile = fs.mkdtempSync(path.join(os.tmpdir(), 'rasid-chromium-'));
    context = await launchChromiumProfile(profile, { viewport: { width: 900, height: 1300 } });
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rasid-report-'));
    store = createSqliteStores(path.join(dataDir, 'rasid.db'));
    await seedFixtureWeek(store);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => {
    await context?.close();
    await store?.close();
    fs.rmSync(profile, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function open(html: string) {
    const page = await context.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    await page.route('**/*', (route) => {
      requests.push(route.request().url());
      return route.abort();
    });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.setContent(html, { waitUntil: 'load' });
    return { page, requests, errors };
  }

  it('shows the week in Arabic, right to left, with every chart an SVG carrying data', async () => {
    const summary = await buildWeeklySummary(store.summaries, weekById('2026-W48', settings), settings, { now: NOW });
    const { page, requests, errors } = await open(renderHtml(summary));
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    expect(await page.evaluate(() => getComputedStyle(document.body).direction)).toBe('rtl');
    const heading = await page.textContent('h1');
    expect(heading).toContain('الملخص الأسبوعي');
    expect(await page.textContent('body')).toMatch(/الإشارات|نسبة الرد/);

    const charts = await page.$$eval('[data-chart]', (els) =>
      els.map((el) => ({
        tag: el.tagName.toLowerCase(),
        id: el.getAttribute('data-chart'),
        values: el.getAttribute('data-values'),
        empty: el.getAttribute('data-empty'),
        marks: el.querySelectorAll('path, rect, circle, line').length,
        width: el.getBoundingClientRect().width,
      })),
    );
    expect(charts.map((c) => c.id).sort()).toEqual(['by-channel', 'by-domain', 'complaints-map', 'daily-volume', 'response-time-distribution', 'sla-gauge']);
    for (const c of charts) {
      expect(c).toMatchObject({ tag: 'svg', empty: 'false' });
      expect(c.marks).toBeGreaterThan(2);
      expect(c.width).toBeGreaterThan(100);
    }
    expect(charts.find((c) => c.id === 'daily-volume')?.values).toBe('2,1,0,1,1,0,1');
    expect(charts.find((c) => c.id === 'by-channel')?.values).toBe('3,2,1');

    // the report fits the sheet: nothing wider than the page
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'weekly-summary-2026-W48.png'), fullPage: true });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps a Latin top term apart from its count in the right-to-left report («Isa 2», not «Isa2»)', async () => {
    const summary = await buildWeeklySummary(store.summaries, weekById('2026-W48', settings), settings, { now: NOW });
    const terms = [{ term: 'Isa', mentions: 2, previousMentions: 1, score: 3 }, { term: 'حفرة', mentions: 3, previousMentions: 0, score: 4 }];
    const { page } = await open(renderHtml({ ...summary, topTerms: { ...summary.topTerms, terms: terms as typeof summary.topTerms.terms } }));
    const gaps = await page.$$eval('.term', (els) =>
      els.map((el) => {
        const word = (el.querySelector('bdi') as HTMLElement).getBoundingClientRect();
        const count = (el.querySelector('b') as HTMLElement).getBoundingClientRect();
        // In RTL the count comes after the word, to its left: the space between them.
        return { term: el.querySelector('bdi')?.textContent, gap: word.left - count.right };
      }),
    );
    for (const g of gaps) expect(g.gap).toBeGreaterThanOrEqual(4);
    await page.close();
  });

  it("shows the week's complaints on the map, circles by area with the busiest areas and blocks beside it, and prints it to PDF", async () => {
    const summary = await buildWeeklySummary(store.summaries, weekById('2026-W48', settings), settings, { now: NOW });
    const { page, requests, errors } = await open(renderHtml(summary));
    const map = page.locator('.map-section svg[data-chart="complaints-map"]');
    const areas = await map.locator('g.map-area').evaluateAll((els) => els.map((e) => [e.getAttribute('data-place'), e.getAttribute('data-total'), e.querySelector('title')?.textContent]));
    expect(areas).toEqual([
      ['muharraq', '3', 'المحرق: 3 شكوى (الطرق 2، المباني العامة 1)'],
      ['sitra', '1', 'سترة: 1 شكوى (الصرف الصحي والأمطار 1)'],
    ]);
    const box = await map.boundingBox();
    expect(box!.width).toBeGreaterThan(300);
    expect(box!.height).toBeGreaterThan(box!.width); // Bahrain stands upright
    for (const circle of await map.locator('circle.map-area-circle').all()) {
      const c = await circle.boundingBox();
      expect(c!.x).toBeGreaterThanOrEqual(box!.x);
      expect(c!.x + c!.width).toBeLessThanOrEqual(box!.x + box!.width + 0.5);
    }
    const side = await page.textContent('.map-side');
    expect(side).toContain('المناطق الأكثر شكاوى');
    expect(side).toMatch(/204 · المحرق/);
    expect(await map.locator('.map-attribution').textContent()).toContain("Place data from Who's On First");
    // The map column sits on the right in this right-to-left page, the tables to its left.
    const side0 = await page.locator('.map-side').boundingBox();
    expect(side0!.x).toBeLessThan(box!.x);
    await page.locator('.map-section').screenshot({ path: path.join(ARTIFACTS, 'weekly-summary-map.png') });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('renders an empty week and says so', async () => {
    const summary = await buildWeeklySummary(store.summaries, weekById('2025-W10', settings), settings, { now: NOW });
    const { page, errors } = await open(renderHtml(summary));
    expect(await page.isVisible('[data-empty-week]')).toBe(true);
    expect(await page.textContent('[data-empty-week]')).toContain('لم تُسجَّل');
    expect(await page.$$eval('svg[data-chart]', (els) => els.every((e) => e.getAttribute('data-empty') === 'true'))).toBe(true);
    await page.screenshot({ path: path.join(ARTIFACTS, 'weekly-summary-empty.png'), fullPage: false });
    expect(errors).toEqual([]);
    await page.close();
  });
});
