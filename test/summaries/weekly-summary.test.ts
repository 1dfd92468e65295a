import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSummaryFeature } from '../../src/summaries/summary-feature';
import { buildWeeklySummary } from '../../src/summaries/weekly-summary';
import { defaultSummarySettings } from '../../src/summaries/summary-settings';
import { previousWeek, reportWeekBounds, toSummaryWindow, weekById } from '../../src/summaries/week';
import { createSqliteStores, type SqliteStores } from '../../src/stores/sqlite-stores';
import { SqliteSummaryStore } from '../../src/summaries/store/sqlite/sqlite-summary-store';
import { isReportWeek } from '../../src/store/sqlite/summary/report-weeks';
import { buildClassified } from '../support/builders';
import { memoryLogger } from '../support/silent-log';
import { seedFixtureWeek } from './fixture-week';

const settings = defaultSummarySettings('Asia/Bahrain');
const NOW = new Date('2026-11-29T05:00:00.000Z');

function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rasid-summary-'));
  const store = createSqliteStores(path.join(dir, 'rasid.db'));
  return { store, summaries: store.summaries, cleanup: async () => { await store.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
}

// Both ways a SQLite store answers: from its hourly rollups, and from the report-week rollups
// the service sets up at start (set up before the seed, so ingest and triggers keep them).
describe.each([
  ['hourly rollups', false],
  ['report-week rollups', true],
])('buildWeeklySummary on the fixture week 2026-W48 (%s)', (_name, weekRollups) => {
  let ctx: ReturnType<typeof setup>;
  let summary: Awaited<ReturnType<typeof buildWeeklySummary>>;
  beforeAll(async () => {
    ctx = setup();
    if (weekRollups) await ctx.summaries.useReportWeeks(reportWeekBounds(settings, 2026, 2027));
    expect(isReportWeek(ctx.store.db, weekById('2026-W48', settings))).toBe(weekRollups);
    await seedFixtureWeek(ctx.store);
    summary = await buildWeeklySummary(ctx.summaries, weekById('2026-W48', settings), settings, { now: NOW });
  });
  afterAll(() => ctx.cleanup());

  it('names the week and its Bahrain bounds, and the previous week', () => {
    expect(summary.week).toMatchObject({ id: '2026-W48', start: '2026-11-21T21:00:00.000Z', end: '2026-11-28T21:00:00.000Z', firstDate: '2026-11-22', lastDate: '2026-11-28' });
    expect(summary.previousWeek.id).toBe('2026-W47');
    expect(summary).toMatchObject({ partial: false, empty: false });
  });

  it('counts mentions with their change from last week', () => {
    expect(summary.mentions.total).toEqual({ value: 6, previous: 2, change: 4, changePct: 2 });
    expect(summary.mentions.relevant).toEqual({ value: 5, previous: 2, change: 3, changePct: 1.5 });
    expect(summary.mentions.notRelevant).toEqual({ value: 1, previous: 0, change: 1, changePct: null });
    expect(summary.mentions.uniqueAuthors).toEqual({ value: 5, previous: 2, change: 3, changePct: 1.5 });
    expect(summary.mentions.byChannel.map((c) => [c.key, c.value, c.previous])).toEqual([['x', 3, 2], ['instagram', 2, 0], ['rss', 1, 0]]);
    expect(summary.mentions.byDay.map((d) => [d.date, d.value, d.previous])).toEqual([
      ['2026-11-22', 2, 0], ['2026-11-23', 1, 1], ['2026-11-24', 0, 0], ['2026-11-25', 1, 0], ['2026-11-26', 1, 0], ['2026-11-27', 0, 0], ['2026-11-28', 1, 1],
    ]);
    expect(summary.mentions.topAreas.map((a) => [a.key, a.value, a.previous])).toEqual([['المحرق', 3, 1], ['سترة', 1, 1]]);
  });

  it('computes response rate, median and p90 first response and the within-SLA share exactly', () => {
    const r = summary.responses;
    expect(r.needingReply).toEqual({ value: 4, previous: 2, change: 2, changePct: 1 });
    expect(r.answered).toEqual({ value: 3, previous: 1, change: 2, changePct: 2 });
    expect(r.responseRate).toEqual({ value: 0.75, previous: 0.5, change: 0.25, changePct: 0.5 });
    expect(r.firstResponse.medianSeconds).toEqual({ value: 7200, previous: 518400, change: -511200, changePct: -511200 / 518400 });
    expect(r.firstResponse.p90Seconds).toEqual({ value: 10800, previous: 518400, change: -507600, changePct: -507600 / 518400 });
    expect(r.withinSla).toEqual({ value: 2, previous: 0, change: 2, changePct: null });
    expect(r.withinSlaShare).toEqual({ value: 0.5, previous: 0, change: 0.5, changePct: null });
    expect(r.repliesSent).toEqual({ value: 5, previous: 0, change: 5, changePct: null });
    expect(r.distribution.map((b) => [b.value, b.previous])).toEqual([[0, 0], [1, 0], [2, 0], [0, 0], [0, 0], [0, 1]]);
  });

  it('splits response figures by channel and by domain', () => {
    const x = summary.responses.byChannel.find((g) => g.key === 'x');
    expect(x).toMatchObject({ needingReply: { value: 3, previous: 2 }, answered: { value: 2, previous: 1 }, medianSeconds: { value: 4500, previous: 518400 }, p90Seconds: { value: 7200 } });
    expect(summary.responses.byChannel.find((g) => g.key === 'instagram')).toMatchObject({ needingReply: { value: 1 }, medianSeconds: { value: 10800 }, withinSlaShare: { value: 0 } });
    const byDomain = Object.fromEntries(summary.responses.byDomain.map((g) => [g.key, [g.needingReply.value, g.answered.value, g.medianSeconds.value]]));
    expect(byDomain).toEqual({ roads: [2, 2, 4500], drainage: [1, 1, 10800], buildings: [1, 0, null] });
  });

  it('counts cases opened, resolved, closed, open and overdue at week end, and time to resolve', () => {
    const c = summary.cases;
    expect(c.available).toBe(true);
    expect([c.opened, c.resolved, c.closed, c.openAtEnd, c.overdueAtEnd].map((x) => [x.value, x.previous])).toEqual([[3, 1], [3, 0], [1, 0], [1, 1], [1, 1]]);
    expect(c.medianSecondsToResolve).toEqual({ value: 79200, previous: null, change: null, changePct: null });
    expect(c.p90SecondsToResolve.value).toBe(604800);
    expect(c.resolvedWithinSlaShare.value).toBe(2 / 3);
    expect(c.openedByUnit.map((u) => [u.key, u.value, u.previous])).toEqual([['الصرف الصحي', 2, 0], ['صيانة الطرق', 1, 1]]);
  });

  it('counts replies per agent and per template, with names', () => {
    expect(summary.replies.byAgent.map((a) => [a.name, a.value])).toEqual([['Ahmed', 3], ['مريم', 2]]);
    expect(summary.replies.byTemplate.map((t) => [t.key === null ? null : t.name, t.value])).toEqual([[null, 3], ['شكر وتأكيد', 2]]);
  });

  it('sums the ministry\'s own posts with the engagement rate over posts that report impressions', () => {
    const o = summary.ownPosts;
    expect(o.posts).toEqual({ value: 3, previous: 1, change: 2, changePct: 2 });
    expect([o.likes.value, o.replies.value, o.reposts.value, o.impressions.value]).toEqual([460, 40, 30, 10000]);
    expect(o.engagementRate.value).toBe(210 / 10000);
    expect(o.engagementRate.previous).toBe(60 / 3000);
    expect(o.best.map((p) => p.externalId)).toEqual(['ig-1', 'own-1', 'own-2']);
  });

  it('finds the week\'s top terms on normalized text, without stop words', () => {
    const terms = summary.topTerms.terms.map((t) => t.term);
    expect(terms).toContain('الشيخ');
    expect(terms).not.toContain('في');
    // 5 relevant mentions this week: all of them, counted by the store or as the whole sample
    expect(summary.topTerms).toMatchObject({ sampleSize: 5, sampled: !weekRollups });
  });
});

describe('top terms from the store\'s term counts', () => {
  it('leaves out terms counted before they became stop words', async () => {
    const ctx = setup();
    await ctx.summaries.useReportWeeks(reportWeekBounds(settings, 2026, 2027));
    await seedFixtureWeek(ctx.store);
    const w48 = weekById('2026-W48', settings);
    await ctx.summaries.catchUpRollups();
    // As if ولا had been counted while it was not yet a stop word: by far the most frequent.
    ctx.store.db.prepare(`INSERT INTO week_terms (week, term, documents, count) VALUES (?, 'ولا', 4, 1000)`).run(w48.start);
    const counted = await ctx.summaries.weekTermCounts(toSummaryWindow(w48), toSummaryWindow(previousWeek(w48, settings)), 60);
    expect(counted?.candidates[0].term).toBe('ولا');
    const s = await buildWeeklySummary(ctx.summaries, w48, settings, { now: NOW });
    expect(s.topTerms.terms.length).toBeGreaterThan(0);
    expect(s.topTerms.terms.map((t) => t.normalized)).not.toContain('ولا');
    await ctx.cleanup();
  });
});

describe('createSummaryFeature.prepareStore', () => {
  it('hands the configured weeks to the store, which recounts once and then answers those weeks from its week rollups', async () => {
    const ctx = setup();
    await seedFixtureWeek(ctx.store);
    const { log, lines } = memoryLogger();
    const feature = createSummaryFeature({ store: ctx.summaries, log, tzDisplay: 'Asia/Bahrain', config: { weekStartsOn: 1 } });
    await feature.prepareStore();
    await feature.prepareStore();
    expect(lines().filter((l) => l.msg === 'weekly summary rollups recounted for the report weeks')).toEqual([
      expect.objectContaining({ timeZone: 'Asia/Bahrain', weekStartsOn: 1 }),
    ]);
    const monday = { timeZone: 'Asia/Bahrain', weekStartsOn: 1 as const };
    expect(isReportWeek(ctx.store.db, weekById('2026-W48', monday))).toBe(true);
    expect(isReportWeek(ctx.store.db, weekById('2026-W48', settings))).toBe(false);
    // mentions ingested later are counted by the rollup job, every minute
    const counted = () => ctx.store.db.prepare('SELECT COUNT(*) FROM week_authors').pluck().get() as number;
    const before = counted();
    await ctx.store.mentions.ingestBatch('x', [buildClassified({ createdAt: '2026-11-24T08:00:00.000Z', author: { id: 'later', handle: 'later' } })], null);
    expect(feature.rollupJob?.schedule).toBe('* * * * *');
    await feature.rollupJob?.run();
    expect(counted()).toBeGreaterThan(before);
    expect(await ctx.summaries.catchUpRollups()).toBe(0);
    await ctx.cleanup();
  });
});

describe('buildWeeklySummary at the edges', () => {
  it('puts Sunday 00:00:00 Bahrain time in the next week', async () => {
    const ctx = setup();
    await seedFixtureWeek(ctx.store);
    const next = await buildWeeklySummary(ctx.summaries, weekById('2026-W49', settings), settings, { now: NOW });
    expect(next.mentions.total.value).toBe(1);
    expect(next.mentions.byDay[0].value).toBe(1);
    expect(next.partial).toBe(true);
    await ctx.cleanup();
  });

  it('builds an empty week, says so, and reports progress for every step', async () => {
    const ctx = setup();
    const steps: string[] = [];
    const s = await buildWeeklySummary(ctx.summaries, weekById('2025-W10', settings), settings, { now: NOW, onProgress: (d, t, name) => steps.push(`${d}/${t} ${name}`) });
    expect(s.empty).toBe(true);
    expect(s.responses.responseRate).toEqual({ value: null, previous: null, change: null, changePct: null });
    expect(steps).toHaveLength(12);
    expect(steps.slice(10)).toEqual(['11/12 top terms', '12/12 complaints map']);
    await ctx.cleanup();
  });

  it('recomputes the previous week from the store even when its summary is in the history, since its figures change later', async () => {
    // The stored 2026-W47 summary was generated on Sunday 22 Nov 05:00 UTC, before P1 of that
    // week got its reply (10:00 UTC): reusing it would say W47 answered nothing.
    const ctx = setup();
    await seedFixtureWeek(ctx.store);
    const w47 = weekById('2026-W47', settings);
    const stale = await buildWeeklySummary(ctx.summaries, w47, settings, { now: new Date('2026-11-22T05:00:00.000Z') });
    await ctx.summaries.saveSummary({ weekId: w47.id, start: w47.start, end: w47.end, generatedAt: stale.generatedAt, schemaVersion: 1,
      headline: { answered: 0 }, record: { ...stale, responses: { ...stale.responses, answered: { value: 0, previous: null, change: null, changePct: null } } } });
    const s = await buildWeeklySummary(ctx.summaries, weekById('2026-W48', settings), settings, { now: NOW });
    expect(s.responses.answered.previous).toBe(1);
    expect(s.responses.firstResponse.medianSeconds.previous).toBe(518400);
    await ctx.cleanup();
  });
});
