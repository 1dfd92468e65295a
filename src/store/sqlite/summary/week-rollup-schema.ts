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
 * - week_authors is not written by ingest but caught up after it (CATCH_UP_AUTHORS, up to the
 *   rowid mark in week_rollup_state; report-weeks.ts): its keys are random, so each ingest batch
 *   dirtied most of its pages, a fifth of ingest's speed. Every read of a week's figures catches
 *   up first, and the service does so every minute, so figures stay exact.
 * - week_reply_counts (week, agent | template | no_template, key) → sent replies, by the week of
 *   sent_at (kept by triggers on replies, like migration 6's reply_hour_counts).
 * - week_responses (week, network, domain, urgency, bucket) → n: mentions needing a reply, by
 *   first-response bucket (RESPONSE_BUCKET_BOUNDS; -1 = not answered). With the index
 *   mentions_week_answered, an exact median or p90 is a walk over the buckets and one OFFSET
 *   inside one bucket (summary/week-response-figures.ts).
 *
 * New mentions are counted once per ingest batch by inserted-mention-counters.ts (as migration 9
 * does for the other counters), authors excepted (above); updates and deletes by the triggers
 * below. Everything is exact: test/store/sqlite/summary-rollups.test.ts compares it with the raw
 * queries after random writes.
 */
import { RESPONSE_TIME_BUCKETS } from '../../../domain';
import type { Migration } from '../migrations';
import { backfill, REPLY_HOUR_DIMS, rollupTriggers, type Rollup } from './rollup-schema';

type Row = 'NEW.' | 'OLD.';

/**
 * Lower bounds (seconds) of the first-response buckets: about 15 % apart, and every bound of the
 * reported distribution among them. Fine enough that the exact value inside a bucket is a short
 * index walk; coarse enough that a week has a few thousand bucket rows at most.
 */
export const RESPONSE_BUCKET_BOUNDS: readonly number[] = (() => {
  const bounds = new Set<number>([0, ...RESPONSE_TIME_BUCKETS]);
  for (let b = 10; b < 60 * 86_400; b = Math.ceil(b * 1.15)) bounds.add(b);
  return [...bounds].sort((a, b) => a - b);
})();

/** SQL: start of the report week holding the ISO instant `at` (NULL outside report_weeks). */
export const WEEK_OF = (at: string) =>
  `(SELECT start_at FROM (SELECT start_at, end_at FROM report_weeks WHERE start_at <= ${at} ORDER BY start_at DESC LIMIT 1) WHERE end_at > ${at})`;

/** SQL: the bucket of first-response seconds `secs` (-1 when NULL: not answered). */
const bucketOf = (secs: string) => `CASE WHEN ${secs} IS NULL THEN -1 ELSE (SELECT MAX(lo) FROM response_buckets WHERE lo <= ${secs}) END`;

/** One counted dimension of week_counts: its key expression and when a mention counts in it. */
interface WeekDim {
  dim: string;
  key: (r: Row | '') => string;
  when?: (r: Row | '') => string;
}

const complaintAt = (col: string) => (r: Row | '') => `${r}intent = 'complaint' AND ${r}${col} IS NOT NULL AND ${r}${col} <> ''`;

export const WEEK_DIMS: WeekDim[] = [
  { dim: 'all', key: () => `''` },
  { dim: 'relevant', key: () => `''`, when: (r) => `${r}relevant = 1` },
  { dim: 'network', key: (r) => `${r}network` },
  { dim: 'domain', key: (r) => `${r}primary_domain`, when: (r) => `${r}primary_domain IS NOT NULL` },
  { dim: 'no_domain', key: () => `''`, when: (r) => `${r}primary_domain IS NULL` },
  { dim: 'intent', key: (r) => `${r}intent` },
  { dim: 'urgency', key: (r) => `${r}urgency` },
  { dim: 'sentiment', key: (r) => `${r}sentiment` },
  { dim: 'hour', key: (r) => `substr(${r}created_at, 1, 13)` },
  { dim: 'area', key: (r) => `${r}area`, when: complaintAt('area') },
  { dim: 'block', key: (r) => `${r}block`, when: complaintAt('block') },
];
const WEEK_DIM_COLUMNS = ['report_week', 'created_at', 'network', 'primary_domain', 'intent', 'urgency', 'sentiment', 'relevant', 'area', 'block'];

const AUTHOR_COLUMNS = ['report_week', 'network', 'author_id'];
const TERM_COLUMNS = ['report_week', 'relevant'];

const RESPONSE_KEY_COLUMNS = ['week', 'network', 'has_domain', 'domain', 'urgency', 'bucket'];
const responseKey = (r: Row | '') =>
  `${r}report_week, ${r}network, ${r}primary_domain IS NOT NULL, COALESCE(${r}primary_domain, ''), ${r}urgency, ${bucketOf(`${r}first_response_s`)}`;
/** Mentions the response figures count: relevant, replyable, needing a reply or answered. */
export const NEEDS_REPLY = (r: Row | '') =>
  `${r}relevant = 1 AND ${r}replyable = 1 AND (${r}status IN ('needs_reply', 'replied') OR ${r}first_response_s IS NOT NULL)`;
const RESPONSE_COLUMNS = ['report_week', 'created_at', 'network', 'primary_domain', 'urgency', 'relevant', 'replyable', 'status', 'first_reply_at'];

const changed = (columns: string[]) => columns.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ');

function countDims(r: Row, sign: 1 | -1): string {
  return WEEK_DIMS.map(
    (d) => `INSERT INTO week_counts (week, dim, key, n) SELECT ${r}report_week, '${d.dim}', ${d.key(r)}, ${sign}
        WHERE ${r}report_week IS NOT NULL${d.when ? ` AND ${d.when(r)}` : ''}
        ON CONFLICT (week, dim, key) DO UPDATE SET n = n + (${sign});`,
  ).join('\n      ');
}

/** Mentions up to this rowid are in week_authors (caught up after ingest, see the header). */
const COUNTED_TO = '(SELECT counted_to FROM week_rollup_state)';

/** The author's mentions in the week, and the week's distinct authors when that reaches 0 or 1. */
function countAuthor(r: Row, sign: 1 | -1): string {
  const isAuthor = `week = ${r}report_week AND network = ${r}network AND author_id = ${r}author_id`;
  if (sign === 1) {
    return `INSERT INTO week_counts (week, dim, key, n) SELECT ${r}report_week, 'authors', '', 1
        WHERE ${r}report_week IS NOT NULL AND NOT EXISTS (SELECT 1 FROM week_authors WHERE ${isAuthor})
        ON CONFLICT (week, dim, key) DO UPDATE SET n = n + 1;
      INSERT INTO week_authors (week, network, author_id, n) SELECT ${r}report_week, ${r}network, ${r}author_id, 1
        WHERE ${r}report_week IS NOT NULL
        ON CONFLICT (week, network, author_id) DO UPDATE SET n = n + 1;`;
  }
  return `UPDATE week_authors SET n = n - 1 WHERE ${isAuthor};
      UPDATE week_counts SET n = n - 1 WHERE week = ${r}report_week AND dim = 'authors' AND key = ''
        AND EXISTS (SELECT 1 FROM week_authors WHERE ${isAuthor} AND n = 0);
      DELETE FROM week_authors WHERE ${isAuthor} AND n = 0;`;
}

/**
 * A caught-up mention's terms (mention_terms: [term, spelling, occurrences] per distinct pair) in
 * or out of its week's term counts; only relevant mentions count.
 */
function countTerms(r: Row, sign: 1 | -1): string {
  const itsTerms = `FROM mention_terms t, json_each(t.terms) j
        WHERE t.mention_rowid = ${r}rowid AND ${r}report_week IS NOT NULL AND ${r}relevant = 1`;
  return `INSERT INTO week_terms (week, term, documents, count)
        SELECT ${r}report_week, j.value ->> 0, ${sign}, ${sign} * SUM(j.value ->> 2) ${itsTerms} GROUP BY j.value ->> 0
        ON CONFLICT (week, term) DO UPDATE SET documents = documents + excluded.documents, count = count + excluded.count;
      INSERT INTO week_term_spellings (week, term, spelling, n)
        SELECT ${r}report_week, j.value ->> 0, j.value ->> 1, ${sign} * (j.value ->> 2) ${itsTerms}
        ON CONFLICT (week, term, spelling) DO UPDATE SET n = n + excluded.n;`;
}

function countResponse(r: Row, sign: 1 | -1): string {
  return `INSERT INTO week_responses (${RESPONSE_KEY_COLUMNS.join(', ')}, n) SELECT ${responseKey(r)}, ${sign}
        WHERE ${r}report_week IS NOT NULL AND ${NEEDS_REPLY(r)}
        ON CONFLICT (${RESPONSE_KEY_COLUMNS.join(', ')}) DO UPDATE SET n = n + (${sign});`;
}

/**
 * The triggers that keep the week rollups through updates and deletes (inserts: see the header).
 * Dropped and created again around a rebuild, which rewrites every report_week at once.
 */
export const WEEK_TRIGGER_NAMES = [
  'mentions_report_week_follow',
  'week_counts_update',
  'week_counts_delete',
  'week_authors_update',
  'week_terms_update',
  'week_caught_up_delete',
  'week_responses_update',
  'week_responses_delete',
];

export const WEEK_TRIGGERS_SQL = `
    -- created_at moved: the row follows to its new week (the update below then moves the counts).
    CREATE TRIGGER mentions_report_week_follow AFTER UPDATE OF created_at ON mentions
      WHEN OLD.created_at IS NOT NEW.created_at BEGIN
      UPDATE mentions SET report_week = ${WEEK_OF('NEW.created_at')} WHERE rowid = NEW.rowid;
    END;
    CREATE TRIGGER week_counts_update AFTER UPDATE OF ${WEEK_DIM_COLUMNS.join(', ')} ON mentions
      WHEN ${changed(WEEK_DIM_COLUMNS)} BEGIN
      ${countDims('OLD.', -1)}
      ${countDims('NEW.', 1)}
    END;
    CREATE TRIGGER week_counts_delete AFTER DELETE ON mentions WHEN OLD.report_week IS NOT NULL BEGIN
      ${countDims('OLD.', -1)}
    END;
    -- Authors and terms: only mentions already caught up (rowid <= the mark); the catch-up counts
    -- later ones as they are then. A mention's text never changes, so neither do its terms.
    CREATE TRIGGER week_authors_update AFTER UPDATE OF ${AUTHOR_COLUMNS.join(', ')} ON mentions
      WHEN (${changed(AUTHOR_COLUMNS)}) AND OLD.rowid <= ${COUNTED_TO} BEGIN
      ${countAuthor('OLD.', -1)}
      ${countAuthor('NEW.', 1)}
    END;
    CREATE TRIGGER week_terms_update AFTER UPDATE OF ${TERM_COLUMNS.join(', ')} ON mentions
      WHEN (${changed(TERM_COLUMNS)}) AND OLD.rowid <= ${COUNTED_TO} BEGIN
      ${countTerms('OLD.', -1)}
      ${countTerms('NEW.', 1)}
    END;
    -- The mark never stays above the last rowid: a new mention takes the rowid after the last
    -- one, so it would go uncounted if the last ones were deleted below the mark. (Not an insert
    -- trigger: any per-row insert trigger costs ingest a third of its speed.)
    CREATE TRIGGER week_caught_up_delete AFTER DELETE ON mentions WHEN OLD.rowid <= ${COUNTED_TO} BEGIN
      ${countAuthor('OLD.', -1)}
      ${countTerms('OLD.', -1)}
      DELETE FROM mention_terms WHERE mention_rowid = OLD.rowid;
      UPDATE week_rollup_state SET counted_to = MIN(counted_to, (SELECT COALESCE(MAX(rowid), 0) FROM mentions));
    END;
    CREATE TRIGGER week_responses_update AFTER UPDATE OF ${RESPONSE_COLUMNS.join(', ')} ON mentions
      WHEN ${changed(RESPONSE_COLUMNS)} BEGIN
      ${countResponse('OLD.', -1)}
      ${countResponse('NEW.', 1)}
    END;
    CREATE TRIGGER week_responses_delete AFTER DELETE ON mentions WHEN OLD.report_week IS NOT NULL BEGIN
      ${countResponse('OLD.', -1)}
    END;`;

/**
 * Sent replies per agent and per template by the report week of sent_at: replies are written
 * one at a time, so plain triggers keep it (the week looked up in report_weeks by each).
 */
export const WEEK_REPLY_ROLLUP: Rollup = {
  table: 'week_reply_counts',
  source: 'replies',
  dims: REPLY_HOUR_DIMS,
  bucket: (r) => WEEK_OF(`${r}sent_at`),
  guard: (r) => `${r}state = 'sent' AND ${r}sent_at IS NOT NULL AND ${WEEK_OF(`${r}sent_at`)} IS NOT NULL`,
  columns: ['state', 'sent_at', 'author', 'template_id'],
};

/**
 * Counts the authors of mentions (@from, @to] (rowids) into week_authors and the weeks' distinct
 * authors: grouped and in key order, so each page of week_authors is written once per catch-up
 * instead of once per ingest batch (random author keys dirtied most of its pages every batch).
 */
export const CATCH_UP_AUTHORS: string[] = [
  `INSERT INTO week_counts (week, dim, key, n)
    SELECT t.week, 'authors', '', COUNT(*) FROM (
      SELECT DISTINCT report_week AS week, network, author_id FROM mentions
      WHERE rowid > @from AND rowid <= @to AND report_week IS NOT NULL) t
    WHERE NOT EXISTS (SELECT 1 FROM week_authors a WHERE a.week = t.week AND a.network = t.network AND a.author_id = t.author_id)
    GROUP BY t.week
    ON CONFLICT (week, dim, key) DO UPDATE SET n = n + excluded.n`,
  `INSERT INTO week_authors (week, network, author_id, n)
    SELECT report_week, network, author_id, COUNT(*) FROM mentions
    WHERE rowid > @from AND rowid <= @to AND report_week IS NOT NULL
    GROUP BY report_week, network, author_id
    ON CONFLICT (week, network, author_id) DO UPDATE SET n = n + excluded.n`,
];

/** Recounts the week rollups from the mentions and replies (after the weeks changed; mention triggers dropped). */
export const WEEK_BACKFILL_SQL = `
    DELETE FROM week_reply_counts;
    ${backfill(WEEK_REPLY_ROLLUP.table, WEEK_REPLY_ROLLUP.source, WEEK_REPLY_ROLLUP.bucket(''), WEEK_REPLY_ROLLUP.dims, WEEK_REPLY_ROLLUP.guard(''))}
    DELETE FROM week_counts;
    DELETE FROM week_responses;
    UPDATE mentions SET report_week = ${WEEK_OF('created_at')};
    ${WEEK_DIMS.map(
      (d) => `INSERT INTO week_counts (week, dim, key, n)
      SELECT report_week, '${d.dim}', ${d.key('')} AS k, COUNT(*) FROM mentions
      WHERE report_week IS NOT NULL${d.when ? ` AND ${d.when('')}` : ''} GROUP BY report_week, k;`,
    ).join('\n    ')}
    -- Authors and terms: all counted again by the catch-up (from the terms kept in mention_terms).
    DELETE FROM week_authors;
    DELETE FROM week_terms;
    DELETE FROM week_term_spellings;
    UPDATE week_rollup_state SET counted_to = 0;
    INSERT INTO week_responses (${RESPONSE_KEY_COLUMNS.join(', ')}, n)
      SELECT ${responseKey('')} AS k, COUNT(*) FROM mentions WHERE report_week IS NOT NULL AND ${NEEDS_REPLY('')}
      GROUP BY 1, 2, 3, 4, 5, 6;`;

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
    -- Each caught-up mention's kept terms: [term, original spelling, occurrences] per distinct pair.
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
    CREATE TABLE week_reply_counts (
      bucket TEXT NOT NULL,
      dim TEXT NOT NULL,
      key TEXT NOT NULL,
      n INTEGER NOT NULL,
      PRIMARY KEY (bucket, dim, key)
    ) WITHOUT ROWID;
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
