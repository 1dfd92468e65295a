/**
 * Weekly summaries on SQLite, synchronously: the entry point to the count queries of this folder
 * and the summary history (the summaries table, src/store/sqlite/migrations/004-summary-history.ts).
 * SqliteSummaryStore puts the SummaryStore port over it.
 */
import type {
  CaseCounts,
  ComplaintPlaceCounts,
  MentionCounts,
  OwnPostCounts,
  ReplyActivityCounts,
  ResponseCounts,
  StoredSummary,
  SummaryListItem,
  SummaryQueryOptions,
  SummaryWindow,
  WeekTermCounts,
} from '../summary-store';
import type { Db } from '../../../store/sqlite/open-database';
import { ActivityFigureQueries } from './activity-figures';
import { CaseFigureQueries } from './case-figures';
import { complaintPlaceCounts } from './complaint-place-counts';
import { MentionFigureQueries, type FigureMode } from './mention-figures';
import { ResponseFigureQueries } from './response-figures';
import { isReportWeek } from '../../../store/sqlite/summary/report-weeks';
import { catchUpWeekRollups } from '../../../store/sqlite/summary/week-rollup-catch-up';
import { hasIndex } from '../../../store/sqlite/summary/schema-probe';
import { weekTermCounts } from './week-term-counts';
import type { Range } from '../../../store/sqlite/summary/window-split';

/**
 * Mentions a text sample reads together, neighbours in time: they mostly share table pages (about
 * four mentions a page) and one index leaf, where as many lone mentions spread over the week cost a
 * page read each (the week's pages do not fit SQLite's page cache), which was most of the sample's time.
 */
export const SAMPLE_RUN = 8;

/** `count` consecutive equal slots covering the range, on whole milliseconds, as ISO ranges. */
export function sampleSlots(range: Range, count: number): Range[] {
  const start = Date.parse(range.start);
  const span = Date.parse(range.end) - start;
  const at = (i: number) => (i === count ? range.end : new Date(start + Math.floor((i * span) / count)).toISOString());
  return Array.from({ length: count }, (_, i) => ({ start: at(i), end: at(i + 1) }));
}

interface SummaryRow {
  week_id: string;
  start_at: string;
  end_at: string;
  generated_at: string;
  schema_version: number;
  headline_json: string;
  record_json?: string;
  delivered_at: string | null;
}

function rowToItem(row: SummaryRow): SummaryListItem {
  return {
    weekId: row.week_id,
    start: row.start_at,
    end: row.end_at,
    generatedAt: row.generated_at,
    schemaVersion: row.schema_version,
    headline: JSON.parse(row.headline_json),
    ...(row.delivered_at ? { deliveredAt: row.delivered_at } : {}),
  };
}

export class SummaryTable {
  private readonly mentions: MentionFigureQueries;
  private readonly responses: ResponseFigureQueries;
  private readonly cases: CaseFigureQueries;
  private readonly activity: ActivityFigureQueries;

  /** `mode.raw`: ignore the rollups (the reference the rollup tests compare with). */
  constructor(
    private readonly db: Db,
    private readonly mode: FigureMode = {},
  ) {
    this.mentions = new MentionFigureQueries(db, mode);
    this.responses = new ResponseFigureQueries(db, mode);
    this.cases = new CaseFigureQueries(db);
    this.activity = new ActivityFigureQueries(db, mode);
  }

  mentionCounts(w: SummaryWindow, opts: SummaryQueryOptions): MentionCounts {
    return this.mentions.run(w, opts);
  }
  responseCounts(w: SummaryWindow, opts: SummaryQueryOptions): ResponseCounts {
    return this.responses.run(w, opts);
  }
  caseCounts(w: SummaryWindow): CaseCounts {
    return this.cases.run(w);
  }
  replyActivityCounts(w: SummaryWindow): ReplyActivityCounts {
    return this.activity.replies(w);
  }
  ownPostCounts(w: SummaryWindow, opts: SummaryQueryOptions): OwnPostCounts {
    return this.activity.ownPosts(w, opts);
  }
  complaintPlaceCounts(w: SummaryWindow, blocks: readonly string[]): ComplaintPlaceCounts {
    return complaintPlaceCounts(this.db, w, blocks, this.mode.raw);
  }

