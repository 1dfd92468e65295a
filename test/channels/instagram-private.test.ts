/**
 * instagram-private channel against nock at the HTTP level: the library's real request, cookie,
 * parsing and feed code runs; only i.instagram.com is replaced by bodies shaped like its types.
 */
import nock from 'nock';
import type { InstagramPrivateOptions } from '../../channels/instagram-private';
import { createInstagramPrivateChannel, instagramPrivateOptionsComplete } from '../../channels/instagram-private';
import { AuthFailed, OutcomeUnknown, Permanent, RateLimited, Transient } from '../../channels/channel';
import type { PollResult } from '../../channels/channel';
import { unknownWriteOutcome } from '../../channels/instagram-private/map-ig-error';
import { SESSION_KV_KEY } from '../../channels/instagram-private/session';
import type { RawMention } from '../../src/domain/mention';
import { memoryKv, testContext } from '../fixtures/instagram/poll-context';
import * as R from '../fixtures/instagram/private-api-responses';

const IG = 'https://i.instagram.com';
const PASSWORD = 'correct horse battery';
const NOW = new Date('2026-11-30T10:00:00Z');
const NOW_SEC = Math.floor(NOW.getTime() / 1000);
const HOUR = 3600;
const FEED_PATH = `/api/v1/feed/user/${R.OWN_PK}/`;

const sara = R.citizen(501, 'sara.bh', 'Sara');
const ali = R.citizen(502, 'ali_1990', 'Ali');

/** The JSON inside a signed form body (`signed_body=<hmac>.<json>`). */
function signedJson(body: Record<string, string>): Record<string, unknown> {
  const signed = body.signed_body ?? '';
  return JSON.parse(signed.slice(signed.indexOf('.') + 1)) as Record<string, unknown>;
}

function expectLogin(scope: nock.Scope, session = 'sess-1'): nock.Scope {
  return scope
    .post('/api/v1/qe/sync/')
    .reply(200, { status: 'ok', experiments: [] }, { ...R.passwordKeyHeaders(), 'set-cookie': ['csrftoken=csrf-0; Domain=.instagram.com; Path=/'] })
    .post('/api/v1/accounts/login/', (body: Record<string, string>) => signedJson(body).username === R.OWN_USERNAME)
    .reply(200, R.loginResponse(), { 'set-cookie': R.loginCookies(session) });
}

function channel(extra: Partial<InstagramPrivateOptions> = {}) {
  return createInstagramPrivateChannel({ username: R.OWN_USERNAME, password: PASSWORD, ...extra });
}

/** Polls until the round is done, as the runner does (commit, then poll again while hasMore). */
async function pollRound(ch: ReturnType<typeof channel>, cursor: string | null, ctx = testContext(NOW)) {
  const results: PollResult[] = [];
  let next = cursor;
  for (let i = 0; i < 20; i++) {
    const r = await ch.poll(next, ctx);
    results.push(r);
    next = r.cursor;
    if (!r.hasMore) break;
  }
  return { results, cursor: next, mentions: results.flatMap((r) => r.mentions) };
}

const ids = (ms: RawMention[]) => ms.map((m) => m.externalId);

beforeEach(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});

afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

