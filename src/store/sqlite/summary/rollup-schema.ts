/**
 * Migration 6: the weekly summary's rollups, so a week's figures read a few thousand pre-counted
 * rows instead of grouping and sorting the week's 150,000 mentions (issue 7, "Measure and report").
 *
 * Everything here is kept by triggers, i.e. in the same transaction as the write that changes it,
 * whatever the write path (ingest, queue status changes, reply outbox, store transfer), and
 * back-filled from the existing rows when the migration runs. Exception since migration 9: new
 * mentions are added to the mention rollups once per batch by the inserting code
 * (inserted-mention-counters.ts), not by per-row insert triggers. Every
 * figure stays exact: the readers add raw-query edges where a window does not cover whole
 * buckets (see window-split.ts), and test/store/sqlite/summary-rollups.test.ts compares every
 * rollup-backed figure with the raw queries after random writes.
 *
 * - mention_hour_counts (UTC hour, network, domain, intent, urgency, sentiment, relevant) →
 *   mentions: one upsert per new mention (a row per dimension cost ingest twice as much), a few
 *   tens of thousands of rows per busy week, rolled up per dimension when read. UTC hours, not
 *   local days, so the counts do not depend on TZ_DISPLAY: a local day in any whole-hour zone is
 *   a run of UTC hours. has_domain keeps "no domain" apart from any domain name.
 * - complaint_day_counts (UTC day, area | block, key) → complaints with that non-empty place.
 *   Per day, not per hour: places are many (a block per complaint, almost), so only a coarser
 *   bucket actually compresses; the window's partial days come from an index range.
 * - reply_hour_counts (UTC hour of sent_at, agent | template | no_template, key) → sent replies.
 * - mentions.first_reply_at: MIN(sent_at) of the mention's sent replies (recomputed, not just
 *   lowered, on every change of a sent reply, so a reply leaving `sent` is handled exactly), and
 *   first_response_s derived from it: response times read one indexed column, no replies join.
 * - Distinct authors are NOT pre-aggregated here: a distinct count does not add up across
 *   buckets. They are read from the covering index mentions_window for any window; a configured
 *   report week has them counted by migration 10 (week-rollup-schema.ts), whose rollups are keyed
 *   by the week itself.
 * - Indexes for the per-hour top engaged mentions, the response candidates and the complaints;
 *   mentions_week (migration 4) is dropped: nothing reads it any more and every ingest paid for it.
 */
import type { Migration } from '../migrations';

export type Row = 'NEW.' | 'OLD.' | '';

/** One counted dimension: its name, key expression, and the condition for counting it at all. */
export interface Dim {
  dim: string;
  key: (r: Row) => string;
  when?: (r: Row) => string;
}

export const COMPLAINT_DAY_DIMS: Dim[] = (['area', 'block'] as const).map((col) => ({
  dim: col,
  key: (r: Row) => `${r}${col}`,
  when: (r: Row) => `${r}intent = 'complaint' AND ${r}${col} IS NOT NULL AND ${r}${col} <> ''`,
}));

export const REPLY_HOUR_DIMS: Dim[] = [
  { dim: 'agent', key: (r) => `${r}author` },
  { dim: 'template', key: (r) => `${r}template_id`, when: (r) => `${r}template_id IS NOT NULL` },
  { dim: 'no_template', key: () => `''`, when: (r) => `${r}template_id IS NULL` },
];

/**
 * One upsert per counted dimension of row r (a plain statement each: cheaper per inserted
 * mention than one INSERT over a UNION of the dimensions). `guard` must hold for the row to count.
 */
function addRow(table: string, bucket: string, dims: Dim[], r: 'NEW.' | 'OLD.', sign: 1 | -1, guard: string): string {
  return dims
    .map((d) => {
      const when = [guard, d.when?.(r)].filter((c) => c && c !== 'true').join(' AND ');
      return `INSERT INTO ${table} (bucket, dim, key, n) SELECT ${bucket}, '${d.dim}', ${d.key(r)}, ${sign} WHERE ${when || 'true'}
        ON CONFLICT (bucket, dim, key) DO UPDATE SET n = n + (${sign});`;
    })
    .join('\n      ');
}

export function backfill(table: string, source: string, bucket: string, dims: Dim[], guard: string): string {
  return dims
    .map((d) => `INSERT INTO ${table} (bucket, dim, key, n)
      SELECT ${bucket} AS b, '${d.dim}', ${d.key('')} AS k, COUNT(*) FROM ${source}
      WHERE ${guard}${d.when ? ` AND ${d.when('')}` : ''} GROUP BY b, k;`)
    .join('\n');
}

