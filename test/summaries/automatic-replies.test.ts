/**
 * Response figures count replies written by people: the service's automatic notices (a case
 * acknowledgement, a "resolved" status notice, author 'system') answer nobody, on every store
 * (SQLite from its hourly rollups, its report-week rollups and raw; MongoDB's pipelines on the
 * in-memory driver; the in-memory fake), while "Replies by agent" keeps them as their own row,
 * labelled automatic in the CSV and the workbook.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Reply } from '../../src/domain';
import { createSqliteStores } from '../../src/stores/sqlite-stores';
import type { Stores } from '../../src/stores/stores';
import { summaryTables } from '../../src/summaries/csv/summary-tables';
import { SummaryFigures } from '../../src/summaries/figures/summary-figures';
import { MemorySummaryStore } from '../../src/summaries/store/memory-summary-store';
import { SqliteSummaryStore } from '../../src/summaries/store/sqlite/sqlite-summary-store';
import type { SummaryQueryOptions, SummaryStore } from '../../src/summaries/store/summary-store';
import { defaultSummarySettings } from '../../src/summaries/summary-settings';
import { buildWeeklySummary } from '../../src/summaries/weekly-summary';
import { reportWeekBounds, toSummaryWindow, weekById } from '../../src/summaries/week';
import { toXlsx } from '../../src/summaries/xlsx/summary-workbook';
import { inMemoryMongoStore } from '../store/mongodb/in-memory-store';
import { buildClassified } from '../support/builders';

const settings = defaultSummarySettings('Asia/Bahrain');
const W48 = weekById('2026-W48', settings);
const OPTS: SummaryQueryOptions = { topN: 3, responseSlaSeconds: { high: 3600, medium: 4 * 3600, low: 24 * 3600 } };
const HOUR = 3_600_000;
const at = (iso: string, plusMs: number) => new Date(Date.parse(iso) + plusMs).toISOString();

/** Three complaints of 2026-W48 (all high urgency, SLA 1 h). */
const POSTS = {
  // answered only by the automatic "resolved" notice, 15 h later
  noticeOnly: '2026-11-22T06:00:00.000Z',
  // acknowledged automatically after a minute, answered by a person after 2 h
  ackThenPerson: '2026-11-23T06:00:00.000Z',
  // answered by a person after 30 min
  person: '2026-11-24T06:00:00.000Z',
};

type Send = (mentionId: string, sentAt: string, author: string, purpose: NonNullable<Reply['purpose']>) => Promise<void>;

async function seedThroughPorts(stores: Stores): Promise<void> {
  const ids: Record<string, string> = {};
  for (const [name, createdAt] of Object.entries(POSTS)) {
    const m = buildClassified({ createdAt, network: 'x', author: { id: name, handle: name } }, { primaryDomain: 'roads', intent: 'complaint', urgency: 'high', relevant: true });
    ids[name] = (await stores.mentions.ingestBatch('x', [{ ...m, status: 'needs_reply' }], null)).inserted[0].id;
  }
  const send: Send = async (mentionId, sentAt, author, purpose) => {
    const { reply } = await stores.replies.createReply({ mentionId, text: 'نص', author, state: 'queued', purpose, ...(purpose === 'agent' ? {} : { dedupeKey: `${mentionId}:${purpose}` }) });
    await stores.replies.transitionReply(reply.id, ['queued'], { state: 'sent', sentAt, externalId: `ext-${reply.id}` });
  };
  await sendAll(ids, send);
}

async function sendAll(ids: Record<string, string>, send: Send): Promise<void> {
  await send(ids.noticeOnly, at(POSTS.noticeOnly, 15 * HOUR), 'system', 'case_status');
  await send(ids.ackThenPerson, at(POSTS.ackThenPerson, 60_000), 'system', 'case_ack');
  await send(ids.ackThenPerson, at(POSTS.ackThenPerson, 2 * HOUR), 'agent-a', 'agent');
  await send(ids.person, at(POSTS.person, HOUR / 2), 'agent-a', 'agent');
}