describe('instagram-private channel', () => {
  it('logs in once, keeps the session in the store, and a restarted channel reuses it without logging in', async () => {
    const store = new Map<string, string>();
    const media = R.ownMedia('3100', { code: 'CmowA', comments: 0, likes: 41, takenAt: NOW_SEC - 2 * HOUR, caption: 'أعمال صيانة' });
    const first = expectLogin(nock(IG)).get(FEED_PATH).query(true).reply(200, R.userFeed([media]));

    const r1 = await channel({ sources: { comments: true, usertags: false, direct: false, directRequests: false } }).poll(null, testContext(NOW, store));

    expect(first.isDone()).toBe(true);
    expect(r1.ownPosts).toEqual([
      expect.objectContaining({ externalId: `3100_${R.OWN_PK}`, url: 'https://www.instagram.com/p/CmowA/', metrics: { likes: 41, replies: 0 } }),
    ]);
    const saved = store.get(SESSION_KV_KEY) ?? '';
    expect(JSON.parse(saved).state.cookies).toContain('sess-1');
    expect(saved).not.toContain(PASSWORD);
    expect(JSON.parse(saved).state.constants).toBeUndefined();

    // "Restart": a new instance with the same store. Only the feed is intercepted, with the
    // stored session cookie required; a login attempt would hit no interceptor and fail.
    const second = nock(IG).get(FEED_PATH).query(true).matchHeader('cookie', /sessionid=sess-1/).reply(200, R.userFeed([media]));
    const r2 = await channel({ sources: { comments: true, usertags: false, direct: false, directRequests: false } }).poll(null, testContext(NOW, store));

    expect(second.isDone()).toBe(true);
    expect(r2.ownPosts).toHaveLength(1);
  });

  it('walks comments across pages newest first, skips its own comments, and on the next round stops at the stored mark', async () => {
    const mediaId = `3200_${R.OWN_PK}`;
    const own = R.citizen(Number(R.OWN_PK), R.OWN_USERNAME);
    const c1 = R.comment('17900000000000001', { text: 'المجاري طافحة في سند', at: NOW_SEC - 5 * HOUR, user: sara });
    const c2 = R.comment('17900000000000002', { text: 'شكراً لتواصلكم', at: NOW_SEC - 4 * HOUR, user: own });
    const c3a = R.comment('17900000000000004', { text: 'نفس المشكلة عندنا', at: NOW_SEC - 2 * HOUR, user: sara, parent: '17900000000000003' });
    const c3 = R.comment('17900000000000003', { text: 'حفرة كبيرة في شارع الاستقلال', at: NOW_SEC - 3 * HOUR, user: ali, likes: 7, children: [c3a] });
    const ctx = testContext(NOW);
    const sources = { comments: true, usertags: false, direct: false, directRequests: false };

    const round1 = expectLogin(nock(IG))
      .get(FEED_PATH).query(true)
      .reply(200, R.userFeed([R.ownMedia('3200', { code: 'CmowB', comments: 4, likes: 10, takenAt: NOW_SEC - 6 * HOUR })]))
      .get(`/api/v1/media/${mediaId}/comments/`).query((q) => q.can_support_threading === 'true' && q.max_id === undefined)
      .reply(200, R.mediaComments([c3, c2], 'PAGE2'))
      .get(`/api/v1/media/${mediaId}/comments/`).query((q) => q.max_id === 'PAGE2')
      .reply(200, R.mediaComments([c1]));
    const ch = channel({ sources });
    const first = await pollRound(ch, null, ctx);

    expect(round1.isDone()).toBe(true);
    expect(first.results.map((r) => r.hasMore)).toEqual([true, true, false]);
    expect(ids(first.mentions)).toEqual([c3.pk, c3a.pk, c1.pk]);
    expect(first.mentions[0]).toMatchObject({
      kind: 'comment',
      replyable: true,
      text: 'حفرة كبيرة في شارع الاستقلال',
      author: { id: '502', handle: 'ali_1990', name: 'Ali' },
      conversationId: mediaId,
      inReplyTo: mediaId,
      metrics: { likes: 7, replies: 1 },
      url: `https://www.instagram.com/p/CmowB/c/${c3.pk}/`,
      createdAt: new Date((NOW_SEC - 3 * HOUR) * 1000).toISOString(),
    });
    expect(first.mentions[1]).toMatchObject({ inReplyTo: c3.pk, conversationId: mediaId });

    const c4 = R.comment('17900000000000005', { text: 'متى تصلحون الطريق؟', at: NOW_SEC - HOUR, user: ali });
    const c5 = R.comment('17900000000000006', { text: 'الإنارة مطفأة', at: NOW_SEC - 600, user: sara });
    const round2 = nock(IG)
      .get(FEED_PATH).query(true)
      .reply(200, R.userFeed([R.ownMedia('3200', { code: 'CmowB', comments: 6, likes: 12, takenAt: NOW_SEC - 6 * HOUR })]))
      .get(`/api/v1/media/${mediaId}/comments/`).query((q) => q.max_id === undefined)
      .reply(200, R.mediaComments([c5, c4, c3], 'PAGE2b'))
      .get(`/api/v1/media/${mediaId}/comments/`).query((q) => q.max_id === 'PAGE2b')
      .reply(200, R.mediaComments([c2, c1], 'PAGE3b'));
    const second = await pollRound(ch, first.cursor, ctx);

    expect(round2.isDone()).toBe(true);
    expect(ids(second.mentions)).toEqual([c5.pk, c4.pk]);
  });

  it('does not walk comments again when a post comment count has not changed', async () => {
    const media = R.ownMedia('3300', { code: 'CmowC', comments: 1, likes: 3, takenAt: NOW_SEC - HOUR });
    const c = R.comment('17900000000000010', { text: 'شكرا', at: NOW_SEC - 100, user: sara });
    expectLogin(nock(IG))
      .get(FEED_PATH).query(true).reply(200, R.userFeed([media]))
      .get(`/api/v1/media/${media.id}/comments/`).query(true).reply(200, R.mediaComments([c]));
    const ch = channel({ sources: { comments: true, usertags: false, direct: false, directRequests: false } });
    const first = await pollRound(ch, null);

    const onlyFeed = nock(IG).get(FEED_PATH).query(true).reply(200, R.userFeed([media]));
    const second = await pollRound(ch, first.cursor);

    expect(onlyFeed.isDone()).toBe(true);
    expect(second.results).toHaveLength(1);
    expect(second.mentions).toEqual([]);
  });

  it('delivers posts that tag the account, newer than the look-back window, as replyable posts', async () => {
    const recent = R.taggedPost('3400', { code: 'CtagA', by: sara, caption: 'تجمع مياه الأمطار @mow_bahrain', takenAt: NOW_SEC - HOUR, likes: 9 });
    const old = R.taggedPost('3399', { code: 'CtagB', by: ali, caption: 'قديم', takenAt: NOW_SEC - 40 * 24 * HOUR });
    const scope = expectLogin(nock(IG)).get(`/api/v1/usertags/${R.OWN_PK}/feed/`).query(true).reply(200, R.usertagsFeed([recent, old]));

    const { mentions } = await pollRound(channel({ sources: { comments: false, usertags: true, direct: false, directRequests: false } }), null);

    expect(scope.isDone()).toBe(true);
    expect(mentions).toEqual([
      expect.objectContaining({
        externalId: recent.id,
        kind: 'post',
        text: 'تجمع مياه الأمطار @mow_bahrain',
        author: expect.objectContaining({ handle: 'sara.bh' }),
        url: 'https://www.instagram.com/p/CtagA/',
        metrics: { likes: 9, replies: 0 },
        sources: ['usertags'],
      }),
    ]);
  });

  it('delivers only new direct messages from others, from the inbox and from message requests', async () => {
    const ctx = testContext(NOW);
    const sources = { comments: false, usertags: false, direct: true, directRequests: true };
    const m0 = R.dmItem('dm-0', { from: sara.pk, text: 'رسالة قديمة جداً', atSec: NOW_SEC - 30 * 24 * HOUR });
    const m1 = R.dmItem('dm-1', { from: R.OWN_PK, text: 'مرحباً، كيف نخدمك؟', atSec: NOW_SEC - 2 * HOUR });
    const m2 = R.dmItem('dm-2', { from: sara.pk, text: 'الشارع غرقان بعد المطر', atSec: NOW_SEC - HOUR });
    const p1 = R.dmItem('dm-p1', { from: ali.pk, text: 'أرجو إصلاح الرصيف', atSec: NOW_SEC - 300 });
    expectLogin(nock(IG))
      .get('/api/v1/direct_v2/inbox/').query(true).reply(200, R.inbox([R.thread('T1', sara, [m2, m1, m0])]))
      .get('/api/v1/direct_v2/pending_inbox/').query(true).reply(200, R.inbox([R.thread('T2', ali, [p1])]));
    const ch = channel({ sources });
    const first = await pollRound(ch, null, ctx);

    expect(ids(first.mentions)).toEqual(['dm-2', 'dm-p1']);
    expect(first.mentions[0]).toMatchObject({ kind: 'direct', conversationId: 'T1', author: { handle: 'sara.bh' }, sources: ['direct'] });
    expect(first.mentions[1]).toMatchObject({ conversationId: 'T2', sources: ['direct:requests'] });

    const m3 = R.dmItem('dm-3', { from: sara.pk, text: 'وين وصلتوا؟', atSec: NOW_SEC + 60 });
    const later = testContext(new Date(NOW.getTime() + 5 * 60_000), ctx.store);
    const scope = nock(IG)
      .get('/api/v1/direct_v2/inbox/').query(true).reply(200, R.inbox([R.thread('T1', sara, [m3, m2, m1])]))
      .get('/api/v1/direct_v2/pending_inbox/').query(true).reply(200, R.inbox([R.thread('T2', ali, [p1])]));
    const second = await pollRound(ch, first.cursor, later);

    expect(scope.isDone()).toBe(true);
    expect(ids(second.mentions)).toEqual(['dm-3']);
  });

  it('gives the same externalId with fresh metrics when an item is seen again', async () => {
    const sources = { comments: false, usertags: true, direct: false, directRequests: false };
    const tagged = (likes: number) => R.taggedPost('3500', { code: 'CtagC', by: ali, caption: 'حفرة', takenAt: NOW_SEC - HOUR, likes });
    expectLogin(nock(IG))
      .get(`/api/v1/usertags/${R.OWN_PK}/feed/`).query(true).reply(200, R.usertagsFeed([tagged(2)]))
      .get(`/api/v1/usertags/${R.OWN_PK}/feed/`).query(true).reply(200, R.usertagsFeed([tagged(15)]));
    const ch = channel({ sources });

    // The runner crashed before committing the first poll, so it polls again from the same cursor.
    const a = await ch.poll(null, testContext(NOW));
    const b = await ch.poll(null, testContext(NOW));

    expect(a.mentions[0].externalId).toBe(b.mentions[0].externalId);
    expect(a.mentions[0].metrics).toEqual({ likes: 2, replies: 0 });
    expect(b.mentions[0].metrics).toEqual({ likes: 15, replies: 0 });
  });

  it('replies through the media comment call, a reply to a reply going under its top-level comment', async () => {
    const mediaId = `3200_${R.OWN_PK}`;
    const sent: Record<string, unknown>[] = [];
    const scope = expectLogin(nock(IG))
      .post(`/api/v1/media/${mediaId}/comment/`, (body: Record<string, string>) => {
        sent.push(signedJson(body));
        return true;
      })
      .times(2)
      .reply(200, R.commentReply('17900000000000099', 'تم إبلاغ الفريق المختص', mediaId));
    const ch = channel({ kv: memoryKv() });

    const result = await ch.reply({ externalId: '17900000000000003', kind: 'comment', conversationId: mediaId, parentId: mediaId }, 'تم إبلاغ الفريق المختص', 'reply-1');
    await ch.reply({ externalId: '17900000000000004', kind: 'comment', conversationId: mediaId, parentId: '17900000000000003' }, 'شكراً لك', 'reply-2');

    expect(scope.isDone()).toBe(true);
    expect(result).toEqual({ externalId: '17900000000000099' });
    expect(sent).toEqual([
      expect.objectContaining({ comment_text: 'تم إبلاغ الفريق المختص', replied_to_comment_id: '17900000000000003' }),
      expect.objectContaining({ comment_text: 'شكراً لك', replied_to_comment_id: '17900000000000003' }),
    ]);
  });

  it('fails a comment reply that may have been posted (5xx) as OutcomeUnknown, a refused one (503) as Transient', async () => {
    const mediaId = `3200_${R.OWN_PK}`;
    const target = { externalId: '17900000000000003', kind: 'comment' as const, conversationId: mediaId, parentId: mediaId };
    expectLogin(nock(IG))
      .post(`/api/v1/media/${mediaId}/comment/`)
      .reply(500, { status: 'fail', message: 'Internal server error' })
      .post(`/api/v1/media/${mediaId}/comment/`)
      .reply(503, { status: 'fail', message: 'Please try again' });
    const ch = channel({ kv: memoryKv() });

    await expect(ch.reply(target, 'شكراً', 'k1')).rejects.toBeInstanceOf(OutcomeUnknown);
    const refused = await ch.reply(target, 'شكراً', 'k2').catch((e) => e);
    expect(refused).toBeInstanceOf(Transient);
    expect(refused).not.toBeInstanceOf(OutcomeUnknown);
  });

  it('takes the library’s network error on a write as an unknown outcome', async () => {
    // nock's replyWithError never settles request-promise, so the library's own error class is used.
    const { IgNetworkError, IgResponseError } = await import('instagram-private-api');
    const lost = new IgNetworkError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    expect(unknownWriteOutcome(lost, 'replying to a comment')).toBeInstanceOf(OutcomeUnknown);
    const refused = Object.assign(Object.create(IgResponseError.prototype), { name: 'IgResponseError', response: { statusCode: 400, body: {} } });
    expect(unknownWriteOutcome(refused, 'replying to a comment')).toBeUndefined();
  });

  it('replies in a direct thread with a client_context derived from the idempotency key', async () => {
    const bodies: Record<string, string>[] = [];
    const scope = expectLogin(nock(IG))
      .post('/api/v1/direct_v2/threads/broadcast/text/', (body: Record<string, string>) => {
        bodies.push(body);
        return true;
      })
      .times(2)
      .reply(200, R.broadcastResponse('T1', 'dm-reply-1'));
    const ch = channel({ kv: memoryKv() });

    const result = await ch.reply({ externalId: 'dm-2', kind: 'direct', conversationId: 'T1' }, 'نعتذر، الفريق في الطريق', 'reply-2');
    await ch.reply({ externalId: 'dm-2', kind: 'direct', conversationId: 'T1' }, 'نعتذر، الفريق في الطريق', 'reply-2');

    expect(scope.isDone()).toBe(true);
    expect(result).toEqual({ externalId: 'dm-reply-1' });
    expect(bodies[0]).toMatchObject({ action: 'send_item', thread_ids: '["T1"]', text: 'نعتذر، الفريق في الطريق' });
    expect(bodies[0].client_context).toBe(bodies[1].client_context);
  });

  it('turns a checkpoint into AuthFailed with a clear message and does not call Instagram again right away', async () => {
    expectLogin(nock(IG)).get(FEED_PATH).query(true).reply(400, R.checkpointRequired());
    const ch = channel({ sources: { comments: true, usertags: false, direct: false, directRequests: false } });

    const failure = await ch.poll(null, testContext(NOW)).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AuthFailed);
    expect((failure as Error).message).toMatch(/checkpoint/);

    // No interceptor is left: a request would fail as a network error, not as AuthFailed.
    await expect(ch.poll(null, testContext(NOW))).rejects.toBeInstanceOf(AuthFailed);
  });

  it('turns a checkpoint at login into AuthFailed', async () => {
    nock(IG)
      .post('/api/v1/qe/sync/').reply(200, { status: 'ok' }, R.passwordKeyHeaders())
      .post('/api/v1/accounts/login/').reply(400, R.checkpointRequired());

    await expect(channel().poll(null, testContext(NOW))).rejects.toThrow(AuthFailed);
  });

  it('turns "please wait a few minutes" into RateLimited with a backoff', async () => {
    expectLogin(nock(IG)).get(FEED_PATH).query(true).reply(429, R.pleaseWait());

    const failure = await channel({ rateLimitBackoffMs: 20 * 60_000 }).poll(null, testContext(NOW)).catch((e: unknown) => e);

    expect(failure).toBeInstanceOf(RateLimited);
    expect((failure as RateLimited).resetAt.toISOString()).toBe(new Date(NOW.getTime() + 20 * 60_000).toISOString());
  });

  it('logs in again once when a stored session was logged out', async () => {
    const store = new Map<string, string>();
    const sources = { comments: true, usertags: false, direct: false, directRequests: false };
    expectLogin(nock(IG), 'sess-old').get(FEED_PATH).query(true).reply(200, R.userFeed([]));
    await channel({ sources }).poll(null, testContext(NOW, store));

    const scope = nock(IG).get(FEED_PATH).query(true).reply(400, R.loginRequired());
    expectLogin(scope, 'sess-new').get(FEED_PATH).query(true).matchHeader('cookie', /sessionid=sess-new/).reply(200, R.userFeed([]));
    const result = await channel({ sources }).poll(null, testContext(NOW, store));

    expect(scope.isDone()).toBe(true);
    expect(result.cursor).not.toBeNull();
    expect(store.get(SESSION_KV_KEY)).toContain('sess-new');
  });

  it('reports a missing library as a Permanent error', async () => {
    const ch = channel({ loadLibrary: () => Promise.reject(new Error("Cannot find module 'instagram-private-api'")) });

    await expect(ch.poll(null, testContext(NOW))).rejects.toThrow(Permanent);
  });

  it('says which credentials are missing', () => {
    expect(instagramPrivateOptionsComplete({ username: 'x' })).toEqual({ ok: false, missing: ['IG_PASSWORD'] });
    expect(instagramPrivateOptionsComplete({ username: 'x', password: 'y' })).toEqual({ ok: true, missing: [] });
    expect(() => createInstagramPrivateChannel({ username: 'x', password: '' })).toThrow(/IG_PASSWORD/);
  });

  it('asks the sender to retry a reply that comes before any session is known', async () => {
    await expect(channel().reply({ externalId: '1', kind: 'comment', conversationId: 'm' }, 'x', 'k')).rejects.toThrow(Transient);
  });
});