/**
 * A rollup table with its triggers and backfill. `bucket(r)` is the bucket of a row, `guard(r)`
 * whether the row counts at all; `columns` are the source columns whose change moves a row
 * between groups (the update trigger fires only for those).
 */
export interface Rollup {
  table: string;
  source: string;
  dims: Dim[];
  bucket: (r: Row) => string;
  guard: (r: Row) => string;
  columns: string[];
}

function rollup(o: Rollup): string {
  return `
    ${rollupTable(o.table)}
    ${backfill(o.table, o.source, o.bucket(''), o.dims, o.guard(''))}
    ${rollupTriggers(o)}`;
}

/** A (bucket, dim, key) → n table. */
export function rollupTable(table: string): string {
  return `CREATE TABLE ${table} (
      bucket TEXT NOT NULL,
      dim TEXT NOT NULL,
      key TEXT NOT NULL,
      n INTEGER NOT NULL,
      PRIMARY KEY (bucket, dim, key)
    ) WITHOUT ROWID;`;
}

/** The insert, delete and update triggers that keep a rollup. */
export function rollupTriggers(o: Rollup): string {
  const changed = o.columns.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ');
  return `CREATE TRIGGER ${o.table}_insert AFTER INSERT ON ${o.source} WHEN ${o.guard('NEW.')} BEGIN
      ${addRow(o.table, o.bucket('NEW.'), o.dims, 'NEW.', 1, 'true')}
    END;
    CREATE TRIGGER ${o.table}_delete AFTER DELETE ON ${o.source} WHEN ${o.guard('OLD.')} BEGIN
      ${addRow(o.table, o.bucket('OLD.'), o.dims, 'OLD.', -1, 'true')}
    END;
    CREATE TRIGGER ${o.table}_update AFTER UPDATE OF ${o.columns.join(', ')} ON ${o.source} WHEN ${changed} BEGIN
      ${addRow(o.table, o.bucket('OLD.'), o.dims, 'OLD.', -1, o.guard('OLD.'))}
      ${addRow(o.table, o.bucket('NEW.'), o.dims, 'NEW.', 1, o.guard('NEW.'))}
    END;`;
}

/** The mention cube: one row per (hour, every counted column) with its count. */
const CUBE_COLUMNS = ['network', 'has_domain', 'domain', 'intent', 'urgency', 'sentiment', 'relevant'];
const cubeValues = (r: Row) =>
  `substr(${r}created_at, 1, 13), ${r}network, ${r}primary_domain IS NOT NULL, COALESCE(${r}primary_domain, ''), ${r}intent, ${r}urgency, ${r}sentiment, ${r}relevant`;
const cubeKeyIs = (r: 'NEW.' | 'OLD.') =>
  `bucket = substr(${r}created_at, 1, 13) AND network = ${r}network AND has_domain = (${r}primary_domain IS NOT NULL)
        AND domain = COALESCE(${r}primary_domain, '') AND intent = ${r}intent AND urgency = ${r}urgency
        AND sentiment = ${r}sentiment AND relevant = ${r}relevant`;
const cubeAdd = (r: 'NEW.' | 'OLD.') => `INSERT INTO mention_hour_counts (bucket, ${CUBE_COLUMNS.join(', ')}, n) VALUES (${cubeValues(r)}, 1)
        ON CONFLICT DO UPDATE SET n = n + 1;`;
const cubeRemove = (r: 'NEW.' | 'OLD.') => `UPDATE mention_hour_counts SET n = n - 1 WHERE ${cubeKeyIs(r)};`;
const MENTION_CUBE_SQL = `
    CREATE TABLE mention_hour_counts (
      bucket TEXT NOT NULL,
      network TEXT NOT NULL,
      has_domain INTEGER NOT NULL,
      domain TEXT NOT NULL,
      intent TEXT NOT NULL,
      urgency TEXT NOT NULL,
      sentiment TEXT NOT NULL,
      relevant INTEGER NOT NULL,
      n INTEGER NOT NULL,
      PRIMARY KEY (bucket, ${CUBE_COLUMNS.join(', ')})
    ) WITHOUT ROWID;
    INSERT INTO mention_hour_counts (bucket, ${CUBE_COLUMNS.join(', ')}, n)
      SELECT ${cubeValues('')}, COUNT(*) FROM mentions GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
    CREATE TRIGGER mention_hour_counts_insert AFTER INSERT ON mentions BEGIN
      ${cubeAdd('NEW.')}
    END;
    CREATE TRIGGER mention_hour_counts_delete AFTER DELETE ON mentions BEGIN
      ${cubeRemove('OLD.')}
    END;
    CREATE TRIGGER mention_hour_counts_update AFTER UPDATE OF created_at, network, primary_domain, intent, urgency, sentiment, relevant ON mentions
      WHEN OLD.created_at IS NOT NEW.created_at OR OLD.network IS NOT NEW.network OR OLD.primary_domain IS NOT NEW.primary_domain
        OR OLD.intent IS NOT NEW.intent OR OLD.urgency IS NOT NEW.urgency OR OLD.sentiment IS NOT NEW.sentiment
        OR OLD.relevant IS NOT NEW.relevant BEGIN
      ${cubeRemove('OLD.')}
      ${cubeAdd('NEW.')}
    END;`;

