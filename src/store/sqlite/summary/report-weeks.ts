/**
 * The report weeks the week rollups are keyed by (week-rollup-schema.ts). The summary settings
 * (TZ_DISPLAY, SUMMARY_WEEK_START) decide them, the store does not know those: the service hands
 * the bounds over at start (SqliteStore.useReportWeeks). When they differ from the stored ones,
 * every mention's report_week and every week rollup is recomputed in one transaction (a few
 * seconds per million mentions, once after a settings change).
 */
import type { ReportWeekBounds } from '../../../domain';
import type { Db } from '../open-database';
import { termSpellingsOf, termTokenizer, type TermSpelling } from '../../../reports/top-terms';
import { hasIndex } from './schema-probe';
import { CATCH_UP_AUTHORS, WEEK_BACKFILL_SQL, WEEK_TRIGGER_NAMES, WEEK_TRIGGERS_SQL } from './week-rollup-schema';

export interface ReportWeeksResult {
  /** False when the stored weeks were already these. */
  rebuilt: boolean;
  weeks: number;
}

function sameWeeks(db: Db, weeks: ReportWeekBounds[]): boolean {
  const stored = db.prepare('SELECT start_at AS start, end_at AS end FROM report_weeks ORDER BY start_at').all() as ReportWeekBounds[];
  return stored.length === weeks.length && stored.every((w, i) => w.start === weeks[i].start && w.end === weeks[i].end);
}

export function useReportWeeks(db: Db, weeks: ReportWeekBounds[]): ReportWeeksResult {
  const sorted = [...weeks].sort((a, b) => (a.start < b.start ? -1 : 1));
  sorted.forEach((w, i) => {
    if (!(w.start < w.end) || (i > 0 && sorted[i - 1].end > w.start)) throw new Error(`report weeks overlap or are empty at ${w.start}`);
  });
  if (sameWeeks(db, sorted)) return { rebuilt: false, weeks: sorted.length };
  db.transaction(() => {
    // The triggers would move every row's counts one by one: recount in bulk instead.
    for (const name of WEEK_TRIGGER_NAMES) db.exec(`DROP TRIGGER IF EXISTS ${name}`);
    db.exec('DELETE FROM report_weeks');
    const insert = db.prepare('INSERT INTO report_weeks (start_at, end_at) VALUES (?, ?)');
    for (const w of sorted) insert.run(w.start, w.end);
    db.exec(WEEK_BACKFILL_SQL);
    db.exec(WEEK_TRIGGERS_SQL);
  }).immediate();
  return { rebuilt: true, weeks: sorted.length };
}

/** True when the window is exactly one stored report week, i.e. the week rollups answer it. */
export function isReportWeek(db: Db, range: { start: string; end: string }): boolean {
  if (!hasIndex(db, 'mentions_week_answered')) return false; // before migration 10
  return db.prepare('SELECT 1 FROM report_weeks WHERE start_at = ? AND end_at = ?').get(range.start, range.end) !== undefined;
}

/** Mentions per catch-up transaction: a few hundred ms at most, so other writers wait little. */
const CATCH_UP_CHUNK = 20_000;

/**
 * Counts the mentions inserted since the last catch-up into the rollups that ingest leaves to it
 * (week_authors and the term counts, see week-rollup-schema.ts), in chunks of CATCH_UP_CHUNK
 * rowids. Returns how many rowids it moved the mark by (0: already caught up).
 */
export function catchUpWeekRollups(db: Db): number {
  let moved = 0;
  for (let n = catchUpChunk(db); n > 0; n = catchUpChunk(db)) moved += n;
  return moved;
}

/** One transaction of the catch-up: at most CATCH_UP_CHUNK rowids. Returns how many. */
export function catchUpChunk(db: Db): number {
  if (!hasIndex(db, 'mentions_week_answered')) return 0; // before migration 10
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
      if (m.terms !== null) pairs = JSON.parse(m.terms) as TermSpelling[];
      else this.keep.run(m.r, JSON.stringify((pairs = termSpellingsOf(m.text ?? '', tokenizer))));
      if (m.week === null || m.relevant !== 1) continue;
      const counted = new Set<string>();
      for (const [term, spelling, n] of pairs) {
        const key = `${m.week}\u0000${term}`;
        const t = terms.get(key) ?? terms.set(key, { week: m.week, term, documents: 0, count: 0 }).get(key)!;
        t.count += n;
        if (!counted.has(term)) (counted.add(term), t.documents++);
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
