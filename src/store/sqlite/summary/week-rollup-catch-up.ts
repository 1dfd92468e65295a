/**
 * The catch-up of the week rollups that ingest leaves for later (week_authors and the term
 * counts, see ../migrations/010-report-week-rollups.ts): the mentions past the mark in week_rollup_state, counted
 * in chunks, each one transaction that moves the mark.
 */
import { termSpellingsOf, termTokenizer, type TermSpelling } from '../../../../classifiers/terms/term-tokens';
import type { Db } from '../open-database';
import { hasIndex } from './schema-probe';

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

/** Mentions per catch-up transaction: a few hundred ms at most, so other writers wait little. */
const CATCH_UP_CHUNK = 20_000;

/**
 * Counts the mentions inserted since the last catch-up into the rollups that ingest leaves to it
 * (week_authors and the term counts, see ../migrations/010-report-week-rollups.ts), in chunks of CATCH_UP_CHUNK
 * rowids. Returns how many rowids it moved the mark by (0: already caught up).
 */
export function catchUpWeekRollups(db: Db): number {
  let moved = 0;
  for (let n = catchUpChunk(db); n > 0; n = catchUpChunk(db)) moved += n;
  return moved;
}

/** One transaction of the catch-up: at most CATCH_UP_CHUNK rowids. Returns how many. */
export function catchUpChunk(db: Db): number {
  if (!hasIndex(db, 'mentions_week_answered')) return 0; // no week rollups (`week_*` tables) in this schema yet
  const mark = db.prepare('SELECT counted_to FROM week_rollup_state').pluck();
  const last = db.prepare('SELECT COALESCE(MAX(rowid), 0) FROM mentions').pluck();
  if ((mark.get() as number) >= (last.get() as number)) return 0; // no write lock when caught up
  return db.transaction((): number => {
    const from = mark.get() as number;
    const to = Math.min(last.get() as number, from + CATCH_UP_CHUNK);
    if (to <= from) return 0;
    for (const sql of CATCH_UP_AUTHORS) db.prepare(sql).run({ from, to });
    new TermCatchUp(db).count(from, to);
    db.prepare('UPDATE week_rollup_state SET counted_to = ?').run(to);
    return to - from;
  }).immediate();
}

/**
 * A mention's term as mention_terms keeps it: [term, occurrences] when spelled as its normalized
 * form (two thirds of them), else [term, occurrences, spelling] (a third less to store).
 */
type StoredTerm = [term: string, occurrences: number, spelling?: string];

const toStored = ([term, spelling, n]: TermSpelling): StoredTerm => (spelling === term ? [term, n] : [term, n, spelling]);
const fromStored = ([term, n, spelling]: StoredTerm): TermSpelling => [term, spelling ?? term, n];

/** Tokenizes the texts of a rowid range into mention_terms, and adds the relevant ones to their week's term counts. */
class TermCatchUp {
  private readonly read;
  private readonly keep;
  private readonly addTerm;
  private readonly addSpelling;

  constructor(db: Db) {
    // A mention's terms are kept once tokenized (its text never changes): a recount after the
    // report weeks changed reuses them.
    this.read = db.prepare(`SELECT m.rowid AS r, CASE WHEN t.terms IS NULL THEN m.text END AS text, t.terms,
        m.report_week AS week, m.relevant
      FROM mentions m LEFT JOIN mention_terms t ON t.mention_rowid = m.rowid WHERE m.rowid > ? AND m.rowid <= ?`);
    this.keep = db.prepare('INSERT INTO mention_terms (mention_rowid, terms) VALUES (?, ?)');
    this.addTerm = db.prepare(`INSERT INTO week_terms (week, term, documents, count) VALUES (?, ?, ?, ?)
      ON CONFLICT (week, term) DO UPDATE SET documents = documents + excluded.documents, count = count + excluded.count`);
    this.addSpelling = db.prepare(`INSERT INTO week_term_spellings (week, term, spelling, n) VALUES (?, ?, ?, ?)
      ON CONFLICT (week, term, spelling) DO UPDATE SET n = n + excluded.n`);
  }

  count(from: number, to: number): void {
    const tokenizer = termTokenizer(); // one chunk cache per range: posts repeat their words
    const terms = new Map<string, { week: string; term: string; documents: number; count: number }>();
    const spellings = new Map<string, { week: string; pair: TermSpelling }>();
    // all(), not iterate(): the connection cannot write while a read is open on it
    for (const m of this.read.all(from, to) as { r: number; text: string | null; terms: string | null; week: string | null; relevant: number }[]) {
      let pairs: TermSpelling[];
      if (m.terms !== null) pairs = (JSON.parse(m.terms) as StoredTerm[]).map(fromStored);
      else this.keep.run(m.r, JSON.stringify((pairs = termSpellingsOf(m.text ?? '', tokenizer)).map(toStored)));
      if (m.week === null || m.relevant !== 1) continue;
      const counted = new Set<string>();
      for (const [term, spelling, n] of pairs) {
        const key = `${m.week}\u0000${term}`;
        let t = terms.get(key);
        if (!t) terms.set(key, (t = { week: m.week, term, documents: 0, count: 0 }));
        t.count += n;
        if (!counted.has(term)) {
          counted.add(term); // a term with two spellings in one mention is one document
          t.documents++;
        }
        const pairKey = `${key}\u0000${spelling}`;
        const s = spellings.get(pairKey);
        if (s) s.pair[2] += n;
        else spellings.set(pairKey, { week: m.week, pair: [term, spelling, n] });
      }
    }
    for (const t of terms.values()) this.addTerm.run(t.week, t.term, t.documents, t.count);
    for (const { week, pair } of spellings.values()) this.addSpelling.run(week, ...pair);
  }
}
