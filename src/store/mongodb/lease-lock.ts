/**
 * Without transactions (a standalone mongod), a change that reads before it writes is serialised
 * by a lock: a lease document of the given name (in the leases collection, server clock) taken
 * before and released after the change, so it runs one at a time across every instance, as
 * SQLite's IMMEDIATE transactions do. The lease expires after `ttlMs` if its holder dies.
 */
import { randomUUID } from 'node:crypto';
import { StoreError } from '../store-error';

/** The two lease calls the lock makes (the scheduler's LeaseStore has them): shared plumbing imports no feature. */
export interface LockLeases {
  acquireLease(name: string, holder: string, ttlMs: number): Promise<boolean>;
  releaseLease(name: string, holder: string): Promise<void>;
}

export interface LeaseLockOptions {
  /** How long a dead holder blocks the others. */
  ttlMs: number;
  /** How long to wait for the lock before failing with store_locked. */
  waitMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class LeaseLock {
  constructor(
    private readonly leases: LockLeases,
    private readonly opts: LeaseLockOptions = { ttlMs: 30_000, waitMs: 45_000 },
  ) {}

  async run<T>(name: string, work: () => Promise<T>): Promise<T> {
    const holder = randomUUID();
    const deadline = Date.now() + this.opts.waitMs;
    for (let delay = 5; !(await this.leases.acquireLease(name, holder, this.opts.ttlMs)); delay = Math.min(delay * 2, 200)) {
      if (Date.now() > deadline) throw new StoreError('store_locked', `${name} still held by another instance after ${this.opts.waitMs} ms`);
      await sleep(delay + Math.random() * delay);
    }
    try {
      return await work();
    } finally {
      await this.leases.releaseLease(name, holder);
    }
  }
}
