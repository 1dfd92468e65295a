/**
 * The case store's part in forwarding and reopening, on every adapter (memory, SQLite, MongoDB on
 * the in-memory driver stand-in): a unit change queues its targets with the change, a target asked
 * for by both the status and the unit change is queued once, a new SLA due time is stored with an
 * `sla_restarted` history entry, and a deferred outbox message gets its attempt back.
 */
import path from 'node:path';
import type { NewCase, OutboxTarget } from '../../src/cases/store/case-store';
import { createMemoryStores } from '../../src/stores/memory-stores';
import { createSqliteStores } from '../../src/stores/sqlite-stores';
import type { Stores } from '../../src/stores/stores';
import { inMemoryMongoStore } from '../store/mongodb/in-memory-store';
import { makeTempDir } from '../support/temp-dir';

const AT = '2026-11-20T08:00:00.000Z';
const LATER = '2026-11-21T10:00:00.000Z';
const FORWARD: OutboxTarget = { topic: 'complaints_forward', destination: 'http://127.0.0.1:9/forward' };
const HOOK: OutboxTarget = { topic: 'webhook', destination: 'http://127.0.0.1:9/hook' };

function newCase(): NewCase {
  return {
    domain: 'roads',
    unit: 'Roads Maintenance Directorate',
    urgency: 'medium',
    location: { area: 'المحرق' },
    citizen: { channel: 'open311', handle: 'fms-1' },
    openedAt: AT,
    slaDueAt: '2026-11-21T08:00:00.000Z',
    prefix: 'MOW',
    year: 2026,
    source: 'open311',
    actor: 'open311',
  };
}

type Adapter = { name: string; open: () => Promise<{ store: Omit<Stores, 'kind' | 'summaries'>; close: () => Promise<void> }> };

const adapters: Adapter[] = [
  { name: 'memory', open: async () => ({ store: createMemoryStores(), close: async () => undefined }) },
  {
    name: 'sqlite',
    open: async () => {
      const tmp = makeTempDir('rasid-case-outbox-');
      const store = createSqliteStores(path.join(tmp.dir, 'rasid.db'));
      return { store, close: async () => (await store.close(), tmp.remove()) };
    },
  },
  { name: 'mongodb (in memory, standalone)', open: async () => ({ store: (await inMemoryMongoStore()).store, close: async () => undefined }) },
  { name: 'mongodb (in memory, transactions)', open: async () => ({ store: (await inMemoryMongoStore({ transactions: true })).store, close: async () => undefined }) },
];

describe.each(adapters)('case store: changes that leave through the outbox ($name)', ({ open }) => {
  let t: Awaited<ReturnType<Adapter['open']>>;
  beforeEach(async () => {
    t = await open();
  });
  afterEach(async () => t.close());

  it('queues the unit-change targets with a change of unit, and nothing when the unit stays', async () => {
    const c = await t.store.cases.openCase(newCase(), []);
    await t.store.cases.updateCase(c.number, { unit: c.unit, actor: 'sup', at: LATER, onUnitChanged: [FORWARD] });
    expect(await t.store.caseOutbox.listOutbox({ limit: 10 })).toEqual([]);
    const r = await t.store.cases.updateCase(c.number, { unit: 'Sanitary Engineering Operations', actor: 'sup', at: LATER, onUnitChanged: [FORWARD] });
    const queued = await t.store.caseOutbox.listOutbox({ limit: 10 });
    expect(queued.map((m) => [m.topic, m.destination, m.subject, m.createdAt])).toEqual([['complaints_forward', FORWARD.destination, c.number, LATER]]);
    expect(r?.after.unit).toBe('Sanitary Engineering Operations');
  });

  it('queues a target asked for by both the status and the unit change once', async () => {
    const c = await t.store.cases.openCase(newCase(), []);
    await t.store.cases.updateCase(c.number, { status: 'in_progress', unit: 'Other Unit', actor: 'sup', at: LATER, onStatusChanged: [HOOK, FORWARD], onUnitChanged: [FORWARD] });
    expect((await t.store.caseOutbox.listOutbox({ limit: 10 })).map((m) => m.topic).sort()).toEqual(['complaints_forward', 'webhook']);
  });

  it('stores a new SLA due time with an sla_restarted history entry naming the old and new times', async () => {
    const c = await t.store.cases.openCase(newCase(), []);
    await t.store.cases.updateCase(c.number, { status: 'in_progress', actor: 'sup', at: AT });
    await t.store.cases.updateCase(c.number, { status: 'resolved', actor: 'sup', at: AT });
    const due = '2026-11-22T10:00:00.000Z';
    const r = await t.store.cases.updateCase(c.number, { status: 'open', statusAction: 'reopened', slaDueAt: due, actor: 'sup', at: LATER });
    expect(r?.after.slaDueAt).toBe(due);
    expect(r?.after.history.slice(-2)).toEqual([
      { at: LATER, actor: 'sup', action: 'reopened', from: 'resolved', to: 'open' },
      { at: LATER, actor: 'sup', action: 'sla_restarted', from: '2026-11-21T08:00:00.000Z', to: due },
    ]);
    expect((await t.store.cases.getCase(c.number))?.slaDueAt).toBe(due);
  });

  it('gives a deferred message its attempt back and makes it due at the time given', async () => {
    await t.store.caseOutbox.enqueueOutbox([{ topic: 'complaints_forward', destination: FORWARD.destination, event: 'case.created', subject: 'MOW-2026-000009', payload: null }], AT);
    const [m] = await t.store.caseOutbox.claimDueOutbox(LATER, 10, 60_000);
    expect(m.attempts).toBe(1);
    await t.store.caseOutbox.deferOutbox(m.id, LATER);
    const [again] = await t.store.caseOutbox.claimDueOutbox(LATER, 10, 60_000);
    expect([again.id, again.attempts]).toEqual([m.id, 1]);
  });
});
