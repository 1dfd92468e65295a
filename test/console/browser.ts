/**
 * The console's browser tests drive a headless Chromium through playwright-core: Debian's when
 * installed, else the one npm install brings (src/browser/chromium.ts). Collects console errors
 * and uncaught page errors.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium as launch } from '../../src/browser/chromium';

export const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts/console');

export function launchChromium(): Promise<Browser> {
  return launch();
}

/** Every console error and page error the page reports, for a final "no errors" check. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()} @ ${msg.location().url}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  return errors;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}
