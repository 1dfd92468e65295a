import path from 'node:path';
import { AuditLog } from '../../src/audit/audit-log';
import type { Mention } from '../../src/domain';
import { toQueueItem } from '../../src/queue/queue-item';
import { QueueService } from '../../src/queue/queue-service';
import { createSqliteStores, type SqliteStores } from '../../src/stores/sqlite-stores';
import { SqliteQueueStore } from '../../src/queue/store/sqlite-queue-store';
import { buildClassified } from '../support/builders';
import { makeTempDir } from '../support/temp-dir';
import type { QueueQuery } from '../../src/queue/store/queue-store';

const NOW = '2026-11-20T12:00:00.000Z';
const LATER = '2026-11-20T12:10:00.000Z';
let tmp: ReturnType<typeof makeTempDir>;
let store: SqliteStores;

beforeEach(() => {
  tmp = makeTempDir('rasid-queue-items-');
  store = createSqliteStores(path.join(tmp.dir, 'rasid.db'));
});
afterEach(async () => {
  await store.close();
  tmp.remove();
});

const at = (min: number) => new Date(Date.UTC(2026, 10, 20, 8, min)).toISOString();

/** A backlog with every optional list field both present and absent, and ties in the priority keys. */
async function backlog(): Promise<Mention[]> {
  const r = await store.mentions.ingestBatch(
    'replay',
    [
      buildClassified({ network: 'x', createdAt: at(1), author: { id: 'a1', handle: 'one', name: 'مواطن', followers: 10 } }, { urgency: 'high' }),
      buildClassified({ network: 'x', createdAt: at(1), author: { id: 'a2', handle: 'two', followers: 900 } }, { urgency: 'high', location: {} }),
      buildClassified({ network: 'rss', kind: 'news', replyable: false, title: 'انقطاع المياه', createdAt: at(2), author: { id: 'a3', handle: 'news', name: '' } }, { primaryDomain: null, intent: 'other', urgency: 'low', location: { block: '338' } }),
      buildClassified({ network: 'instagram', createdAt: at(3), title: '' }, { primaryDomain: 'drainage', intent: 'inquiry', urgency: 'medium', location: { area: 'سترة', road: '4107' } }),
      buildClassified({ network: 'x', createdAt: at(4), text: 'إنارة الشارع مطفأة' }, { primaryDomain: 'buildings', urgency: 'medium' }),
      buildClassified({ network: 'x', createdAt: at(4), author: { id: 'a6', handle: 'six', followers: 10 } }, { urgency: 'medium' }),
      buildClassified({ network: 'x', createdAt: at(5) }, { urgency: 'low', intent: 'suggestion' }),
    ],
    null,
  );
  const [first, second] = r.inserted;
  await store.queue.claimMention(first.id, 'agent-1', LATER, NOW);
  await store.queue.claimMention(second.id, 'agent-2', NOW, '2026-11-20T11:00:00.000Z'); // expired by NOW
  // A captured complaint: the case link is what the list shows of it.
  store.db.prepare('UPDATE mentions SET case_id = ? WHERE id = ?').run('case-1', r.inserted[3].id);
  return r.inserted;
}

/** Every page of a query, with the cursor that led to each. */
async function pages<T>(list: (q: QueueQuery) => Promise<{ items: T[]; nextCursor: string | null }>, q: Omit<QueueQuery, 'cursor'>) {
  const out: { items: T[]; nextCursor: string | null }[] = [];
  let cursor: string | undefined;
  do {
    const page = await list({ ...q, cursor });
    out.push(page);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && out.length < 20);
  return out;
}

