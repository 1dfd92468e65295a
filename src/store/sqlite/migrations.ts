/**
 * Versioned SQLite schema. Each migration runs once, in order, inside a transaction; the applied
 * versions are recorded in schema_migrations. Never edit a released migration: add a new one.
 */
import { CASE_MIGRATION } from './case-schema';
import { CORRECTIONS_MIGRATION } from './correction-table';
import { QUEUE_COUNTS_MIGRATION } from './queue-counts-schema';
import { REPLY_MIGRATION } from './reply-schema';
import { COMPLAINT_PLACE_MIGRATION } from './summary/complaint-places';
import { SUMMARY_ROLLUP_MIGRATION } from './summary/rollup-schema';
import { WEEK_ROLLUP_MIGRATION } from './summary/week-rollup-schema';
import { SUMMARY_MIGRATION } from './summary/summary-history-schema';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'mentions, channel state, own posts',
    sql: `
      CREATE TABLE mentions (
        id TEXT PRIMARY KEY,
        channel TEXT NOT NULL,
        external_id TEXT NOT NULL,
        network TEXT NOT NULL,
        url TEXT,
        author_id TEXT NOT NULL,
        author_handle TEXT NOT NULL,
        author_followers INTEGER NOT NULL DEFAULT 0,
        author_json TEXT NOT NULL,
        text TEXT NOT NULL,
        lang TEXT,
        kind TEXT NOT NULL DEFAULT 'post',
        replyable INTEGER NOT NULL DEFAULT 1,
        title TEXT,
        created_at TEXT NOT NULL,
        fetched_at TEXT NOT NULL,
        in_reply_to TEXT,
        conversation_id TEXT,
        metrics_json TEXT,
        engagement INTEGER NOT NULL DEFAULT 0,
        sources_json TEXT,
        classification_json TEXT NOT NULL,
        primary_domain TEXT,
        intent TEXT NOT NULL,
        urgency TEXT NOT NULL,
        urgency_rank INTEGER NOT NULL,
        sentiment TEXT NOT NULL,
        relevant INTEGER NOT NULL,
        confidence REAL NOT NULL,
        area TEXT,
        block TEXT,
        status TEXT NOT NULL,
        status_changed_at TEXT,
        claim_by TEXT,
        claim_until TEXT,
        case_id TEXT,
        capture_pending INTEGER NOT NULL DEFAULT 0,
        UNIQUE (channel, external_id)
      );
      CREATE INDEX mentions_queue ON mentions (status, urgency_rank, created_at);
      CREATE INDEX mentions_created ON mentions (created_at, id);
      CREATE INDEX mentions_network_created ON mentions (network, created_at);
      CREATE INDEX mentions_domain_created ON mentions (primary_domain, created_at);
      CREATE INDEX mentions_capture_pending ON mentions (capture_pending) WHERE capture_pending = 1;

      CREATE TABLE channel_state (
        channel TEXT PRIMARY KEY,
        cursor TEXT,
        health_json TEXT NOT NULL DEFAULT '{}',
        updated_at TEXT NOT NULL
      );

      CREATE TABLE channel_kv (
        channel TEXT NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (channel, key)
      );

      CREATE TABLE own_posts (
        channel TEXT NOT NULL,
        external_id TEXT NOT NULL,
        url TEXT,
        text TEXT NOT NULL,
        created_at TEXT NOT NULL,
        likes INTEGER NOT NULL DEFAULT 0,
        replies INTEGER NOT NULL DEFAULT 0,
        reposts INTEGER NOT NULL DEFAULT 0,
        impressions INTEGER NOT NULL DEFAULT 0,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (channel, external_id)
      );
      CREATE INDEX own_posts_created ON own_posts (created_at);
    `,
  },
  REPLY_MIGRATION,
  CASE_MIGRATION,
  SUMMARY_MIGRATION,
  {
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
  },
  // Issue 7's performance goals: the weekly summary's rollups, kept by triggers.
  SUMMARY_ROLLUP_MIGRATION,
  {
    version: 7,
    name: 'conversation lookups for the mention detail',
    sql: `CREATE INDEX mentions_conversation ON mentions (channel, conversation_id) WHERE conversation_id IS NOT NULL;`,
  },
  QUEUE_COUNTS_MIGRATION,
  {
    version: 9,
    name: 'mention counters raised once per ingest batch instead of per-row insert triggers',
    // See inserted-mention-counters.ts. The update and delete triggers stay. mentions_queue is
    // the leading prefix of mentions_priority, so the planner has the same choices without it.
    // mentions_status_domain served the (status, domain) counts, now read from mention_counts;
    // for a domain-filtered queue page it lured the planner into sorting every match instead
    // of walking mentions_priority. Each cost ingest (bench:ingest: 33k → 40k raw inserts/s).
    sql: `
      DROP TRIGGER IF EXISTS mention_counts_insert;
      DROP TRIGGER IF EXISTS mention_facet_counts_insert;
      DROP TRIGGER IF EXISTS mention_hour_counts_insert;
      DROP TRIGGER IF EXISTS complaint_day_counts_insert;
      DROP INDEX IF EXISTS mentions_queue;
      DROP INDEX IF EXISTS mentions_status_domain;
    `,
  },
  WEEK_ROLLUP_MIGRATION,
  CORRECTIONS_MIGRATION,
  COMPLAINT_PLACE_MIGRATION,
];

/** The highest version: entries land out of order (fixed numbers per issue), so not the last one. */
export const LATEST_SCHEMA_VERSION = Math.max(...MIGRATIONS.map((m) => m.version));
