/**
 * The SummaryStore port on SQLite: the counts of summary-table.ts and the upkeep of the week
 * rollups (src/store/sqlite/summary/), on the service's connection. Writes go through `write`, which
 * the store's owner gives so a failing disk is noted where the store's health is reported.
 */
import type { Db } from '../../../store/sqlite/open-database';
import { useReportWeeks } from '../../../store/sqlite/summary/report-weeks';
import { catchUpChunk } from '../../../store/sqlite/summary/week-rollup-catch-up';
import type {
  CaseCounts,
  ComplaintPlaceCounts,
  MentionCounts,
  OwnPostCounts,
  ReplyActivityCounts,
  ReportWeekBounds,
  ResponseCounts,
  StoredSummary,
  SummaryListItem,
  SummaryQueryOptions,
  SummarySourceMarks,
  SummaryStore,
  SummaryWindow,
  WeekTermCounts,
} from '../summary-store';
import type { FigureMode } from './mention-figures';
import { sourceMarks } from './source-marks';
import { SummaryTable } from './summary-table';

export interface SqliteSummaryStoreOptions {
  /** Runs a write (translating and noting SQLite write failures); default: runs it as is. */
  write?: <T>(write: () => T) => T;
  /** `raw`: ignore the rollups (the reference the rollup tests compare with). */
  mode?: FigureMode;
}

export class SqliteSummaryStore implements SummaryStore {
  private readonly table: SummaryTable;
  private readonly write: <T>(write: () => T) => T;

  constructor(
    private readonly db: Db,
    opts: SqliteSummaryStoreOptions = {},
  ) {
    this.table = new SummaryTable(db, opts.mode);
    this.write = opts.write ?? ((write) => write());
  }

  async sourceMarks(w: SummaryWindow): Promise<SummarySourceMarks> {
    return sourceMarks(this.db, w);
  }
  async mentionCounts(w: SummaryWindow, opts: SummaryQueryOptions): Promise<MentionCounts> {
    return this.table.mentionCounts(w, opts);
  }
  async responseCounts(w: SummaryWindow, opts: SummaryQueryOptions): Promise<ResponseCounts> {
    return this.table.responseCounts(w, opts);
  }
  async caseCounts(w: SummaryWindow): Promise<CaseCounts> {
    return this.table.caseCounts(w);
  }
  async replyActivityCounts(w: SummaryWindow): Promise<ReplyActivityCounts> {
    return this.table.replyActivityCounts(w);
  }
  async ownPostCounts(w: SummaryWindow, opts: SummaryQueryOptions): Promise<OwnPostCounts> {
    return this.table.ownPostCounts(w, opts);
  }
  async sampleMentionTexts(w: SummaryWindow, limit: number): Promise<string[]> {
    return this.table.sampleMentionTexts(w, limit);
  }
  async complaintPlaceCounts(w: SummaryWindow, blocks: readonly string[]): Promise<ComplaintPlaceCounts> {
    return this.table.complaintPlaceCounts(w, blocks);
  }
  async useReportWeeks(weeks: ReportWeekBounds[]): Promise<{ rebuilt: boolean }> {
    return this.write(() => useReportWeeks(this.db, weeks));
  }
  async weekTermCounts(w: SummaryWindow, previous: SummaryWindow, candidates: number): Promise<WeekTermCounts | null> {
    return this.write(() => this.table.weekTermCounts(w, previous, candidates));
  }
  /** Chunk by chunk, letting other work run in between (a recount after new report weeks is ~1M mentions). */
  async catchUpRollups(): Promise<number> {
    let moved = 0;
    for (let n = this.write(() => catchUpChunk(this.db)); n > 0; n = this.write(() => catchUpChunk(this.db))) {
      moved += n;
      await new Promise((resolve) => setImmediate(resolve));
    }
    return moved;
  }
  async saveSummary(summary: StoredSummary): Promise<void> {
    this.write(() => this.table.saveSummary(summary));
  }
  async getSummary(weekId: string): Promise<StoredSummary | null> {
    return this.table.getSummary(weekId);
  }
  async listSummaries(limit: number): Promise<SummaryListItem[]> {
    return this.table.listSummaries(limit);
  }
  async markSummaryDelivered(weekId: string, at: string): Promise<void> {
    this.write(() => this.table.markSummaryDelivered(weekId, at));
  }
}
