import path from 'node:path';
import type { Domain, Intent, Urgency } from '../../src/domain';
import { createSqliteStores, type SqliteStores } from '../../src/stores/sqlite-stores';
import { buildClassified } from '../support/builders';
import { makeTempDir } from '../support/temp-dir';
import type { QueueQuery } from '../../src/queue/store/queue-store';

const NOW = '2026-11-20T12:00:00.000Z';
let tmp: ReturnType<typeof makeTempDir>;
let file: string;
let store: SqliteStores;

beforeEach(() => {
  tmp = makeTempDir('rasid-queue-counts-');
  file = path.join(tmp.dir, 'rasid.db');
  store = createSqliteStores(file);
});
afterEach(async () => {
  await store.close();
  tmp.remove();
});

/** mulberry32: the same varied backlog on every run. */
function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mentions over channels, networks, domains, intents and urgencies; some claimed, some closed. */
async function variedBacklog(): Promise<void> {
  const rnd = seeded(5);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  for (const channel of ['replay', 'x', 'rss']) {
    const batch = Array.from({ length: 40 }, () =>
      buildClassified(
        { network: channel === 'replay' ? pick(['x', 'instagram', 'rss']) : channel, text: pick(['حفرة في الشارع', 'طفح المجاري', 'إنارة مطفأة']) },
        { primaryDomain: pick<Domain | null>(['roads', 'drainage', 'buildings', null]), intent: pick<Intent>(['complaint', 'inquiry', 'other']), urgency: pick<Urgency>(['high', 'medium', 'low']) },
      ),
    );
    const { inserted } = await store.mentions.ingestBatch(channel, batch, null);
    for (const m of inserted) {
      const r = rnd();
      if (r < 0.15) await store.queue.claimMention(m.id, pick(['agent-1', 'agent-2']), '2026-11-20T12:10:00.000Z', NOW);
      else if (r < 0.22) await store.queue.claimMention(m.id, 'agent-1', '2026-11-20T11:50:00.000Z', '2026-11-20T11:40:00.000Z'); // expired by NOW
      else if (r < 0.32) await store.queue.setMentionStatus(m.id, 'spam');
    }
  }
}

/** What the counts must say: the listed mentions themselves, grouped by domain. */
async function countedFromList(q: Omit<QueueQuery, 'limit' | 'cursor'>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  let cursor: string | undefined;
  do {
    const page = await store.queue.listQueueItems({ ...q, domain: undefined, limit: 200, cursor });
    for (const m of page.items) counts[m.classification.primaryDomain ?? 'none'] = (counts[m.classification.primaryDomain ?? 'none'] ?? 0) + 1;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return counts;
}

const FILTER_SETS: Omit<QueueQuery, 'limit' | 'cursor' | 'now' | 'status'>[] = [
  {},
  { domain: 'roads' },
  { channel: 'x' },
  { channel: 'instagram' },
  { intent: 'inquiry' },
  { urgency: 'high' },
  { channel: 'replay', intent: 'complaint', urgency: 'low' },
  { assignee: 'none' },
  { assignee: 'agent-1' },
  { assignee: 'nobody' },
  { assignee: 'none', channel: 'x', urgency: 'medium' },
  { assignee: 'agent-2', intent: 'complaint' },
  { q: 'حفره' },
  { q: 'مجاري', assignee: 'none' },
];

describe('queue counts per domain on SQLite', () => {
  it('agree with the listed mentions for every filter combination, status and claim state', async () => {
    await variedBacklog();
    for (const status of ['needs_reply', 'spam'] as const) {
      for (const f of FILTER_SETS) {
        const q = { ...f, status, now: NOW };
        expect({ q, counts: await store.queue.countQueueByDomain(q) }).toEqual({ q, counts: await countedFromList(q) });
      }
    }
  });

  it('are read from counters for every filter but the text search', async () => {
    for (const f of FILTER_SETS) expect({ f, live: store.queue.hasLiveQueueCounts({ ...f, status: 'needs_reply', now: NOW }) }).toEqual({ f, live: !f.q });
  });

  it('follow ingest, status changes, claims and lease expiry at once', async () => {
    const { inserted } = await store.mentions.ingestBatch('x', [buildClassified({}, { urgency: 'high' }), buildClassified({}, { urgency: 'high', primaryDomain: 'drainage' })], null);
    const q = { status: 'needs_reply' as const, urgency: 'high' as const, now: NOW };
    expect(await store.queue.countQueueByDomain(q)).toEqual({ roads: 1, drainage: 1 });
    await store.queue.setMentionStatus(inserted[0].id, 'no_action');
    expect(await store.queue.countQueueByDomain(q)).toEqual({ drainage: 1 });
    expect(await store.queue.countQueueByDomain({ ...q, status: 'no_action' })).toEqual({ roads: 1 });
    await store.queue.claimMention(inserted[1].id, 'agent-1', '2026-11-20T12:05:00.000Z', NOW);
    expect(await store.queue.countQueueByDomain({ ...q, assignee: 'none' })).toEqual({});
    expect(await store.queue.countQueueByDomain({ ...q, assignee: 'agent-1' })).toEqual({ drainage: 1 });
    const afterLease = '2026-11-20T12:06:00.000Z';
    expect(await store.queue.countQueueByDomain({ ...q, assignee: 'none', now: afterLease })).toEqual({ drainage: 1 });
    expect(await store.queue.countQueueByDomain({ ...q, assignee: 'agent-1', now: afterLease })).toEqual({});
  });

  it('counts mentions stored before the counters existed (migration backfill)', async () => {
    await variedBacklog();
    const q = { status: 'needs_reply' as const, intent: 'complaint' as const, now: NOW };
    const expected = await countedFromList(q);
    // Back to a schema without the facet counters: their table and triggers dropped and the two
    // migrations that make them forgotten, so opening runs both again (the later one drops the
    // insert trigger the earlier creates, as on a real upgrade).
    store.db.exec(`DROP TRIGGER mention_facet_counts_delete; DROP TRIGGER mention_facet_counts_update;
      DROP TABLE mention_facet_counts; DELETE FROM schema_migrations WHERE version IN (8, 9);`);
    await store.close();
    store = createSqliteStores(file);
    expect(await store.queue.countQueueByDomain(q)).toEqual(expected);
  });
});
