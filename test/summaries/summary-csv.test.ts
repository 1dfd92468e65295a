import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BOM, csvCell, toCombinedCsv, toCsv } from '../../src/summaries/csv/csv-format';
import { SUMMARY_TABLE_NAMES, summaryTables } from '../../src/summaries/csv/summary-tables';
import { defaultSummarySettings } from '../../src/summaries/summary-settings';
import { weekById } from '../../src/summaries/week';
import { buildWeeklySummary } from '../../src/summaries/weekly-summary';
import { createSqliteStores, type SqliteStores } from '../../src/stores/sqlite-stores';
import { SqliteSummaryStore } from '../../src/summaries/store/sqlite/sqlite-summary-store';
import { parseCsv } from './csv-parse';
import { seedFixtureWeek } from './fixture-week';

const settings = defaultSummarySettings('Asia/Bahrain');

describe('summary CSV tables', () => {
  let tables: ReturnType<typeof summaryTables>;
  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rasid-csv-'));
    const store = createSqliteStores(path.join(dir, 'rasid.db'));
    await seedFixtureWeek(store);
    tables = summaryTables(await buildWeeklySummary(store.summaries, weekById('2026-W48', settings), settings, { now: new Date('2026-11-29T05:00:00Z') }));
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes one table per figure group, named as documented', () => {
    expect(tables.map((t) => t.name)).toEqual([...SUMMARY_TABLE_NAMES]);
  });

  it('starts with a UTF-8 BOM and parses back with the right columns and the Arabic intact', () => {
    const csv = toCsv(tables.find((t) => t.name === 'by_domain')!);
    const bytes = Buffer.from(csv, 'utf8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes.toString('utf8').slice(1));
    expect(rows[1]).toEqual(['key', 'label_ar', 'label_en', 'value', 'previous', 'change', 'change_pct']);
    expect(rows.find((r) => r[0] === 'drainage')).toEqual(['drainage', 'الصرف الصحي والأمطار', 'Sewage & drainage', '2', '1', '1', '1']);
  });

  it('heads every table with Arabic column names, and keeps the column codes in the second header row', () => {
    const rows = parseCsv(toCsv(tables.find((t) => t.name === 'by_domain')!).slice(BOM.length));
    expect(rows[0]).toEqual(['الرمز', 'البند', 'البند بالإنجليزية', 'هذا الأسبوع', 'الأسبوع السابق', 'التغير', 'نسبة التغير']);
    for (const t of tables) {
      const [arabic, codes] = parseCsv(toCsv(t).slice(BOM.length));
      expect(codes).toEqual(t.columns);
      // every header is Arabic: none is left as its code
      for (const h of arabic) expect({ table: t.name, header: h, arabic: /[\u0600-\u06FF]/.test(h) }).toEqual({ table: t.name, header: h, arabic: true });
    }
    const responses = parseCsv(toCsv(tables.find((t) => t.name === 'response_by_channel')!).slice(BOM.length));
    expect(responses[0].slice(3, 5)).toEqual(['تحتاج رداً', 'تحتاج رداً - الأسبوع السابق']);
  });

  it('keeps the overview figures exact, Arabic labels included', () => {
    const rows = parseCsv(toCsv(tables[0]).slice(BOM.length));
    const rate = rows.find((r) => r[2] === 'response_rate');
    expect(rate).toEqual(['2026-W48', 'responses', 'response_rate', 'نسبة الرد', 'Response rate', '0.75', '0.5', '0.25', '0.5']);
    const median = rows.find((r) => r[2] === 'first_response_median_seconds');
    expect(median?.slice(5, 7)).toEqual(['7200', '518400']);
  });

  it('quotes commas, quotes and new lines, and defuses spreadsheet formulas', () => {
    expect(csvCell('شارع، 12, "المحرق"')).toBe('"شارع، 12, ""المحرق"""');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell('سطر\nثان')).toBe('"سطر\nثان"');
  });

  it('puts every table in one combined file, each under its Arabic title and its name', () => {
    const rows = parseCsv(toCombinedCsv(tables).slice(BOM.length));
    const titled = rows.filter((r) => r.length === 2 && (SUMMARY_TABLE_NAMES as readonly string[]).includes(r[1]));
    expect(titled.map((r) => r[1])).toEqual([...SUMMARY_TABLE_NAMES]);
    expect(titled[0]).toEqual(['نظرة عامة', 'overview']);
    const text = rows.find((r) => r[0] === 'x' && r.length === 7 && r[6].includes('الشيخ'));
    expect(text?.[6]).toContain('حفرة خطيرة');
  });
});
