/**
 * The SummaryStore contract: every adapter (SQLite, the in-memory fake, MongoDB) must pass it.
 * Its counts are read through the feature's figures (SummaryFigures), so each test pins down
 * what the summary shows. Times are hand-placed around a Bahrain week (UTC+3): Sunday 22 Nov 2026
 * 00:00 local = 21 Nov 21:00 UTC. Reply- and case-based figures are checked in
 * test/summaries/weekly-summary.test.ts through the reply and case ports; here the store's own
 * definitions are pinned down. Each test gets a fresh, empty store from the factory.
 */
import type { ClassifiedMention, OwnPost } from '../../../src/domain';
import { SummaryFigures } from '../../../src/summaries/figures/summary-figures';
import type { SummaryQueryOptions, SummaryStore, SummaryWindow } from '../../../src/summaries/store/summary-store';
import { buildClassified } from '../../support/builders';

/** How a test puts data where the store counts it (the mention store's ingest, or the fake's arrays). */
export interface SummarySeed {
  ingest(channel: string, mentions: ClassifiedMention[]): Promise<void>;
  saveOwnPosts(channel: string, posts: OwnPost[]): Promise<void>;
}

export type SummaryStoreFactory = () => Promise<{ store: SummaryStore; seed: SummarySeed; close: () => Promise<void> }>;

const DAY = 86_400_000;
const window = (startIso: string): SummaryWindow => {
  const t = Date.parse(startIso);
  const dayStarts = Array.from({ length: 8 }, (_, i) => new Date(t + i * DAY).toISOString());
  return { start: dayStarts[0], end: dayStarts[7], dayStarts };
};
const WEEK = window('2026-11-21T21:00:00.000Z');
const PREVIOUS = window('2026-11-14T21:00:00.000Z');
const OPTS: SummaryQueryOptions = { topN: 3, responseSlaSeconds: { high: 3600, medium: 4 * 3600, low: 24 * 3600 } };

type Spec = { at: string; net: string; author: string; likes?: number; relevant?: boolean; status?: ClassifiedMention['status'] } & Partial<
  ClassifiedMention['classification']
>;

function mention(s: Spec): ClassifiedMention {
  const { at, net, author, likes = 0, relevant = true, status = 'needs_reply', ...c } = s;
  const m = buildClassified(
    { createdAt: at, network: net, author: { id: author, handle: `h_${author}` }, metrics: { likes, replies: 0, reposts: 0 } },
    { relevant, ...c },
  );
  return { ...m, status };
}

export const FIXTURE: Spec[] = [
  // this week
  { at: '2026-11-22T06:00:00.000Z', net: 'x', author: 'a1', likes: 15, primaryDomain: 'roads', intent: 'complaint', urgency: 'high', location: { area: 'المحرق', block: '204' } },
  { at: '2026-11-22T08:00:00.000Z', net: 'x', author: 'a1', likes: 1, primaryDomain: 'roads', intent: 'complaint', urgency: 'medium', location: { area: 'المحرق' } },
  { at: '2026-11-23T10:00:00.000Z', net: 'instagram', author: 'a2', likes: 4, primaryDomain: 'drainage', intent: 'complaint', urgency: 'high', location: { area: 'سترة', block: '611' } },
  { at: '2026-11-25T12:00:00.000Z', net: 'instagram', author: 'a3', primaryDomain: 'drainage', intent: 'inquiry', urgency: 'low', location: {} },
  { at: '2026-11-26T09:00:00.000Z', net: 'rss', author: 'news1', relevant: false, status: 'new', primaryDomain: null, intent: 'other', urgency: 'low', sentiment: 'neutral', location: {} },
  // Saturday 28 Nov 23:59:59 Bahrain time: the last second of the week
  { at: '2026-11-28T20:59:59.000Z', net: 'x', author: 'a4', likes: 2, primaryDomain: 'buildings', intent: 'praise', urgency: 'low', sentiment: 'positive', location: {} },
  // Sunday 29 Nov 00:00:00 Bahrain time: the next week
  { at: '2026-11-28T21:00:00.000Z', net: 'x', author: 'a5', primaryDomain: 'roads', intent: 'complaint', location: { area: 'المحرق' } },
  // previous week, including its last second (Saturday 21 Nov 23:59:59 Bahrain)
  { at: '2026-11-16T10:00:00.000Z', net: 'x', author: 'b1', primaryDomain: 'roads', intent: 'complaint', location: { area: 'سترة' } },
  { at: '2026-11-21T20:59:59.000Z', net: 'x', author: 'b2', primaryDomain: 'drainage', intent: 'complaint', location: { area: 'المحرق' } },
];

