import type { Channel, PollContext, PollResult } from '../../src/domain';
import { RateLimited, Transient, AuthFailed, Permanent } from '../../src/domain/channel-errors';
import { pollChannel } from '../../src/ingest/poll-channel';
import { PollBackoffMemory } from '../../src/ingest/poll-backoff-memory';
import { StoreError } from '../../src/store/store-error';
import { testClassifier } from '../support/classifier';
import { createSqliteStores, type SqliteStores } from '../../src/stores/sqlite-stores';
import { buildRaw } from '../support/builders';
import { memoryLogger } from '../support/silent-log';
import { makeTempDir } from '../support/temp-dir';
import path from 'node:path';

/** A channel that plays back a script of results or errors, one per poll. */
function scriptedChannel(script: (PollResult | Error)[]): Channel & { calls: (string | null)[] } {
  const calls: (string | null)[] = [];
  return {
    name: 'scripted',
    calls,
    async poll(cursor: string | null, _ctx: PollContext) {
      calls.push(cursor);
      const next = script.shift();
      if (!next) return { mentions: [], cursor };
      if (next instanceof Error) throw next;
      return next;
    },
  };
}

function setup(script: (PollResult | Error)[], now = new Date('2026-11-30T08:00:00.000Z')) {
  const store = createSqliteStores(':memory:');
  const channel = scriptedChannel(script);
  const { log } = memoryLogger();
  let clock = now;
  const deps = {
    store,
    channel,
    log,
    classifier: testClassifier(),
    now: () => clock,
    backoff: { baseMs: 1000, maxMs: 8000 },
  };
  return { store, channel, deps, advance: (ms: number) => (clock = new Date(clock.getTime() + ms)) };
}

