/**
 * End-to-end scenarios of the X channel through the real poll runner (src/ingest/poll-channel.ts)
 * on a temp SQLite store: 429 then recovery, 5xx with backoff, restart mid-backlog, dual sources.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createXChannel, type XChannelOptions } from '../../channels/x';
import { testClassifier } from '../support/classifier';
import { pollChannel, type PollOutcome } from '../../src/ingest/poll-channel';
import { createLogger } from '../../src/logger';
import { createSqliteStore, type SqliteStore } from '../../src/store/sqlite';
import { startFakeXApi, type FakeXApi } from '../../bench/support/fake-x-api';
import { CREDS } from '../fixtures/x/kit';

const MENTIONS = 'GET /2/users/:id/mentions';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface E2E {
  fake: FakeXApi;
  store: SqliteStore;
  file: string;
  channel: ReturnType<typeof createXChannel>;
  tick(opts?: { maxPages?: number }): Promise<PollOutcome>;
  newChannel(): void;
  reopenStore(): void;
  close(): Promise<void>;
}

async function setup(channelOpts: Partial<XChannelOptions> = {}): Promise<E2E> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rasid-x-'));
  const file = path.join(dir, 'rasid.db');
  const fake = await startFakeXApi({ appBearer: CREDS.appBearer, oauth1ConsumerKey: CREDS.oauth1.appKey });
  const log = createLogger({ level: 'silent' });
  const classifier = testClassifier();
  const channels: ReturnType<typeof createXChannel>[] = [];
  const make = () => {
    const c = createXChannel({ apiBaseUrl: fake.url, bearerToken: CREDS.appBearer, oauth1: CREDS.oauth1, accountId: fake.accountId, ...channelOpts });
    channels.push(c);
    return c;
  };
  const e: E2E = {
    fake,
    file,
    store: createSqliteStore({ file }),
    channel: make(),
    tick: (o = {}) => pollChannel({ store: e.store, classifier, channel: e.channel, log, maxPages: o.maxPages, backoff: { baseMs: 200, maxMs: 800 } }),
    newChannel: () => {
      e.channel = make();
    },
    reopenStore: () => {
      void e.store.close();
      e.store = createSqliteStore({ file });
    },
    async close() {
      for (const c of channels) await c.close?.();
      await e.store.close();
      await fake.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return e;
}

/** Ticks like the scheduler would (every 100 ms) until `done` or 15 s. */
async function tickUntil(e: E2E, done: () => Promise<boolean>): Promise<PollOutcome[]> {
  const outcomes: PollOutcome[] = [];
  const deadline = Date.now() + 15_000;
  while (!(await done()) && Date.now() < deadline) {
    outcomes.push(await e.tick());
    await sleep(100);
  }
  return outcomes;
}

async function storedIds(e: E2E): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await e.store.listMentions({ channel: 'x', limit: 200, cursor });
    ids.push(...page.items.map((m) => m.externalId));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return ids;
}