export function summaryStoreContract(name: string, factory: SummaryStoreFactory): void {
  describe(`SummaryStore contract: ${name}`, () => summaryContract(factory));
}

function summaryContract(factory: SummaryStoreFactory): void {
  let store: SummaryStore;
  let seed: SummarySeed;
  let close: () => Promise<void>;
  let figures: SummaryFigures;
  beforeEach(async () => {
    ({ store, seed, close } = await factory());
    figures = new SummaryFigures(store);
    await seed.ingest('x', FIXTURE.filter((s) => s.net === 'x').map(mention));
    await seed.ingest('instagram', FIXTURE.filter((s) => s.net === 'instagram').map(mention));
    await seed.ingest('rss', FIXTURE.filter((s) => s.net === 'rss').map((s) => ({ ...mention(s), raw: { ...mention(s).raw, replyable: false } })));
  });
  afterEach(async () => {
    await close();
  });

  it('counts the week\'s mentions by channel, domain, intent, urgency, sentiment and day, with the week\'s edges', async () => {
    const f = await figures.mentions(WEEK, OPTS);
    expect(f.total).toBe(6);
    expect(f.relevant).toBe(5);
    expect(f.uniqueAuthors).toBe(5);
    expect(f.byChannel).toEqual([{ key: 'x', count: 3 }, { key: 'instagram', count: 2 }, { key: 'rss', count: 1 }]);
    expect(f.byDomain).toEqual([{ key: 'drainage', count: 2 }, { key: 'roads', count: 2 }, { key: 'buildings', count: 1 }, { key: null, count: 1 }]);
    expect(f.byIntent).toEqual([{ key: 'complaint', count: 3 }, { key: 'inquiry', count: 1 }, { key: 'other', count: 1 }, { key: 'praise', count: 1 }]);
    expect(f.byUrgency).toEqual([{ key: 'low', count: 3 }, { key: 'high', count: 2 }, { key: 'medium', count: 1 }]);
    expect(f.bySentiment).toEqual([{ key: 'negative', count: 4 }, { key: 'neutral', count: 1 }, { key: 'positive', count: 1 }]);
    expect(f.byDay).toEqual([2, 1, 0, 1, 1, 0, 1]);
  });

  it('puts Saturday 23:59:59 in the ending week and Sunday 00:00:00 in the next one', async () => {
    const prev = await figures.mentions(PREVIOUS, OPTS);
    expect(prev.total).toBe(2);
    expect(prev.byDay).toEqual([0, 1, 0, 0, 0, 0, 1]);
    const next = await figures.mentions(window('2026-11-28T21:00:00.000Z'), OPTS);
    expect(next.total).toBe(1);
    expect(next.byDay[0]).toBe(1);
  });

  it('counts days that start on the half hour (zones like UTC+5:30) as well', async () => {
    const f = await figures.mentions(window('2026-11-21T20:30:00.000Z'), OPTS);
    expect(f.byDay).toEqual([3, 1, 0, 1, 1, 0, 0]);
    expect(f.total).toBe(6);
  });

  it('ranks complaint areas and blocks, and the most engaged mentions', async () => {
    const f = await figures.mentions(WEEK, OPTS);
    expect(f.complaintsByArea).toEqual([{ key: 'المحرق', count: 2 }, { key: 'سترة', count: 1 }]);
    expect(f.complaintsByBlock).toEqual([{ key: '204', count: 1 }, { key: '611', count: 1 }]);
    expect(f.mostEngaged.map((m) => [m.authorHandle, m.engagement])).toEqual([['h_a1', 15], ['h_a2', 4], ['h_a4', 2]]);
    expect(f.mostEngaged[0]).toMatchObject({ network: 'x', domain: 'roads', createdAt: '2026-11-22T06:00:00.000Z' });
  });

  it('counts the week\'s complaints by area and domain, and names the areas of the asked blocks, for the map', async () => {
    await seed.ingest('x', [mention({ at: '2026-11-24T09:00:00.000Z', net: 'x', author: 'a6', primaryDomain: 'roads', intent: 'complaint', location: {} })]);
    await seed.ingest('x', [mention({ at: '2026-11-24T10:00:00.000Z', net: 'x', author: 'a7', primaryDomain: 'buildings', intent: 'complaint', location: { block: '905' } })]);
    const places = await figures.complaintPlaces(WEEK, ['204', '905', '999']);
    expect(places.byAreaDomain).toEqual([
      { area: 'المحرق', domain: 'roads', count: 2 },
      { area: null, domain: 'buildings', count: 1 },
      { area: null, domain: 'roads', count: 1 },
      { area: 'سترة', domain: 'drainage', count: 1 },
    ]);
    // 611 was not asked for; 999 has no complaint this week.
    expect(places.byBlockArea).toEqual([
      { block: '204', area: 'المحرق', count: 1 },
      { block: '905', area: null, count: 1 },
    ]);
    expect(await figures.complaintPlaces(window('2025-03-01T21:00:00.000Z'), ['204'])).toEqual({ byAreaDomain: [], byBlockArea: [] });
  });

  it('ranks only relevant mentions among the most engaged, however many likes the others have', async () => {
    const football = mention({ at: '2026-11-24T18:00:00.000Z', net: 'x', author: 'fan', likes: 900, relevant: false, status: 'new', primaryDomain: null, intent: 'other', location: {} });
    const carAd = mention({ at: '2026-11-24T18:30:00.000Z', net: 'x', author: 'dealer', likes: 300, relevant: false, status: 'new', primaryDomain: null, intent: 'other', location: {} });
    await seed.ingest('x', [football, carAd]);
    const f = await figures.mentions(WEEK, OPTS);
    expect(f.mostEngaged.map((m) => m.authorHandle)).toEqual(['h_a1', 'h_a2', 'h_a4']);
  });

  it('without replies, counts who needed one and answers nobody', async () => {
    const r = await figures.responses(WEEK, OPTS);
    // relevant + replyable + needs_reply: all five relevant mentions (the news item is neither)
    expect(r.needingReply).toBe(5);
    expect(r.answered).toBe(0);
    expect(r.withinSla).toBe(0);
    expect(r.firstResponse).toEqual({ count: 0, medianSeconds: null, p90Seconds: null });
    expect(r.byChannel.map((g) => [g.key, g.needingReply])).toEqual([['x', 3], ['instagram', 2]]);
    expect(r.distribution.map((b) => b.count)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('answers an empty window with zeros, not errors', async () => {
    const empty = window('2020-01-04T21:00:00.000Z');
    const m = await figures.mentions(empty, OPTS);
    expect(m).toMatchObject({ total: 0, relevant: 0, uniqueAuthors: 0, byChannel: [], byDay: [0, 0, 0, 0, 0, 0, 0], mostEngaged: [] });
    expect((await figures.responses(empty, OPTS)).needingReply).toBe(0);
    expect((await figures.cases(empty)).opened).toBe(0);
    expect((await figures.replies(empty)).sent).toBe(0);
    expect((await figures.ownPosts(empty, OPTS)).totals.posts).toBe(0);
    expect(await store.sampleMentionTexts(empty, 10)).toEqual([]);
  });

  it('sums the ministry\'s own posts of the week and ranks the best', async () => {
    await seed.saveOwnPosts('x', [
      { externalId: 'p1', text: 'افتتاح جسر', createdAt: '2026-11-23T08:00:00.000Z', metrics: { likes: 30, replies: 5, reposts: 5, impressions: 1000 } },
      { externalId: 'p2', text: 'تحويلة مرورية', createdAt: '2026-11-24T08:00:00.000Z', metrics: { likes: 10, replies: 0, reposts: 0, impressions: 1000 } },
      { externalId: 'p0', text: 'last week', createdAt: '2026-11-20T08:00:00.000Z', metrics: { likes: 99 } },
    ]);
    await seed.saveOwnPosts('instagram', [{ externalId: 'g1', text: 'صيانة', createdAt: '2026-11-25T08:00:00.000Z', metrics: { likes: 50, replies: 10 } }]);
    const f = await figures.ownPosts(WEEK, OPTS);
    expect(f.totals).toMatchObject({ posts: 3, likes: 90, replies: 15, reposts: 5, impressions: 2000, engagementWithImpressions: 50 });
    expect(f.byChannel.map((c) => [c.key, c.posts])).toEqual([['x', 2], ['instagram', 1]]);
    expect(f.best.map((p) => p.externalId)).toEqual(['g1', 'p1', 'p2']);
  });

  it('samples at most the asked number of relevant texts of the week', async () => {
    const all = await store.sampleMentionTexts(WEEK, 100);
    expect(all).toHaveLength(5);
    expect((await store.sampleMentionTexts(WEEK, 2)).length).toBeLessThanOrEqual(2);
  });

  it('marks what a summary of the window reads: they move when a mention arrives in the window, not in another week', async () => {
    const before = await store.sourceMarks(WEEK);
    expect(before).toMatchObject({ mentions: 6, repliesSent: 0, cases: 0, ownPosts: 0, ownPostMetrics: 0 });
    await seed.ingest('x', [mention({ at: '2026-12-10T09:00:00.000Z', net: 'x', author: 'later', primaryDomain: 'roads', intent: 'complaint', location: {} })]);
    expect(await store.sourceMarks(WEEK)).toEqual(before);
    await seed.ingest('x', [mention({ at: '2026-11-24T09:00:00.000Z', net: 'x', author: 'late', primaryDomain: 'roads', intent: 'complaint', location: {} })]);
    expect((await store.sourceMarks(WEEK)).mentions).toBe(7);
    await seed.saveOwnPosts('x', [{ externalId: 'p1', text: 'افتتاح جسر', createdAt: '2026-11-23T08:00:00.000Z', metrics: { likes: 3, replies: 1, reposts: 0, impressions: 10 } }]);
    expect(await store.sourceMarks(WEEK)).toMatchObject({ ownPosts: 1, ownPostMetrics: 14 });
  });

  it('keeps the summary history: save, replace, list newest first, mark delivered', async () => {
    const base = { schemaVersion: 1, headline: { mentions: 6 }, record: { hello: 'مرحبا' } };
    await store.saveSummary({ ...base, weekId: '2026-W47', start: PREVIOUS.start, end: PREVIOUS.end, generatedAt: '2026-11-22T05:00:00.000Z' });
    await store.saveSummary({ ...base, weekId: '2026-W48', start: WEEK.start, end: WEEK.end, generatedAt: '2026-11-29T05:00:00.000Z' });
    await store.markSummaryDelivered('2026-W48', '2026-11-29T05:01:00.000Z');
    await store.saveSummary({ ...base, headline: { mentions: 7 }, weekId: '2026-W48', start: WEEK.start, end: WEEK.end, generatedAt: '2026-11-29T06:00:00.000Z' });
    const list = await store.listSummaries(10);
    expect(list.map((s) => s.weekId)).toEqual(['2026-W48', '2026-W47']);
    expect(list[0]).toEqual({
      weekId: '2026-W48', start: WEEK.start, end: WEEK.end, generatedAt: '2026-11-29T06:00:00.000Z', schemaVersion: 1,
      headline: { mentions: 7 }, deliveredAt: '2026-11-29T05:01:00.000Z',
    });
    expect((await store.getSummary('2026-W48'))?.record).toEqual({ hello: 'مرحبا' });
    expect(await store.getSummary('2026-W01')).toBeNull();
    expect(await store.listSummaries(1)).toHaveLength(1);
  });
}