/** First sent reply of mention `id` (an SQL expression naming the mention id). */
const firstSentSql = (id: string) => `(SELECT MIN(sent_at) FROM replies WHERE mention_id = ${id} AND state = 'sent')`;
const refreshFirstReply = (id: string) => `UPDATE mentions SET first_reply_at = ${firstSentSql(id)} WHERE id = ${id};`;

export const SUMMARY_ROLLUP_MIGRATION: Migration = {
  version: 6,
  name: 'weekly summary rollups: hourly mention cube and reply counts, daily complaint places, first reply on mentions',
  sql: `
    ${MENTION_CUBE_SQL}
    ${rollup({
      table: 'complaint_day_counts',
      source: 'mentions',
      dims: COMPLAINT_DAY_DIMS,
      bucket: (r) => `substr(${r}created_at, 1, 10)`,
      guard: (r) => `${r}intent = 'complaint'`,
      columns: ['created_at', 'intent', 'area', 'block'],
    })}
    ${rollup({
      table: 'reply_hour_counts',
      source: 'replies',
      dims: REPLY_HOUR_DIMS,
      bucket: (r) => `substr(${r}sent_at, 1, 13)`,
      guard: (r) => `${r}state = 'sent' AND ${r}sent_at IS NOT NULL`,
      columns: ['state', 'sent_at', 'author', 'template_id'],
    })}

    -- First response on the mention row. The generated column follows the definition in
    -- summary-store.ts: whole seconds, each instant truncated, never negative.
    ALTER TABLE mentions ADD COLUMN first_reply_at TEXT;
    ALTER TABLE mentions ADD COLUMN first_response_s INTEGER
      GENERATED ALWAYS AS (MAX(0, unixepoch(first_reply_at) - unixepoch(created_at))) VIRTUAL;
    UPDATE mentions SET first_reply_at = f.at
      FROM (SELECT mention_id, MIN(sent_at) AS at FROM replies WHERE state = 'sent' GROUP BY mention_id) f
      WHERE mentions.id = f.mention_id;
    CREATE TRIGGER mentions_first_reply_insert AFTER INSERT ON replies WHEN NEW.state = 'sent' BEGIN
      ${refreshFirstReply('NEW.mention_id')}
    END;
    CREATE TRIGGER mentions_first_reply_update AFTER UPDATE OF state, sent_at, mention_id ON replies
      WHEN (OLD.state = 'sent' OR NEW.state = 'sent')
        AND (OLD.state IS NOT NEW.state OR OLD.sent_at IS NOT NEW.sent_at OR OLD.mention_id IS NOT NEW.mention_id) BEGIN
      ${refreshFirstReply('NEW.mention_id')}
      ${refreshFirstReply('OLD.mention_id')}
    END;
    CREATE TRIGGER mentions_first_reply_delete AFTER DELETE ON replies WHEN OLD.state = 'sent' BEGIN
      ${refreshFirstReply('OLD.mention_id')}
    END;

    -- Distinct authors and the text sample (relevant, rowid stride) both read this index alone;
    -- it grows at its end (created_at), so it costs ingest little.
    CREATE INDEX mentions_window ON mentions (created_at, relevant, network, author_id);
    -- Candidates for a reply, with everything the response figures read: one range per
    -- (network, domain, urgency), so no grouping or sorting in SQL.
    CREATE INDEX mentions_response ON mentions (network, primary_domain, urgency, created_at, status, first_response_s)
      WHERE relevant = 1 AND replyable = 1;
    -- Most engaged: the top of each UTC hour, in the figure's order, then merged.
    CREATE INDEX mentions_engaged_hour ON mentions (substr(created_at, 1, 13), engagement DESC, created_at DESC, id)
      WHERE engagement > 0;
    -- Complaint places of the window's partial days.
    CREATE INDEX mentions_complaint_place ON mentions (created_at, area, block) WHERE intent = 'complaint';
    DROP INDEX IF EXISTS mentions_week;
  `,
};
