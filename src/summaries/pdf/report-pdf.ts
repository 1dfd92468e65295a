/**
 * The HTML report as an A4 PDF, printed by headless Chromium (Debian's, or the build npm install
 * brings: src/browser/chromium.ts): the CLI's `--format pdf` and GET /api/summaries/:week.pdf.
 *
 * Chromium is started for each PDF and closed after it (a few hundred MB that an idle service
 * should not hold), and one PDF is printed at a time per process: a second request waits for the
 * first rather than starting a second browser.
 *
 * The report carries its own Arabic font (html/report-fonts.ts), but no emoji font: one that
 * covers citizens' emoji is megabytes, and the host's fallback prints them as empty boxes. So
 * pictographs (🚨, ⚠️, flags, with their joiners and modifiers) are left out of the PDF; the HTML
 * keeps them for the browser to draw.
 */
import { launchChromium } from '../../browser/chromium';

export const PDF_CONTENT_TYPE = 'application/pdf';

let queue: Promise<unknown> = Promise.resolve();

/**
 * An emoji with what joins or modifies it (variation selectors, skin tones, keycaps, tags, ZWJ
 * sequences), a flag's letters, and a stray selector. ©, ® and ™ are typography, kept (the font
 * has them); a ZWJ outside an emoji sequence shapes Arabic, kept.
 */
const PICTOGRAPH = /(?:(?![©®™])\p{Extended_Pictographic}|\p{Regional_Indicator})(?:[\uFE0E\uFE0F\u20E3\p{Emoji_Modifier}\u{E0020}-\u{E007F}]|\u200D(?:\p{Extended_Pictographic}|\p{Emoji_Modifier}))*|[\uFE0F\u20E3]/gu;

export function withoutPictographs(html: string): string {
  return html.replace(PICTOGRAPH, '');
}

export function htmlToPdf(html: string): Promise<Buffer> {
  const next = queue.then(() => print(withoutPictographs(html)));
  // The next PDF waits for this one, failed or not.
  queue = next.catch(() => undefined);
  return next;
}

async function print(html: string): Promise<Buffer> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    // The embedded font (data: URLs) loads asynchronously; printing before it would fall back to the host's fonts.
    await page.evaluate(async () => {
      await document.fonts.ready;
    });
    return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    await browser.close();
  }
}
