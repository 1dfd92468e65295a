/** Budget-aware polling: usage/tweets at most hourly, stretched intervals, and a hard stop at the cap. */
import { capPeriod, computePacing } from '../../channels/x/budget';
import { miniStore, runTick, setupX, type XSetup } from '../fixtures/x/kit';

const USAGE = 'GET /2/usage/tweets';
const READS = new Set(['GET /2/users/:id/mentions', 'GET /2/tweets/search/recent', 'GET /2/users/:id/tweets']);

describe('X channel budget pacing', () => {
  let s: XSetup;
  afterEach(async () => {
    await s?.close();
  });

  it('reads usage/tweets with the app token at most once per hour', async () => {
    let now = new Date('2026-03-16T00:00:00Z');
    s = await setupX({ channel: { now: () => now, monthlyPostCap: 100_000 } });
    const store = miniStore();
    await runTick(s.channel, s.ctx, store);
    now = new Date('2026-03-16T00:30:00Z');
    await runTick(s.channel, s.ctx, store);
    now = new Date('2026-03-16T01:00:00Z');
    await runTick(s.channel, s.ctx, store);

    const usageReqs = s.fake.requests.filter((r) => r.endpoint === USAGE);
    expect(usageReqs).toHaveLength(2);
    expect(usageReqs.every((r) => r.auth === 'app')).toBe(true);
  });

  it('when the projected month-end usage exceeds the cap, stretches the interval up to its ceiling and says why', async () => {
    let now = new Date('2026-03-16T00:00:00Z');
    s = await setupX({ fake: { initialUsage: 9_000 }, channel: { now: () => now, monthlyPostCap: 10_000, pollIntervalMs: 5 * 60_000, ownPostsMax: 0 } });
    const store = miniStore();
    await runTick(s.channel, s.ctx, store);
    s.fake.addPosts(10, { text: 'بلاغ', mentionsAccount: true });
    now = new Date('2026-03-16T00:05:00Z');

    const [result] = await runTick(s.channel, s.ctx, store);

    const usage = result.info?.usage as Record<string, number | boolean>;
    expect(usage.throttled).toBe(true);
    expect(usage.projectUsage).toBe(9_010);
    expect(usage.projectedAtBaseInterval).toBeGreaterThan(10_000);
    expect(Date.parse(result.nextPollAfter!) - now.getTime()).toBeGreaterThan(5 * 60_000);
    expect(Date.parse(result.nextPollAfter!) - now.getTime()).toBeLessThanOrEqual(60 * 60_000);
    expect(usage.resetAt).toBe('2026-04-01T00:00:00.000Z');
    expect(result.info?.paced).toMatchObject({ until: result.nextPollAfter, reason: 'budget', used: 9_010, cap: 10_000 });
    expect((result.info?.paced as { message: string }).message).toMatch(/^paced: next poll at .+, because polling every 5 minutes would read about \d+ posts/);
    expect(s.ctx.log.lines.some((l) => l.level === 'warn' && l.msg.startsWith('x polling paced: next poll at'))).toBe(true);
  });

  it('paces from posts actually new: a first poll that reads a page of history, found by mentions and search alike, keeps the schedule', async () => {
    const now = new Date('2026-03-16T00:00:00Z');
    s = await setupX({ fake: { projectCap: 10_000, initialUsage: 120 }, channel: { now: () => now, queries: ['q'], pollIntervalMs: 5 * 60_000 } });
    s.fake.addPosts(150, { text: 'بلاغ', mentionsAccount: true, queries: ['q'] });

    const [result] = await runTick(s.channel, s.ctx, miniStore());

    expect(result.nextPollAfter).toBeUndefined();
    expect(result.info?.usage).toMatchObject({ throttled: false, cap: 10_000 });
  });

  it('counts a post found by both mentions and a query once in the estimate of new posts', async () => {
    let now = new Date('2026-03-16T00:00:00Z');
    s = await setupX({ channel: { now: () => now, queries: ['q'], monthlyPostCap: 1_000_000, ownPostsMax: 0 } });
    const store = miniStore();
    await runTick(s.channel, s.ctx, store);
    s.fake.addPosts(10, { text: 'بلاغ', mentionsAccount: true, queries: ['q'] });
    now = new Date('2026-03-16T00:05:00Z');

    const [result] = await runTick(s.channel, s.ctx, store);

    expect(result.info?.postsRead).toBe(20);
    expect((result.info?.usage as { newPerInterval: number }).newPerInterval).toBe(10);
  });

  it('with a small cap (200, 120 used) and a trickle of new posts, polls at least hourly until the cap is reached, then says the budget is spent', async () => {
    let now = new Date('2026-03-16T00:00:00Z');
    s = await setupX({ fake: { initialUsage: 120 }, channel: { now: () => now, monthlyPostCap: 200, pollIntervalMs: 5 * 60_000, ownPostsMax: 0 } });
    s.fake.addPosts(20, { text: 'قديم', mentionsAccount: true });
    const store = miniStore();
    const gaps: number[] = [];
    let last;
    for (let i = 0; i < 40; i++) {
      [last] = await runTick(s.channel, s.ctx, store);
      if (last.info?.paced && (last.info.paced as { reason: string }).reason === 'budget_spent') break;
      const step = last.nextPollAfter ? Date.parse(last.nextPollAfter) - now.getTime() : 5 * 60_000;
      gaps.push(step);
      now = new Date(now.getTime() + step);
      s.fake.addPosts(3, { text: 'بلاغ', mentionsAccount: true });
    }

    expect(Math.max(...gaps)).toBeLessThanOrEqual(60 * 60_000);
    expect(Math.max(...gaps)).toBeGreaterThan(5 * 60_000);
    expect(last!.info?.paced).toMatchObject({ reason: 'budget_spent', until: '2026-04-01T00:00:00.000Z' });
    expect(s.fake.totalUsage()).toBeLessThanOrEqual(200);
  });

  it('with room in the budget, keeps the base interval (no nextPollAfter)', async () => {
    const now = new Date('2026-03-16T00:00:00Z');
    s = await setupX({ channel: { now: () => now, monthlyPostCap: 10_000_000 } });
    s.fake.addPosts(20, { text: 'بلاغ', mentionsAccount: true });

    const [result] = await runTick(s.channel, s.ctx, miniStore());

    expect(result.nextPollAfter).toBeUndefined();
    expect((result.info?.usage as { throttled: boolean }).throttled).toBe(false);
  });

  it('when the budget is spent, makes no read request and waits for the cap reset', async () => {
    const now = new Date('2026-03-16T00:00:00Z');
    s = await setupX({ fake: { initialUsage: 9_995, capResetDay: 20 }, channel: { now: () => now, monthlyPostCap: 10_000, budgetReserve: 0 } });
    s.fake.addPosts(30, { text: 'بلاغ', mentionsAccount: true });

    const result = await s.channel.poll('{"v":1,"sources":{"mentions":{"sinceId":"1"}}}', s.ctx);

    expect(result.mentions).toEqual([]);
    expect(result.cursor).toBe('{"v":1,"sources":{"mentions":{"sinceId":"1"}}}');
    expect(result.nextPollAfter).toBe('2026-03-20T00:00:00.000Z');
    expect(s.fake.requests.filter((r) => READS.has(r.endpoint))).toHaveLength(0);
  });

  it('respects a project cap reported by X that is lower than the configured one', async () => {
    const now = new Date('2026-03-16T00:00:00Z');
    s = await setupX({ fake: { projectCap: 5_000, initialUsage: 4_995 }, channel: { now: () => now, monthlyPostCap: 1_000_000, budgetReserve: 0 } });
    s.fake.addPosts(30, { text: 'بلاغ', mentionsAccount: true });

    const result = await s.channel.poll(null, s.ctx);

    expect(result.nextPollAfter).toBe('2026-04-01T00:00:00.000Z');
    expect(s.fake.requests.filter((r) => READS.has(r.endpoint))).toHaveLength(0);
  });

  it('under a steady inflow larger than the budget, never pushes the usage over the cap', async () => {
    let now = new Date('2026-03-25T00:00:00Z');
    const cap = 3_000;
    s = await setupX({ fake: { initialUsage: 1_000 }, channel: { now: () => now, monthlyPostCap: cap, pollIntervalMs: 10 * 60_000, queries: ['q'], budgetReserve: 0 } });
    const store = miniStore();
    const intervals: number[] = [];
    // One simulated week: 40 mentions and 40 query hits every 10 minutes (~11.5k posts/day).
    while (now < new Date('2026-04-01T00:00:00Z')) {
      s.fake.addPosts(40, { text: 'mention', mentionsAccount: true });
      s.fake.addPosts(40, { text: 'hit', queries: ['q'] });
      const results = await runTick(s.channel, s.ctx, store);
      const next = results[results.length - 1].nextPollAfter;
      const step = Math.max(10 * 60_000, next ? Date.parse(next) - now.getTime() : 0);
      intervals.push(step);
      expect(s.fake.totalUsage()).toBeLessThanOrEqual(cap);
      now = new Date(now.getTime() + step);
    }

    expect(s.fake.totalUsage()).toBeLessThanOrEqual(cap);
    expect(s.fake.totalUsage()).toBeGreaterThan(cap * 0.8);
    expect(Math.max(...intervals)).toBeGreaterThan(10 * 60_000);
    expect(new Set(store.deliveries).size).toBe(store.deliveries.length);
  });
});

