/**
 * Without transactions (a standalone mongod), case changes are serialised by a lock: a lease
 * document ('lock:cases' in the leases collection, server clock) taken before and released after
 * each change, so captures, openings and updates run one at a time across every instance, as
 * SQLite's IMMEDIATE transactions do. The lease expires after `ttlMs` if its holder dies.
 */
import { randomUUID } from 'node:crypto';
import type { LeaseStore } from '../../scheduler/store/lease-store';
import { StoreError } from '../../store/store-error';

export const CASE_LOCK = 'lock:cases';

export interface CaseLockOptions {
  /** How long a dead holder blocks the others. */
  ttlMs: number;
  /** How long to wait for the lock before failing with store_locked. */
  waitMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class CaseLock {
  constructor(
    private readonly leases: LeaseStore,
    private readonly opts: CaseLockOptions = { ttlMs: 30_000, waitMs: 45_000 },
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    const holder = randomUUID();
    const deadline = Date.now() + this.opts.waitMs;
    for (let delay = 5; !(await this.leases.acquireLease(CASE_LOCK, holder, this.opts.ttlMs)); delay = Math.min(delay * 2, 200)) {
      if (Date.now() > deadline) throw new StoreError('store_locked', `case lock still held by another instance after ${this.opts.waitMs} ms`);
      await sleep(delay + Math.random() * delay);
    }
    try {
      return await work();
    } finally {
      await this.leases.releaseLease(CASE_LOCK, holder);
    }
  }
}
