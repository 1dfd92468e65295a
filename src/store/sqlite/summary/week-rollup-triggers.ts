/**
 * The triggers that keep the week rollups (`week_*` tables) through updates and deletes of mentions
 * (inserts are counted per ingest batch, or by the catch-up: ../migrations/010-report-week-rollups.ts).
 */
import {
  AUTHOR_COLUMNS,
  changed,
  COUNTED_TO,
  NEEDS_REPLY,
  RESPONSE_COLUMNS,
  RESPONSE_KEY_COLUMNS,
  responseKey,
  TERM_COLUMNS,
  WEEK_DIM_COLUMNS,
  WEEK_DIMS,
  WEEK_OF,
  type Row,
} from './week-rollup-keys';

function countDims(r: Row, sign: 1 | -1): string {
  return WEEK_DIMS.map(
    (d) => `INSERT INTO week_counts (week, dim, key, n) SELECT ${r}report_week, '${d.dim}', ${d.key(r)}, ${sign}
        WHERE ${r}report_week IS NOT NULL${d.when ? ` AND ${d.when(r)}` : ''}
        ON CONFLICT (week, dim, key) DO UPDATE SET n = n + (${sign});`,
  ).join('\n      ');
}

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
 * A caught-up mention's terms (mention_terms: [term, occurrences, spelling when not the term] per
 * distinct pair, see StoredTerm) in or out of its week's term counts; only relevant mentions count.
 */
function countTerms(r: Row, sign: 1 | -1): string {
  const itsTerms = `FROM mention_terms t, json_each(t.terms) j
        WHERE t.mention_rowid = ${r}rowid AND ${r}report_week IS NOT NULL AND ${r}relevant = 1`;
  return `INSERT INTO week_terms (week, term, documents, count)
        SELECT ${r}report_week, j.value ->> 0, ${sign}, ${sign} * SUM(j.value ->> 1) ${itsTerms} GROUP BY j.value ->> 0
        ON CONFLICT (week, term) DO UPDATE SET documents = documents + excluded.documents, count = count + excluded.count;
      INSERT INTO week_term_spellings (week, term, spelling, n)
        SELECT ${r}report_week, j.value ->> 0, COALESCE(j.value ->> 2, j.value ->> 0), ${sign} * (j.value ->> 1) ${itsTerms}
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
  'mention_terms_forget',
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
    -- A mention not caught up may still have kept terms (kept across a recount): never leave them
    -- for a new mention that takes its rowid. (Either order with the trigger above is right.)
    CREATE TRIGGER mention_terms_forget AFTER DELETE ON mentions WHEN OLD.rowid > ${COUNTED_TO} BEGIN
      DELETE FROM mention_terms WHERE mention_rowid = OLD.rowid;
    END;
    CREATE TRIGGER week_responses_update AFTER UPDATE OF ${RESPONSE_COLUMNS.join(', ')} ON mentions
      WHEN ${changed(RESPONSE_COLUMNS)} BEGIN
      ${countResponse('OLD.', -1)}
      ${countResponse('NEW.', 1)}
    END;
    CREATE TRIGGER week_responses_delete AFTER DELETE ON mentions WHEN OLD.report_week IS NOT NULL BEGIN
      ${countResponse('OLD.', -1)}
    END;`;
