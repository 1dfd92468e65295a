/** The X channel against a local X API v2 server, through the real twitter-api-v2 library. */
import { AuthFailed, Permanent, RateLimited, Transient } from '../../channels/channel';
import { parseCursor } from '../../channels/x/cursor';
import { miniStore, runTick, setupX, type XSetup } from '../fixtures/x/kit';

const MENTIONS = 'GET /2/users/:id/mentions';
const SEARCH = 'GET /2/tweets/search/recent';
const OWN_TWEETS = 'GET /2/users/:id/tweets';

describe('X channel polling', () => {
  let s: XSetup;
  afterEach(async () => {
    await s?.close();
  });

  it('on the first poll without a cursor, reads the newest page of mentions and maps every field', async () => {
    s = await setupX();
    const parent = s.fake.addPost({ text: 'إعلان الوزارة', author: s.fake.accountUsername });
    s.fake.addUser({ username: 'ali_bh', name: 'Ali', followers: 321, verified: false, location: 'Manama' });
    const post = s.fake.addPost({
      text: '@MOWBahrain حفرة كبيرة في شارع 45 بمنطقة سترة',
      author: 'ali_bh',
      mentionsAccount: true,
      inReplyTo: parent.id,
      createdAt: '2026-03-01T08:00:00.000Z',
      metrics: { likes: 4, replies: 1, reposts: 2, quotes: 0, impressions: 90 },
    });

    const result = await s.channel.poll(null, s.ctx);

    expect(result.mentions).toEqual([
      {
        externalId: post.id,
        url: `https://x.com/ali_bh/status/${post.id}`,
        author: { id: post.authorId, handle: 'ali_bh', name: 'Ali', followers: 321, verified: false, location: 'Manama' },
        text: post.text,
        lang: 'ar',
        createdAt: '2026-03-01T08:00:00.000Z',
        inReplyTo: parent.id,
        conversationId: parent.id,
        metrics: { likes: 4, replies: 1, reposts: 2, quotes: 0, impressions: 90 },
        kind: 'post',
        sources: ['mentions'],
      },
    ]);
    expect(result.hasMore).toBe(false);
    const req = s.fake.requests.find((r) => r.endpoint === MENTIONS)!;
    expect(req.query.since_id).toBeUndefined();
    expect(req.query.max_results).toBe('100');
    expect(req.query['tweet.fields'].split(',')).toEqual(
      expect.arrayContaining(['created_at', 'conversation_id', 'in_reply_to_user_id', 'referenced_tweets', 'public_metrics', 'lang', 'entities', 'geo']),
    );
    expect(req.query.expansions).toBe('author_id,referenced_tweets.id');
    expect(req.query['user.fields']).toBe('username,name,public_metrics,verified,location');
    expect(req.auth).toBe('user');
    expect(parseCursor(result.cursor).sources.mentions.sinceId).toBe(post.id);
  });

  it('on the first poll, does not dig past the newest page of a long history (no deep backfill)', async () => {
    s = await setupX();
    s.fake.addPosts(250, { text: 'old mention', mentionsAccount: true });

    const results = await runTick(s.channel, s.ctx, miniStore());

    expect(results).toHaveLength(1);
    expect(results[0].mentions).toHaveLength(100);
    expect(results[0].info?.gaps).toEqual([expect.objectContaining({ source: 'mentions' })]);
  });

  it('on the next poll, asks only for posts after the stored since_id', async () => {
    s = await setupX();
    const store = miniStore();
    const first = s.fake.addPost({ text: 'first', mentionsAccount: true });
    await runTick(s.channel, s.ctx, store);
    const later = s.fake.addPosts(3, { text: 'later', mentionsAccount: true });

    const [result] = await runTick(s.channel, s.ctx, store);

    expect(result.mentions.map((m) => m.externalId)).toEqual(later.map((p) => p.id).reverse());
    const mentionReqs = s.fake.requests.filter((r) => r.endpoint === MENTIONS);
    expect(mentionReqs[1].query.since_id).toBe(first.id);
    expect(parseCursor(store.cursor).sources.mentions.sinceId).toBe(later[2].id);
  });

  it('reads a backlog spread over 3 pages one page per poll, with hasMore, and without loss or duplicates', async () => {
    s = await setupX();
    const store = miniStore();
    await runTick(s.channel, s.ctx, store);
    const backlog = s.fake.addPosts(250, { text: 'طفح مجاري', mentionsAccount: true });

    const results = await runTick(s.channel, s.ctx, store);

    expect(results.map((r) => [r.mentions.length, r.hasMore])).toEqual([
      [100, true],
      [100, true],
      [50, false],
    ]);
    expect(store.deliveries).toHaveLength(250);
    expect(new Set(store.deliveries)).toEqual(new Set(backlog.map((p) => p.id)));
    const pageReqs = s.fake.requests.filter((r) => r.endpoint === MENTIONS).slice(-3);
    expect(pageReqs.map((r) => !!r.query.pagination_token)).toEqual([false, true, true]);
    expect(parseCursor(store.cursor).sources.mentions).toEqual({ sinceId: backlog[249].id, primed: true });
  });

  it('after a restart in the middle of a backlog, resumes at the committed page without loss or duplicates', async () => {
    s = await setupX();
    const store = miniStore();
    await runTick(s.channel, s.ctx, store);
    const backlog = s.fake.addPosts(250, { text: 'backlog', mentionsAccount: true });
    await runTick(s.channel, s.ctx, store, 1); // page 1 committed, then the process dies

    const restarted = s.restart();
    const results = await runTick(restarted, s.ctx, store);

    expect(results.map((r) => r.mentions.length)).toEqual([100, 50]);
    expect(store.deliveries).toHaveLength(250);
    expect(new Set(store.deliveries).size).toBe(250);
    expect(new Set(store.deliveries)).toEqual(new Set(backlog.map((p) => p.id)));
  });

  it('when a post arrives during a backlog, reads it on the next cycle', async () => {
    s = await setupX();
    const store = miniStore();
    await runTick(s.channel, s.ctx, store);
    s.fake.addPosts(150, { text: 'backlog', mentionsAccount: true });
    await runTick(s.channel, s.ctx, store, 1);
    const newcomer = s.fake.addPost({ text: 'arrived mid-backlog', mentionsAccount: true });
    await runTick(s.channel, s.ctx, store);
    expect(store.mentions.has(newcomer.id)).toBe(false);

    await runTick(s.channel, s.ctx, store);

    expect(store.mentions.has(newcomer.id)).toBe(true);
    expect(store.deliveries).toHaveLength(151);
  });

  it('when the same post is found by mentions and by a listening query, emits it once with both sources', async () => {
    const q = '"وزارة الأشغال" OR #الأشغال -is:retweet lang:ar';
    s = await setupX({ channel: { queries: [q] } });
    const both = s.fake.addPost({ text: '@MOWBahrain #الأشغال تجمع مياه الأمطار', mentionsAccount: true, queries: [q] });
    const onlyQuery = s.fake.addPost({ text: 'وزارة الأشغال تعلن', queries: [q] });

    const result = await s.channel.poll(null, s.ctx);

    expect(result.mentions).toHaveLength(2);
    expect(result.mentions.find((m) => m.externalId === both.id)?.sources).toEqual(['mentions', `query:${q}`]);
    expect(result.mentions.find((m) => m.externalId === onlyQuery.id)?.sources).toEqual([`query:${q}`]);
    const searchReq = s.fake.requests.find((r) => r.endpoint === SEARCH)!;
    expect(searchReq.query.query).toBe(q);
    expect(searchReq.auth).toBe('app');
  });

  it('keeps a separate since_id per listening query', async () => {
    s = await setupX({ channel: { queries: ['a', 'b'] } });
    const store = miniStore();
    const pa = s.fake.addPost({ text: 'A', queries: ['a'] });
    const pb = s.fake.addPost({ text: 'B', queries: ['b'] });
    await runTick(s.channel, s.ctx, store);
    await runTick(s.channel, s.ctx, store);

    const searches = s.fake.requests.filter((r) => r.endpoint === SEARCH).slice(-2);
    expect(searches.map((r) => [r.query.query, r.query.since_id])).toEqual([
      ['a', pa.id],
      ['b', pb.id],
    ]);
  });

  it('when recent search refuses a since_id older than 7 days, restarts that query from its newest page and reports the gap', async () => {
    s = await setupX({ channel: { queries: ['q'] } });
    const old = s.fake.addPost({ text: 'old', queries: ['q'], createdAt: new Date(Date.now() - 8 * 86_400_000).toISOString() });
    const fresh = s.fake.addPost({ text: 'fresh', queries: ['q'] });
    const cursor = JSON.stringify({ v: 1, sources: { mentions: { primed: true }, 'query:q': { sinceId: old.id, primed: true } } });

    const result = await s.channel.poll(cursor, s.ctx);

    expect(result.mentions.map((m) => m.externalId)).toEqual([fresh.id]);
    expect(result.info?.gaps).toEqual([{ source: 'query:q', sinceId: old.id }]);
    expect(s.fake.requests.filter((r) => r.endpoint === SEARCH).map((r) => r.status)).toEqual([400, 200]);
    expect(parseCursor(result.cursor).sources['query:q'].sinceId).toBe(fresh.id);
  });

  it('on a 200 with partial errors, ingests the data and lists the rest as skipped', async () => {
    s = await setupX();
    const gone = s.fake.addPost({ text: 'deleted later' });
    const reply = s.fake.addPost({ text: 'رد على تغريدة محذوفة', mentionsAccount: true, inReplyTo: gone.id });
    s.fake.deletePost(gone.id);
    s.fake.addPartialErrors(MENTIONS, [
      { resource_id: '123', resource_type: 'tweet', title: 'Authorization Error', detail: 'Sorry, you are not authorized to see the Tweet with id: [123].', type: 'https://api.x.com/2/problems/not-authorized-for-resource', section: 'data', parameter: 'id', value: '123' },
    ]);

    const result = await s.channel.poll(null, s.ctx);

    expect(result.mentions.map((m) => m.externalId)).toEqual([reply.id]);
    expect(result.skipped).toEqual(
      expect.arrayContaining([
        { externalId: '123', reason: expect.stringContaining('not authorized') },
        { externalId: gone.id, reason: expect.stringContaining('Could not find tweet') },
      ]),
    );
  });

  it('returns the x-rate-limit-* figures of every endpoint it called', async () => {
    s = await setupX({ channel: { queries: ['q'] } });

    const result = await s.channel.poll(null, s.ctx);

    expect(result.rateLimits).toEqual(
      expect.arrayContaining([
        { endpoint: MENTIONS, limit: 300, remaining: 299, resetAt: expect.stringMatching(/Z$/) },
        { endpoint: SEARCH, limit: 450, remaining: 449, resetAt: expect.stringMatching(/Z$/) },
      ]),
    );
  });

  it('on a 429, throws RateLimited with the reset time from x-rate-limit-reset', async () => {
    s = await setupX();
    const reset = s.fake.exhaustWindow(MENTIONS, 120_000);

    const err = await s.channel.poll(null, s.ctx).catch((e) => e);

    expect(err).toBeInstanceOf(RateLimited);
    expect((err as RateLimited).resetAt.toISOString()).toBe(reset.toISOString());
  });

  it('when a window is known to be spent, refuses to call before its reset (no request)', async () => {
    s = await setupX();
    s.fake.exhaustWindow(MENTIONS, 120_000);
    await s.channel.poll(null, s.ctx).catch(() => undefined);
    const before = s.fake.requests.filter((r) => r.endpoint === MENTIONS).length;

    await expect(s.channel.poll(null, s.ctx)).rejects.toBeInstanceOf(RateLimited);

    expect(s.fake.requests.filter((r) => r.endpoint === MENTIONS)).toHaveLength(before);
  });

  it.each([
    [503, 'Transient', Transient],
    [500, 'Transient', Transient],
    [401, 'AuthFailed', AuthFailed],
    [403, 'AuthFailed', AuthFailed],
    [400, 'Permanent', Permanent],
  ] as const)('maps an HTTP %i on polling to %s', async (status, _name, kind) => {
    s = await setupX();
    s.fake.failNext(MENTIONS, { status });
    await expect(s.channel.poll(null, s.ctx)).rejects.toBeInstanceOf(kind);
  });

  it('names the settings whose credentials X refused, and says X\'s words once', async () => {
    s = await setupX({ channel: { queries: ['وزارة الأشغال'] } });
    s.fake.failNext(MENTIONS, { status: 401 });
    const onMentions = await s.channel.poll(null, s.ctx).catch((e: Error) => e);
    expect(onMentions).toBeInstanceOf(AuthFailed);
    expect((onMentions as Error).message).toBe('X 401: Unauthorized (check X_APP_KEY, X_APP_SECRET, X_ACCESS_TOKEN, X_ACCESS_SECRET)');
    s.fake.failNext(SEARCH, { status: 401 });
    const onSearch = await s.channel.poll(null, s.ctx).catch((e: Error) => e);
    expect((onSearch as Error).message).toBe('X 401: Unauthorized (check X_BEARER_TOKEN)');
  });

  it('maps a dropped connection to Transient and makes one request only (no retry loop)', async () => {
    s = await setupX();
    s.fake.failNext(MENTIONS, { status: 0, kind: 'network' });
    await expect(s.channel.poll(null, s.ctx)).rejects.toBeInstanceOf(Transient);
    expect(s.fake.requests.filter((r) => r.endpoint === MENTIONS)).toHaveLength(1);
  });

  it('without an account id, resolves it once with users/me and keeps it in the kv', async () => {
    s = await setupX({ channel: { accountId: undefined } });
    await s.channel.poll(null, s.ctx);
    await s.channel.poll(null, s.ctx);

    expect(s.fake.requests.filter((r) => r.endpoint === 'GET /2/users/me')).toHaveLength(1);
    expect(JSON.parse(s.ctx.kv.data.get('x.account')!)).toEqual({ id: s.fake.accountId, username: s.fake.accountUsername });
  });

  it('refreshes the own timeline metrics at most once per hour', async () => {
    let now = new Date('2026-03-10T10:00:00Z');
    s = await setupX({ channel: { now: () => now } });
    const own = s.fake.addPost({ text: 'إغلاق مؤقت لشارع الملك فيصل', author: s.fake.accountUsername, metrics: { likes: 30, impressions: 5000 } });
    const store = miniStore();

    const [first] = await runTick(s.channel, s.ctx, store);
    now = new Date('2026-03-10T10:30:00Z');
    const [second] = await runTick(s.channel, s.ctx, store);
    now = new Date('2026-03-10T11:00:01Z');
    const [third] = await runTick(s.channel, s.ctx, store);

    expect(first.ownPosts).toEqual([expect.objectContaining({ externalId: own.id, metrics: expect.objectContaining({ likes: 30, impressions: 5000 }) })]);
    expect(second.ownPosts).toBeUndefined();
    expect(third.ownPosts).toHaveLength(1);
    expect(s.fake.requests.filter((r) => r.endpoint === 'GET /2/users/:id/tweets')).toHaveLength(2);
  });

  it('when the own timeline refresh fails, waits longer after each failure instead of retrying on every poll, also after a restart', async () => {
    const start = new Date('2026-03-10T10:00:00Z').getTime();
    let now = new Date(start);
    s = await setupX({ channel: { now: () => now } });
    s.fake.addPost({ text: 'إغلاق مؤقت لشارع الملك فيصل', author: s.fake.accountUsername });
    s.fake.failNext(OWN_TWEETS, { status: 503 }, 3);
    const store = miniStore();
    const ownRequests = () => s.fake.requests.filter((r) => r.endpoint === OWN_TWEETS).length;

    // Three minutes of a 2-second schedule.
    for (let t = 0; t < 180_000; t += 2_000) {
      now = new Date(start + t);
      await runTick(s.channel, s.ctx, store);
    }
    expect(ownRequests()).toBe(2); // at 0 s and 60 s; the next waits until 180 s
    expect(s.fake.requests.filter((r) => r.endpoint === MENTIONS)).toHaveLength(90);

    const restarted = s.restart();
    now = new Date(start + 179_000);
    await runTick(restarted, s.ctx, store);
    expect(ownRequests()).toBe(2);

    now = new Date(start + 180_000);
    await runTick(restarted, s.ctx, store); // third failure: the next try waits 4 minutes
    now = new Date(start + 419_000);
    await runTick(restarted, s.ctx, store);
    expect(ownRequests()).toBe(3);
    now = new Date(start + 420_000);
    const [recovered] = await runTick(restarted, s.ctx, store);
    expect(recovered.ownPosts).toHaveLength(1);
    expect(s.ctx.log.lines.filter((l) => l.msg === 'x own timeline refresh failed')).toHaveLength(3);
  });

  it('when the mentions window is spent, still reads recent search and leaves only mentions waiting (windows are per endpoint)', async () => {
    s = await setupX({ fake: { limits: { [MENTIONS]: { limit: 1, windowMs: 15 * 60_000 } } }, channel: { queries: ['q'] } });
    const store = miniStore();
    await runTick(s.channel, s.ctx, store); // the mentions window's last request: x-rate-limit-remaining 0
    const hit = s.fake.addPost({ text: 'تجمع مياه الأمطار', queries: ['q'] });
    const mention = s.fake.addPost({ text: '@MOWBahrain حفرة', mentionsAccount: true });

    const [result] = await runTick(s.channel, s.ctx, store);

    expect(result.mentions.map((m) => m.externalId)).toEqual([hit.id]);
    expect(s.fake.requests.filter((r) => r.endpoint === SEARCH)).toHaveLength(2);
    expect(s.fake.requests.filter((r) => r.endpoint === MENTIONS)).toHaveLength(1);
    expect(result.hasMore).toBe(false);
    expect(result.rateLimits).toEqual(expect.arrayContaining([expect.objectContaining({ endpoint: MENTIONS, remaining: 0 })]));
    expect(parseCursor(store.cursor).sources.mentions.sinceId).not.toBe(mention.id);
  });

  it('when a 429 answers one source, keeps what the other sources read and records that window as spent until the 429\'s reset', async () => {
    s = await setupX({ channel: { queries: ['q'] } });
    const hit = s.fake.addPost({ text: 'تجمع مياه الأمطار', queries: ['q'] });
    const reset = s.fake.exhaustWindow(MENTIONS, 120_000);

    const result = await s.channel.poll(null, s.ctx);

    expect(result.mentions.map((m) => m.externalId)).toEqual([hit.id]);
    expect(result.rateLimits).toEqual(
      expect.arrayContaining([{ endpoint: MENTIONS, limit: 300, remaining: 0, resetAt: reset.toISOString() }]),
    );
  });

  it('when every source\'s window is spent, throws RateLimited until the first reset with the current windows attached', async () => {
    s = await setupX({ channel: { queries: ['q'] } });
    const mentionsReset = s.fake.exhaustWindow(MENTIONS, 120_000);
    const searchReset = s.fake.exhaustWindow(SEARCH, 60_000);

    const err = (await s.channel.poll(null, s.ctx).catch((e) => e)) as RateLimited;

    expect(err).toBeInstanceOf(RateLimited);
    expect(err.resetAt.toISOString()).toBe(searchReset.toISOString());
    expect(err.rateLimits).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ endpoint: MENTIONS, remaining: 0, resetAt: mentionsReset.toISOString() }),
        expect.objectContaining({ endpoint: SEARCH, remaining: 0, resetAt: searchReset.toISOString() }),
      ]),
    );
  });
});
