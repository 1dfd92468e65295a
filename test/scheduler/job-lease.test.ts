/**
 * Two in-process "instances" (two Schedulers, each with its own LeasedJob and holder id) sharing
 * one SQLite-backed lease table. Fake timers drive both the renewals and the lease clock.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LeaseStore } from '../../src/scheduler/store/lease-store';
import type { Job } from '../../src/scheduler/job';
import { LeasedJob } from '../../src/scheduler/job-lease';
import { Scheduler } from '../../src/scheduler/scheduler';
import { createSqliteStores, type SqliteStores } from '../../src/stores/sqlite-stores';
import { memoryLogger } from '../support/silent-log';

const flush = () => new Promise((r) => setImmediate(r));

function deferred() {
  let open!: () => void;
  const promise = new Promise<void>((r) => (open = r));
  return { promise, open };
}

function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rasid-lease-'));
  const store = createSqliteStores(path.join(dir, 'rasid.db'));
  const entered: string[] = [];
  let active = 0;
  let maxActive = 0;
  const gates = { A: deferred(), B: deferred() };
  const schedulers: Scheduler[] = [];
  const instance = (id: 'A' | 'B', leases: LeaseStore = store.leases) => {
    const { log, lines } = memoryLogger('debug');
    const scheduler = new Scheduler(log);
    const job: Job = {
      name: 'poll:x',
      schedule: '*/10 * * * * *',
      run: async () => {
        entered.push(id);
        maxActive = Math.max(maxActive, ++active);
        await gates[id].promise;
        active--;
      },
    };
    const leased = new LeasedJob(job, { leases, holder: `instance-${id}`, ttlMs: 1_000, log });
    scheduler.add(leased);
    schedulers.push(scheduler);
    return { scheduler, leased, lines, runOnce: () => scheduler.runOnce(leased) };
  };
  const cleanup = async () => {
    for (const s of schedulers) await s.stop(0);
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return { store, entered, gates, instance, maxActive: () => maxActive, cleanup };
}

describe('LeasedJob with two instances sharing one SQLite lease table', () => {
  beforeEach(() => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('runs the job on one instance while the other skips, then on the other once the first is done', async () => {
    const t = setup();
    const a = t.instance('A');
    const b = t.instance('B');
    const runA = a.runOnce();
    await flush();
    await b.runOnce();
    expect(t.entered).toEqual(['A']);
    expect(b.leased.skipped).toBe(1);
    t.gates.A.open();
    await runA;
    t.gates.B.open();
    await b.runOnce();
    expect(t.entered).toEqual(['A', 'B']);
    expect(t.maxActive()).toBe(1);
    await t.cleanup();
  });

  it('keeps the lease past its ttl while the holder renews it during a long run', async () => {
    const t = setup();
    const a = t.instance('A');
    const b = t.instance('B');
    const runA = a.runOnce();
    await flush();
    for (let i = 0; i < 10; i++) {
      await jest.advanceTimersByTimeAsync(500);
      await b.runOnce();
    }
    expect(t.entered).toEqual(['A']);
    expect(b.leased.skipped).toBe(10);
    expect(a.leased.leaseLost).toBe(false);
    t.gates.A.open();
    await runA;
    await t.cleanup();
  });

  it('takes over after expiry when the holder died without releasing', async () => {
    const t = setup();
    // A holder that took the lease and then vanished: nobody renews or releases it.
    expect(await t.store.leases.acquireLease('job:poll:x', 'crashed-instance', 1_000)).toBe(true);
    const b = t.instance('B');
    t.gates.B.open();
    await b.runOnce();
    expect(t.entered).toEqual([]);
    await jest.advanceTimersByTimeAsync(1_001);
    await b.runOnce();
    expect(t.entered).toEqual(['B']);
    await t.cleanup();
  });

  it('marks a stalled holder\'s run as having lost the lease once another instance took over', async () => {
    const t = setup();
    let stalled: Promise<void> | null = null;
    const stallGate = deferred();
    // A's renewals hang (a frozen process) until stallGate opens.
    const stalling: LeaseStore = {
      acquireLease: (n, h, ttl) => t.store.leases.acquireLease(n, h, ttl),
      releaseLease: (n, h) => t.store.leases.releaseLease(n, h),
      renewLease: async (n, h, ttl) => {
        stalled ??= stallGate.promise;
        await stalled;
        return t.store.leases.renewLease(n, h, ttl);
      },
    };
    const a = t.instance('A', stalling);
    const b = t.instance('B');
    const runA = a.runOnce();
    await flush();
    await jest.advanceTimersByTimeAsync(1_500);
    t.gates.B.open();
    await b.runOnce();
    expect(t.entered).toEqual(['A', 'B']);
    expect(a.leased.leaseLost).toBe(false);
    stallGate.open();
    await jest.advanceTimersByTimeAsync(10);
    expect(a.leased.leaseLost).toBe(true);
    expect(a.lines().some((l) => /lost its lease/.test(String(l.msg)))).toBe(true);
    t.gates.A.open();
    await runA;
    await t.cleanup();
  });
});

describe('createScheduler', () => {
  it('keeps the plain scheduler for SQLite (one process per file) and leases every job on MongoDB', async () => {
    const { createScheduler, LeasedScheduler } = await import('../../src/scheduler/leased-scheduler');
    const { log } = memoryLogger();
    const sqlite = createSqliteStores(':memory:');
    expect(createScheduler(sqlite, log)).not.toBeInstanceOf(LeasedScheduler);
    const asMongo = Object.assign(Object.create(sqlite) as SqliteStores, { kind: 'mongodb' });
    const scheduler = createScheduler(asMongo, log) as InstanceType<typeof LeasedScheduler>;
    expect(scheduler).toBeInstanceOf(LeasedScheduler);
    let ran = 0;
    scheduler.add({ name: 'send', schedule: '* * * * *', run: async () => void ran++ });
    const send = scheduler.leasedJob('send');
    expect(send).toBeDefined();
    await sqlite.leases.acquireLease('job:send', 'another-instance', 60_000);
    await scheduler.runOnce(send!);
    expect(ran).toBe(0);
    expect(scheduler.skippedRuns()).toEqual({ send: 1 });
    await sqlite.leases.releaseLease('job:send', 'another-instance');
    await scheduler.runOnce(send!);
    expect(ran).toBe(1);
    await scheduler.stop(0);
    await sqlite.close();
  });
});