async function expectPeopleOnly(store: SummaryStore): Promise<void> {
  const r = await new SummaryFigures(store).responses(toSummaryWindow(W48), OPTS);
  expect(r.needingReply).toBe(3);
  expect(r.answered).toBe(2);
  // 30 min and 2 h: not the acknowledgement's minute, not the notice's 15 h
  expect(r.firstResponse).toEqual({ count: 2, medianSeconds: 4500, p90Seconds: 7200 });
  expect(r.withinSla).toBe(1);
  expect(r.byChannel.map((g) => [g.key, g.needingReply, g.answered, g.withinSla])).toEqual([['x', 3, 2, 1]]);
  expect(r.byDomain.map((g) => [g.key, g.answered, g.medianSeconds])).toEqual([['roads', 2, 4500]]);
  expect(r.distribution.map((b) => b.count)).toEqual([0, 1, 1, 0, 0, 0]);
}

describe.each([
  ['hourly rollups', false],
  ['report-week rollups', true],
])('response figures on SQLite (%s) count people\'s replies only', (_name, weekRollups) => {
  let dir: string;
  let stores: ReturnType<typeof createSqliteStores>;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rasid-auto-replies-'));
    stores = createSqliteStores(path.join(dir, 'rasid.db'));
    if (weekRollups) await stores.summaries.useReportWeeks(reportWeekBounds(settings, 2026, 2027));
    await seedThroughPorts(stores);
  });
  afterAll(async () => {
    await stores.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('does not count an automatic notice as an answer, nor its time as the first response', async () => {
    await expectPeopleOnly(stores.summaries);
  });

  it('gives the same figures from the raw replies (the rollups\' reference)', async () => {
    await expectPeopleOnly(new SqliteSummaryStore(stores.db, { mode: { raw: true } }));
  });

  it('still lists automatic notices among replies sent, as their own row labelled automatic in the CSV and the workbook', async () => {
    const s = await buildWeeklySummary(stores.summaries, W48, settings, { now: new Date('2026-11-29T05:00:00.000Z') });
    expect(s.responses.repliesSent.value).toBe(4);
    expect(s.responses.answered.value).toBe(2);
    expect(s.replies.byAgent.map((a) => [a.key, a.value])).toEqual([['agent-a', 2], ['system', 2]]);
    const table = summaryTables(s).find((t) => t.name === 'replies_by_agent')!;
    const system = table.rows.find((r) => r[0] === 'system')!;
    expect(system.slice(0, 3)).toEqual(['system', 'آلي', 'Automatic']);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await toXlsx(summaryTables(s), { title: 't', created: new Date() })) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('الردود حسب الموظف')!;
    const rows = sheet.getSheetValues().slice(3) as unknown[][];
    expect(rows.map((r) => r.slice(1, 4))).toContainEqual(['system', 'آلي', 'Automatic']);
  });
});

describe('response figures on MongoDB (pipelines on the in-memory driver) count people\'s replies only', () => {
  it('does not count an automatic notice as an answer, nor its time as the first response', async () => {
    const { store } = await inMemoryMongoStore();
    try {
      await seedThroughPorts(store);
      await expectPeopleOnly(store.summaries);
    } finally {
      await store.close();
    }
  });
});

describe('response figures on the in-memory fake count people\'s replies only', () => {
  it('does not count an automatic notice as an answer, nor its time as the first response', async () => {
    const fake = new MemorySummaryStore();
    const ids: Record<string, string> = {};
    for (const [name, createdAt] of Object.entries(POSTS)) {
      const m = buildClassified({ createdAt, network: 'x', externalId: name }, { primaryDomain: 'roads', intent: 'complaint', urgency: 'high', relevant: true });
      ids[name] = fake.addMentions('x', [{ ...m, status: 'needs_reply' }])[0];
    }
    await sendAll(ids, async (mentionId, sentAt, author, purpose) => fake.addSentReply({ mentionId, sentAt, author, templateId: null, purpose }));
    await expectPeopleOnly(fake);
  });
});
