import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RequestHandler } from 'express';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { buildApp } from '../../src/app';
import { setRequestAuth } from '../../src/auth/request-auth';
import { SUPERVISORS, requireRole } from '../../src/auth/require-role';
import { TABLE_TITLES_AR } from '../../src/summaries/csv/column-labels';
import { SUMMARY_TABLE_NAMES } from '../../src/summaries/csv/summary-tables';
import { summaryRoutes } from '../../src/summaries/summary-routes';
import { SummaryService } from '../../src/summaries/summary-service';
import { defaultSummarySettings } from '../../src/summaries/summary-settings';
import { createSqliteStores, type SqliteStores } from '../../src/stores/sqlite-stores';
import { SqliteSummaryStore } from '../../src/summaries/store/sqlite/sqlite-summary-store';
import { memoryLogger } from '../support/silent-log';
import { parseCsv } from './csv-parse';
import { seedFixtureWeek } from './fixture-week';
import type { Role } from '../../src/users/store/user-store';

const NOW = new Date('2026-11-29T05:00:00.000Z');

/** Stands in for the real authenticate: the role comes from a test header. */
const authenticateAs: RequestHandler = (req, _res, next) => {
  const role = (req.header('x-test-role') ?? 'supervisor') as Role;
  setRequestAuth(req, { via: 'token', user: { id: `u-${role}`, name: role, role, trainee: false, disabled: false, createdAt: '', updatedAt: '' } });
  next();
};

function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rasid-sum-api-'));
  const store = createSqliteStores(path.join(dir, 'rasid.db'));
  const summaries = store.summaries;
  const service = new SummaryService({ store: summaries, settings: defaultSummarySettings('Asia/Bahrain'), now: () => NOW });
  const app = buildApp({
    store,
    log: memoryLogger().log,
    channels: [],
    jobStats: () => [],
    authenticate: authenticateAs,
    apiRouters: [summaryRoutes({ service, guard: requireRole(...SUPERVISORS), now: () => NOW })],
  });
  return { app, store, summaries, service, cleanup: async () => { await store.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
}

describe('summary API', () => {
  let ctx: ReturnType<typeof setup>;
  beforeAll(async () => {
    ctx = setup();
    await seedFixtureWeek(ctx.store);
  });
  afterAll(() => ctx.cleanup());

  it('serves a week as JSON, computed on request when the history has none', async () => {
    const res = await request(ctx.app).get('/api/summaries/2026-W48.json').expect(200);
    expect(res.headers['x-summary-source']).toBe('computed');
    expect(res.body.week.id).toBe('2026-W48');
    expect(res.body.responses.responseRate.value).toBe(0.75);
  });

  it('serves the stored summary once the history has it, and lists the history', async () => {
    await ctx.service.generateAndStore(ctx.service.resolveWeek('2026-W48'));
    const res = await request(ctx.app).get('/api/summaries/2026-W48').expect(200);
    expect(res.headers['x-summary-source']).toBe('history');
    const list = await request(ctx.app).get('/api/summaries').expect(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({ week: '2026-W48', weekId: '2026-W48', headline: { mentions: 6, responseRate: 0.75 } });
  });

  it('serves the HTML report by suffix or by Accept, and last week by default name', async () => {
    const html = await request(ctx.app).get('/api/summaries/2026-W48.html').expect(200);
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expect(html.text).toContain('<html lang="ar" dir="rtl">');
    const accepted = await request(ctx.app).get('/api/summaries/last').set('Accept', 'text/html').expect(200);
    expect(accepted.text).toContain('2026-W48');
  });

  it('serves CSV as one combined file or one table, with a BOM and Arabic intact', async () => {
    const all = await request(ctx.app).get('/api/summaries/2026-W48.csv').buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    const bytes = all.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(all.headers['content-disposition']).toBe('attachment; filename="rasid-summary-2026-W48.csv"');
    const one = await request(ctx.app).get('/api/summaries/2026-W48.csv?table=by_channel').expect(200);
    const rows = parseCsv(one.text.replace(/^\uFEFF/, ''));
    expect(rows[0]).toEqual(['الرمز', 'البند', 'البند بالإنجليزية', 'هذا الأسبوع', 'الأسبوع السابق', 'التغير', 'نسبة التغير']);
    expect(rows[1]).toEqual(['key', 'label_ar', 'label_en', 'value', 'previous', 'change', 'change_pct']);
    expect(rows[2].slice(0, 4)).toEqual(['x', 'إكس (تويتر)', 'X (Twitter)', '3']);
  });

  it('serves an Excel workbook with one right-to-left sheet per table, Arabic headers above the column codes', async () => {
    const res = await request(ctx.app).get('/api/summaries/2026-W48.xlsx').buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet/);
    expect(res.headers['content-disposition']).toBe('attachment; filename="rasid-summary-2026-W48.xlsx"');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as unknown as Parameters<typeof book.xlsx.load>[0]);
    expect(book.worksheets.map((w) => w.name)).toEqual(SUMMARY_TABLE_NAMES.map((n) => TABLE_TITLES_AR[n]));
    for (const sheet of book.worksheets) expect(sheet.views[0]).toMatchObject({ rightToLeft: true, state: 'frozen', ySplit: 2 });
    const byChannel = book.getWorksheet('حسب القناة')!;
    expect((byChannel.getRow(1).values as unknown[]).slice(1)).toEqual(['الرمز', 'البند', 'البند بالإنجليزية', 'هذا الأسبوع', 'الأسبوع السابق', 'التغير', 'نسبة التغير']);
    expect((byChannel.getRow(2).values as unknown[]).slice(1)).toEqual(['key', 'label_ar', 'label_en', 'value', 'previous', 'change', 'change_pct']);
    expect((byChannel.getRow(3).values as unknown[]).slice(1, 5)).toEqual(['x', 'إكس (تويتر)', 'X (Twitter)', 3]);
    const overview = book.getWorksheet('نظرة عامة')!;
    const rate = overview.getSheetValues().find((r) => Array.isArray(r) && r[3] === 'response_rate') as unknown[];
    expect(rate.slice(6, 8)).toEqual([0.75, 0.5]);
    await request(ctx.app).get('/api/summaries/2026-W48.xlsx').set('x-test-role', 'agent').expect(403);
    await request(ctx.app).get('/api/summaries/someday.xlsx').expect(400);
  });

  it('serves the report as an A4 PDF, to two requests at once, for supervisors only', async () => {
    const pdfOf = () =>
      request(ctx.app).get('/api/summaries/2026-W48.pdf').buffer(true).parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    // Two at once: the second waits for the first's browser, and both get their PDF.
    const [first, second] = await Promise.all([pdfOf().expect(200), pdfOf().expect(200)]);
    for (const res of [first, second]) {
      const bytes = res.body as Buffer;
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toBe('attachment; filename="rasid-summary-2026-W48.pdf"');
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      // A4 portrait: 595 × 842 points.
      expect(bytes.toString('latin1')).toMatch(/\/MediaBox \[0 0 59[45]\.?\d* 84[12]\.?\d*\]/);
    }
    await request(ctx.app).get('/api/summaries/2026-W48.pdf').set('x-test-role', 'agent').expect(403);
    await request(ctx.app).get('/api/summaries/someday.pdf').expect(400);
  }, 90_000);

  it('refuses agents, unknown weeks and tables, and weeks that have not started', async () => {
    await request(ctx.app).get('/api/summaries').set('x-test-role', 'agent').expect(403);
    await request(ctx.app).get('/api/summaries/2026-W48.json').set('x-test-role', 'agent').expect(403);
    const bad = await request(ctx.app).get('/api/summaries/someday.json').expect(400);
    expect(bad.body.error.code).toBe('validation_failed');
    await request(ctx.app).get('/api/summaries/2026-W48.csv?table=nope').expect(400);
    await request(ctx.app).get('/api/summaries/2027-W10.json').expect(404);
  });
});

