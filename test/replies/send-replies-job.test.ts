import { Permanent, RateLimited, Transient } from '../../channels/errors';
import type { Channel, ReplyTarget } from '../../src/domain';
import { setupReplyApp, type ReplyApp } from './reply-app';

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
  const { reply } = await t.store.createReply({ mentionId: m.id, text: 'شكرًا', author: t.users.agent.id, state: 'queued', purpose: 'agent' });
  return reply;
}

describe('ReplySender', () => {
  it('puts a transiently failing reply back in the queue with a later attempt time, then sends it with the same key', async () => {
    const fake = scriptedChannel([async () => Promise.reject(new Transient('timeout')), async () => ({ externalId: 'r1' })]);
    t = await setupReplyApp({ channel: fake.channel });
    const reply = await queuedReply();
    expect(await t.feature.sender.perform()).toMatchObject({ retried: 1 });
    const waiting = await t.store.getReply(reply.id);
    expect(waiting).toMatchObject({ state: 'queued', attempts: 1, error: 'timeout' });
    expect(new Date(waiting!.nextAttemptAt!).getTime()).toBeGreaterThan(Date.now());
    expect(await t.feature.sender.perform()).toMatchObject({ sent: 0 });
    await t.store.transitionReply(reply.id, ['queued'], { state: 'queued', nextAttemptAt: null });
    expect(await t.feature.sender.perform()).toMatchObject({ sent: 1 });
    expect(fake.calls.map((c) => c.key)).toEqual([reply.idempotencyKey, reply.idempotencyKey]);
    expect((await t.store.getReply(reply.id))?.state).toBe('sent');
  });

  it('waits until a rate limit resets', async () => {
    const resetAt = new Date(Date.now() + 15 * 60_000);
    const fake = scriptedChannel([async () => Promise.reject(new RateLimited(resetAt))]);
    t = await setupReplyApp({ channel: fake.channel });
    const reply = await queuedReply();
    await t.feature.sender.perform();
    expect((await t.store.getReply(reply.id))?.nextAttemptAt).toBe(resetAt.toISOString());
  });

  it("marks a permanently refused reply failed with the channel's message", async () => {
    const fake = scriptedChannel([async () => Promise.reject(new Permanent('You are not allowed to reply to this post', 'forbidden'))]);
    t = await setupReplyApp({ channel: fake.channel });
    const reply = await queuedReply();
    expect(await t.feature.sender.perform()).toMatchObject({ failed: 1 });
    expect(await t.store.getReply(reply.id)).toMatchObject({ state: 'failed', error: 'You are not allowed to reply to this post' });
    expect((await t.store.listAudit({ subject: `reply:${reply.id}`, limit: 5 })).items[0].action).toBe('reply.failed');
  });

  it('gives up after the maximum number of attempts', async () => {
    const fake = scriptedChannel([1, 2, 3].map(() => async () => Promise.reject(new Transient('down'))));
    t = await setupReplyApp({ channel: fake.channel });
    const reply = await queuedReply();
    for (let i = 0; i < 3; i++) {
      await t.feature.sender.perform();
      await t.store.transitionReply(reply.id, ['queued'], { state: 'queued', nextAttemptAt: null });
    }
    expect(await t.store.getReply(reply.id)).toMatchObject({ state: 'failed', attempts: 3 });
    expect(fake.calls).toHaveLength(3);
  });

  it('marks a reply unknown when the channel fails in an untyped way (it may have been posted)', async () => {
    const fake = scriptedChannel([async () => Promise.reject(new TypeError('socket hang up'))]);
    t = await setupReplyApp({ channel: fake.channel });
    const reply = await queuedReply();
    expect(await t.feature.sender.perform()).toMatchObject({ unknown: 1 });
    await t.feature.sender.perform();
    expect(fake.calls).toHaveLength(1);
    expect((await t.store.getReply(reply.id))?.state).toBe('unknown');
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
    expect((await t.store.getReply(reply.id))?.state).toBe('sent');
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
