/**
 * instagram_graph channel against a local Graph API double (real socket, real fetch).
 */
import nock from 'nock';
import { AuthFailed, OutcomeUnknown, Permanent, RateLimited, Transient } from '../../channels/channel';
import type { PollResult } from '../../channels/channel';
import type { InstagramGraphOptions } from '../../channels/instagram-graph';
import { createInstagramGraphChannel, instagramGraphOptionsComplete } from '../../channels/instagram-graph';
import type { FakeComment, FakeGraphApi, FakeMedia } from '../fakes/ig-graph-api';
import { graphError, startFakeGraphApi } from '../fakes/ig-graph-api';
import examples from '../fixtures/instagram/graph-api-examples.json';
import { testContext } from '../fixtures/instagram/poll-context';

const NOW = new Date('2026-11-30T10:00:00Z');
const OWN = 'mow.bahrain';

/** Graph timestamps look like 2017-08-31T18:10:30+0000. */
function graphTime(minutesAgo: number, from = NOW): string {
  return new Date(from.getTime() - minutesAgo * 60_000).toISOString().replace(/\.\d{3}Z$/, '+0000');
}

function post(id: string, comments: number, likes: number, minutesAgo = 600): FakeMedia {
  return { id, caption: `منشور ${id}`, timestamp: graphTime(minutesAgo), permalink: `https://www.instagram.com/p/${id}/`, comments_count: comments, like_count: likes, username: OWN };
}

function comment(id: string, text: string, minutesAgo: number, username = 'sara.bh', extra: Partial<FakeComment> = {}): FakeComment {
  return { id, text, timestamp: graphTime(minutesAgo), username, from: { id: `igsid-${username}`, username }, like_count: 0, ...extra };
}

let api: FakeGraphApi;

beforeEach(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  api = await startFakeGraphApi();
});

afterEach(async () => {
  await api.close();
  nock.enableNetConnect();
});

function channel(extra: Partial<InstagramGraphOptions> = {}) {
  return createInstagramGraphChannel({ accessToken: api.token, igUserId: api.igUserId, baseUrl: api.baseUrl, now: () => NOW, ...extra });
}

async function pollRound(ch: ReturnType<typeof channel>, cursor: string | null, now = NOW) {
  const results: PollResult[] = [];
  let next = cursor;
  for (let i = 0; i < 30; i++) {
    const r = await ch.poll(next, testContext(now));
    results.push(r);
    next = r.cursor;
    if (!r.hasMore) break;
  }
  return { results, cursor: next, mentions: results.flatMap((r) => r.mentions) };
}