describe('lean queue list on SQLite', () => {
  it('gives the same items, order and cursors as the full list cut down to queue items, for every filter', async () => {
    await backlog();
    const base = { status: 'needs_reply' as const, limit: 2, now: NOW };
    const filterSets: Omit<QueueQuery, 'cursor'>[] = [
      base,
      { ...base, domain: 'roads' },
      { ...base, channel: 'x' },
      { ...base, intent: 'inquiry' },
      { ...base, urgency: 'medium' },
      { ...base, assignee: 'agent-1' },
      { ...base, assignee: 'none' },
      { ...base, q: 'اناره' },
      { ...base, limit: 200 },
    ];
    for (const q of filterSets) {
      const lean = await pages((x) => store.queue.listQueueItems(x), q);
      const full = await pages((x) => store.queue.listQueue(x), q);
      expect({ q, pages: lean }).toEqual({ q, pages: full.map((p) => ({ items: p.items.map(toQueueItem), nextCursor: p.nextCursor })) });
    }
    expect((await pages((x) => store.queue.listQueueItems(x), base)).flatMap((p) => p.items)).toHaveLength(7);
  });

  it('carries what the console list shows and none of the evidence, metrics or raw fields', async () => {
    const [claimed, , news, captured] = await backlog();
    const { items } = await store.queue.listQueueItems({ status: 'needs_reply', limit: 50, now: NOW });
    const byId = new Map(items.map((i) => [i.id, i]));
    expect(byId.get(claimed.id)).toEqual({
      id: claimed.id,
      channel: 'replay',
      network: 'x',
      author: { handle: 'one', name: 'مواطن' },
      text: claimed.text,
      createdAt: at(1),
      status: 'needs_reply',
      classification: { primaryDomain: 'roads', intent: 'complaint', urgency: 'high', location: { area: 'المحرق' } },
      claim: { by: 'agent-1', until: LATER },
    });
    expect(byId.get(news.id)).toMatchObject({ title: 'انقطاع المياه', author: { handle: 'news', name: '' }, classification: { primaryDomain: null, urgency: 'low', location: {} } });
    expect(byId.get(captured.id)).toMatchObject({ caseId: 'case-1', classification: { location: { area: 'سترة' } } });
    expect(byId.get(captured.id)).not.toHaveProperty('title');
    for (const item of items) {
      expect(Object.keys(item).filter((k) => !['title', 'claim', 'caseId'].includes(k)).sort()).toEqual(
        ['author', 'channel', 'classification', 'createdAt', 'id', 'network', 'status', 'text'],
      );
      expect(Object.keys(item.classification).sort()).toEqual(['intent', 'location', 'primaryDomain', 'urgency']);
    }
  });

  it('lists other statuses with their own status on each item', async () => {
    const [m] = await backlog();
    await store.queue.setMentionStatus(m.id, 'spam');
    const { items } = await store.queue.listQueueItems({ status: 'spam', limit: 10, now: NOW });
    expect(items.map((i) => [i.id, i.status])).toEqual([[m.id, 'spam']]);
  });

  it('walks the priority index for the first page and after a cursor, without sorting', async () => {
    await backlog();
    const table = new SqliteQueueStore(store.conn);
    const first = { status: 'needs_reply' as const, limit: 2, now: NOW };
    const cursor = (await table.listQueueItems(first)).nextCursor ?? undefined;
    expect(cursor).toBeDefined();
    for (const q of [first, { ...first, cursor }, { ...first, domain: 'roads' as const }]) {
      const plan = table.explainItems(q);
      expect({ q, plan }).toEqual({ q, plan: expect.stringMatching(/USING (COVERING )?INDEX mentions_priority/) });
      expect(plan).not.toMatch(/TEMP B-TREE/);
    }
  });

  it('rejects a cursor it did not make', async () => {
    await expect(store.queue.listQueueItems({ status: 'needs_reply', limit: 2, cursor: 'bogus', now: NOW })).rejects.toMatchObject({ status: 400 });
  });
});

describe('queue service list', () => {
  const service = (queue: ConstructorParameters<typeof QueueService>[0]['queue'], countsTtlMs?: number) =>
    new QueueService({ mentions: store.mentions, queue, users: store.users, audit: new AuditLog(store.audit), leaseMs: 600_000, countsTtlMs, now: () => new Date(NOW) });

  it('cuts a store’s Mentions down to queue items when the store has no lean list', async () => {
    await backlog();
    const withoutLean = {
      claimMention: store.queue.claimMention.bind(store.queue),
      releaseClaim: store.queue.releaseClaim.bind(store.queue),
      setMentionStatus: store.queue.setMentionStatus.bind(store.queue),
      listQueue: store.queue.listQueue.bind(store.queue),
      countQueueByDomain: store.queue.countQueueByDomain.bind(store.queue),
    };
    const input = { status: 'needs_reply' as const, limit: 3 };
    const projected = await service(withoutLean).list(input);
    expect(projected).toEqual(await service(store.queue).list(input));
    expect(projected.items).toHaveLength(3);
    expect(projected.items[0]).not.toHaveProperty('externalId');
  });

  it('gives whole Mentions with the classifier evidence for view=full', async () => {
    await backlog();
    const page = await service(store.queue).list({ status: 'needs_reply', limit: 3, view: 'full' });
    expect(page.items.map((m) => m.id)).toEqual((await store.queue.listQueue({ status: 'needs_reply', limit: 3, now: NOW })).items.map((m) => m.id));
    expect((page.items[0] as Mention).classification.domains[0].evidence).toEqual([{ term: 'حفرة', start: 0, end: 4 }]);
  });

  it('shows a status change in the per-domain counts at once, whatever the counts cache', async () => {
    const [m] = await backlog();
    const queue = service(store.queue, 60_000);
    const before = await queue.list({ status: 'needs_reply', limit: 1 });
    await store.queue.setMentionStatus(m.id, 'spam');
    const after = await queue.list({ status: 'needs_reply', limit: 1 });
    expect(after.counts.byDomain.roads).toBe(before.counts.byDomain.roads - 1);
    expect(after.counts.total).toBe(before.counts.total - 1);
  });

  it('caches only the counts the store must scan for (text search), for the configured time', async () => {
    await backlog();
    let scans = 0;
    const counting = Object.assign(Object.create(store.queue) as SqliteStores['queue'], {
      countQueueByDomain: async (q: Omit<QueueQuery, 'limit' | 'cursor'>) => {
        scans++;
        return store.queue.countQueueByDomain(q);
      },
    });
    const queue = service(counting, 60_000);
    const searched = await queue.list({ status: 'needs_reply', limit: 1, q: 'حفرة' });
    expect(searched.counts).toEqual({ byDomain: { roads: 4, drainage: 1, none: 1 }, total: 6 }); // all but the street-light one
    await queue.list({ status: 'needs_reply', limit: 1, q: 'حفرة' });
    expect(scans).toBe(1);
    for (const filters of [{}, { intent: 'complaint' as const }, { assignee: 'none' }]) {
      await queue.list({ status: 'needs_reply', limit: 1, ...filters });
      await queue.list({ status: 'needs_reply', limit: 1, ...filters });
    }
    expect(scans).toBe(7);
  });
});