describe('summary API on a history older than its week\'s data', () => {
  it('serves a stored summary again from the data when mentions of its week arrived after it was made', async () => {
    const ctx = setup();
    try {
      await ctx.service.generateAndStore(ctx.service.resolveWeek('2026-W48'));
      const before = await request(ctx.app).get('/api/summaries/2026-W48').expect(200);
      expect(before.body.mentions.total.value).toBe(0);
      await seedFixtureWeek(ctx.store);
      const res = await request(ctx.app).get('/api/summaries/2026-W48').expect(200);
      expect(res.headers['x-summary-source']).toBe('history');
      expect(res.body.mentions.total.value).toBe(6);
      expect((await ctx.summaries.getSummary('2026-W48'))?.headline.mentions).toBe(6);
      const list = await request(ctx.app).get('/api/summaries').expect(200);
      expect(list.body.items[0].headline.mentions).toBe(6);
    } finally {
      await ctx.cleanup();
    }
  });
});

describe('summary weeks API', () => {
  it('lists the current week and those before it, newest first, with older stored weeks and which ones the history keeps', async () => {
    const ctx = setup();
    try {
      await ctx.service.generateAndStore(ctx.service.resolveWeek('2026-W48'));
      await ctx.service.generateAndStore(ctx.service.resolveWeek('2026-W30'));
      const res = await request(ctx.app).get('/api/summary-weeks?count=3').expect(200);
      expect(res.body.last).toBe('2026-W48');
      expect(res.body.items.map((w: { week: string }) => w.week)).toEqual(['2026-W49', '2026-W48', '2026-W47', '2026-W30']);
      expect(res.body.items[0]).toEqual({ week: '2026-W49', firstDate: '2026-11-29', lastDate: '2026-12-05', current: true });
      expect(res.body.items[1]).toMatchObject({ week: '2026-W48', firstDate: '2026-11-22', lastDate: '2026-11-28', current: false, generatedAt: NOW.toISOString() });
      expect(res.body.items[2].generatedAt).toBeUndefined();
      await request(ctx.app).get('/api/summary-weeks').set('x-test-role', 'agent').expect(403);
      await request(ctx.app).get('/api/summary-weeks?count=0').expect(400);
    } finally {
      await ctx.cleanup();
    }
  });
});
