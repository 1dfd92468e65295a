/**
 * The weekly report carries its own Arabic font: printed to PDF on a host whose fontconfig knows
 * no Arabic font, the Arabic is still there; and the PDF leaves out emoji, which no font it has
 * can draw.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { renderHtml } from '../../src/summaries/html/render-html';
import { htmlToPdf, withoutPictographs } from '../../src/summaries/pdf/report-pdf';
import { defaultSummarySettings } from '../../src/summaries/summary-settings';
import type { WeeklySummary } from '../../src/summaries/summary-record';
import { weekById } from '../../src/summaries/week';
import { buildWeeklySummary } from '../../src/summaries/weekly-summary';
import { createSqliteStores } from '../../src/stores/sqlite-stores';
import { seedFixtureWeek } from './fixture-week';

const settings = defaultSummarySettings('Asia/Bahrain');
const TITLE = 'الملخص الأسبوعي للتفاعل';

/**
 * A host with one font and no Arabic in it: Playwright's icon font (shipped in node_modules, so
 * the test needs nothing installed). With no font at all Chromium prints no text whatever.
 */
function fontconfigWithoutArabic(dir: string): string {
  const assets = path.join(path.dirname(require.resolve('playwright-core/package.json')), 'lib', 'vite', 'recorder', 'assets');
  const icons = fs.readdirSync(assets).find((f) => /^codicon.*\.ttf$/.test(f));
  if (!icons) throw new Error(`no codicon*.ttf in ${assets}: pick another font without Arabic for this test`);
  fs.mkdirSync(path.join(dir, 'fonts'));
  fs.copyFileSync(path.join(assets, icons), path.join(dir, 'fonts', icons));
  const conf = path.join(dir, 'fonts.conf');
  fs.writeFileSync(conf, `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig><dir>${dir}/fonts</dir><cachedir>${dir}/cache</cachedir></fontconfig>\n`);
  return conf;
}

/** The fonts a PDF embeds, by name. */
const fontNames = (pdf: Buffer) => [...new Set([...pdf.toString('latin1').matchAll(/\/BaseFont\s*\/(?:[A-Z]{6}\+)?([\w-]+)/g)].map((m) => m[1]))];

/**
 * Every character the PDF's fonts say their glyphs stand for (their ToUnicode maps), as letters:
 * Chromium maps Arabic glyphs to presentation forms (ﺎ, ﻼ), which NFKC turns back into ا, لا.
 */
function charactersDrawn(pdf: Buffer): Set<string> {
  const chars = new Set<string>();
  const add = (utf16be: string) => {
    for (const c of Buffer.from(utf16be, 'hex').swap16().toString('utf16le').normalize('NFKC')) chars.add(c);
  };
  const raw = pdf.toString('latin1');
  for (const m of raw.matchAll(/stream\r?\n/g)) {
    const start = (m.index as number) + m[0].length;
    let cmap: string;
    try {
      cmap = zlib.inflateSync(pdf.subarray(start, raw.indexOf('endstream', start))).toString('latin1');
    } catch {
      continue; // not a compressed stream
    }
    for (const [, block] of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) for (const [, to] of block.matchAll(/<[0-9A-F]+>\s*<([0-9A-F]+)>/gi)) add(to);
    for (const [, block] of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
      for (const [, lo, hi, to] of block.matchAll(/<([0-9A-F]+)>\s*<([0-9A-F]+)>\s*<([0-9A-F]+)>/gi)) {
        for (let i = 0; i <= parseInt(hi, 16) - parseInt(lo, 16); i++) add((parseInt(to, 16) + i).toString(16).padStart(4, '0'));
      }
    }
  }
  return chars;
}

let dir: string;
let summary: WeeklySummary;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rasid-pdf-fonts-'));
  const store = createSqliteStores(path.join(dir, 'rasid.db'));
  await seedFixtureWeek(store);
  summary = await buildWeeklySummary(store.summaries, weekById('2026-W48', settings), settings, { now: new Date('2026-11-29T05:00:00.000Z') });
  await store.close();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the PDF report on a host without an Arabic font', () => {
  const fontconfig = process.env.FONTCONFIG_FILE;
  // Chromium takes its environment from this process.
  beforeAll(() => {
    process.env.FONTCONFIG_FILE = fontconfigWithoutArabic(dir);
  });
  afterAll(() => {
    if (fontconfig === undefined) delete process.env.FONTCONFIG_FILE;
    else process.env.FONTCONFIG_FILE = fontconfig;
  });

  it('embeds IBM Plex Sans Arabic and draws the Arabic title with it', async () => {
    const pdf = await htmlToPdf(renderHtml(summary));
    fs.writeFileSync(path.join(dir, 'report.pdf'), pdf);
    expect(fontNames(pdf)).toEqual(expect.arrayContaining(['IBMPlexSansArabic-Regular', 'IBMPlexSansArabic-Bold']));
    const drawn = charactersDrawn(pdf);
    const missing = [...TITLE.replace(/\s/g, '')].filter((c) => !drawn.has(c));
    expect(missing).toEqual([]);
  }, 60_000);
});

describe('the HTML report', () => {
  it('embeds the font it names, only the weights it uses, as data: URLs', () => {
    const html = renderHtml(summary);
    const faces = [...html.matchAll(/@font-face \{[^}]*font-weight: (\d+);[^}]*src: url\(data:font\/woff2;base64,/g)].map((m) => m[1]);
    expect(faces.sort()).toEqual(['400', '400', '600', '600', '700', '700']); // Arabic and Latin of each
    expect(html).toMatch(/font-family: "IBM Plex Sans Arabic", /);
    expect(html).not.toMatch(/url\((?!data:)/);
    // About 260 KB of fonts: every weight of both subsets would be twice that.
    expect(Buffer.byteLength(html)).toBeLessThan(450_000);
  });
});

describe('emoji in the PDF', () => {
  it.each([
    ['🚨 عاجل: حفرة ⚠️⚠️ في الشارع', ' عاجل: حفرة  في الشارع'],
    ['👨‍👩‍👧 family 👍🏽 ok 🇧🇭 1️⃣', ' family  ok  1'],
    ['© ® ™ ▲ ▼ · — «» لا', '© ® ™ ▲ ▼ · — «» لا'],
    ['ل\u200Dا', 'ل\u200Dا'], // a joiner that shapes Arabic stays
  ])('prints %p as %p', (text, printed) => {
    expect(withoutPictographs(text)).toBe(printed);
  });
});
