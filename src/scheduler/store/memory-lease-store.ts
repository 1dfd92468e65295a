/** Job leases in memory: one entry per lease name, expiry in epoch milliseconds. */
import type { LeaseStore } from './lease-store';

export class MemoryLeaseStore implements LeaseStore {
  private readonly leases = new Map<string, { holder: string; expiresAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async acquireLease(name: string, holder: string, ttlMs: number): Promise<boolean> {
    const now = this.now();
    const held = this.leases.get(name);
    if (held && held.holder !== holder && held.expiresAt > now) return false;
    this.leases.set(name, { holder, expiresAt: now + ttlMs });
    return true;
  }

  async renewLease(name: string, holder: string, ttlMs: number): Promise<boolean> {
    const held = this.leases.get(name);
    if (!held || held.holder !== holder) return false;
    held.expiresAt = this.now() + ttlMs;
    return true;
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    if (this.leases.get(name)?.holder === holder) this.leases.delete(name);
  }
}
