/**
 * Without transactions (a standalone mongod), case changes are serialised by one lock
 * ('lock:cases', a LeaseLock), so captures, openings and updates run one at a time across every
 * instance, and the per-year counter never skips a number.
 */
import type { LeaseStore } from '../../scheduler/store/lease-store';
import { LeaseLock, type LeaseLockOptions } from '../../store/mongodb/lease-lock';

export const CASE_LOCK = 'lock:cases';

export class CaseLock {
  private readonly lock: LeaseLock;

  constructor(leases: LeaseStore, opts?: LeaseLockOptions) {
    this.lock = new LeaseLock(leases, opts);
  }

  run<T>(work: () => Promise<T>): Promise<T> {
    return this.lock.run(CASE_LOCK, work);
  }
}
