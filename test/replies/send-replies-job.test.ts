import { AuthFailed, OutcomeUnknown, Permanent, RateLimited, Transient } from '../../src/domain/channel-errors';
import type { Channel, ReplyTarget } from '../../src/domain';
import { setupReplyApp, type ReplyApp } from './reply-app';
import { setupX, type XSetup } from '../fixtures/x/kit';

/** A channel whose reply() answers from a script of outcomes. */
function scriptedChannel(script: (() => Promise<{ externalId: string }>)[]) {
  const calls: { target: ReplyTarget; text: string; key: string }[] = [];
  const channel: Channel = {
    name: 'fake',
    poll: async () => ({ mentions: [], cursor: null }),
    reply: async (target, text, key) => {
      calls.push({ target, text, key });
      const next = script.shift();
      if (!next) throw new Error('no more scripted outcomes');
      return next();
    },
  };
  return { channel, calls };
}

let t: ReplyApp;
afterEach(async () => t.cleanup());

async function queuedReply() {
  const m = await t.mention();
  const { reply } = await t.store.replies.createReply({ mentionId: m.id, text: 'شكرًا', author: t.users.agent.id, state: 'queued', purpose: 'agent' });
  return reply;
}

describe('ReplySender', () => {
  it('puts a transiently failing reply back in the queue with a later attempt time, then sends it with the same key', async () => {
    const fake = scriptedChannel([async () => Promise.reject(new Transient('timeout')), async () => ({ externalId: 'r1' })]);
    t = await setupReplyApp({ channel: fake.channel });
    const reply = await queuedReply();
    expect(await t.feature.sender.perform()).toMatchObject({ retried: 1 });
    const waiting = await t.store.replies.getReply(reply.id);
    expect(waiting).toMatchObject({ state: 'queued', attempts: 1, error: 'timeout' });
    expect(new Date(waiting!.nextAttemptAt!).getTime()).toBeGreaterThan(Date.now());
    expect(await t.feature.sender.perform()).toMatchObject({ sent: 0 });
    await t.store.replies.transitionReply(reply.id, ['queued'], { state: 'queued', nextAttemptAt: null });
    expect(await t.feature.sender.perform()).toMatchObject({ sent: 1 });
    expect(fake.calls.map((c) => c.key)).toEqual([reply.idempotencyKey, reply.idempotencyKey]);
    expect((await t.store.replies.getReply(reply.id))?.state).toBe('sent');
  });

  it('waits until a rate limit resets', async () => {
    const resetAt = new Date(Date.now() + 15 * 60_000);
    const fake = scriptedChannel([async () => Promise.reject(new RateLimited(resetAt))]);
    t = await setupReplyApp({ channel: fake.channel });
    const reply = await queuedReply();
    await t.feature.sender.perform();
    expect((await t.store.replies.getReply(reply.id))?.nextAttemptAt).toBe(resetAt.toISOString());
  });

  it("marks a permanently refused reply failed with the channel's message", async () => {
    const fake = scriptedChannel([async () => Promise.reject(new Permanent('You are not allowed to reply to this post', 'forbidden'))]);
    t = await setupReplyApp({ channel: fake.channel });
    const reply = await queuedReply();
    expect(await t.feature.sender.perform()).toMatchObject({ failed: 1 });
    expect(await t.store.replies.getReply(reply.id)).toMatchObject({ state: 'failed', error: 'You are not allowed to reply to this post' });
    expect((await t.store.audit.listAudit({ subject: `reply:${reply.id}`, limit: 5 })).items[0].action).toBe('reply.failed');
  });

  it("says on the channel that its replies are refused for its credentials, keeps the reply waiting, and clears it once one goes out", async () => {
    const fake = scriptedChannel([async () => Promise.reject(new AuthFailed('X 401 on a write: the user token was refused (X_USER_TOKEN)')), async () => ({ externalId: 'r9' })]);
    t = await setupReplyApp({ channel: fake.channel });
    const reply = await queuedReply();
    expect(await t.feature.sender.perform()).toMatchObject({ retried: 1 });
    expect(await t.store.replies.getReply(reply.id)).toMatchObject({ state: 'queued', error: 'X 401 on a write: the user token was refused (X_USER_TOKEN)' });
    expect((await t.store.channelStates.getChannelState('fake'))?.replyError).toMatchObject({ code: 'auth_failed', message: 'X 401 on a write: the user token was refused (X_USER_TOKEN)' });

    // The token fixed: the reply goes out and the channel's note goes with it.
    await t.store.replies.transitionReply(reply.id, ['queued'], { state: 'queued', nextAttemptAt: null });
    expect(await t.feature.sender.perform()).toMatchObject({ sent: 1 });
    expect((await t.store.channelStates.getChannelState('fake'))?.replyError).toBeUndefined();
  });

  it('gives up after the maximum number of attempts', async () => {
    const fake = scriptedChannel([1, 2, 3].map(() => async () => Promise.reject(new Transient('down'))));
    t = await setupReplyApp({ channel: fake.channel });
    const reply = await queuedReply();
    for (let i = 0; i < 3; i++) {
      await t.feature.sender.perform();
      await t.store.replies.transitionReply(reply.id, ['queued'], { state: 'queued', nextAttemptAt: null });
    }
    expect(await t.store.replies.getReply(reply.id)).toMatchObject({ state: 'failed', attempts: 3 });
    expect(fake.calls).toHaveLength(3);
  });

  it('marks a reply unknown when the channel fails in an untyped way (it may have been posted)', async () => {
    const fake = scriptedChannel([async () => Promise.reject(new TypeError('socket hang up'))]);
    t = await setupReplyApp({ channel: fake.channel });
    const reply = await queuedReply();
    expect(await t.feature.sender.perform()).toMatchObject({ unknown: 1 });
    await t.feature.sender.perform();
    expect(fake.calls).toHaveLength(1);
    expect((await t.store.replies.getReply(reply.id))?.state).toBe('unknown');
  });

  describe('a send whose outcome the channel cannot tell (OutcomeUnknown)', () => {
    const timedOut = async () => Promise.reject(new OutcomeUnknown('X request may have been carried out: Request timeout.'));

    it('records the reply as sent when the channel finds it posted, without posting again', async () => {
      const fake = scriptedChannel([timedOut]);
      const lookups: { text: string; since: Date }[] = [];
      const before = Date.now();
      fake.channel.findReply = async (_target, text, since) => {
        lookups.push({ text, since });
        return { externalId: 'posted-1', url: 'https://x.com/MOWBahrain/status/posted-1' };
      };
      t = await setupReplyApp({ channel: fake.channel });
      const reply = await queuedReply();
      expect(await t.feature.sender.perform()).toMatchObject({ sent: 1, unknown: 0 });
      expect(fake.calls).toHaveLength(1);
      expect(await t.store.replies.getReply(reply.id)).toMatchObject({ state: 'sent', externalId: 'posted-1' });
      // Looked up from a little before the attempt (the remote clock may be behind).
      expect(lookups).toHaveLength(1);
      expect(lookups[0].text).toBe('شكرًا');
      expect(lookups[0].since.getTime()).toBeLessThanOrEqual(before);
      expect(lookups[0].since.getTime()).toBeGreaterThan(before - 5 * 60_000);
      const audit = (await t.store.audit.listAudit({ subject: `reply:${reply.id}`, limit: 5 })).items[0];
      expect(audit).toMatchObject({ action: 'reply.sent', after: { state: 'sent', externalId: 'posted-1', foundByLookup: true } });
    });

    it('leaves it unknown for a supervisor when the channel does not find it, and never re-sends it', async () => {
      const fake = scriptedChannel([timedOut, async () => ({ externalId: 'second' })]);
      fake.channel.findReply = async () => null;
      t = await setupReplyApp({ channel: fake.channel });
      const reply = await queuedReply();
      expect(await t.feature.sender.perform()).toMatchObject({ unknown: 1, sent: 0 });
      await t.feature.sender.perform();
      expect(fake.calls).toHaveLength(1);
      expect(await t.store.replies.getReply(reply.id)).toMatchObject({ state: 'unknown', error: expect.stringMatching(/Request timeout.*not found on/) });
    });

    it('leaves it unknown when the channel cannot look replies up or the lookup fails', async () => {
      const cannot = scriptedChannel([timedOut]);
      t = await setupReplyApp({ channel: cannot.channel });
      const first = await queuedReply();
      expect(await t.feature.sender.perform()).toMatchObject({ unknown: 1 });
      expect((await t.store.replies.getReply(first.id))?.error).toMatch(/cannot look its replies up/);
      await t.cleanup();

      const failing = scriptedChannel([timedOut]);
      failing.channel.findReply = async () => Promise.reject(new Transient('X 503: over capacity'));
      t = await setupReplyApp({ channel: failing.channel });
      const second = await queuedReply();
      expect(await t.feature.sender.perform()).toMatchObject({ unknown: 1 });
      expect((await t.store.replies.getReply(second.id))?.error).toMatch(/looking it up failed: X 503/);
    });
  });

  describe('replies left unknown are looked up again on later runs', () => {
    /** A reply interrupted between the channel call and the record, as found at the next start. */
    async function interrupted() {
      const reply = await queuedReply();
      await t.store.replies.transitionReply(reply.id, ['queued'], { state: 'sending' });
      expect((await t.feature.sender.recoverInterrupted()).map((r) => r.id)).toEqual([reply.id]);
      return reply;
    }

    it('records an interrupted reply as sent once the channel finds it, without calling reply()', async () => {
      const fake = scriptedChannel([]);
      fake.channel.findReply = async () => ({ externalId: 'posted-before-the-crash' });
      t = await setupReplyApp({ channel: fake.channel });
      const reply = await interrupted();
      expect(await t.feature.sender.perform()).toMatchObject({ sent: 1 });
      expect(fake.calls).toHaveLength(0);
      expect(await t.store.replies.getReply(reply.id)).toMatchObject({ state: 'sent', externalId: 'posted-before-the-crash' });
      const audit = (await t.store.audit.listAudit({ subject: `reply:${reply.id}`, limit: 5 })).items[0];
      expect(audit).toMatchObject({ action: 'reply.sent', before: { state: 'unknown' }, after: { foundByLookup: true } });
    });

    it('looks again after 1, 5 and 15 minutes, then leaves it to a supervisor', async () => {
      let clock = Date.now();
      const fake = scriptedChannel([]);
      const lookups: number[] = [];
      let postedAt = Infinity;
      fake.channel.findReply = async () => {
        lookups.push(clock);
        return clock >= postedAt ? { externalId: 'late' } : null;
      };
      t = await setupReplyApp({ channel: fake.channel, now: () => new Date(clock) });
      const reply = await interrupted();
      const runAfter = async (ms: number) => {
        clock += ms;
        await t.feature.sender.perform();
      };
      await runAfter(0);
      await runAfter(30_000); // not due yet
      await runAfter(31_000); // 1 minute after the first
      await runAfter(5 * 60_000);
      await runAfter(15 * 60_000);
      await runAfter(60 * 60_000); // done: a supervisor decides
      expect(lookups).toHaveLength(4);
      expect((await t.store.replies.getReply(reply.id))?.state).toBe('unknown');
      expect(fake.calls).toHaveLength(0);

      // Another unknown reply that shows up on the channel before its third lookup is settled then.
      const second = await interrupted();
      postedAt = clock + 2 * 60_000;
      await runAfter(0);
      await runAfter(61_000);
      expect((await t.store.replies.getReply(second.id))?.state).toBe('unknown');
      await runAfter(5 * 60_000);
      expect(await t.store.replies.getReply(second.id)).toMatchObject({ state: 'sent', externalId: 'late' });
    });
  });

  describe('with the real X channel against the local X API', () => {
    let x: XSetup | undefined;
    afterEach(async () => {
      await x?.close();
      x = undefined;
    });

    it('a reply X posted but answered after the timeout is recorded as sent with X’s id, and posted once', async () => {
      x = await setupX({ channel: { requestTimeoutMs: 150 } });
      const post = x.fake.addPost({ text: '@MOWBahrain مياه الأمطار متجمعة', mentionsAccount: true });
      t = await setupReplyApp({ channel: x.channel });
      const m = await t.mention({ externalId: post.id });
      const { reply } = await t.store.replies.createReply({ mentionId: m.id, text: 'شكرًا، تم إبلاغ فريق الصرف.', author: t.users.agent.id, state: 'queued', purpose: 'agent' });
      // X takes 400 ms to answer, the client gives up after 150 ms; the lookup comes after X posted.
      x.fake.failNext('POST /2/tweets', { status: 201, kind: 'slow', delayMs: 400 });
      const findReply = x.channel.findReply!.bind(x.channel);
      x.channel.findReply = async (...args) => {
        await new Promise((r) => setTimeout(r, 400));
        return findReply(...args);
      };
      expect(await t.feature.sender.perform()).toMatchObject({ sent: 1, unknown: 0, retried: 0 });
      expect(x.fake.created).toHaveLength(1);
      expect(await t.store.replies.getReply(reply.id)).toMatchObject({ state: 'sent', externalId: x.fake.created[0].id });
      expect(x.fake.requests.filter((r) => r.endpoint === 'POST /2/tweets')).toHaveLength(1);
    });
  });

  it('tells listeners about a sent reply, and a failing listener does not undo the send', async () => {
    const fake = scriptedChannel([async () => ({ externalId: 'r9' })]);
    t = await setupReplyApp({ channel: fake.channel });
    const reply = await queuedReply();
    const seen: string[] = [];
    t.feature.sender.onSent(() => {
      throw new Error('webhook down');
    });
    t.feature.sender.onSent((r, m) => void seen.push(`${r.id}:${m.id}`));
    await t.feature.sender.perform();
    expect(seen).toEqual([`${reply.id}:${reply.mentionId}`]);
    expect((await t.store.replies.getReply(reply.id))?.state).toBe('sent');
  });
});

