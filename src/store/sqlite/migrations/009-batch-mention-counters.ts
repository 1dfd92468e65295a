/**
 * New mentions are counted once per ingest batch by the inserting code
 * (inserted-mention-counters.ts) instead of by per-row insert triggers; the update and delete
 * triggers stay. mentions_queue is the leading prefix of mentions_priority, so the planner has the
 * same choices without it. mentions_status_domain served the (status, domain) counts, now read from
 * mention_counts; for a domain-filtered queue page it lured the planner into sorting every match
 * instead of walking mentions_priority. Each cost ingest time.
 */
import type { Migration } from './migration';

export const migration: Migration = {
  version: 9,
  name: 'mention counters raised once per ingest batch instead of per-row insert triggers',
  sql: `
      DROP TRIGGER IF EXISTS mention_counts_insert;
      DROP TRIGGER IF EXISTS mention_facet_counts_insert;
      DROP TRIGGER IF EXISTS mention_hour_counts_insert;
      DROP TRIGGER IF EXISTS complaint_day_counts_insert;
      DROP INDEX IF EXISTS mentions_queue;
      DROP INDEX IF EXISTS mentions_status_domain;
    `,
};
