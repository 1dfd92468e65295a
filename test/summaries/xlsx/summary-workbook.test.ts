/**
 * The workbook shows rates as percentages and durations in hours, with formats Excel applies,
 * and says so in its headers and codes; the CSV keeps fractions and seconds for machines.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { createSqliteStores } from '../../../src/stores/sqlite-stores';
import { summaryTables } from '../../../src/summaries/csv/summary-tables';
import { defaultSummarySettings } from '../../../src/summaries/summary-settings';
import { weekById } from '../../../src/summaries/week';
import { buildWeeklySummary } from '../../../src/summaries/weekly-summary';
import { toXlsx } from '../../../src/summaries/xlsx/summary-workbook';
import { seedFixtureWeek } from '../fixture-week';

const settings = defaultSummarySettings('Asia/Bahrain');

async function fixtureSummary() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rasid-workbook-'));
  const stores = createSqliteStores(path.join(dir, 'rasid.db'));
  try {
    await seedFixtureWeek(stores);
    return await buildWeeklySummary(stores.summaries, weekById('2026-W48', settings), settings, { now: new Date('2026-11-29T05:00:00.000Z') });
  } finally {
    await stores.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('the summary workbook', () => {
  let book: ExcelJS.Workbook;
  let tables: ReturnType<typeof summaryTables>;
  beforeAll(async () => {
    tables = summaryTables(await fixtureSummary());
    book = new ExcelJS.Workbook();
    await book.xlsx.load((await toXlsx(tables, { title: 't', created: new Date() })) as unknown as ArrayBuffer);
  });

  /** The overview row of a figure: its cells by column code. */
  const overviewRow = (figure: string) => {
    const sheet = book.getWorksheet('نظرة عامة')!;
    const codes = (sheet.getRow(2).values as unknown[]).slice(1) as string[];
    for (let r = 3; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      if (row.getCell(codes.indexOf('figure') + 1).value === figure) return (code: string) => row.getCell(codes.indexOf(code) + 1);
    }
    throw new Error(`no overview row ${figure}`);
  };

  it('writes rates and shares as fractions with a percent format', () => {
    const rate = overviewRow('response_rate');
    expect([rate('value').value, rate('value').numFmt]).toEqual([0.75, '0.0%']);
    expect(rate('previous').numFmt).toBe('0.0%');
    expect(overviewRow('within_sla_share')('value').numFmt).toBe('0.0%');
    // a change in percent is a percentage too; counts keep the general format
    expect(overviewRow('total')('change_pct').numFmt).toBe('0.0%');
    expect(overviewRow('total')('value').numFmt).toBeUndefined();
  });

  it('writes durations in hours with one decimal, named in hours', () => {
    const median = overviewRow('first_response_median_hours');
    expect([median('value').value, median('value').numFmt]).toEqual([2, '#,##0.0']);
    expect(median('label_ar').value).toBe('وسيط زمن الرد الأول (ساعة)');
    expect(median('label_en').value).toBe('Median first response (h)');
    expect(overviewRow('median_hours_to_resolve')('value').numFmt).toBe('#,##0.0');
    const byChannel = book.getWorksheet('الرد حسب القناة')!;
    const codes = (byChannel.getRow(2).values as unknown[]).slice(1) as string[];
    expect(codes).toContain('median_hours');
    expect(codes).not.toContain('median_seconds');
    const x = byChannel.getRow(3);
    expect(x.getCell(1).value).toBe('x');
    expect([x.getCell(codes.indexOf('median_hours') + 1).value, x.getCell(codes.indexOf('median_hours') + 1).numFmt]).toEqual([1.25, '#,##0.0']);
    expect(x.getCell(codes.indexOf('response_rate') + 1).numFmt).toBe('0.0%');
    expect(byChannel.getRow(1).getCell(codes.indexOf('median_hours') + 1).value).toBe('وسيط زمن الرد (ساعة)');
  });

  it('leaves the CSV tables machine-readable: fractions, and seconds named as such', () => {
    const overview = tables.find((t) => t.name === 'overview')!;
    const median = overview.rows.find((r) => r[2] === 'first_response_median_seconds')!;
    expect(median[5]).toBe(7200);
    expect(overview.rows.find((r) => r[2] === 'response_rate')![5]).toBe(0.75);
  });
});
