/**
 * Job leases, so that only one instance runs a scheduled job at a time.
 * The name is stored in schema_migrations as applied, so it stays as it was released.
 */
import type { Migration } from './migration';

export const migration: Migration = {
  version: 5,
  name: 'job leases for multi-instance scheduling (issue 9)',
  sql: `
      CREATE TABLE leases (
        name TEXT PRIMARY KEY,
        holder TEXT NOT NULL,
        expires_at INTEGER NOT NULL,
        acquired_at INTEGER NOT NULL
      );
    `,
};
