import fs from 'node:fs';
import { chromiumExecutable, DEBIAN_CHROMIUM, launchChromium } from '../../src/browser/chromium';

describe('the headless Chromium for PDFs and browser tests', () => {
  it('is found without anything installed by hand, and renders Arabic right to left', async () => {
    const executable = await chromiumExecutable();
    expect(fs.existsSync(executable)).toBe(true);
    if (!fs.existsSync(DEBIAN_CHROMIUM)) expect(executable).not.toBe(DEBIAN_CHROMIUM);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.setContent('<p dir="rtl" style="width:300px">راصد</p>');
      const direction = await page.$eval('p', (p) => getComputedStyle(p).direction);
      expect(direction).toBe('rtl');
    } finally {
      await browser.close();
    }
  }, 60_000);

  it('gives two callers at once the same complete executable', async () => {
    const [a, b] = await Promise.all([chromiumExecutable(), chromiumExecutable()]);
    expect(a).toBe(b);
    expect(fs.statSync(a).size).toBeGreaterThan(50_000_000);
  }, 60_000);
});
