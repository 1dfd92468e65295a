/**
 * The report's own font, embedded: IBM Plex Sans Arabic (SIL Open Font License), the console's
 * font, from the npm package the console already ships. The HTML download and the PDF (Chromium
 * prints that HTML) would otherwise take whatever Arabic font the host has, and on a host with
 * none every Arabic word vanished from the PDF.
 *
 * Only what the report uses, as data: URLs: the weights of REPORT_CSS (400 text; 600 labels and
 * table heads; 700 headings and figures) in the Arabic and Latin subsets (English labels, digits),
 * each picked by its unicode-range. About 190 KB of woff2, 255 KB as base64.
 */
import fs from 'node:fs';
import path from 'node:path';

export const REPORT_FONT_FAMILY = 'IBM Plex Sans Arabic';

const PACKAGE = '@fontsource/ibm-plex-sans-arabic';
const WEIGHTS = [400, 600, 700] as const;
const SUBSETS = ['arabic', 'latin'] as const;

let css: string | undefined;

/** The @font-face rules, read once per process (the files do not change while it runs). */
export function reportFontCss(): string {
  css ??= buildCss();
  return css;
}

function buildCss(): string {
  const dir = path.dirname(require.resolve(`${PACKAGE}/package.json`));
  const ranges = JSON.parse(fs.readFileSync(path.join(dir, 'unicode.json'), 'utf8')) as Record<(typeof SUBSETS)[number], string>;
  return SUBSETS.flatMap((subset) =>
    WEIGHTS.map((weight) => {
      const woff2 = fs.readFileSync(path.join(dir, 'files', `ibm-plex-sans-arabic-${subset}-${weight}-normal.woff2`)).toString('base64');
      return `@font-face { font-family: "${REPORT_FONT_FAMILY}"; font-style: normal; font-weight: ${weight}; font-display: swap; src: url(data:font/woff2;base64,${woff2}) format("woff2"); unicode-range: ${ranges[subset]}; }`;
    }),
  ).join('\n');
}