describe('instagram_graph channel', () => {
  it('on a first poll lists own posts with metrics, then reads their comments with replies and the posts that tag the account', async () => {
    api.media = [post('m1', 3, 120), post('m2', 0, 8)];
    api.comments.m1 = [
      comment('c2', 'الشارع مغلق منذ أسبوع', 30, 'ali_1990', { like_count: 4, replies: [comment('c2r', 'نفس الشيء عندنا', 20, 'sara.bh', { parent_id: 'c2' })] }),
      comment('c1', 'شكراً لكم', 60, OWN),
    ];
    api.tags = [{ id: 't1', caption: 'مياه الأمطار في الشارع @mow.bahrain', timestamp: graphTime(90), permalink: 'https://www.instagram.com/p/t1/', username: 'citizen.k', like_count: 3, comments_count: 1 }];

    const { results, mentions } = await pollRound(channel(), null);

    expect(results.map((r) => r.hasMore)).toEqual([true, true, false]);
    expect(results[0].ownPosts).toEqual([
      { externalId: 'm1', url: 'https://www.instagram.com/p/m1/', text: 'منشور m1', createdAt: new Date(NOW.getTime() - 600 * 60_000).toISOString(), metrics: { likes: 120, replies: 3 } },
      expect.objectContaining({ externalId: 'm2', metrics: { likes: 8, replies: 0 } }),
    ]);
    expect(mentions.map((m) => m.externalId)).toEqual(['c2', 'c2r', 't1']);
    expect(mentions[0]).toMatchObject({
      kind: 'comment',
      replyable: true,
      author: { id: 'igsid-ali_1990', handle: 'ali_1990' },
      text: 'الشارع مغلق منذ أسبوع',
      createdAt: new Date(NOW.getTime() - 30 * 60_000).toISOString(),
      conversationId: 'm1',
      inReplyTo: 'm1',
      url: 'https://www.instagram.com/p/m1/',
      metrics: { likes: 4, replies: 1 },
    });
    expect(mentions[1]).toMatchObject({ inReplyTo: 'c2', conversationId: 'm1' });
    expect(mentions[2]).toMatchObject({ kind: 'post', author: { handle: 'citizen.k' }, metrics: { likes: 3, replies: 1 }, sources: ['tags'] });
    const mediaRequest = api.requests.find((r) => r.path === `/${api.igUserId}/media`);
    expect(mediaRequest?.query.fields).toContain('id,caption,timestamp,permalink,comments_count,like_count');
    expect(api.requests.find((r) => r.path === '/m1/comments')?.query.fields).toMatch(/replies\{id,text,timestamp,username/);
    expect(api.requests.some((r) => r.path === '/m2/comments')).toBe(false);
  });

  it('follows comment pages with the after cursor and tag pages that carry cursors without next links', async () => {
    api.media = [post('m1', 5, 1)];
    api.comments.m1 = [1, 2, 3, 4, 5].map((n) => comment(`c${n}`, `تعليق ${n}`, n * 10));
    api.tags = [1, 2, 3].map((n) => ({ id: `t${n}`, caption: `وسم ${n}`, timestamp: graphTime(n * 5), permalink: `https://www.instagram.com/p/t${n}/`, username: 'x' }));

    const { mentions } = await pollRound(channel({ pageSize: 2 }), null);

    expect(mentions.map((m) => m.externalId)).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', 't1', 't2', 't3']);
    const commentPages = api.requests.filter((r) => r.path === '/m1/comments');
    expect(commentPages.map((r) => r.query.after)).toEqual([undefined, expect.any(String), expect.any(String)]);
    // Page 1 is full, so the cursor is followed; page 2 is short, so it was the last.
    expect(api.requests.filter((r) => r.path.endsWith('/tags')).length).toBe(2);
  });

  it('on the next round reads only posts whose comment count changed and delivers only new comments', async () => {
    api.media = [post('m1', 2, 1), post('m2', 1, 1)];
    api.comments.m1 = [comment('c2', 'ب', 20), comment('c1', 'أ', 40)];
    api.comments.m2 = [comment('d1', 'ج', 50)];
    const ch = channel({ sources: { tags: false } });
    const first = await pollRound(ch, null);
    expect(first.mentions.map((m) => m.externalId)).toEqual(['c2', 'c1', 'd1']);

    const later = new Date(NOW.getTime() + 30 * 60_000);
    api.media = [post('m1', 3, 1), post('m2', 1, 1)];
    api.comments.m1 = [comment('c3', 'جديد', -10, 'ali_1990'), ...api.comments.m1];
    api.requests = [];
    const second = await pollRound(ch, first.cursor, later);

    expect(second.mentions.map((m) => m.externalId)).toEqual(['c3']);
    expect(api.requests.map((r) => r.path)).toEqual([`/${api.igUserId}/media`, '/m1/comments']);
  });

  it('reads a new comment that arrived after another was deleted (same comment count) by re-reading recent posts hourly, not older ones', async () => {
    const eightDays = 8 * 24 * 60;
    api.media = [post('m1', 2, 1), post('old', 1, 1, eightDays)];
    api.comments.m1 = [comment('c2', 'ب', 20), comment('c1', 'أ', 40)];
    api.comments.old = [comment('o1', 'قديم', eightDays - 10)];
    const ch = channel({ sources: { tags: false }, lookbackDays: 30 });
    const first = await pollRound(ch, null);
    expect(first.mentions.map((m) => m.externalId)).toEqual(['c2', 'c1', 'o1']);

    // c1 deleted, c3 added: both posts still show the same counts.
    api.comments.m1 = [comment('c3', 'حفرة جديدة', 5, 'ali_1990'), comment('c2', 'ب', 20)];
    api.comments.old = [comment('o2', 'جديد على منشور قديم', 5), comment('o1', 'قديم', eightDays - 10)];
    api.requests = [];
    const halfHour = await pollRound(ch, first.cursor, new Date(NOW.getTime() + 30 * 60_000));
    expect(halfHour.mentions).toEqual([]);
    expect(api.requests.map((r) => r.path)).toEqual([`/${api.igUserId}/media`]);

    api.requests = [];
    const hour = await pollRound(ch, halfHour.cursor, new Date(NOW.getTime() + 60 * 60_000));
    expect(hour.mentions.map((m) => m.externalId)).toEqual(['c3']);
    expect(api.requests.map((r) => r.path)).toEqual([`/${api.igUserId}/media`, '/m1/comments']);
  });

  it('turns a throttling error into RateLimited using the business usage wait, and the same cursor works afterwards', async () => {
    api.media = [post('m1', 1, 1)];
    api.comments.m1 = [comment('c1', 'حفرة', 10)];
    api.failures.push({
      match: /^GET \/m1\/comments/,
      status: 400,
      body: { error: { ...examples.errors.body.error, code: 4, error_subcode: undefined, message: '(#4) Application request limit reached' } },
      headers: { 'x-business-use-case-usage': JSON.stringify({ '17841400000000001': [{ type: 'instagram', call_count: 100, total_cputime: 12, total_time: 20, estimated_time_to_regain_access: 7 }] }) },
    });
    const ch = channel({ sources: { tags: false } });
    const first = await ch.poll(null, testContext(NOW));

    const failure = await ch.poll(first.cursor, testContext(NOW)).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(RateLimited);
    expect((failure as RateLimited).resetAt.toISOString()).toBe(new Date(NOW.getTime() + 7 * 60_000).toISOString());

    const later = new Date(NOW.getTime() + 8 * 60_000);
    const recovered = await ch.poll(first.cursor, testContext(later));
    expect(recovered.mentions.map((m) => m.externalId)).toEqual(['c1']);
  });

  it.each([
    [17, 'user request limit'],
    [32, 'page request limit'],
    [613, 'calls within one hour exceeded'],
  ])('treats Graph error code %i (%s) as RateLimited', async (code, message) => {
    api.failures.push({ match: /^GET \//, status: 400, body: graphError(code, message) });

    await expect(channel().poll(null, testContext(NOW))).rejects.toBeInstanceOf(RateLimited);
  });

  it('reports usage headers and holds back once usage reaches 90%', async () => {
    api.media = [post('m1', 1, 1)];
    api.comments.m1 = [comment('c1', 'حفرة', 10)];
    api.usage.app = { call_count: 92, total_time: 40, total_cputime: 35 };
    const ch = channel({ throttleBackoffMs: 10 * 60_000 });

    const first = await ch.poll(null, testContext(NOW));

    expect(first.rateLimits).toEqual([{ endpoint: 'app', limit: 100, remaining: 8 }]);
    expect(first.info).toMatchObject({ usagePct: 92 });
    expect(first.nextPollAfter).toBe(new Date(NOW.getTime() + 10 * 60_000).toISOString());
    expect(first.hasMore).toBe(false);
    const before = api.requests.length;
    await expect(ch.poll(first.cursor, testContext(NOW))).rejects.toBeInstanceOf(RateLimited);
    expect(api.requests.length).toBe(before);
  });

  it('turns an invalid token (code 190) into AuthFailed and a server error into Transient', async () => {
    await expect(channel({ accessToken: 'expired' }).poll(null, testContext(NOW))).rejects.toThrow(AuthFailed);

    api.failures.push({ match: /^GET \//, status: 500, body: graphError(2, 'Service temporarily unavailable') });
    await expect(channel().poll(null, testContext(NOW))).rejects.toThrow(Transient);
  });

  it('names IG_GRAPH_USER_ID when Graph says the account\'s object is not there (code 100, a page id or a typo)', async () => {
    api.failures.push({ match: /^GET \//, status: 400, body: graphError(100, 'Unsupported get request. Object with ID \'abc\' does not exist') });
    const err = await channel().poll(null, testContext(NOW)).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Permanent);
    expect((err as Error).message).toContain('check IG_GRAPH_USER_ID');
  });

  it('gives the same externalId with fresh metrics when a comment is seen again', async () => {
    api.media = [post('m1', 1, 1)];
    api.comments.m1 = [comment('c1', 'حفرة خطيرة', 10, 'ali_1990', { like_count: 1 })];
    const ch = channel({ sources: { tags: false } });
    const listed = await ch.poll(null, testContext(NOW));

    const a = await ch.poll(listed.cursor, testContext(NOW));
    api.comments.m1[0].like_count = 9;
    const b = await ch.poll(listed.cursor, testContext(NOW));

    expect(a.mentions[0].externalId).toBe('c1');
    expect(b.mentions[0].externalId).toBe('c1');
    expect(a.mentions[0].metrics?.likes).toBe(1);
    expect(b.mentions[0].metrics?.likes).toBe(9);
  });

  it('replies to a comment with POST /{comment-id}/replies and to a reply under its top-level comment', async () => {
    api.comments.m1 = [comment('c2', 'سؤال', 30, 'ali_1990', { replies: [comment('c2r', 'وأنا', 20, 'sara.bh', { parent_id: 'c2' })] })];
    const ch = channel();

    const sent = await ch.reply({ externalId: 'c2', kind: 'comment', conversationId: 'm1', parentId: 'm1' }, 'تم رفع البلاغ، شكراً لك', 'k1');
    await ch.reply({ externalId: 'c2r', kind: 'comment', conversationId: 'm1', parentId: 'c2' }, 'وصلنا بلاغك', 'k2');

    expect(sent.externalId).toBe(api.replies[0].id);
    expect(api.replies.map((r) => [r.to, r.message])).toEqual([
      ['c2', 'تم رفع البلاغ، شكراً لك'],
      ['c2', 'وصلنا بلاغك'],
    ]);
  });

  it('fails a reply to a deleted comment as Permanent and a throttled reply as RateLimited', async () => {
    const ch = channel();
    await expect(ch.reply({ externalId: 'gone', kind: 'comment', conversationId: 'm1' }, 'شكراً', 'k3')).rejects.toThrow(Permanent);

    api.comments.m1 = [comment('c1', 'حفرة', 10)];
    api.failures.push({ match: /^POST \/c1\/replies/, status: 400, body: graphError(613, 'Calls to this api have exceeded the rate limit') });
    await expect(ch.reply({ externalId: 'c1', kind: 'comment', conversationId: 'm1' }, 'شكراً', 'k4')).rejects.toThrow(RateLimited);
    expect(api.replies).toEqual([]);
  });

  it('fails a reply that may have been posted (answer after the timeout, 5xx) as OutcomeUnknown, never as something to retry', async () => {
    api.comments.m1 = [comment('c1', 'حفرة', 10)];
    const ch = channel({ timeoutMs: 150 });
    api.delays.push({ match: /^POST \/c1\/replies/, ms: 400 });
    await expect(ch.reply({ externalId: 'c1', kind: 'comment', conversationId: 'm1' }, 'شكراً', 'k5')).rejects.toThrow(OutcomeUnknown);
    // Meta carried it out after the client gave up.
    await new Promise((r) => setTimeout(r, 500));
    expect(api.replies.map((r) => r.message)).toEqual(['شكراً']);

    api.failures.push({ match: /^POST \/c1\/replies/, status: 500, body: graphError(1, 'An unknown error occurred') });
    await expect(ch.reply({ externalId: 'c1', kind: 'comment', conversationId: 'm1' }, 'شكراً', 'k6')).rejects.toThrow(OutcomeUnknown);
    // Reads stay retryable: a slow or failing GET is Transient.
    api.failures.push({ match: /^GET /, status: 500, body: graphError(1, 'An unknown error occurred') });
    await expect(ch.poll(null, testContext(NOW))).rejects.toThrow(Transient);
  });

  it('finds its own reply under a comment by text and time (GET /{comment-id}/replies), and nothing for other texts or posts', async () => {
    api.comments.m1 = [comment('c1', 'حفرة', 10, 'sara.bh', { replies: [comment('c1r', 'شكراً', 5, 'ali_1990', { parent_id: 'c1' })] })];
    const ch = channel();
    const since = new Date(Date.now() - 60_000);
    const sent = await ch.reply({ externalId: 'c1', kind: 'comment', conversationId: 'm1' }, 'شكراً', 'k7');

    // Someone else's reply with the same words does not count; ours does, also for a reply to a reply.
    expect(await ch.findReply({ externalId: 'c1', kind: 'comment', conversationId: 'm1' }, 'شكراً', since)).toEqual({ externalId: sent.externalId });
    expect(await ch.findReply({ externalId: 'c1r', kind: 'comment', conversationId: 'm1', parentId: 'c1' }, 'شكراً', since)).toEqual({ externalId: sent.externalId });
    expect(await ch.findReply({ externalId: 'c1', kind: 'comment', conversationId: 'm1' }, 'نص آخر', since)).toBeNull();
    expect(await ch.findReply({ externalId: 'c1', kind: 'comment', conversationId: 'm1' }, 'شكراً', new Date(Date.now() + 60_000))).toBeNull();
    await expect(ch.findReply({ externalId: 'media9', kind: 'post' }, 'شكراً', since)).rejects.toThrow(Permanent);
    // The account's own replies stay out of the polled mentions.
    const round = await pollRound(ch, null);
    expect(round.mentions.map((m) => m.externalId)).not.toContain(sent.externalId);
  });

  it('reads the comment a mentions webhook points at', async () => {
    api.tags = [{ id: 'media9', timestamp: graphTime(5), permalink: 'https://www.instagram.com/p/media9/', username: 'someone' }];
    api.comments.media9 = [comment('cm1', '@mow.bahrain الطريق مكسر', 3, 'someone', { like_count: 2 })];

    const mention = await channel().fetchMention({ media_id: 'media9', comment_id: 'cm1' });

    expect(mention).toMatchObject({ externalId: 'cm1', text: '@mow.bahrain الطريق مكسر', conversationId: 'media9', url: 'https://www.instagram.com/p/media9/', sources: ['mentions'] });
  });

  it('sends appsecret_proof when the app secret is configured', async () => {
    api.media = [];
    await channel({ appSecret: 'app-secret' }).poll(null, testContext(NOW));

    expect(api.requests[0].query.appsecret_proof).toMatch(/^[0-9a-f]{64}$/);
  });

  it('says which settings are missing', () => {
    expect(instagramGraphOptionsComplete({ accessToken: 't' })).toEqual({ ok: false, missing: ['IG_GRAPH_USER_ID'] });
    expect(instagramGraphOptionsComplete({ accessToken: 't', igUserId: '1' }).ok).toBe(true);
    expect(() => createInstagramGraphChannel({ accessToken: '', igUserId: '1' })).toThrow(/IG_GRAPH_TOKEN/);
  });
});