describe('pollChannel', () => {
  it('commits every page with its cursor and follows hasMore', async () => {
    const { store, channel, deps } = setup([
      { mentions: [buildRaw({ externalId: 'a' }), buildRaw({ externalId: 'b' })], cursor: 'p1', hasMore: true },
      { mentions: [buildRaw({ externalId: 'c' })], cursor: 'p2' },
    ]);
    const outcome = await pollChannel(deps);
    expect(outcome).toMatchObject({ status: 'ok', inserted: 3, pages: 2 });
    expect(channel.calls).toEqual([null, 'p1']);
    expect((await store.channelStates.getChannelState('scripted'))?.cursor).toBe('p2');
    expect((await store.channelStates.getChannelState('scripted'))?.health).toBe('ok');
  });

  it('classifies each mention and queues only relevant, replyable ones', async () => {
    const { store, deps } = setup([
      {
        mentions: [
          buildRaw({ externalId: 'pothole', text: 'pothole on road 12' }),
          buildRaw({ externalId: 'football', text: 'great match tonight' }),
          buildRaw({ externalId: 'news', text: 'sewage works begin', replyable: false, kind: 'news' }),
        ],
        cursor: 'c',
      },
    ]);
    await pollChannel(deps);
    expect((await store.mentions.findMentionByExternalId('scripted', 'pothole'))?.status).toBe('needs_reply');
    expect((await store.mentions.findMentionByExternalId('scripted', 'football'))?.status).toBe('new');
    expect((await store.mentions.findMentionByExternalId('scripted', 'news'))?.status).toBe('new');
  });

  it('waits for the reset time after a rate limit and does not call the channel before it', async () => {
    const reset = new Date('2026-11-30T08:00:02.000Z');
    const { store, channel, deps, advance } = setup([new RateLimited(reset), { mentions: [buildRaw()], cursor: 'after' }]);
    expect((await pollChannel(deps)).status).toBe('failed');
    const state = await store.channelStates.getChannelState('scripted');
    expect(state).toMatchObject({ health: 'rate_limited', backoffUntil: reset.toISOString() });
    advance(1000);
    expect((await pollChannel(deps)).status).toBe('skipped');
    expect(channel.calls).toHaveLength(1);
    advance(1000);
    expect((await pollChannel(deps)).status).toBe('ok');
    expect(channel.calls).toHaveLength(2);
    expect((await store.channelStates.getChannelState('scripted'))?.backoffUntil).toBeUndefined();
  });

  it('backs off exponentially on transient errors and recovers without losing the cursor', async () => {
    const { store, deps, advance } = setup([
      { mentions: [buildRaw({ externalId: 'first' })], cursor: 'c1' },
      new Transient('503'),
      new Transient('503'),
      { mentions: [buildRaw({ externalId: 'second' })], cursor: 'c2' },
    ]);
    await pollChannel(deps);
    await pollChannel(deps);
    const first = await store.channelStates.getChannelState('scripted');
    const firstWait = new Date(first!.backoffUntil!).getTime() - new Date('2026-11-30T08:00:00.000Z').getTime();
    expect(firstWait).toBeGreaterThanOrEqual(500);
    expect(firstWait).toBeLessThanOrEqual(1000);
    advance(1000);
    await pollChannel(deps);
    const second = await store.channelStates.getChannelState('scripted');
    expect(second?.consecutiveFailures).toBe(2);
    expect(second?.cursor).toBe('c1');
    advance(2000);
    expect((await pollChannel(deps)).status).toBe('ok');
    expect(await store.mentions.countMentions()).toBe(2);
    expect((await store.channelStates.getChannelState('scripted'))?.consecutiveFailures).toBe(0);
  });

  it('keeps backing off, in memory, when the store cannot record the failure because the disk is full', async () => {
    const pages = Array.from({ length: 4 }, (_, i) => ({ mentions: [buildRaw({ externalId: `m${i}` })], cursor: `c${i}` }));
    const { store, channel, deps, advance } = setup(pages);
    const { log, lines } = memoryLogger();
    const full = new StoreError('store_full', 'disk full while writing rasid.db: database or disk is full');
    const ingest = jest.spyOn(store.mentions, 'ingestBatch').mockRejectedValue(full);
    const health = jest.spyOn(store.channelStates, 'saveChannelHealth').mockRejectedValue(full);
    const polling = { ...deps, log, memory: new PollBackoffMemory() };

    expect((await pollChannel(polling)).status).toBe('failed');
    advance(400); // inside the first wait (500-1000 ms)
    expect((await pollChannel(polling)).status).toBe('skipped');
    expect(channel.calls).toHaveLength(1);
    advance(700);
    expect((await pollChannel(polling)).status).toBe('failed');
    expect(channel.calls).toHaveLength(2);
    advance(900); // the second wait is longer (1000-2000 ms)
    expect((await pollChannel(polling)).status).toBe('skipped');
    expect(channel.calls).toHaveLength(2);
    expect(lines().filter((l) => l.level === 50).map((l) => l.msg)).toEqual([
      'poll of scripted failed (transient)',
      'poll of scripted failed (transient)',
    ]);

    ingest.mockRestore();
    health.mockRestore();
    advance(1200);
    expect((await pollChannel(polling)).status).toBe('ok');
    expect(channel.calls).toHaveLength(3);
    advance(1);
    expect((await pollChannel(polling)).status).toBe('ok');
  });

  it('marks a channel the remote refuses for good (a wrong account id) as needing attention, and does not ask again within the hour', async () => {
    const { store, channel, deps, advance } = setup([new Permanent('instagram graph listing own media: Unsupported get request (code 100): check IG_GRAPH_USER_ID', 'graph_100')]);
    const run = { ...deps, memory: new PollBackoffMemory() };
    await pollChannel(run);
    expect(await store.channelStates.getChannelState('scripted')).toMatchObject({ health: 'needs_attention', lastError: { code: 'permanent' } });
    advance(10 * 60_000);
    expect((await pollChannel(run)).status).toBe('skipped');
    expect(channel.calls).toHaveLength(1);
  });

  it('marks a channel whose credentials fail as needing attention', async () => {
    const { store, deps } = setup([new AuthFailed('checkpoint required')]);
    await pollChannel(deps);
    expect(await store.channelStates.getChannelState('scripted')).toMatchObject({
      health: 'needs_attention',
      lastError: { message: 'checkpoint required', code: 'auth_failed' },
    });
  });

  it('keeps the hour\'s pause after refused credentials within a process, and tries once at once after a restart (the fix takes effect)', async () => {
    const { store, channel, deps, advance } = setup([new AuthFailed('token expired'), new AuthFailed('token still expired'), { mentions: [buildRaw({ externalId: 'after-fix' })], cursor: 'c' }]);
    const first = { ...deps, memory: new PollBackoffMemory() };
    expect((await pollChannel(first)).status).toBe('failed');
    advance(5 * 60_000);
    expect((await pollChannel(first)).status).toBe('skipped');
    expect(channel.calls).toHaveLength(1);

    // A new process with the same bad token: one try, then the pause again.
    const second = { ...deps, memory: new PollBackoffMemory() };
    expect((await pollChannel(second)).status).toBe('failed');
    expect((await pollChannel(second)).status).toBe('skipped');
    expect(channel.calls).toHaveLength(2);

    // And one with the token fixed: polled at the start, not an hour later.
    const third = { ...deps, memory: new PollBackoffMemory() };
    expect((await pollChannel(third)).status).toBe('ok');
    expect(await store.channelStates.getChannelState('scripted')).toMatchObject({ health: 'ok', consecutiveFailures: 0 });
    expect(await store.mentions.countMentions()).toBe(1);
  });

  it("keeps what a failed poll knew of the channel (its error's info), not the last success's", async () => {
    const failed = new Transient('every feed failed');
    failed.info = { feeds: { 'https://a/feed': { status: 'failed', error: 'HTTP 500' } }, failedFeeds: 1 };
    const { store, deps } = setup([{ mentions: [], cursor: 'c', info: { feeds: { 'https://a/feed': { status: 'unchanged' } }, failedFeeds: 0 } }, failed]);
    await pollChannel(deps);
    deps.now = () => new Date('2026-11-30T09:00:00.000Z');
    await pollChannel(deps);
    expect((await store.channelStates.getChannelState('scripted'))?.info).toEqual(failed.info);
  });

  it('keeps a rate limit\'s pause across a restart (the server set it)', async () => {
    const { channel, deps } = setup([new RateLimited(new Date('2026-11-30T08:15:00.000Z'))]);
    expect((await pollChannel({ ...deps, memory: new PollBackoffMemory() })).status).toBe('failed');
    expect((await pollChannel({ ...deps, memory: new PollBackoffMemory() })).status).toBe('skipped');
    expect(channel.calls).toHaveLength(1);
  });

  it('hands newly stored mentions to the post-ingest hook and survives its failure', async () => {
    const seen: string[] = [];
    const { store, deps } = setup([{ mentions: [buildRaw({ externalId: 'n1' })], cursor: 'c' }]);
    const outcome = await pollChannel({
      ...deps,
      onInserted: async (ms) => {
        seen.push(...ms.map((m) => m.externalId));
        throw new Error('hook broke');
      },
    });
    expect(outcome.status).toBe('ok');
    expect(seen).toEqual(['n1']);
    expect(await store.mentions.countMentions()).toBe(1);
  });

  it('lets timers and requests run between pages of a long backlog', async () => {
    const pages = Array.from({ length: 4 }, (_, i) => ({ mentions: [buildRaw({ externalId: `p${i}` })], cursor: `c${i}`, hasMore: i < 3 }));
    const { channel, deps } = setup(pages);
    const events: string[] = [];
    const poll = channel.poll.bind(channel);
    channel.poll = async (cursor, ctx) => {
      events.push(`page:${cursor}`);
      return poll(cursor, ctx);
    };
    setImmediate(() => events.push('timer'));
    await pollChannel(deps);
    expect(events.indexOf('timer')).toBeGreaterThan(0);
    expect(events.indexOf('timer')).toBeLessThan(events.length - 1);
  });

  describe('one page committed while the next is fetched', () => {
    /**
     * The store's writes held until released, as the ingest writer thread does them. Each held write
     * goes a few milliseconds later or, with `lastCursor`, only once the loop has begun fetching the
     * page after it (the last page has none): a loaded machine can then not commit a page before the
     * next fetch starts, which a timer alone allowed (a flaky failure under a busy CI).
     */
    function heldWrites(store: SqliteStores, events: string[], opts: { failOn?: string; lastCursor?: string } = {}) {
      const held: { cursor: string | null | undefined; since: number; resolve: () => void }[] = [];
      const ingest = store.mentions.ingestBatch.bind(store.mentions);
      store.mentions.ingestBatch = async (channel, mentions, cursor) => {
        events.push(`write:${cursor}`);
        await new Promise<void>((resolve) => held.push({ cursor, since: Date.now(), resolve }));
        if (cursor === opts.failOn) throw new Error(`write of ${cursor} failed`);
        const result = await ingest(channel, mentions, cursor);
        events.push(`committed:${cursor}`);
        return result;
      };
      // A loop that waited for the write before fetching on would never start that fetch: after 2 s
      // the write goes anyway, and the order assertions fail with the events to show for it.
      const mayGo = (w: (typeof held)[number]) =>
        opts.lastCursor === undefined || w.cursor === opts.lastCursor || events.includes(`poll:${w.cursor}`) || Date.now() - w.since > 2000;
      const releaser = setInterval(() => {
        if (held.length > 0 && mayGo(held[0])) held.shift()!.resolve();
      }, 5);
      return () => clearInterval(releaser);
    }

    const pages = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ mentions: [buildRaw({ externalId: `p${i}` })], cursor: `c${i}`, hasMore: i < n - 1 }));

    it('fetches page N+1 before page N is committed, and writes pages in order, one at a time', async () => {
      const { store, channel, deps } = setup(pages(4));
      const events: string[] = [];
      const poll = channel.poll.bind(channel);
      channel.poll = async (cursor, ctx) => {
        events.push(`poll:${cursor}`);
        return poll(cursor, ctx);
      };
      const stop = heldWrites(store, events, { lastCursor: 'c3' });
      const outcome = await pollChannel(deps);
      stop();
      expect(outcome).toMatchObject({ status: 'ok', inserted: 4, pages: 4 });
      // The fetch of the next page happens while the previous write is held.
      expect(events.indexOf('poll:c0')).toBeLessThan(events.indexOf('committed:c0'));
      expect(events.indexOf('poll:c1')).toBeLessThan(events.indexOf('committed:c1'));
      // Never a write started before the previous one committed.
      const writes = events.filter((e) => e.startsWith('write:') || e.startsWith('committed:'));
      expect(writes).toEqual(['write:c0', 'committed:c0', 'write:c1', 'committed:c1', 'write:c2', 'committed:c2', 'write:c3', 'committed:c3']);
      expect((await store.channelStates.getChannelState('scripted'))?.cursor).toBe('c3');
    });

    it('stops at a failed write: no later page is written and the cursor stays at the last committed page', async () => {
      const { store, deps } = setup(pages(4));
      const events: string[] = [];
      const stop = heldWrites(store, events, { failOn: 'c1' });
      const outcome = await pollChannel(deps);
      stop();
      expect(outcome).toMatchObject({ status: 'failed', error: 'write of c1 failed', pages: 1, inserted: 1 });
      expect(events.filter((e) => e.startsWith('write:'))).toEqual(['write:c0', 'write:c1']);
      expect((await store.channelStates.getChannelState('scripted'))?.cursor).toBe('c0');
      expect(await store.mentions.countMentions()).toBe(1);
    });

    it('lets the page being written finish when the next fetch fails', async () => {
      const { store, deps } = setup([{ mentions: [buildRaw({ externalId: 'kept' })], cursor: 'c0', hasMore: true }, new Transient('503')]);
      const events: string[] = [];
      const stop = heldWrites(store, events);
      const outcome = await pollChannel(deps);
      stop();
      expect(outcome).toMatchObject({ status: 'failed', pages: 1, inserted: 1 });
      expect(events).toEqual(['write:c0', 'committed:c0']);
      const state = await store.channelStates.getChannelState('scripted');
      expect(state).toMatchObject({ cursor: 'c0', health: 'failing', consecutiveFailures: 1 });
    });
  });

  describe('with the SQLite ingest writer thread (two pages in flight)', () => {
    it('commits every page in order, and after a failed page stores nothing later, its cursor at the last good page', async () => {
      const tmp = makeTempDir();
      const store = createSqliteStores(path.join(tmp.dir, 'rasid.db'), { ingestThread: true });
      expect(store.mentions.pipelinedIngest).toBe(true);
      const page = (p: string, n: number, more = true) => ({ mentions: Array.from({ length: n }, (_, i) => buildRaw({ externalId: `${p}-${i}` })), cursor: p, hasMore: more });
      // p2 is long to write and fails at its end, so p3 is already queued behind it.
      const channel = scriptedChannel([page('p1', 50), page('p2', 3000), page('p3', 50), page('p4', 50, false)]);
      store.db.exec(`CREATE TRIGGER fails BEFORE INSERT ON mentions WHEN NEW.external_id = 'p2-2999'
        BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);
      const writes: (string | null | undefined)[] = [];
      const ingest = store.mentions.ingestBatch.bind(store.mentions);
      store.mentions.ingestBatch = (ch, ms, cursor) => {
        writes.push(cursor);
        return ingest(ch, ms, cursor);
      };
      const { log } = memoryLogger();
      const outcome = await pollChannel({ store, channel, log, classifier: testClassifier() });
      expect(outcome).toMatchObject({ status: 'failed', pages: 1, inserted: 50 });
      expect(outcome.error).toMatch(/disk is full/);
      // p3 was handed to the store while p2 was being written, and was dropped there.
      expect(writes).toEqual(['p1', 'p2', 'p3']);
      expect((await store.channelStates.getChannelState('scripted'))?.cursor).toBe('p1');
      expect(await store.mentions.countMentions()).toBe(50);

      // The next run starts again at p2 and, the disk freed, gets everything exactly once.
      store.db.exec('DROP TRIGGER fails');
      channel.calls.length = 0;
      const again = scriptedChannel([page('p2', 3000), page('p3', 50), page('p4', 50, false)]);
      const second = await pollChannel({ store, channel: again, log, classifier: testClassifier(), backoff: { baseMs: 0, maxMs: 0 }, now: () => new Date(Date.now() + 60_000) });
      expect(second).toMatchObject({ status: 'ok', pages: 3, inserted: 3100 });
      expect(again.calls[0]).toBe('p1');
      expect((await store.channelStates.getChannelState('scripted'))?.cursor).toBe('p4');
      expect(await store.mentions.countMentions()).toBe(3150);
      await store.close();
      tmp.remove();
    });
  });
});
