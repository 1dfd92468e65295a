/**
 * The weekly summary's SQLite store as the async SummaryStore: the figures' SQL (SummaryTable and
 * its queries), with writes through the connection's guard and the rollups' catch-up in chunks.
 */
import type {
  CaseFigures,
  ComplaintPlaces,
  MentionFigures,
  OwnPostFigures,
  ReplyActivityFigures,
  ReportWeekBounds,
  ResponseFigures,
  StoredSummary,
  SummaryListItem,
  SummaryQueryOptions,
  SummaryStore,
  SummaryWindow,
  WeekTermCounts,
} from '../domain';
import type { SqliteConnection } from '../store/sqlite/sqlite-connection';
import { SummaryTable } from '../store/sqlite/summary-table';
import { useReportWeeks, type ReportWeeksResult } from '../store/sqlite/summary/report-weeks';
import { catchUpChunk } from '../store/sqlite/summary/week-rollup-catch-up';

export class SqliteSummaryStore implements SummaryStore {
  private readonly table: SummaryTable;

  constructor(private readonly conn: SqliteConnection) {
    this.table = new SummaryTable(conn.db);
  }

  async mentionFigures(w: SummaryWindow, opts: SummaryQueryOptions): Promise<MentionFigures> {
    return this.table.mentionFigures(w, opts);
  }
  async responseFigures(w: SummaryWindow, opts: SummaryQueryOptions): Promise<ResponseFigures> {
    return this.table.responseFigures(w, opts);
  }
  async caseFigures(w: SummaryWindow): Promise<CaseFigures> {
    return this.table.caseFigures(w);
  }
  async replyActivityFigures(w: SummaryWindow): Promise<ReplyActivityFigures> {
    return this.table.replyActivityFigures(w);
  }
  async ownPostFigures(w: SummaryWindow, opts: SummaryQueryOptions): Promise<OwnPostFigures> {
    return this.table.ownPostFigures(w, opts);
  }
  async sampleMentionTexts(w: SummaryWindow, limit: number): Promise<string[]> {
    return this.table.sampleMentionTexts(w, limit);
  }
  async complaintPlaces(w: SummaryWindow, blocks: readonly string[]): Promise<ComplaintPlaces> {
    return this.table.complaintPlaces(w, blocks);
  }
  async useReportWeeks(weeks: ReportWeekBounds[]): Promise<ReportWeeksResult> {
    return this.conn.guard(() => useReportWeeks(this.conn.db, weeks));
  }
  async weekTermCounts(w: SummaryWindow, previous: SummaryWindow, candidates: number): Promise<WeekTermCounts | null> {
    return this.conn.guard(() => this.table.weekTermCounts(w, previous, candidates));
  }
  /** Chunk by chunk, letting other work run in between (a recount after new report weeks is ~1M mentions). */
  async catchUpRollups(): Promise<number> {
    let moved = 0;
    for (let n = this.conn.guard(() => catchUpChunk(this.conn.db)); n > 0; n = this.conn.guard(() => catchUpChunk(this.conn.db))) {
      moved += n;
      await new Promise((resolve) => setImmediate(resolve));
    }
    return moved;
  }
  async saveSummary(summary: StoredSummary): Promise<void> {
    this.conn.guard(() => this.table.saveSummary(summary));
  }
  async getSummary(weekId: string): Promise<StoredSummary | null> {
    return this.table.getSummary(weekId);
  }
  async listSummaries(limit: number): Promise<SummaryListItem[]> {
    return this.table.listSummaries(limit);
  }
  async markSummaryDelivered(weekId: string, at: string): Promise<void> {
    this.conn.guard(() => this.table.markSummaryDelivered(weekId, at));
  }
}
