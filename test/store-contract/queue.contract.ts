/** Contract of the queue feature's store (QueueStore): claims, the priority order, counts, status changes. */
import type { Stores } from '../../src/stores/stores';
import { buildClassified } from '../support/builders';

type Needs = Pick<Stores, 'queue' | 'mentions' | 'replies' | 'cases'>;

export function queueStoreContract(get: () => Needs): void {
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

  it('gives a claim to the first agent, renews it for the holder and refuses others until it expires', async () => {
    const m = await oneMention();
    expect(await store.queue.claimMention(m.id, 'a', LATER, NOW)).toEqual({ ok: true, claim: { by: 'a', until: LATER }, renewed: false });
    expect(await store.queue.claimMention(m.id, 'b', LATER, NOW)).toEqual({ ok: false, reason: 'held', holder: { by: 'a', until: LATER } });
    expect(await store.queue.claimMention(m.id, 'a', '2026-11-20T10:20:00.000Z', NOW)).toEqual({ ok: true, claim: { by: 'a', until: '2026-11-20T10:20:00.000Z' }, renewed: true });
    expect((await store.mentions.getMention(m.id))?.claim).toEqual({ by: 'a', until: '2026-11-20T10:20:00.000Z' });
    // Its own claim run out: claimed again, not renewed (a colleague could have had it meanwhile).
    expect(await store.queue.claimMention(m.id, 'a', '2026-11-20T10:50:00.000Z', '2026-11-20T10:25:00.000Z')).toEqual({ ok: true, claim: { by: 'a', until: '2026-11-20T10:50:00.000Z' }, renewed: false });
    expect((await store.queue.claimMention(m.id, 'b', '2026-11-20T11:40:00.000Z', '2026-11-20T11:30:00.000Z')).ok).toBe(true);
    expect(await store.queue.claimMention(m.id, 'c', LATER, NOW, { force: true })).toEqual({ ok: true, claim: { by: 'c', until: LATER }, renewed: false });
    expect((await store.mentions.getMention(m.id))?.claim?.by).toBe('c');
    expect(await store.queue.claimMention('missing', 'a', LATER, NOW)).toEqual({ ok: false, reason: 'not_found' });
  });

  it('lets exactly one of many simultaneous claims win', async () => {
    const m = await oneMention();
    const results = await Promise.all(['a', 'b', 'c', 'd'].map((who) => store.queue.claimMention(m.id, who, LATER, NOW)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it('releases a claim only for its holder unless forced', async () => {
    const m = await oneMention();
    await store.queue.claimMention(m.id, 'a', LATER, NOW);
    expect(await store.queue.releaseClaim(m.id, 'b')).toBe(false);
    expect(await store.queue.releaseClaim(m.id, 'a')).toBe(true);
    await store.queue.claimMention(m.id, 'a', LATER, NOW);
    expect(await store.queue.releaseClaim(m.id, null)).toBe(true);
    expect((await store.mentions.getMention(m.id))?.claim).toBeUndefined();
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
    await store.mentions.ingestBatch('x', batch, null);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.queue.listQueue({ status: 'needs_reply', limit: 2, cursor, now: NOW });
      seen.push(...page.items.map((m) => m.author.handle));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(['e', 'b', 'd', 'c', 'a']);
  });

  it('filters the queue and counts it per domain', async () => {
    await store.mentions.ingestBatch(
      'x',
      [
        buildClassified({ text: 'حفرة في الشارع' }, { primaryDomain: 'roads' }),
        buildClassified({ text: 'طفح مجاري في البيت' }, { primaryDomain: 'drainage', intent: 'inquiry' }),
        buildClassified({ text: 'مجاري مسدودة' }, { primaryDomain: 'drainage' }),
      ],
      null,
    );
    const q = { status: 'needs_reply' as const, now: NOW };
    expect((await store.queue.listQueue({ ...q, limit: 10, domain: 'drainage' })).items).toHaveLength(2);
    expect((await store.queue.listQueue({ ...q, limit: 10, intent: 'inquiry' })).items).toHaveLength(1);
    expect(await store.queue.countQueueByDomain({ ...q, domain: 'roads' })).toEqual({ roads: 1, drainage: 2 });
    const m = (await store.queue.listQueue({ ...q, limit: 10, domain: 'roads' })).items[0];
    await store.queue.claimMention(m.id, 'a', LATER, NOW);
    expect((await store.queue.listQueue({ ...q, limit: 10, assignee: 'a' })).items.map((x) => x.id)).toEqual([m.id]);
    expect((await store.queue.listQueue({ ...q, limit: 10, assignee: 'none' })).items).toHaveLength(2);
  });

  it("finds a post by its address: the path in its url (case kept), or an X status id as its external id", async () => {
    await store.mentions.ingestBatch(
      'x',
      [
        buildClassified({ externalId: 'ig-1', url: 'https://www.instagram.com/p/Cx9aB12/', text: 'حفرة' }, { primaryDomain: 'roads' }),
        buildClassified({ externalId: '1790000000000000001', url: 'https://twitter.com/i/web/status/1790000000000000001', text: 'مجاري' }, { primaryDomain: 'drainage' }),
        buildClassified({ externalId: 'other', url: 'https://www.instagram.com/p/Zz00/', text: 'حفرة' }, { primaryDomain: 'roads' }),
      ],
      null,
    );
    const q = { status: 'needs_reply' as const, now: NOW, limit: 10 };
    const found = async (link: { path: string; statusId?: string }) => (await store.queue.listQueue({ ...q, link })).items.map((m) => m.externalId);
    expect(await found({ path: '/p/Cx9aB12' })).toEqual(['ig-1']);
    expect(await found({ path: '/p/cx9ab12' })).toEqual([]);
    expect(await found({ path: '/citizen/status/1790000000000000001', statusId: '1790000000000000001' })).toEqual(['1790000000000000001']);
    expect(await store.queue.countQueueByDomain({ status: 'needs_reply', now: NOW, link: { path: '/p/Cx9aB12' } })).toEqual({ roads: 1 });
  });

  it('keeps per-domain counts right as mentions are ingested, answered and closed', async () => {
    const r = await store.mentions.ingestBatch(
      'x',
      [buildClassified({}, { primaryDomain: 'roads' }), buildClassified({}, { primaryDomain: 'roads' }), buildClassified({}, { primaryDomain: null })],
      null,
    );
    const q = { status: 'needs_reply' as const, now: NOW };
    expect(await store.queue.countQueueByDomain(q)).toEqual({ roads: 2, none: 1 });
    await store.queue.setMentionStatus(r.inserted[0].id, 'spam');
    await store.replies.createReply({ mentionId: r.inserted[2].id, text: 'x', author: 'u', state: 'queued', purpose: 'agent' });
    const taken = (await store.replies.takeNextOutboxReply(new Date().toISOString()))!;
    await store.replies.recordReplySent(taken.id, { externalId: 'e', at: NOW });
    expect(await store.queue.countQueueByDomain(q)).toEqual({ roads: 1 });
    expect(await store.queue.countQueueByDomain({ ...q, status: 'spam' })).toEqual({ roads: 1 });
    expect(await store.queue.countQueueByDomain({ ...q, status: 'replied' })).toEqual({ none: 1 });
  });

  it('sets a mention status only from the expected statuses', async () => {
    const m = await oneMention();
    const r = await store.queue.setMentionStatus(m.id, 'spam', { from: ['needs_reply'] });
    expect(r?.before.status).toBe('needs_reply');
    expect(r?.after.status).toBe('spam');
    expect(await store.queue.setMentionStatus(m.id, 'no_action', { from: ['needs_reply'] })).toBeNull();
    expect(await store.queue.setMentionStatus('missing', 'spam')).toBeNull();
  });

  it('clears capture_pending when a mention is closed, and sets it again when a works complaint without a case is set back to needs_reply', async () => {
    const complaint = await oneMention({ primaryDomain: 'roads', intent: 'complaint' });
    const chat = await oneMention({ primaryDomain: null, intent: 'other' });
    const pending = async () => (await store.cases.listCapturePending(10)).map((m) => m.id);
    expect(await pending()).toEqual([complaint.id]);
    await store.queue.setMentionStatus(complaint.id, 'spam');
    await store.queue.setMentionStatus(chat.id, 'spam');
    expect(await pending()).toEqual([]);
    const back = await store.queue.setMentionStatus(complaint.id, 'needs_reply');
    expect(back?.after.status).toBe('needs_reply');
    await store.queue.setMentionStatus(chat.id, 'needs_reply');
    expect(await pending()).toEqual([complaint.id]);

    // with a case, setting it back leaves capture alone
    await store.cases.captureMention({
      mentionId: complaint.id,
      newCase: { domain: 'roads', unit: 'U', urgency: 'medium', location: {}, citizen: { channel: 'x', handle: 'h' }, openedAt: NOW, slaDueAt: LATER, prefix: 'MOW', year: 2026, source: 'ingest', actor: 'system' },
      dedup: { sameAuthorMs: 0, samePlaceMs: 0 },
      onOpened: [],
    });
    await store.queue.setMentionStatus(complaint.id, 'no_action');
    await store.queue.setMentionStatus(complaint.id, 'needs_reply');
    expect(await pending()).toEqual([]);
  });
}
