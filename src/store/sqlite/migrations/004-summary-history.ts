/**
 * The weekly summary history table, and the covering index the week queries scanned before the
 * rollups of migration 6 (which drops it again).
 */
import type { Migration } from './migration';

export const migration: Migration = {
  version: 4,
  name: 'weekly summary history, covering index for week figures',
  sql: `
    CREATE TABLE summaries (
      week_id TEXT PRIMARY KEY,
      start_at TEXT NOT NULL,
      end_at TEXT NOT NULL,
      generated_at TEXT NOT NULL,
      schema_version INTEGER NOT NULL,
      headline_json TEXT NOT NULL,
      record_json TEXT NOT NULL,
      delivered_at TEXT
    );
    CREATE INDEX summaries_start ON summaries (start_at);
    -- One index range scan answers the week's grouped counts, distinct authors and text sample
    -- without touching the table rows.
    CREATE INDEX mentions_week ON mentions
      (created_at, network, primary_domain, intent, urgency, sentiment, relevant, author_id);
    -- First response per mention (one seek for MIN) and replies sent in a window, by agent and
    -- template, both answered from the index. Migration 2 (replies) always runs before this one.
    CREATE INDEX replies_first_sent ON replies (mention_id, sent_at) WHERE state = 'sent';
    CREATE INDEX replies_sent_window ON replies (sent_at, author, template_id) WHERE state = 'sent';
  `,
};
