/**
 * The names the report gives its groups, the same in the HTML, the CSV and the Excel workbook:
 * units in Arabic as the case console shows them, areas in English by the gazetteer, templates
 * deleted since (never their raw id) and free text, agents the users store does not know, and the times of posts in TZ_DISPLAY.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { BOM, toCombinedCsv } from '../../src/summaries/csv/csv-format';
import { summaryTables } from '../../src/summaries/csv/summary-tables';
import { renderHtml } from '../../src/summaries/html/render-html';
import { REPORT_CSS } from '../../src/summaries/html/report-style';
import { defaultSummarySettings, type SummarySettings } from '../../src/summaries/summary-settings';
import type { WeeklySummary } from '../../src/summaries/summary-record';
import { weekById } from '../../src/summaries/week';
import { buildWeeklySummary } from '../../src/summaries/weekly-summary';
import { toXlsx } from '../../src/summaries/xlsx/summary-workbook';
import { createSqliteStores, type SqliteStores } from '../../src/stores/sqlite-stores';
import { buildClassified } from '../support/builders';
import { parseCsv } from './csv-parse';
import { seedFixtureWeek } from './fixture-week';

const NOW = new Date('2026-11-29T05:00:00.000Z');
const UNKNOWN_AGENT = 'u-ghost-7f3a9c21';
const settings = defaultSummarySettings('Asia/Bahrain');

/** The fixture week plus cases routed to the default units, in an area stored in Arabic, and a reply by a template deleted since. */
async function seed(store: SqliteStores): Promise<{ deletedTemplateId: string }> {
  const { agentA } = await seedFixtureWeek(store);
  const open = (unit: string, area: string, openedAt: string) =>
    store.cases.openCase({ domain: 'roads', unit, urgency: 'medium', location: { area }, citizen: { channel: 'x', handle: 'c' },
      openedAt, slaDueAt: '2026-12-30T00:00:00.000Z', prefix: 'MOW', year: 2026, source: 'ingest', actor: 'system' }, []);
  const r1 = await open('Roads Maintenance Directorate', 'جدحفص', '2026-11-24T07:00:00.000Z');
  await open('Roads Maintenance Directorate', 'جدحفص', '2026-11-24T08:00:00.000Z');
  await open('Sanitary Engineering Operations', 'Sitra', '2026-11-25T08:00:00.000Z');
  await store.cases.updateCase(r1.number, { status: 'resolved', actor: 'sup', at: '2026-11-25T07:00:00.000Z' });

  const old = await store.templates.createTemplate({ key: 'old_apology', name: 'اعتذار قديم', bodies: { ar: 'نعتذر' }, updatedBy: agentA });
  const m = buildClassified({ createdAt: '2026-11-24T05:00:00.000Z', network: 'x', author: { id: 'z1', handle: 'z1', name: 'z1' } }, {});
  const mention = (await store.mentions.ingestBatch('x', [{ ...m, status: 'needs_reply' }], null)).inserted[0];
  const { reply } = await store.replies.createReply({ mentionId: mention.id, text: 'نعتذر', author: agentA, state: 'queued', purpose: 'agent', templateId: old.id });
  await store.replies.transitionReply(reply.id, ['queued'], { state: 'sent', sentAt: '2026-11-24T06:00:00.000Z', externalId: 'ext-old' });
  expect(await store.templates.deleteTemplate(old.id)).toBe(true);
  // A reply by a user the users store does not hold (a store copied without its users).
  const m2 = buildClassified({ createdAt: '2026-11-24T05:30:00.000Z', network: 'x', author: { id: 'z2', handle: 'z2', name: 'z2' } }, {});
  const mention2 = (await store.mentions.ingestBatch('x', [{ ...m2, status: 'needs_reply' }], null)).inserted[0];
  const ghost = await store.replies.createReply({ mentionId: mention2.id, text: 'شكرًا', author: UNKNOWN_AGENT, state: 'queued', purpose: 'agent' });
  await store.replies.transitionReply(ghost.reply.id, ['queued'], { state: 'sent', sentAt: '2026-11-24T06:30:00.000Z', externalId: 'ext-ghost' });
  return { deletedTemplateId: old.id };
}

