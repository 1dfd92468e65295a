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

  it('when the projected month-end usage exceeds the cap, stretches the interval and reports the projection', async () => {
    const now = new Date('2026-03-16T00:00:00Z');
    s = await setupX({ fake: { initialUsage: 9_000 }, channel: { now: () => now, monthlyPostCap: 10_000, pollIntervalMs: 5 * 60_000, ownPostsMax: 0 } });
    s.fake.addPosts(50, { text: 'بلاغ', mentionsAccount: true });

    const [result] = await runTick(s.channel, s.ctx, miniStore());

    const usage = result.info?.usage as Record<string, number | boolean>;
    expect(usage.throttled).toBe(true);
    expect(usage.projectUsage).toBe(9_050);
    expect(usage.projectedAtBaseInterval).toBeGreaterThan(10_000);
    expect(usage.projectedMonthEnd).toBeLessThanOrEqual(10_000);
    expect(Date.parse(result.nextPollAfter!) - now.getTime()).toBeGreaterThan(5 * 60_000);
    expect(usage.resetAt).toBe('2026-04-01T00:00:00.000Z');
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
  const base = { now: new Date('2026-03-16T00:00:00Z'), periodEnd: new Date('2026-04-01T00:00:00Z'), baseIntervalMs: 300_000, reserve: 0, minPage: 10 };

  it('without a cap, never throttles', () => {
    expect(computePacing({ ...base, used: 5e9, expectedReadsPerCycle: 1000 })).toMatchObject({ throttled: false, exhausted: false, intervalMs: 300_000 });
  });

  it('stretches the interval so the remaining budget covers the cycles left', () => {
    const p = computePacing({ ...base, cap: 10_000, used: 9_000, expectedReadsPerCycle: 50 });
    const timeLeft = base.periodEnd.getTime() - base.now.getTime();
    expect(p.throttled).toBe(true);
    expect((timeLeft / p.intervalMs) * 50).toBeLessThanOrEqual(1_000);
    expect(p.projectedMonthEnd).toBeLessThanOrEqual(10_000);
  });

  it('with less than one page left, is exhausted until the period ends', () => {
    expect(computePacing({ ...base, cap: 10_000, used: 9_995, expectedReadsPerCycle: 5 })).toMatchObject({ exhausted: true });
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
