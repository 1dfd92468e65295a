/** Replies on X: weighted length first, then POST /2/tweets, with X's refusals mapped. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { OutcomeUnknown, Permanent, RateLimited, Transient } from '../../channels/channel';
import { DELETED_TARGET_403, DUPLICATE_CONTENT_403, REPLY_NOT_ALLOWED_403 } from '../../bench/support/fake-x-api';
import { createXChannel } from '../../channels/x';
import { CREDS, setupX, type XSetup } from '../fixtures/x/kit';

const POST = 'POST /2/tweets';

describe('X channel replies', () => {
  let s: XSetup;
  afterEach(async () => {
    await s?.close();
  });

  async function withMention() {
    s = await setupX();
    return s.fake.addPost({ text: '@MOWBahrain تسرب مياه في الطريق', mentionsAccount: true });
  }

  it('posts a reply with in_reply_to_tweet_id and returns the new post id and url', async () => {
    const mention = await withMention();

    const sent = await s.channel.reply!({ externalId: mention.id }, 'شكراً لتواصلكم، تم تحويل البلاغ إلى الفريق المختص.', 'key-1');

    expect(s.fake.created).toHaveLength(1);
    expect(s.fake.created[0]).toMatchObject({ id: sent.externalId, inReplyToTweetId: mention.id, text: 'شكراً لتواصلكم، تم تحويل البلاغ إلى الفريق المختص.' });
    expect(sent.url).toMatch(new RegExp(`^https://x\\.com/.+/status/${sent.externalId}$`));
    expect(s.fake.requests.find((r) => r.endpoint === POST)?.auth).toBe('user');
  });

  it('rejects duplicate content as Permanent (duplicate_content) and sends it once only', async () => {
    const mention = await withMention();
    s.fake.failNext(POST, { status: 403, body: DUPLICATE_CONTENT_403 });

    const err = await s.channel.reply!({ externalId: mention.id }, 'نص مكرر', 'key-2').catch((e) => e);

    expect(err).toBeInstanceOf(Permanent);
    expect((err as Permanent).code).toBe('duplicate_content');
    expect(s.fake.requests.filter((r) => r.endpoint === POST)).toHaveLength(1);
  });

  it('rejects a second identical reply detected by X itself as duplicate content', async () => {
    const mention = await withMention();
    await s.channel.reply!({ externalId: mention.id }, 'نفس النص', 'key-3');
    await expect(s.channel.reply!({ externalId: mention.id }, 'نفس النص', 'key-4')).rejects.toMatchObject({ code: 'duplicate_content' });
  });

  it.each([
    ['reply_not_allowed', REPLY_NOT_ALLOWED_403],
    ['target_deleted', DELETED_TARGET_403],
  ])('maps the refusal to Permanent with code %s', async (code, body) => {
    const mention = await withMention();
    s.fake.failNext(POST, { status: 403, body });
    await expect(s.channel.reply!({ externalId: mention.id }, 'رد', 'k')).rejects.toMatchObject({ kind: 'permanent', code });
  });

  it('maps a reply to a post that no longer exists to Permanent target_deleted', async () => {
    s = await setupX();
    await expect(s.channel.reply!({ externalId: '1999999999999999999' }, 'رد', 'k')).rejects.toMatchObject({ code: 'target_deleted' });
  });

  it('refuses a reply over the weighted limit before any request', async () => {
    const mention = await withMention();
    // 258 letters + space + a URL (counted as 23 by X) = 282 weighted
    const text = `${'ب'.repeat(258)} https://www.works.gov.bh/ar/complaints/track`;

    const err = await s.channel.reply!({ externalId: mention.id }, text, 'k').catch((e) => e);

    expect(err).toBeInstanceOf(Permanent);
    expect((err as Permanent).code).toBe('too_long');
    expect(s.fake.requests.filter((r) => r.endpoint === POST)).toHaveLength(0);
  });

  it.each([
    ['280 Arabic letters', 'م'.repeat(280), 280],
    ['a URL counts 23 whatever its length', `رابط https://www.works.gov.bh/${'a'.repeat(80)}`, 5 + 23],
    ['emoji weigh 2', '👍👍', 4],
  ])('measures %s with the twitter-text weighted length', (_name, text, expected) => {
    const channel = createXChannel({ oauth1: CREDS.oauth1, accountId: '1' });
    expect(channel.measureReply!(text)).toEqual({ length: expected, max: 280 });
  });

  it('maps a 429 on posting to RateLimited and a 503 to Transient', async () => {
    const mention = await withMention();
    s.fake.failNext(POST, { status: 503 });
    await expect(s.channel.reply!({ externalId: mention.id }, 'a', 'k')).rejects.toBeInstanceOf(Transient);
    s.fake.exhaustWindow(POST, 60_000);
    await expect(s.channel.reply!({ externalId: mention.id }, 'b', 'k')).rejects.toBeInstanceOf(RateLimited);
  });

  describe('a reply whose outcome is unknown', () => {
    const TEXT = 'شكراً لتواصلكم، تم تحويل البلاغ.';

    it('is OutcomeUnknown when the answer comes after the timeout, and findReply finds the post X made', async () => {
      s = await setupX({ channel: { requestTimeoutMs: 150 } });
      const mention = s.fake.addPost({ text: '@MOWBahrain حفرة', mentionsAccount: true });
      const other = s.fake.addPost({ text: '@MOWBahrain إنارة', mentionsAccount: true });
      const since = new Date(Date.now() - 1000);
      s.fake.failNext(POST, { status: 201, kind: 'slow', delayMs: 400 });

      await expect(s.channel.reply!({ externalId: mention.id }, TEXT, 'k')).rejects.toBeInstanceOf(OutcomeUnknown);
      // X carries the request out after the client gave up.
      await new Promise((r) => setTimeout(r, 500));
      expect(s.fake.created).toHaveLength(1);

      expect(await s.channel.findReply!({ externalId: mention.id }, TEXT, since)).toMatchObject({ externalId: s.fake.created[0].id });
      // Another post, another text, or an earlier window: not this send.
      expect(await s.channel.findReply!({ externalId: other.id }, TEXT, since)).toBeNull();
      expect(await s.channel.findReply!({ externalId: mention.id }, 'نص آخر', since)).toBeNull();
      expect(await s.channel.findReply!({ externalId: mention.id }, TEXT, new Date(Date.now() + 60_000))).toBeNull();
      expect(s.fake.requests.filter((r) => r.endpoint === 'GET /2/users/:id/tweets').every((r) => r.query.start_time)).toBe(true);
    });

    it('is OutcomeUnknown when the connection drops after sending; findReply then finds nothing', async () => {
      const mention = await withMention();
      s.fake.failNext(POST, { status: 0, kind: 'network' });
      await expect(s.channel.reply!({ externalId: mention.id }, TEXT, 'k')).rejects.toBeInstanceOf(OutcomeUnknown);
      expect(s.fake.created).toHaveLength(0);
      expect(await s.channel.findReply!({ externalId: mention.id }, TEXT, new Date(Date.now() - 60_000))).toBeNull();
    });

    it('is OutcomeUnknown on a 500 or 504, but Transient on a 503 (refused) or when no connection could be made', async () => {
      const mention = await withMention();
      for (const status of [500, 504]) {
        s.fake.failNext(POST, { status });
        await expect(s.channel.reply!({ externalId: mention.id }, TEXT, 'k')).rejects.toBeInstanceOf(OutcomeUnknown);
      }
      s.fake.failNext(POST, { status: 503 });
      await expect(s.channel.reply!({ externalId: mention.id }, TEXT, 'k')).rejects.toBeInstanceOf(Transient);

      // A port nobody listens on: the request never left.
      const closed = http.createServer();
      await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
      const port = (closed.address() as AddressInfo).port;
      await new Promise((r) => closed.close(r));
      const offline = s.restart({ apiBaseUrl: `http://127.0.0.1:${port}` });
      const err = await offline.reply!({ externalId: mention.id }, TEXT, 'k').catch((e) => e);
      expect(err).toBeInstanceOf(Transient);
      expect(err).not.toBeInstanceOf(OutcomeUnknown);
    });
  });
});
