/**
 * The first schema: mentions with their classification and queue state, each channel's cursor,
 * health and key-value state, and the ministry's own posts with their metrics.
 */
import type { Migration } from './migration';

export const migration: Migration = {
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
};
