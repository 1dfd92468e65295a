/**
 * Migration 10: rollups keyed by the configured REPORT WEEK, so a week's summary reads a few
 * hundred pre-counted rows instead of the week's 150,000 mentions (issue 7: < 5× one COUNT(*) of
 * the week). Migration 6's hourly and daily rollups (rollup-schema.ts) could not get there: a
 * distinct count (unique authors) does not add up across buckets, and exact medians need every
 * answered mention's time.
 *
 * - report_weeks: the week bounds (UTC) of the configured weeks, written by useReportWeeks
 *   (report-weeks.ts) from TZ_DISPLAY and SUMMARY_WEEK_START. Empty until then: every mention's
 *   report_week is NULL and the figure readers use migration 6's rollups.
 * - mentions.report_week: start of the report week holding created_at, set by the INSERT itself
 *   (WEEK_OF), kept by a trigger when created_at changes, recomputed for every row when the weeks
 *   change.
 * - week_counts (week, dim, key) → n: mentions in total, relevant, per network / domain / intent /
 *   urgency / sentiment, per UTC hour (the local days), complaints per area and block, and the
 *   week's distinct authors (dim 'authors'), which week_authors keeps: one row per (week,
 *   network, author) with its mentions.
 * - mention_terms (each mention's kept terms with their spellings), week_terms (documents and
 *   occurrences of each term over the week's relevant mentions) and week_term_spellings: the
 *   week's top terms over all its mentions, not a sample.
 * - week_authors and the term tables are not written by ingest but caught up after it, up to the
 *   rowid mark in week_rollup_state (report-weeks.ts): authors' keys are random, so each ingest
 *   batch dirtied most of week_authors' pages (a fifth of ingest's speed), and tokenizing is
 *   work ingest need not wait for. Every read of a week's figures catches up first, and the
 *   service does so every minute, so figures stay exact.
 * - week_reply_counts (week, agent | template | no_template, key) → sent replies, by the week of
 *   sent_at (kept by triggers on replies, like migration 6's reply_hour_counts).
 * - week_responses (week, network, domain, urgency, bucket) → n: mentions needing a reply, by
 *   first-response bucket (RESPONSE_BUCKET_BOUNDS; -1 = not answered). With the index
 *   mentions_week_answered, an exact median or p90 is a walk over the buckets and one OFFSET
 *   inside one bucket (summary/week-response-figures.ts).
 *
 * New mentions are counted once per ingest batch by inserted-mention-counters.ts (as migration 9
 * does for the other counters), authors and terms excepted (above); updates and deletes by the triggers
 * below. Everything is exact: test/store/sqlite/summary-rollups.test.ts compares it with the raw
 * queries after random writes.
 */
import type { Migration } from '../migrations';
import { rollupTable, rollupTriggers } from './rollup-schema';
import { RESPONSE_BUCKET_BOUNDS, RESPONSE_KEY_COLUMNS, WEEK_REPLY_ROLLUP } from './week-rollup-keys';
import { WEEK_TRIGGERS_SQL } from './week-rollup-triggers';

const ANSWERED_IN_A_WEEK = 'report_week IS NOT NULL AND relevant = 1 AND replyable = 1 AND first_response_s IS NOT NULL';

export const WEEK_ROLLUP_MIGRATION: Migration = {
  version: 10,
  name: 'weekly summary rollups keyed by the configured report week',
  sql: `
    CREATE TABLE report_weeks (start_at TEXT PRIMARY KEY, end_at TEXT NOT NULL) WITHOUT ROWID;
    CREATE TABLE response_buckets (lo INTEGER PRIMARY KEY);
    INSERT INTO response_buckets (lo) VALUES ${RESPONSE_BUCKET_BOUNDS.map((b) => `(${b})`).join(', ')};
    ALTER TABLE mentions ADD COLUMN report_week TEXT;
    CREATE TABLE week_counts (
      week TEXT NOT NULL,
      dim TEXT NOT NULL,
      key TEXT NOT NULL,
      n INTEGER NOT NULL,
      PRIMARY KEY (week, dim, key)
    ) WITHOUT ROWID;
    CREATE TABLE week_rollup_state (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      counted_to INTEGER NOT NULL
    );
    INSERT INTO week_rollup_state (id, counted_to) VALUES (1, 0);
    -- Each caught-up mention's kept terms: [term, occurrences, original spelling if not the term].
    CREATE TABLE mention_terms (mention_rowid INTEGER PRIMARY KEY, terms TEXT NOT NULL);
    -- Per week, over its relevant mentions: documents containing each term and its occurrences,
    -- and the occurrences of each spelling (the report shows the most frequent one).
    CREATE TABLE week_terms (
      week TEXT NOT NULL,
      term TEXT NOT NULL,
      documents INTEGER NOT NULL,
      count INTEGER NOT NULL,
      PRIMARY KEY (week, term)
    ) WITHOUT ROWID;
    CREATE INDEX week_terms_by_count ON week_terms (week, count, term);
    CREATE TABLE week_term_spellings (
      week TEXT NOT NULL,
      term TEXT NOT NULL,
      spelling TEXT NOT NULL,
      n INTEGER NOT NULL,
      PRIMARY KEY (week, term, spelling)
    ) WITHOUT ROWID;
    CREATE TABLE week_authors (
      week TEXT NOT NULL,
      network TEXT NOT NULL,
      author_id TEXT NOT NULL,
      n INTEGER NOT NULL,
      PRIMARY KEY (week, network, author_id)
    ) WITHOUT ROWID;
    CREATE TABLE week_responses (
      week TEXT NOT NULL,
      network TEXT NOT NULL,
      has_domain INTEGER NOT NULL,
      domain TEXT NOT NULL,
      urgency TEXT NOT NULL,
      bucket INTEGER NOT NULL,
      n INTEGER NOT NULL,
      PRIMARY KEY (${RESPONSE_KEY_COLUMNS.join(', ')})
    ) WITHOUT ROWID;
    -- Sent replies by agent and template per report week (bucket = the week's start).
    ${rollupTable(WEEK_REPLY_ROLLUP.table)}
    ${rollupTriggers(WEEK_REPLY_ROLLUP)}
    -- Answered mentions of a week in first-response order, with what the groups filter on: the
    -- exact k-th value inside a bucket is one range read. Only answered rows are in it, so
    -- ingest (first_response_s is NULL at insert) never touches it.
    CREATE INDEX mentions_week_answered ON mentions (report_week, first_response_s, network, primary_domain, urgency)
      WHERE ${ANSWERED_IN_A_WEEK};
    -- The same per channel and per domain, so a group's k-th value skips only its own entries.
    CREATE INDEX mentions_week_answered_network ON mentions (report_week, network, first_response_s) WHERE ${ANSWERED_IN_A_WEEK};
    CREATE INDEX mentions_week_answered_domain ON mentions (report_week, primary_domain, first_response_s) WHERE ${ANSWERED_IN_A_WEEK};
    ${WEEK_TRIGGERS_SQL}
  `,
};