describe('computePacing', () => {
  const base = { now: new Date('2026-03-16T00:00:00Z'), periodEnd: new Date('2026-04-01T00:00:00Z'), baseIntervalMs: 300_000, maxIntervalMs: 30 * 86_400_000, reserve: 0, minPage: 10 };

  it('without a cap, never throttles', () => {
    expect(computePacing({ ...base, used: 5e9, newPostsPerInterval: 1000 })).toMatchObject({ throttled: false, exhausted: false, intervalMs: 300_000 });
  });

  it('stretches the interval so the remaining budget covers the cycles left', () => {
    const p = computePacing({ ...base, cap: 10_000, used: 9_000, newPostsPerInterval: 50 });
    const timeLeft = base.periodEnd.getTime() - base.now.getTime();
    expect(p.throttled).toBe(true);
    expect((timeLeft / p.intervalMs) * 50).toBeLessThanOrEqual(1_000);
    expect(p.projectedMonthEnd).toBeLessThanOrEqual(10_000);
  });

  it('never stretches the interval past its ceiling, and says when the budget will run out at that pace', () => {
    const p = computePacing({ ...base, maxIntervalMs: 3_600_000, cap: 10_000, used: 9_000, newPostsPerInterval: 50 });
    expect(p).toMatchObject({ throttled: true, exhausted: false, intervalMs: 3_600_000 });
    expect(p.runsOutAt?.toISOString()).toBe('2026-03-16T20:00:00.000Z'); // 1,000 left, 50 an hour
  });

  it('without any new posts seen, does not throttle however small the cap', () => {
    expect(computePacing({ ...base, cap: 200, used: 120, reserve: 2, newPostsPerInterval: 0 })).toMatchObject({ throttled: false, intervalMs: 300_000 });
  });

  it('with less than one page left, is exhausted until the period ends', () => {
    expect(computePacing({ ...base, cap: 10_000, used: 9_995, newPostsPerInterval: 5 })).toMatchObject({ exhausted: true });
  });
});

describe('capPeriod', () => {
  it.each([
    ['2026-03-16T00:00:00Z', 1, '2026-03-01', '2026-04-01'],
    ['2026-03-16T00:00:00Z', 20, '2026-02-20', '2026-03-20'],
    ['2026-03-20T00:00:00Z', 20, '2026-03-20', '2026-04-20'],
    ['2026-02-15T00:00:00Z', 31, '2026-01-31', '2026-02-28'],
  ])('at %s with reset day %i, runs from %s to %s', (now, day, start, end) => {
    const p = capPeriod(new Date(now), day);
    expect([p.start.toISOString().slice(0, 10), p.end.toISOString().slice(0, 10)]).toEqual([start, end]);
  });
});