describe('ReplyService.enqueueSystemReply', () => {
  it('queues one templated reply per mention, purpose and status, however often it is called', async () => {
    t = await setupReplyApp();
    const m = await t.mention({ author: { id: '1', handle: 'ahmed', name: 'أحمد' } });
    const input = { mentionId: m.id, templateKey: 'case_resolved', variables: { case_number: 'MOW-2026-000042' }, purpose: 'case_status' as const, status: 'resolved' };
    const first = await t.feature.replies.enqueueSystemReply(input);
    const again = await t.feature.replies.enqueueSystemReply(input);
    expect(first.outcome).toBe('created');
    expect(again.outcome).toBe('exists');
    if (first.outcome === 'skipped' || again.outcome === 'skipped') throw new Error('unexpected skip');
    expect(again.reply.id).toBe(first.reply.id);
    expect(first.reply).toMatchObject({ author: 'system', state: 'queued', purpose: 'case_status' });
    expect(first.reply.text).toContain('MOW-2026-000042');
    const other = await t.feature.replies.enqueueSystemReply({ ...input, status: 'closed' });
    expect(other.outcome).toBe('created');
  });

  it('follows the approval rules: a high-urgency mention waits for a supervisor', async () => {
    t = await setupReplyApp();
    const m = await t.mention({}, { urgency: 'high' });
    const r = await t.feature.replies.enqueueSystemReply({ mentionId: m.id, templateKey: 'case_ack', variables: { case_number: 'MOW-2026-000001' }, purpose: 'case_ack' });
    expect(r.outcome === 'created' && r.reply.state).toBe('awaiting_approval');
  });

  it('skips without throwing when the template is missing or the mention cannot be answered', async () => {
    t = await setupReplyApp();
    const m = await t.mention();
    expect(await t.feature.replies.enqueueSystemReply({ mentionId: m.id, templateKey: 'nope', variables: {}, purpose: 'case_ack' })).toMatchObject({ outcome: 'skipped', reason: 'template_missing' });
    const news = await t.mention({ replyable: false, kind: 'news' });
    expect(await t.feature.replies.enqueueSystemReply({ mentionId: news.id, templateKey: 'case_ack', variables: { case_number: 'X' }, purpose: 'case_ack' })).toMatchObject({ outcome: 'skipped', reason: 'not_replyable' });
  });
});
