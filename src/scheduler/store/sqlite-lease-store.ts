/**
 * Job leases on SQLite. Each change is one statement, so it is atomic on its own; expiry is kept
 * in epoch milliseconds from this process's clock.
 */
import type { SqliteConnection } from '../../store/sqlite/sqlite-connection';
import type { LeaseStore } from './lease-store';

const LEASE_TABLE = 'leases';

export class SqliteLeaseStore implements LeaseStore {
  private readonly take;
  private readonly extend;
  private readonly drop;

  constructor(
    private readonly conn: SqliteConnection,
    private readonly now: () => number = Date.now,
  ) {
    const db = conn.db;
    // The WHERE of the upsert decides: a lease row held by someone else and not yet expired is
    // left alone (0 changes), anything else becomes ours.
    this.take = db.prepare(`INSERT INTO ${LEASE_TABLE} (name, holder, expires_at, acquired_at) VALUES (@name, @holder, @expiresAt, @now)
      ON CONFLICT (name) DO UPDATE SET
        holder = excluded.holder,
        expires_at = excluded.expires_at,
        acquired_at = CASE WHEN ${LEASE_TABLE}.holder = excluded.holder THEN ${LEASE_TABLE}.acquired_at ELSE excluded.acquired_at END
      WHERE ${LEASE_TABLE}.holder = excluded.holder OR ${LEASE_TABLE}.expires_at <= @now`);
    // Renewal only needs "still mine": whoever took it over changed the holder.
    this.extend = db.prepare(`UPDATE ${LEASE_TABLE} SET expires_at = ? WHERE name = ? AND holder = ?`);
    this.drop = db.prepare(`DELETE FROM ${LEASE_TABLE} WHERE name = ? AND holder = ?`);
  }

  async acquireLease(name: string, holder: string, ttlMs: number): Promise<boolean> {
    const now = this.now();
    return this.conn.guard(() => this.take.run({ name, holder, expiresAt: now + ttlMs, now }).changes === 1);
  }

  async renewLease(name: string, holder: string, ttlMs: number): Promise<boolean> {
    return this.conn.guard(() => this.extend.run(this.now() + ttlMs, name, holder).changes === 1);
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    this.conn.guard(() => this.drop.run(name, holder));
  }
}
