/**
 * A report week's top-term candidates from the week rollups' term counts (week_terms,
 * week_term_spellings): every relevant mention of the week counted, not a sample, and read as
 * a few dozen rows. The caller has caught the rollups up.
 */
import type { WeekTermCounts } from '../summary-store';
import type { Db } from '../../../store/sqlite/open-database';

export function weekTermCounts(db: Db, week: string, previousWeek: string, candidates: number): WeekTermCounts {
  const relevant = db.prepare(`SELECT COALESCE(SUM(n), 0) FROM week_counts WHERE week = ? AND dim = 'relevant'`).pluck();
  // The most frequent terms in two mentions or more; ties by term (descending: the index's order).
  const top = db
    .prepare(`SELECT term, documents, count FROM week_terms INDEXED BY week_terms_by_count
      WHERE week = ? AND documents >= 2 ORDER BY count DESC, term DESC LIMIT ?`)
    .all(week, candidates) as { term: string; documents: number; count: number }[];
  const terms = JSON.stringify(top.map((t) => t.term));
  const previous = new Map(
    (db.prepare(`SELECT term, documents FROM week_terms WHERE week = ? AND term IN (SELECT value FROM json_each(?))`).all(previousWeek, terms) as {
      term: string;
      documents: number;
    }[]).map((p) => [p.term, p.documents]),
  );
  const spellings = db
    .prepare(`SELECT term, spelling, n FROM week_term_spellings WHERE week = ? AND term IN (SELECT value FROM json_each(?)) AND n > 0`)
    .all(week, terms) as { term: string; spelling: string; n: number }[];
  // The most frequent spelling, ties by spelling (as the sample path picks it).
  const best = new Map<string, { spelling: string; n: number }>();
  for (const s of spellings) {
    const b = best.get(s.term);
    if (!b || s.n > b.n || (s.n === b.n && s.spelling.localeCompare(b.spelling) < 0)) best.set(s.term, s);
  }
  return {
    documents: relevant.get(week) as number,
    previousDocuments: relevant.get(previousWeek) as number,
    candidates: top.map((t) => ({
      term: t.term,
      count: t.count,
      documents: t.documents,
      previousDocuments: previous.get(t.term) ?? 0,
      spelling: best.get(t.term)?.spelling ?? t.term,
    })),
  };
}