describe('X channel through the poll runner', () => {
  let e: E2E;
  afterEach(async () => {
    await e?.close();
  });

  it('after a 429 with a reset 2 s ahead, makes no request before the reset, then recovers without gap or duplicate', async () => {
    e = await setup();
    await e.tick(); // primes the cursor on an empty timeline
    const posts = e.fake.addPosts(250, { text: 'طفح مجاري في سترة', mentionsAccount: true });
    await e.tick({ maxPages: 1 }); // page 1 of the backlog committed
    const resetAt = e.fake.exhaustWindow(MENTIONS, 2_000);

    const outcomes = await tickUntil(e, async () => (await e.store.countMentions()) >= 250);

    const limited = e.fake.requests.find((r) => r.status === 429)!;
    expect(limited).toBeDefined();
    const beforeReset = e.fake.requests.filter((r) => r.at > limited.at && r.at < resetAt.getTime());
    expect(beforeReset).toEqual([]);
    expect(outcomes.some((o) => o.status === 'skipped')).toBe(true);
    expect(e.fake.requests.filter((r) => r.status === 429)).toHaveLength(1);
    const ids = await storedIds(e);
    expect(ids).toHaveLength(250);
    expect(new Set(ids)).toEqual(new Set(posts.map((p) => p.id)));
    const state = await e.store.getChannelState('x');
    expect(state?.health).toBe('ok');
  });

  it('after 503 twice then 200, retries only after each backoff and loses nothing', async () => {
    e = await setup();
    await e.tick();
    const posts = e.fake.addPosts(120, { text: 'حفرة في الشارع', mentionsAccount: true });
    e.fake.failNext(MENTIONS, { status: 503 }, 2);
    const backoffs: string[] = [];

    const outcomes: PollOutcome[] = [];
    const deadline = Date.now() + 15_000;
    while ((await e.store.countMentions()) < 120 && Date.now() < deadline) {
      const o = await e.tick();
      outcomes.push(o);
      if (o.status === 'failed') backoffs.push((await e.store.getChannelState('x'))!.backoffUntil!);
      await sleep(50);
    }

    const calls = e.fake.requests.filter((r) => r.endpoint === MENTIONS).slice(1);
    expect(calls.map((r) => r.status)).toEqual([503, 503, 200, 200]);
    expect(outcomes.filter((o) => o.status === 'failed')).toHaveLength(2);
    expect(calls[1].at).toBeGreaterThanOrEqual(Date.parse(backoffs[0]));
    expect(calls[2].at).toBeGreaterThanOrEqual(Date.parse(backoffs[1]));
    expect(new Set(await storedIds(e))).toEqual(new Set(posts.map((p) => p.id)));
  });

  it('after a restart in the middle of a paginated backlog (new channel, reopened store), resumes without loss or duplicates', async () => {
    e = await setup();
    await e.tick();
    const posts = e.fake.addPosts(250, { text: 'انقطاع إنارة الشارع', mentionsAccount: true });
    const first = await e.tick({ maxPages: 1 });
    expect(first.inserted).toBe(100);

    e.newChannel();
    e.reopenStore();
    const rest = await e.tick();

    expect(rest).toMatchObject({ status: 'ok', inserted: 150, updated: 0, pages: 2 });
    const ids = await storedIds(e);
    expect(ids).toHaveLength(250);
    expect(new Set(ids)).toEqual(new Set(posts.map((p) => p.id)));
  });

  it('stores a post found by mentions and by a query once, with both sources', async () => {
    e = await setup({ queries: ['الأشغال'] });
    await e.tick();
    const both = e.fake.addPost({ text: '@MOWBahrain الأشغال: تجمع مياه', mentionsAccount: true, queries: ['الأشغال'] });
    const queryOnly = e.fake.addPost({ text: 'الأشغال تعلن', queries: ['الأشغال'] });

    const outcome = await e.tick();

    expect(outcome).toMatchObject({ status: 'ok', inserted: 2, updated: 0 });
    expect(await e.store.countMentions()).toBe(2);
    expect((await e.store.findMentionByExternalId('x', both.id))?.sources).toEqual(['mentions', 'query:الأشغال']);
    expect((await e.store.findMentionByExternalId('x', queryOnly.id))?.sources).toEqual(['query:الأشغال']);
  });

  it('records usage, projection and rate limits in the channel state for the health view', async () => {
    e = await setup({ monthlyPostCap: 1_000_000 });
    e.fake.addPosts(5, { text: 'x', mentionsAccount: true });
    await e.tick();

    const state = await e.store.getChannelState('x');
    expect(state?.info?.usage).toMatchObject({ cap: 1_000_000, projectUsage: 5, throttled: false });
    expect(state?.rateLimits).toEqual(expect.arrayContaining([expect.objectContaining({ endpoint: MENTIONS, limit: 300 })]));
  });

  it('during a 429, the channel state shows the current window (remaining 0, reset from the 429\'s headers), not the previous one', async () => {
    e = await setup();
    await e.tick();
    const resetAt = e.fake.exhaustWindow(MENTIONS, 120_000);

    const outcome = await e.tick();

    expect(outcome.status).toBe('failed');
    const state = await e.store.getChannelState('x');
    expect(state?.health).toBe('rate_limited');
    expect(state?.backoffUntil).toBe(resetAt.toISOString());
    expect(state?.rateLimits).toEqual(expect.arrayContaining([{ endpoint: MENTIONS, limit: 300, remaining: 0, resetAt: resetAt.toISOString() }]));
  });
});
