/**
 * The HTML report as an A4 PDF, printed by headless Chromium (Debian's, or the build npm install
 * brings: src/browser/chromium.ts): the CLI's `--format pdf` and GET /api/summaries/:week.pdf.
 *
 * Chromium is started for each PDF and closed after it (a few hundred MB that an idle service
 * should not hold), and one PDF is printed at a time per process: a second request waits for the
 * first rather than starting a second browser.
 */
import { launchChromium } from '../../browser/chromium';

export const PDF_CONTENT_TYPE = 'application/pdf';

let queue: Promise<unknown> = Promise.resolve();

export function htmlToPdf(html: string): Promise<Buffer> {
  const next = queue.then(() => print(html));
  // The next PDF waits for this one, failed or not.
  queue = next.catch(() => undefined);
  return next;
}

async function print(html: string): Promise<Buffer> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    await browser.close();
  }
}
