/**
 * The weekly-figure aggregation pipelines, evaluated by mingo on the in-memory driver stand-in:
 * response and case figures against hand-computed values (medians, p90, SLA shares, buckets,
 * open/overdue at the end), then every figure against the SQLite adapter on the same data.
 */
import type { ClassifiedMention } from '../../../../src/domain';
import { createSqliteStores, type SqliteStores } from '../../../../src/stores/sqlite-stores';
import { SummaryFigures } from '../../../../src/summaries/figures/summary-figures';
import type { SummaryQueryOptions, SummaryWindow } from '../../../../src/summaries/store/summary-store';
import { buildClassified } from '../../../support/builders';
import { inMemoryMongoStore } from '../../../store/mongodb/in-memory-store';
import type { NewCase } from '../../../../src/cases/store/case-store';
import type { Stores } from '../../../../src/stores/stores';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const START = Date.parse('2026-11-21T21:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
const WEEK: SummaryWindow = { start: iso(START), end: iso(START + 7 * DAY), dayStarts: Array.from({ length: 8 }, (_, i) => iso(START + i * DAY)) };
const OPTS: SummaryQueryOptions = { topN: 3, responseSlaSeconds: { high: 3600, medium: 4 * 3600, low: 24 * 3600 } };
const T0 = START + 2 * DAY;
/** The weekly figures as the summary reads them from a store's summary adapter. */
const figuresOf = (store: Stores) => new SummaryFigures(store.summaries);

type Spec = { at: number; net?: string; domain?: 'roads' | 'drainage' | null; urgency?: 'high' | 'medium' | 'low'; status?: ClassifiedMention['status']; relevant?: boolean; replyable?: boolean };

function mention(s: Spec): ClassifiedMention {
  const m = buildClassified(
    { createdAt: iso(s.at), network: s.net ?? 'x', replyable: s.replyable ?? true },
    { primaryDomain: s.domain === undefined ? 'roads' : s.domain, urgency: s.urgency ?? 'high', relevant: s.relevant ?? true },
  );
  return { ...m, status: s.status ?? 'needs_reply' };
}

/** Sends replies through the port: created, taken by the sender, recorded as sent at `at`. */
async function sendReply(store: Stores, mentionId: string, at: number): Promise<void> {
  await store.replies.createReply({ mentionId, text: 'شكرًا', author: 'agent-a', state: 'queued', purpose: 'agent' });
  const taken = await store.replies.takeNextOutboxReply(new Date().toISOString());
  if (!taken) throw new Error('nothing to send');
  await store.replies.recordReplySent(taken.id, { externalId: `e-${taken.id}`, at: iso(at) });
}

describe('responseFiguresPipeline (hand-computed)', () => {
  it('counts who needed a reply, first responses in whole seconds, SLA shares, median, p90 and buckets', async () => {
    const { store } = await inMemoryMongoStore();
    const specs: Spec[] = [
      { at: T0, urgency: 'high' }, // m1: first reply after 600 s (a second one later)
      { at: T0 + HOUR, domain: 'drainage', urgency: 'medium' }, // m2: 3600 s, within 4 h
      { at: T0 + 2 * HOUR, net: 'instagram', urgency: 'low' }, // m3: 108000 s, beyond 24 h
      { at: T0 + 3 * HOUR, net: 'instagram', domain: null, urgency: 'medium' }, // m4: unanswered
      { at: T0 + 4 * HOUR + 900, status: 'new' }, // m5: status new but answered: 5 s (10:00:00.900 → 10:00:05.100)
      { at: T0 + 5 * HOUR, status: 'no_action' }, // not needing a reply
      { at: T0 + 6 * HOUR, relevant: false }, // not relevant
      { at: T0 + 7 * HOUR, replyable: false }, // news: cannot be answered
      { at: T0 + 8 * HOUR, domain: 'drainage' }, // m9: only a failed reply → unanswered
      { at: START - HOUR }, // the week before
    ];
    const { inserted } = await store.mentions.ingestBatch('x', specs.map(mention), null);
    const id = (i: number) => inserted[i].id;
    await sendReply(store, id(0), T0 + 600_000);
    await sendReply(store, id(0), T0 + 1800_000);
    await sendReply(store, id(1), T0 + HOUR + 3600_000);
    await sendReply(store, id(2), T0 + 2 * HOUR + 108_000_000);
    await sendReply(store, id(4), T0 + 4 * HOUR + 5100);
    await store.replies.createReply({ mentionId: id(8), text: 'x', author: 'agent-a', state: 'queued', purpose: 'agent' });
    const failed = await store.replies.takeNextOutboxReply(new Date().toISOString());
    await store.replies.transitionReply(failed!.id, ['sending'], { state: 'failed', error: 'HTTP 500' });

    const r = await figuresOf(store).responses(WEEK, OPTS);
    expect(r).toMatchObject({ available: true, needingReply: 6, answered: 4, withinSla: 3 });
    expect(r.firstResponse).toEqual({ count: 4, medianSeconds: 2100, p90Seconds: 108_000 });
    expect(r.byChannel).toEqual([
      { key: 'x', needingReply: 4, answered: 3, withinSla: 3, count: 3, medianSeconds: 600, p90Seconds: 3600 },
      { key: 'instagram', needingReply: 2, answered: 1, withinSla: 0, count: 1, medianSeconds: 108_000, p90Seconds: 108_000 },
    ]);
    expect(r.byDomain).toEqual([
      { key: 'roads', needingReply: 3, answered: 3, withinSla: 2, count: 3, medianSeconds: 600, p90Seconds: 108_000 },
      { key: 'drainage', needingReply: 2, answered: 1, withinSla: 1, count: 1, medianSeconds: 3600, p90Seconds: 3600 },
      { key: null, needingReply: 1, answered: 0, withinSla: 0, count: 0, medianSeconds: null, p90Seconds: null },
    ]);
    // bounds 15 min, 1 h, 4 h, 24 h, 72 h: 5 s and 600 s, then 3600 s (not below 1 h), then 30 h
    expect(r.distribution.map((b) => b.count)).toEqual([2, 0, 1, 0, 1, 0]);
  });
});

describe('caseFiguresPipeline (hand-computed)', () => {
  const base: NewCase = {
    domain: 'roads', unit: 'U1', urgency: 'medium', location: { area: 'المحرق' }, citizen: { channel: 'x', handle: 'c' },
    openedAt: '', slaDueAt: '', prefix: 'MOW', year: 2026, source: 'open311', actor: 'system',
  };

  it('counts opened, resolved, closed, open and overdue at the end, and the time to resolve', async () => {
    const { store } = await inMemoryMongoStore();
    const open = (opened: number, sla: number, extra: Partial<NewCase> = {}) => store.cases.openCase({ ...base, openedAt: iso(opened), slaDueAt: iso(sla), ...extra }, []);
    const end = START + 7 * DAY;
    const set = (n: string, status: 'resolved' | 'closed', at: number) => store.cases.updateCase(n, { status, actor: 'u', at: iso(at) });
    const c1 = await open(START + DAY, START + 2 * DAY);
    await set(c1.number, 'resolved', START + DAY + 2 * HOUR); // 7200 s, within SLA
    const c2 = await open(START - 3 * DAY, START - 2 * DAY, { unit: 'U2' });
    await set(c2.number, 'resolved', START + 3 * DAY); // 6 days, late
    await open(START + 2 * DAY, START + 2 * DAY + 4 * HOUR); // c3: open, overdue at the end
    const c4 = await open(START + 4 * DAY, end + DAY, { unit: 'U2', domain: 'drainage', location: { area: 'سترة' } });
    await set(c4.number, 'closed', START + 5 * DAY);
    await open(START - 10 * DAY, START - 9 * DAY); // c5: open since before the week, overdue
    await open(end + HOUR, end + DAY); // c6: next week
    const c7 = await open(START + 3 * DAY, end + 2 * DAY, { unit: 'U3' });
    await set(c7.number, 'resolved', end + HOUR); // resolved after the end: open at the end

    const f = await figuresOf(store).cases(WEEK);
    expect(f).toMatchObject({ available: true, opened: 4, resolved: 2, closed: 1, openAtEnd: 3, overdueAtEnd: 2, resolvedWithinSla: 1 });
    expect(f.timeToResolve).toEqual({ count: 2, medianSeconds: (7200 + 518_400) / 2, p90Seconds: 518_400 });
    expect(f.openedByUnit).toEqual([{ key: 'U1', count: 2 }, { key: 'U2', count: 1 }, { key: 'U3', count: 1 }]);
    expect(f.openedByDomain).toEqual([{ key: 'roads', count: 3 }, { key: 'drainage', count: 1 }]);
    expect(f.resolvedByUnit).toEqual([{ key: 'U1', count: 1 }, { key: 'U2', count: 1 }]);
    expect(f.openedByArea).toEqual([{ key: 'المحرق', count: 3 }, { key: 'سترة', count: 1 }]);
  });
});

/** A deterministic pseudo-random sequence, so a failure can be replayed. */
function prng(seed: number) {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
}

async function seedSame(store: Stores, seed: number): Promise<void> {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const batch: ClassifiedMention[] = [];
  for (let i = 0; i < 120; i++) {
    const at = START - DAY + Math.floor(rnd() * 9 * DAY / 1000) * 1000 + i; // distinct instants
    const m = buildClassified(
      { externalId: `m${i}`, createdAt: iso(at), network: pick(['x', 'instagram', 'rss']), author: { id: `a${Math.floor(rnd() * 30)}`, handle: `h${i}` }, metrics: { likes: Math.floor(rnd() * 20), replies: 0, reposts: 0 }, replyable: rnd() > 0.1 },
      {
        primaryDomain: pick(['roads', 'drainage', 'buildings', null] as const),
        intent: pick(['complaint', 'inquiry', 'praise', 'other'] as const),
        urgency: pick(['high', 'medium', 'low'] as const),
        sentiment: pick(['negative', 'neutral', 'positive'] as const),
        relevant: rnd() > 0.15,
        location: { area: pick(['المحرق', 'سترة', 'المنامة', undefined]), block: pick(['204', '338', undefined]) },
      },
    );
    batch.push({ ...m, status: pick(['needs_reply', 'needs_reply', 'replied', 'new', 'no_action'] as const) });
  }
  const { inserted } = await store.mentions.ingestBatch('replay', batch, null);
  for (const m of inserted) {
    if (rnd() < 0.5) continue;
    const delay = Math.floor(rnd() * 30 * HOUR);
    await store.replies.createReply({ mentionId: m.id, text: 'x', author: pick(['agent-a', 'agent-b', 'system']), templateId: pick(['t1', undefined]), state: 'queued', purpose: 'agent' });
    const taken = await store.replies.takeNextOutboxReply(new Date().toISOString());
    await store.replies.recordReplySent(taken!.id, { externalId: 'e', at: iso(Date.parse(m.createdAt) + delay) });
  }
  for (let i = 0; i < 25; i++) {
    const opened = START - 2 * DAY + Math.floor(rnd() * 9 * DAY);
    const c = await store.cases.openCase(
      { domain: pick(['roads', 'drainage'] as const), unit: pick(['U1', 'U2']), urgency: 'medium', location: { area: pick(['المحرق', 'سترة', undefined]) }, citizen: { channel: 'x', handle: 'c' }, openedAt: iso(opened), slaDueAt: iso(opened + Math.floor(rnd() * 3 * DAY)), prefix: 'MOW', year: 2026, source: 'open311', actor: 'system' },
      [],
    );
    const r = rnd();
    if (r < 0.6) await store.cases.updateCase(c.number, { status: r < 0.45 ? 'resolved' : 'closed', actor: 'u', at: iso(opened + Math.floor(rnd() * 4 * DAY)) });
  }
  await store.mentions.saveOwnPosts('x', [
    { externalId: 'p1', text: 'a', createdAt: iso(START + DAY), metrics: { likes: 5, replies: 1, reposts: 2, impressions: 100 } },
    { externalId: 'p2', text: 'b', createdAt: iso(START + 2 * DAY), metrics: { likes: 9 } },
  ]);
}

describe('the MongoDB pipelines against the SQLite adapter', () => {
  it.each([1, 7, 42])('give the same weekly figures on the same data (seed %i)', async (seed) => {
    const sqlite = createSqliteStores(':memory:');
    const { store: mongo } = await inMemoryMongoStore();
    await seedSame(sqlite, seed);
    await seedSame(mongo, seed);
    const withoutIds = <T extends { mostEngaged: { id: string }[] }>(f: T) => ({ ...f, mostEngaged: f.mostEngaged.map(({ id: _id, ...rest }) => rest) });
    expect(withoutIds(await figuresOf(mongo).mentions(WEEK, OPTS))).toEqual(withoutIds(await figuresOf(sqlite).mentions(WEEK, OPTS)));
    expect(await figuresOf(mongo).responses(WEEK, OPTS)).toEqual(await figuresOf(sqlite).responses(WEEK, OPTS));
    expect(await figuresOf(mongo).cases(WEEK)).toEqual(await figuresOf(sqlite).cases(WEEK));
    expect(await figuresOf(mongo).replies(WEEK)).toEqual(await figuresOf(sqlite).replies(WEEK));
    expect(await figuresOf(mongo).ownPosts(WEEK, OPTS)).toEqual(await figuresOf(sqlite).ownPosts(WEEK, OPTS));
    expect(await mongo.summaries.sampleMentionTexts(WEEK, 1000)).toEqual(await sqlite.summaries.sampleMentionTexts(WEEK, 1000));
    const r = await figuresOf(mongo).responses(WEEK, OPTS);
    expect(r.answered).toBeGreaterThan(5); // the data exercises the figures
    await sqlite.close();
  });
});
