/** Contract: mentions, ingest with cursor, channel state and key/value, own posts. */
import { buildClassified } from '../support/builders';
import type { Stores } from '../../src/stores/stores';

type Needs = Pick<Stores, 'mentions' | 'channelStates' | 'status'>;

export function mentionContract(get: () => Needs): void {
  let store: Needs;
  beforeEach(() => {
    store = get();
  });

  it('reports itself ready with the latest schema', async () => {
    const s = await store.status();
    expect(s.ok).toBe(true);
    expect(s.schemaVersion).toBe(s.expectedSchemaVersion);
  });

  it('ingests a batch and moves the cursor in the same call', async () => {
    const batch = [buildClassified(), buildClassified()];
    const r = await store.mentions.ingestBatch('x', batch, 'cursor-1');
    expect(r.inserted).toHaveLength(2);
    expect(r.updated).toBe(0);
    expect((await store.channelStates.getChannelState('x'))?.cursor).toBe('cursor-1');
    expect(await store.mentions.countMentions()).toBe(2);
    const stored = await store.mentions.getMention(r.inserted[0].id);
    expect(stored).toMatchObject({
      channel: 'x',
      network: 'x',
      externalId: batch[0].raw.externalId,
      text: batch[0].raw.text,
      status: 'needs_reply',
      classification: batch[0].classification,
    });
  });

  it('keeps one mention per channel and external id, refreshing metrics and merging sources', async () => {
    const first = buildClassified({ externalId: 'same', metrics: { likes: 1 }, sources: ['mentions'] });
    await store.mentions.ingestBatch('x', [first], 'c1');
    const again = buildClassified({ externalId: 'same', metrics: { likes: 9 }, sources: ['query:الأشغال'] });
    const r = await store.mentions.ingestBatch('x', [again], 'c2');
    expect(r.inserted).toHaveLength(0);
    expect(r.updated).toBe(1);
    expect(await store.mentions.countMentions()).toBe(1);
    const m = await store.mentions.findMentionByExternalId('x', 'same');
    expect(m?.metrics?.likes).toBe(9);
    expect(new Set(m?.sources)).toEqual(new Set(['mentions', 'query:الأشغال']));
    expect((await store.channelStates.getChannelState('x'))?.cursor).toBe('c2');
  });

  it('treats the same external id on two channels as two mentions', async () => {
    await store.mentions.ingestBatch('x', [buildClassified({ externalId: 'a' })], null);
    await store.mentions.ingestBatch('instagram', [buildClassified({ externalId: 'a' })], null);
    expect(await store.mentions.countMentions()).toBe(2);
  });

  it('lists mentions newest first with cursor pagination and filters', async () => {
    const batch = Array.from({ length: 7 }, (_, i) =>
      buildClassified(
        { createdAt: new Date(Date.UTC(2026, 10, 1, 10, i)).toISOString() },
        { primaryDomain: i % 2 ? 'drainage' : 'roads' },
      ),
    );
    await store.mentions.ingestBatch('x', batch, null);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.mentions.listMentions({ limit: 3, cursor });
      seen.push(...page.items.map((m) => m.createdAt));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect([...seen].sort().reverse()).toEqual(seen);
    const drainage = await store.mentions.listMentions({ limit: 50, domain: 'drainage' });
    expect(drainage.items).toHaveLength(3);
    const since = await store.mentions.listMentions({ limit: 50, since: new Date(Date.UTC(2026, 10, 1, 10, 5)).toISOString() });
    expect(since.items).toHaveLength(2);
    expect((await store.mentions.listMentions({ limit: 50, channel: 'nope' })).items).toHaveLength(0);
  });

  it('leaves the cursor alone when a batch comes without one (webhook deliveries)', async () => {
    await store.mentions.ingestBatch('instagram_graph', [buildClassified()], 'polled-cursor');
    const r = await store.mentions.ingestBatch('instagram_graph', [buildClassified()], undefined);
    expect(r.inserted).toHaveLength(1);
    expect((await store.channelStates.getChannelState('instagram_graph'))?.cursor).toBe('polled-cursor');
  });

  it('lists one thread by conversation id', async () => {
    await store.mentions.ingestBatch(
      'x',
      [buildClassified({ conversationId: 't1' }), buildClassified({ conversationId: 't1' }), buildClassified({ conversationId: 't2' }), buildClassified()],
      null,
    );
    expect((await store.mentions.listMentions({ limit: 10, conversationId: 't1' })).items).toHaveLength(2);
    expect((await store.mentions.listMentions({ limit: 10, channel: 'x', conversationId: 't2' })).items).toHaveLength(1);
  });

  it('returns null for an unknown mention id', async () => {
    expect(await store.mentions.getMention('does-not-exist')).toBeNull();
  });

  it('saves channel health without touching the cursor, and clears fields set to undefined', async () => {
    await store.mentions.ingestBatch('x', [], 'keep-me');
    await store.channelStates.saveChannelHealth('x', { health: 'rate_limited', consecutiveFailures: 2, backoffUntil: '2026-11-30T10:00:00.000Z' });
    let s = await store.channelStates.getChannelState('x');
    expect(s).toMatchObject({ cursor: 'keep-me', health: 'rate_limited', consecutiveFailures: 2, backoffUntil: '2026-11-30T10:00:00.000Z' });
    await store.channelStates.saveChannelHealth('x', { health: 'ok', consecutiveFailures: 0, backoffUntil: undefined });
    s = await store.channelStates.getChannelState('x');
    expect(s?.backoffUntil).toBeUndefined();
    expect(s?.cursor).toBe('keep-me');
    expect((await store.channelStates.listChannelStates()).map((c) => c.channel)).toEqual(['x']);
  });

  it('keeps a small key/value space per channel', async () => {
    const kv = store.channelStates.channelKv('instagram');
    expect(await kv.get('session')).toBeUndefined();
    await kv.set('session', '{"a":1}');
    await kv.set('session', '{"a":2}');
    expect(await kv.get('session')).toBe('{"a":2}');
    expect(await store.channelStates.channelKv('x').get('session')).toBeUndefined();
  });

  it('stores the account\'s own posts and refreshes their metrics', async () => {
    await expect(
      store.mentions.saveOwnPosts('x', [{ externalId: 'p1', text: 'افتتاح جسر', createdAt: '2026-11-20T08:00:00.000Z', metrics: { likes: 3 } }]),
    ).resolves.toBeUndefined();
    await store.mentions.saveOwnPosts('x', [{ externalId: 'p1', text: 'افتتاح جسر', createdAt: '2026-11-20T08:00:00.000Z', metrics: { likes: 30 } }]);
    expect(await store.mentions.countMentions()).toBe(0);
  });
}
