/** Contract: claims and the queue, replies and the outbox. */
import { buildClassified } from '../support/builders';
import type { Stores } from '../../src/stores/stores';

export function replyContract(get: () => Stores): void {
  let store: Stores;
  beforeEach(() => {
    store = get();
  });

  const NOW = '2026-11-20T10:00:00.000Z';
  const LATER = '2026-11-20T10:10:00.000Z';

  async function oneMention(overrides: Parameters<typeof buildClassified>[1] = {}, raw: Parameters<typeof buildClassified>[0] = {}) {
    const r = await store.ingestBatch('x', [buildClassified(raw, overrides)], null);
    return r.inserted[0];
  }


  describe('claims and the queue', () => {
    it('gives a claim to the first agent, renews it for the holder and refuses others until it expires', async () => {
      const m = await oneMention();
      expect(await store.claimMention(m.id, 'a', LATER, NOW)).toEqual({ ok: true, claim: { by: 'a', until: LATER } });
      expect(await store.claimMention(m.id, 'b', LATER, NOW)).toEqual({ ok: false, reason: 'held', holder: { by: 'a', until: LATER } });
      expect((await store.claimMention(m.id, 'a', '2026-11-20T10:20:00.000Z', NOW)).ok).toBe(true);
      expect((await store.claimMention(m.id, 'b', '2026-11-20T10:40:00.000Z', '2026-11-20T10:30:00.000Z')).ok).toBe(true);
      expect((await store.claimMention(m.id, 'c', LATER, NOW, { force: true })).ok).toBe(true);
      expect((await store.getMention(m.id))?.claim?.by).toBe('c');
      expect(await store.claimMention('missing', 'a', LATER, NOW)).toEqual({ ok: false, reason: 'not_found' });
    });

    it('lets exactly one of many simultaneous claims win', async () => {
      const m = await oneMention();
      const results = await Promise.all(['a', 'b', 'c', 'd'].map((who) => store.claimMention(m.id, who, LATER, NOW)));
      expect(results.filter((r) => r.ok)).toHaveLength(1);
    });

    it('releases a claim only for its holder unless forced', async () => {
      const m = await oneMention();
      await store.claimMention(m.id, 'a', LATER, NOW);
      expect(await store.releaseClaim(m.id, 'b')).toBe(false);
      expect(await store.releaseClaim(m.id, 'a')).toBe(true);
      await store.claimMention(m.id, 'a', LATER, NOW);
      expect(await store.releaseClaim(m.id, null)).toBe(true);
      expect((await store.getMention(m.id))?.claim).toBeUndefined();
    });

    it('orders the queue by urgency, then waiting time, then author reach, across pages', async () => {
      const t = (min: number) => new Date(Date.UTC(2026, 10, 20, 8, min)).toISOString();
      const batch = [
        buildClassified({ createdAt: t(5), author: { id: '1', handle: 'a', followers: 10 } }, { urgency: 'low' }),
        buildClassified({ createdAt: t(9), author: { id: '2', handle: 'b', followers: 10 } }, { urgency: 'high' }),
        buildClassified({ createdAt: t(1), author: { id: '3', handle: 'c', followers: 10 } }, { urgency: 'medium' }),
        buildClassified({ createdAt: t(1), author: { id: '4', handle: 'd', followers: 5000 } }, { urgency: 'medium' }),
        buildClassified({ createdAt: t(2), author: { id: '5', handle: 'e', followers: 10 } }, { urgency: 'high' }),
      ];
      await store.ingestBatch('x', batch, null);
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.listQueue({ status: 'needs_reply', limit: 2, cursor, now: NOW });
        seen.push(...page.items.map((m) => m.author.handle));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual(['e', 'b', 'd', 'c', 'a']);
    });

    it('filters the queue and counts it per domain', async () => {
      await store.ingestBatch(
        'x',
        [
          buildClassified({ text: 'حفرة في الشارع' }, { primaryDomain: 'roads' }),
          buildClassified({ text: 'طفح مجاري في البيت' }, { primaryDomain: 'drainage', intent: 'inquiry' }),
          buildClassified({ text: 'مجاري مسدودة' }, { primaryDomain: 'drainage' }),
        ],
        null,
      );
      const q = { status: 'needs_reply' as const, now: NOW };
      expect((await store.listQueue({ ...q, limit: 10, domain: 'drainage' })).items).toHaveLength(2);
      expect((await store.listQueue({ ...q, limit: 10, intent: 'inquiry' })).items).toHaveLength(1);
      expect(await store.countQueueByDomain({ ...q, domain: 'roads' })).toEqual({ roads: 1, drainage: 2 });
      const m = (await store.listQueue({ ...q, limit: 10, domain: 'roads' })).items[0];
      await store.claimMention(m.id, 'a', LATER, NOW);
      expect((await store.listQueue({ ...q, limit: 10, assignee: 'a' })).items.map((x) => x.id)).toEqual([m.id]);
      expect((await store.listQueue({ ...q, limit: 10, assignee: 'none' })).items).toHaveLength(2);
    });

    it('keeps per-domain counts right as mentions are ingested, answered and closed', async () => {
      const r = await store.ingestBatch(
        'x',
        [buildClassified({}, { primaryDomain: 'roads' }), buildClassified({}, { primaryDomain: 'roads' }), buildClassified({}, { primaryDomain: null })],
        null,
      );
      const q = { status: 'needs_reply' as const, now: NOW };
      expect(await store.countQueueByDomain(q)).toEqual({ roads: 2, none: 1 });
      await store.setMentionStatus(r.inserted[0].id, 'spam');
      await store.createReply({ mentionId: r.inserted[2].id, text: 'x', author: 'u', state: 'queued', purpose: 'agent' });
      const taken = (await store.takeNextOutboxReply(new Date().toISOString()))!;
      await store.recordReplySent(taken.id, { externalId: 'e', at: NOW });
      expect(await store.countQueueByDomain(q)).toEqual({ roads: 1 });
      expect(await store.countQueueByDomain({ ...q, status: 'spam' })).toEqual({ roads: 1 });
      expect(await store.countQueueByDomain({ ...q, status: 'replied' })).toEqual({ none: 1 });
    });

    it('sets a mention status only from the expected statuses', async () => {
      const m = await oneMention();
      const r = await store.setMentionStatus(m.id, 'spam', { from: ['needs_reply'] });
      expect(r?.before.status).toBe('needs_reply');
      expect(r?.after.status).toBe('spam');
      expect(await store.setMentionStatus(m.id, 'no_action', { from: ['needs_reply'] })).toBeNull();
      expect(await store.setMentionStatus('missing', 'spam')).toBeNull();
    });
  });

  describe('replies and the outbox', () => {
    it('creates a reply with its own idempotency key and deduplicates automatic replies', async () => {
      const m = await oneMention();
      const a = await store.createReply({ mentionId: m.id, text: 'شكرًا', author: 'u1', state: 'queued', purpose: 'agent' });
      const b = await store.createReply({ mentionId: m.id, text: 'شكرًا', author: 'u1', state: 'queued', purpose: 'agent' });
      expect(a.created && b.created).toBe(true);
      expect(a.reply.idempotencyKey).not.toBe(b.reply.idempotencyKey);
      const s1 = await store.createReply({ mentionId: m.id, text: 'x', author: 'system', state: 'queued', purpose: 'case_ack', dedupeKey: 'k' });
      const s2 = await store.createReply({ mentionId: m.id, text: 'y', author: 'system', state: 'queued', purpose: 'case_ack', dedupeKey: 'k' });
      expect(s2).toEqual({ reply: s1.reply, created: false });
    });

    it('hands out each due queued reply once, as sending, with attempts counted', async () => {
      const m = await oneMention();
      const { reply } = await store.createReply({ mentionId: m.id, text: 'x', author: 'u', state: 'queued', purpose: 'agent' });
      const [a, b] = await Promise.all([store.takeNextOutboxReply(new Date().toISOString()), store.takeNextOutboxReply(new Date().toISOString())]);
      const taken = [a, b].filter(Boolean);
      expect(taken).toHaveLength(1);
      expect(taken[0]).toMatchObject({ id: reply.id, state: 'sending', attempts: 1 });
    });

    it('does not hand out a reply before its next attempt time', async () => {
      const m = await oneMention();
      const { reply } = await store.createReply({ mentionId: m.id, text: 'x', author: 'u', state: 'queued', purpose: 'agent' });
      await store.transitionReply(reply.id, ['queued'], { state: 'queued', nextAttemptAt: '2999-01-01T00:00:00.000Z' });
      expect(await store.takeNextOutboxReply(new Date().toISOString())).toBeNull();
    });

    it('records a send and marks the mention replied with its claim cleared', async () => {
      const m = await oneMention();
      await store.claimMention(m.id, 'a', LATER, NOW);
      await store.createReply({ mentionId: m.id, text: 'x', author: 'u', state: 'queued', purpose: 'agent' });
      const r = (await store.takeNextOutboxReply(new Date().toISOString()))!;
      const sent = await store.recordReplySent(r.id, { externalId: 'e1', url: 'https://x.com/e1', at: NOW });
      expect(sent).toMatchObject({ state: 'sent', externalId: 'e1', url: 'https://x.com/e1', sentAt: NOW });
      const after = await store.getMention(m.id);
      expect(after?.status).toBe('replied');
      expect(after?.claim).toBeUndefined();
      expect(await store.recordReplySent(r.id, { externalId: 'e2', at: NOW })).toBeNull();
    });

    it('turns interrupted sends into unknown, and only them', async () => {
      const m = await oneMention();
      await store.createReply({ mentionId: m.id, text: 'x', author: 'u', state: 'queued', purpose: 'agent' });
      await store.createReply({ mentionId: m.id, text: 'y', author: 'u', state: 'awaiting_approval', purpose: 'agent' });
      const taken = (await store.takeNextOutboxReply(new Date().toISOString()))!;
      const unknown = await store.markInterruptedSendsUnknown(NOW);
      expect(unknown.map((r) => r.id)).toEqual([taken.id]);
      expect((await store.getReply(taken.id))?.state).toBe('unknown');
      expect((await store.listReplies({ state: 'awaiting_approval', limit: 10 })).items).toHaveLength(1);
    });

    it('moves a reply only from the states given', async () => {
      const m = await oneMention();
      const { reply } = await store.createReply({ mentionId: m.id, text: 'x', author: 'u', state: 'awaiting_approval', purpose: 'agent' });
      expect(await store.transitionReply(reply.id, ['queued'], { state: 'sending' })).toBeNull();
      const approved = await store.transitionReply(reply.id, ['awaiting_approval'], { state: 'queued', approvedBy: 's' });
      expect(approved).toMatchObject({ state: 'queued', approvedBy: 's' });
    });

    it('lists replies newest first across pages', async () => {
      const m = await oneMention();
      for (let i = 0; i < 5; i++) await store.createReply({ mentionId: m.id, text: `r${i}`, author: 'u', state: 'queued', purpose: 'agent' });
      const first = await store.listReplies({ mentionId: m.id, limit: 3 });
      const second = await store.listReplies({ mentionId: m.id, limit: 3, cursor: first.nextCursor! });
      expect(first.items).toHaveLength(3);
      expect(second.items).toHaveLength(2);
      expect(second.nextCursor).toBeNull();
      expect(new Set([...first.items, ...second.items].map((r) => r.id)).size).toBe(5);
    });
  });
}