const rowsOf = (s: WeeklySummary, name: string) => {
  const t = summaryTables(s).find((x) => x.name === name);
  if (!t) throw new Error(`no table ${name}`);
  return t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c, r[i]])));
};

async function workbook(s: WeeklySummary): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  const file = await toXlsx(summaryTables(s), { title: 't', created: new Date(s.generatedAt) });
  await book.xlsx.load(file as unknown as Parameters<typeof book.xlsx.load>[0]);
  return book;
}

/** A sheet's rows below its two header rows, as objects by column code. */
function sheetRows(book: ExcelJS.Workbook, title: string): { headers: string[]; rows: Record<string, unknown>[] } {
  const sheet = book.getWorksheet(title);
  if (!sheet) throw new Error(`no sheet ${title}`);
  const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
  const codes = values(2) as string[];
  const rows: Record<string, unknown>[] = [];
  for (let n = 3; n <= sheet.rowCount; n++) rows.push(Object.fromEntries(codes.map((c, i) => [c, values(n)[i] ?? null])));
  return { headers: values(1) as string[], rows };
}

describe('the report\'s group labels, times and print layout', () => {
  let dir: string;
  let store: SqliteStores;
  let summary: WeeklySummary;
  let deletedTemplateId: string;
  const build = (s: SummarySettings = settings) => buildWeeklySummary(store.summaries, weekById('2026-W48', s), s, { now: NOW });

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rasid-labels-'));
    store = createSqliteStores(path.join(dir, 'rasid.db'));
    ({ deletedTemplateId } = await seed(store));
    summary = await build();
  });
  afterAll(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('units', () => {
    it('labels units in Arabic as the console does, with the stored English name beside it (CSV)', () => {
      const opened = rowsOf(summary, 'cases_opened_by_unit');
      expect(opened.find((r) => r.key === 'Roads Maintenance Directorate')).toMatchObject({ label_ar: 'إدارة صيانة الطرق', label_en: 'Roads Maintenance Directorate', value: 2 });
      expect(opened.find((r) => r.key === 'Sanitary Engineering Operations')).toMatchObject({ label_ar: 'إدارة عمليات الهندسة الصحية', label_en: 'Sanitary Engineering Operations' });
      // a unit the routing table does not know keeps its stored name in both columns
      expect(opened.find((r) => r.key === 'صيانة الطرق')).toMatchObject({ label_ar: 'صيانة الطرق', label_en: 'صيانة الطرق' });
      expect(rowsOf(summary, 'cases_resolved_by_unit').find((r) => r.key === 'Roads Maintenance Directorate')).toMatchObject({ label_ar: 'إدارة صيانة الطرق' });
    });

    it('shows the Arabic unit names in the HTML tables, English beside them', () => {
      const html = renderHtml(summary);
      const cases = html.slice(html.indexOf('Opened by unit'), html.indexOf('Top blocks (complaints)'));
      expect(cases).toContain('إدارة صيانة الطرق<span class="en">Roads Maintenance Directorate</span>');
      expect(cases).toContain('إدارة عمليات الهندسة الصحية<span class="en">Sanitary Engineering Operations</span>');
      expect(cases).not.toContain('<td>Roads Maintenance Directorate');
    });

    it('names units by the configured routing table (CASE_ROUTING) when the summary is given one', async () => {
      const units = { roads: { name: 'Roads Maintenance Directorate', nameAr: 'قسم صيانة الطرق' }, drainage: { name: 'Drainage', nameAr: 'الصرف' }, buildings: { name: 'Buildings', nameAr: 'المباني' } };
      const s = await build({ ...settings, units });
      expect(rowsOf(s, 'cases_opened_by_unit').find((r) => r.key === 'Roads Maintenance Directorate')).toMatchObject({ label_ar: 'قسم صيانة الطرق' });
      // the label is kept with the record, so a stored summary renders the same later
      expect(s.cases.openedByUnit.find((u) => u.key === 'Roads Maintenance Directorate')?.label).toEqual({ ar: 'قسم صيانة الطرق', en: 'Roads Maintenance Directorate' });
      expect(renderHtml(s)).toContain('قسم صيانة الطرق<span class="en">Roads Maintenance Directorate</span>');
    });
  });

  describe('areas', () => {
    it('gives areas their English place name in label_en, and their Arabic one in label_ar whichever language was stored', () => {
      const cases = rowsOf(summary, 'cases_opened_by_area');
      expect(cases.find((r) => r.key === 'جدحفص')).toMatchObject({ label_ar: 'جدحفص', label_en: 'Jidhafs', value: 2 });
      expect(cases.find((r) => r.key === 'Sitra')).toMatchObject({ label_ar: 'سترة', label_en: 'Sitra' });
      const complaints = rowsOf(summary, 'complaints_by_area');
      expect(complaints.find((r) => r.key === 'المحرق')).toMatchObject({ label_ar: 'المحرق', label_en: 'Muharraq' });
    });

    it('writes the same area labels to the Excel sheets and shows both in the HTML', async () => {
      const book = await workbook(summary);
      const { rows } = sheetRows(book, 'بلاغات جديدة حسب المنطقة');
      expect(rows.find((r) => r.key === 'جدحفص')).toMatchObject({ label_ar: 'جدحفص', label_en: 'Jidhafs' });
      const html = renderHtml(summary);
      const areas = html.slice(html.indexOf('Cases by area'), html.indexOf('Top blocks (complaints)'));
      expect(areas).toContain('جدحفص<span class="en">Jidhafs</span>');
    });
  });

  describe('templates', () => {
    it('labels a reply template deleted since as a deleted template, keeping its id as the key (CSV)', () => {
      const rows = rowsOf(summary, 'replies_by_template');
      const deleted = rows.find((r) => r.key === deletedTemplateId);
      expect(deleted).toMatchObject({ label_ar: 'قالب محذوف', label_en: 'Deleted template', value: 1 });
      expect(rows.find((r) => r.label_en === 'شكر وتأكيد')).toMatchObject({ label_ar: 'شكر وتأكيد', value: 2 });
      for (const r of rows) expect([r.label_ar, r.label_en]).not.toContain(deletedTemplateId);
    });

    it('labels replies without a template as free text in the CSV and the workbook, as the HTML does', async () => {
      expect(rowsOf(summary, 'replies_by_template').find((r) => r.key === '')).toMatchObject({ label_ar: 'نص حر', label_en: 'Free text', value: 4 }); // the fixture week's 3 and the unknown user's
      const { rows } = sheetRows(await workbook(summary), 'الردود حسب القالب');
      expect(rows.find((r) => r.key === null || r.key === '')).toMatchObject({ label_ar: 'نص حر', label_en: 'Free text' });
      expect(rows.find((r) => r.key === deletedTemplateId)).toMatchObject({ label_ar: 'قالب محذوف', label_en: 'Deleted template' });
      const html = renderHtml(summary);
      const team = html.slice(html.indexOf('Replies by template'));
      expect(team).toContain('نص حر<span class="en">Free text</span>');
      expect(team).toContain('قالب محذوف<span class="en">Deleted template</span>');
      expect(team).not.toContain(deletedTemplateId);
    });
  });

  describe('agents', () => {
    it('names agents, the service\'s own notices as automatic, and a user the store does not know as an unknown user, never by the raw id alone', async () => {
      const rows = rowsOf(summary, 'replies_by_agent');
      expect(rows.find((r) => r.key === UNKNOWN_AGENT)).toMatchObject({ label_ar: 'مستخدم غير معروف', label_en: 'Unknown user', value: 1 });
      for (const r of rows) expect([r.label_ar, r.label_en]).not.toContain(UNKNOWN_AGENT);
      expect(rows.filter((r) => r.key !== UNKNOWN_AGENT).every((r) => r.label_ar !== '' && r.label_ar === r.label_en)).toBe(true);
      const { rows: sheet } = sheetRows(await workbook(summary), 'الردود حسب الموظف');
      expect(sheet.find((r) => r.key === UNKNOWN_AGENT)).toMatchObject({ label_ar: 'مستخدم غير معروف', label_en: 'Unknown user' });
      const html = renderHtml(summary);
      const team = html.slice(html.indexOf('Replies by agent'), html.indexOf('Replies by template'));
      expect(team).toContain('مستخدم غير معروف<span class="en">Unknown user</span>');
      // the start of the id tells two unknown users apart, set apart from the label
      expect(team).toContain(`<bdi dir="ltr">${UNKNOWN_AGENT.slice(0, 8)}</bdi>`);
      expect(team).not.toContain(UNKNOWN_AGENT);
    });
  });

  describe('times', () => {
    it('writes the most engaged mentions\' and best posts\' times in TZ_DISPLAY, under a header naming it (Excel)', async () => {
      const book = await workbook(summary);
      const engaged = sheetRows(book, 'الإشارات الأكثر تفاعلاً');
      expect(engaged.headers).toContain('وقت النشر (بتوقيت Asia/Bahrain)');
      expect(engaged.headers.join()).not.toContain('UTC');
      // mention A: 06:00 UTC = 09:00 in Bahrain
      expect(engaged.rows.find((r) => r.author_handle === 'h_a1' && r.engagement === 12)).toMatchObject({ created_local: '2026-11-22 09:00' });
      for (const r of engaged.rows) expect(String(r.created_local)).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
      const best = sheetRows(book, 'أفضل منشورات الوزارة');
      expect(best.headers).toContain('وقت النشر (بتوقيت Asia/Bahrain)');
      expect(best.rows.find((r) => r.url === 'https://x.com/mow/status/1')).toMatchObject({ created_local: '2026-11-23 09:00' });
    });

    it('writes the same local times and headers to the CSV, in the time zone the summary is made for', async () => {
      const rows = parseCsv(toCombinedCsv(summaryTables(summary)).slice(BOM.length));
      expect(rows.flat().join('\n')).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/);
      const dubai = defaultSummarySettings('Asia/Dubai');
      const s = await build(dubai);
      const t = summaryTables(s).find((x) => x.name === 'most_engaged');
      expect(t?.headers?.[2]).toBe('وقت النشر (بتوقيت Asia/Dubai)');
      expect(t?.rows.find((r) => r[3] === 12)?.[2]).toBe('2026-11-22 10:00');
    });
  });

  describe('print layout', () => {
    it('keeps every sub-heading of the report in one block with the table under it, which printing never splits', () => {
      expect(REPORT_CSS).toMatch(/\.keep\s*\{\s*break-inside:\s*avoid;?\s*\}/);
      expect(REPORT_CSS).toMatch(/h2,\s*h3\s*\{\s*break-after:\s*avoid;?\s*\}/);
      // the method notes' heading stays with its list too
      expect(REPORT_CSS).toMatch(/@media print \{[^]*footer\s*\{\s*break-inside:\s*avoid;?\s*\}/);
      const html = renderHtml(summary);
      const tableHeadings = [...html.matchAll(/<h3>(.*?)<\/h3>\s*(<table)?/g)].filter((m) => m[2]);
      expect(tableHeadings.length).toBeGreaterThanOrEqual(12);
      for (const m of tableHeadings) {
        const before = html.slice(0, m.index);
        expect({ heading: m[1], kept: before.endsWith('<div class="keep">') }).toEqual({ heading: m[1], kept: true });
      }
      // the heading the tester found stranded at the foot of page 4
      expect(html).toMatch(/<div class="keep"><h3>بلاغات حسب المنطقة<span class="en">Cases by area<\/span><\/h3><table>/);
    });
  });
});
