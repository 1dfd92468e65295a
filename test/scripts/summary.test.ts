import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { loadConfig } from '../../src/config';
import { SUMMARY_TABLE_NAMES } from '../../src/summaries/csv/summary-tables';
import { createSqliteStores, type SqliteStores } from '../../src/stores/sqlite-stores';
import { SqliteSummaryStore } from '../../src/summaries/store/sqlite/sqlite-summary-store';
import { runSummaryCli } from '../../scripts/summary';
import { seedFixtureWeek } from '../summaries/fixture-week';

function io() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (c) => out.push(String(c)));
  stderr.on('data', (c) => err.push(String(c)));
  return { io: { stdout, stderr }, out: () => out.join(''), err: () => err.join('') };
}

describe('npm run summary', () => {
  let dir: string;
  let config: ReturnType<typeof loadConfig>;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rasid-cli-'));
    config = loadConfig({ DATA_DIR: dir, DEMO: 'false' });
    const store = createSqliteStores(config.storage.sqliteFile);
    await seedFixtureWeek(store);
    await store.close();
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints a week as JSON on stdout', async () => {
    const t = io();
    const r = await runSummaryCli(['--week', '2026-W48', '--format', 'json'], config, t.io);
    expect(r).toEqual({ weekId: '2026-W48', written: [] });
    expect(JSON.parse(t.out()).responses.responseRate.value).toBe(0.75);
    expect(t.err()).toContain('2026-W48 (2026-11-22 – 2026-11-28, Asia/Bahrain): 6 mentions');
  });

  it('writes one CSV file per table into a folder, and the HTML report to a file', async () => {
    const folder = path.join(dir, 'csv') + '/';
    const r = await runSummaryCli(['--week', '2026-W48', '--format', 'csv', '--out', folder], config, io().io);
    expect(r.written.map((f) => path.basename(f))).toEqual(SUMMARY_TABLE_NAMES.map((n) => `2026-W48-${n}.csv`));
    expect(fs.readFileSync(path.join(folder, '2026-W48-by_domain.csv'), 'utf8')).toContain('الصرف الصحي والأمطار');
    const html = path.join(dir, 'report.html');
    await runSummaryCli(['--week', '2026-11-25', '--out', html, '--save'], config, io().io);
    expect(fs.readFileSync(html, 'utf8')).toContain('dir="rtl"');
    const store = createSqliteStores(config.storage.sqliteFile);
    expect((await store.summaries.getSummary('2026-W48'))?.headline.mentions).toBe(6);
    await store.close();
  });

  it('writes an Excel workbook with a right-to-left sheet per table, and needs --out for it', async () => {
    const file = path.join(dir, 'f.xlsx');
    const r = await runSummaryCli(['--week', '2026-W48', '--format', 'xlsx', '--out', file], config, io().io);
    expect(r.written).toEqual([file]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    expect(book.worksheets).toHaveLength(SUMMARY_TABLE_NAMES.length);
    const byDomain = book.getWorksheet('حسب المجال')!;
    expect(byDomain.views[0]).toMatchObject({ rightToLeft: true });
    expect(byDomain.getRow(1).getCell(4).value).toBe('هذا الأسبوع');
    expect(byDomain.getRow(2).getCell(4).value).toBe('value');
    const drainage = byDomain.getSheetValues().find((row) => Array.isArray(row) && row[1] === 'drainage') as unknown[];
    expect(drainage.slice(1, 5)).toEqual(['drainage', 'الصرف الصحي والأمطار', 'Sewage & drainage', 2]);
    await expect(runSummaryCli(['--week', '2026-W48', '--format', 'xlsx'], config, io().io)).rejects.toThrow(/--format xlsx needs --out/);
  });

  it('prints the week to an A4 PDF with the Chromium npm install brings (or Debian\'s)', async () => {
    const pdf = path.join(dir, 'report.pdf');
    const r = await runSummaryCli(['--week', '2026-W48', '--format', 'pdf', '--out', pdf], config, io().io);
    expect(r.written).toEqual([pdf]);
    const bytes = fs.readFileSync(pdf);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(10_000);
  }, 60_000);

  it('refuses an unknown format or week with a usage message', async () => {
    await expect(runSummaryCli(['--format', 'docx'], config, io().io)).rejects.toThrow(/--format must be one of/);
    await expect(runSummaryCli(['--week', 'soon'], config, io().io)).rejects.toThrow(/is not a week/);
  });
});