  /**
   * All relevant texts of the window when they fit in `limit`; otherwise the window is cut into
   * limit / SAMPLE_RUN equal slots and each slot gives its first SAMPLE_RUN relevant mentions (by
   * created_at, rowid). Deterministic and spread over the whole window; in time order.
   */
  sampleMentionTexts(w: SummaryWindow, limit: number): string[] {
    const range = { start: w.start, end: w.end };
    if (limit <= 0) return [];
    // The window index holds created_at, relevant and the rowid: the mentions are picked from it
    // alone and only the picked rows are read.
    const indexed = !this.mode.raw && hasIndex(this.db, 'mentions_window') ? 'INDEXED BY mentions_window' : '';
    const all = this.relevantAtMost(range, limit + 1, indexed) <= limit;
    const run = all ? limit : Math.min(SAMPLE_RUN, limit);
    const slots = all ? [range] : sampleSlots(range, Math.floor(limit / run));
    // One statement for all slots: a call costs more than a slot's seek.
    return this.db
      .prepare(`SELECT m.text FROM json_each(@slots) AS s JOIN mentions AS m ON m.rowid IN (
          SELECT rowid FROM mentions ${indexed} WHERE created_at >= s.value ->> 0 AND created_at < s.value ->> 1 AND relevant = 1
          ORDER BY created_at, rowid LIMIT @run)
        ORDER BY s.key, m.created_at, m.rowid`)
      .pluck()
      .all({ slots: JSON.stringify(slots.map((r) => [r.start, r.end])), run }) as string[];
  }

  /** Relevant mentions of the range, counted up to `cap` only (a short index scan). */
  private relevantAtMost(range: Range, cap: number, indexed: string): number {
    return this.db
      .prepare(`SELECT COUNT(*) FROM (SELECT 1 FROM mentions ${indexed} WHERE created_at >= @start AND created_at < @end AND relevant = 1 LIMIT @cap)`)
      .pluck()
      .get({ ...range, cap }) as number;
  }

  /** Top-term candidates of a report week (and its previous one) from the week's term counts; null for other windows. */
  weekTermCounts(w: SummaryWindow, previous: SummaryWindow, candidates: number): WeekTermCounts | null {
    if (this.mode.raw || !isReportWeek(this.db, w) || !isReportWeek(this.db, previous)) return null;
    catchUpWeekRollups(this.db);
    return weekTermCounts(this.db, w.start, previous.start, candidates);
  }

  saveSummary(s: StoredSummary): void {
    this.db
      .prepare(`INSERT INTO summaries (week_id, start_at, end_at, generated_at, schema_version, headline_json, record_json, delivered_at)
        VALUES (@week_id, @start_at, @end_at, @generated_at, @schema_version, @headline_json, @record_json, @delivered_at)
        ON CONFLICT (week_id) DO UPDATE SET start_at = excluded.start_at, end_at = excluded.end_at,
          generated_at = excluded.generated_at, schema_version = excluded.schema_version,
          headline_json = excluded.headline_json, record_json = excluded.record_json,
          delivered_at = COALESCE(excluded.delivered_at, summaries.delivered_at)`)
      .run({
        week_id: s.weekId,
        start_at: s.start,
        end_at: s.end,
        generated_at: s.generatedAt,
        schema_version: s.schemaVersion,
        headline_json: JSON.stringify(s.headline),
        record_json: JSON.stringify(s.record),
        delivered_at: s.deliveredAt ?? null,
      });
  }

  getSummary(weekId: string): StoredSummary | null {
    const row = this.db.prepare('SELECT * FROM summaries WHERE week_id = ?').get(weekId) as SummaryRow | undefined;
    return row ? { ...rowToItem(row), record: JSON.parse(row.record_json as string) } : null;
  }

  listSummaries(limit: number): SummaryListItem[] {
    const rows = this.db
      .prepare(`SELECT week_id, start_at, end_at, generated_at, schema_version, headline_json, delivered_at
        FROM summaries ORDER BY start_at DESC LIMIT ?`)
      .all(limit) as SummaryRow[];
    return rows.map(rowToItem);
  }

  markSummaryDelivered(weekId: string, at: string): void {
    this.db.prepare('UPDATE summaries SET delivered_at = ? WHERE week_id = ?').run(at, weekId);
  }
}
