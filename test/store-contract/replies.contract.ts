/** Contract of the replies feature's store: replies and their outbox. */
import { buildClassified } from '../support/builders';
import type { Stores } from '../../src/stores/stores';

type Needs = Pick<Stores, 'replies' | 'queue' | 'mentions'>;

export function replyContract(get: () => Needs): void {
  let store: Needs;
  beforeEach(() => {
    store = get();
  });

  const NOW = '2026-11-20T10:00:00.000Z';
  const LATER = '2026-11-20T10:10:00.000Z';

  async function oneMention(overrides: Parameters<typeof buildClassified>[1] = {}, raw: Parameters<typeof buildClassified>[0] = {}) {
    const r = await store.mentions.ingestBatch('x', [buildClassified(raw, overrides)], null);
    return r.inserted[0];
  }

  describe('replies and the outbox', () => {
    it('creates a reply with its own idempotency key and deduplicates automatic replies', async () => {
      const m = await oneMention();
      const a = await store.replies.createReply({ mentionId: m.id, text: 'شكرًا', author: 'u1', state: 'queued', purpose: 'agent' });
      const b = await store.replies.createReply({ mentionId: m.id, text: 'شكرًا', author: 'u1', state: 'queued', purpose: 'agent' });
      expect(a.created && b.created).toBe(true);
      expect(a.reply.idempotencyKey).not.toBe(b.reply.idempotencyKey);
      const s1 = await store.replies.createReply({ mentionId: m.id, text: 'x', author: 'system', state: 'queued', purpose: 'case_ack', dedupeKey: 'k' });
      const s2 = await store.replies.createReply({ mentionId: m.id, text: 'y', author: 'system', state: 'queued', purpose: 'case_ack', dedupeKey: 'k' });
      expect(s2).toEqual({ reply: s1.reply, created: false });
    });

    it('hands out each due queued reply once, as sending, with attempts counted', async () => {
      const m = await oneMention();
      const { reply } = await store.replies.createReply({ mentionId: m.id, text: 'x', author: 'u', state: 'queued', purpose: 'agent' });
      const [a, b] = await Promise.all([store.replies.takeNextOutboxReply(new Date().toISOString()), store.replies.takeNextOutboxReply(new Date().toISOString())]);
      const taken = [a, b].filter(Boolean);
      expect(taken).toHaveLength(1);
      expect(taken[0]).toMatchObject({ id: reply.id, state: 'sending', attempts: 1 });
    });

    it('does not hand out a reply before its next attempt time', async () => {
      const m = await oneMention();
      const { reply } = await store.replies.createReply({ mentionId: m.id, text: 'x', author: 'u', state: 'queued', purpose: 'agent' });
      await store.replies.transitionReply(reply.id, ['queued'], { state: 'queued', nextAttemptAt: '2999-01-01T00:00:00.000Z' });
      expect(await store.replies.takeNextOutboxReply(new Date().toISOString())).toBeNull();
    });

    it('records a send and marks the mention replied with its claim cleared', async () => {
      const m = await oneMention();
      await store.queue.claimMention(m.id, 'a', LATER, NOW);
      await store.replies.createReply({ mentionId: m.id, text: 'x', author: 'u', state: 'queued', purpose: 'agent' });
      const r = (await store.replies.takeNextOutboxReply(new Date().toISOString()))!;
      const sent = await store.replies.recordReplySent(r.id, { externalId: 'e1', url: 'https://x.com/e1', at: NOW });
      expect(sent).toMatchObject({ state: 'sent', externalId: 'e1', url: 'https://x.com/e1', sentAt: NOW });
      const after = await store.mentions.getMention(m.id);
      expect(after?.status).toBe('replied');
      expect(after?.claim).toBeUndefined();
      expect(await store.replies.recordReplySent(r.id, { externalId: 'e2', at: NOW })).toBeNull();
    });

    /** Queues a reply of this purpose, takes it from the outbox and records it sent. */
    async function sendOne(mentionId: string, purpose: 'agent' | 'case_ack' | 'case_status') {
      const author = purpose === 'agent' ? 'u' : 'system';
      const dedupeKey = purpose === 'agent' ? undefined : `${mentionId}:${purpose}:`;
      await store.replies.createReply({ mentionId, text: `${purpose} text`, author, state: 'queued', purpose, dedupeKey });
      const r = (await store.replies.takeNextOutboxReply(new Date().toISOString()))!;
      expect(r.purpose).toBe(purpose);
      return store.replies.recordReplySent(r.id, { externalId: `e-${purpose}`, at: NOW });
    }

    it('leaves the post and its claim as they are when the case acknowledgement is sent', async () => {
      const m = await oneMention();
      await store.queue.claimMention(m.id, 'a', LATER, NOW);
      expect(await sendOne(m.id, 'case_ack')).toMatchObject({ state: 'sent', externalId: 'e-case_ack' });
      const after = await store.mentions.getMention(m.id);
      expect(after?.status).toBe(m.status);
      expect(after?.claim).toEqual({ by: 'a', until: LATER });
    });

    it('marks a waiting post replied when a case status notice is sent, keeping the claim of the person on it', async () => {
      const m = await oneMention();
      expect(['new', 'needs_reply']).toContain(m.status);
      await store.queue.claimMention(m.id, 'a', LATER, NOW);
      await sendOne(m.id, 'case_status');
      const after = await store.mentions.getMention(m.id);
      expect(after?.status).toBe('replied');
      expect(after?.claim).toEqual({ by: 'a', until: LATER });
    });

    it.each(['spam', 'no_action', 'duplicate'] as const)('never overwrites a post marked %s with a case status notice or acknowledgement', async (closed) => {
      const m = await oneMention();
      await store.queue.setMentionStatus(m.id, closed, { at: NOW });
      await sendOne(m.id, 'case_status');
      await sendOne(m.id, 'case_ack');
      expect((await store.mentions.getMention(m.id))?.status).toBe(closed);
    });

    it("marks even a closed post replied when a person's reply is sent (as before)", async () => {
      const m = await oneMention();
      await store.queue.setMentionStatus(m.id, 'no_action', { at: NOW });
      await store.queue.claimMention(m.id, 'a', LATER, NOW);
      await sendOne(m.id, 'agent');
      const after = await store.mentions.getMention(m.id);
      expect(after?.status).toBe('replied');
      expect(after?.claim).toBeUndefined();
    });

    it('turns interrupted sends into unknown, and only them', async () => {
      const m = await oneMention();
      await store.replies.createReply({ mentionId: m.id, text: 'x', author: 'u', state: 'queued', purpose: 'agent' });
      await store.replies.createReply({ mentionId: m.id, text: 'y', author: 'u', state: 'awaiting_approval', purpose: 'agent' });
      const taken = (await store.replies.takeNextOutboxReply(new Date().toISOString()))!;
      const unknown = await store.replies.markInterruptedSendsUnknown(NOW);
      expect(unknown.map((r) => r.id)).toEqual([taken.id]);
      expect((await store.replies.getReply(taken.id))?.state).toBe('unknown');
      expect((await store.replies.listReplies({ state: 'awaiting_approval', limit: 10 })).items).toHaveLength(1);
    });

    it('moves a reply only from the states given', async () => {
      const m = await oneMention();
      const { reply } = await store.replies.createReply({ mentionId: m.id, text: 'x', author: 'u', state: 'awaiting_approval', purpose: 'agent' });
      expect(await store.replies.transitionReply(reply.id, ['queued'], { state: 'sending' })).toBeNull();
      const approved = await store.replies.transitionReply(reply.id, ['awaiting_approval'], { state: 'queued', approvedBy: 's' });
      expect(approved).toMatchObject({ state: 'queued', approvedBy: 's' });
    });

    it('lists replies newest first across pages', async () => {
      const m = await oneMention();
      for (let i = 0; i < 5; i++) await store.replies.createReply({ mentionId: m.id, text: `r${i}`, author: 'u', state: 'queued', purpose: 'agent' });
      const first = await store.replies.listReplies({ mentionId: m.id, limit: 3 });
      const second = await store.replies.listReplies({ mentionId: m.id, limit: 3, cursor: first.nextCursor! });
      expect(first.items).toHaveLength(3);
      expect(second.items).toHaveLength(2);
      expect(second.nextCursor).toBeNull();
      expect(new Set([...first.items, ...second.items].map((r) => r.id)).size).toBe(5);
    });
  });
}
