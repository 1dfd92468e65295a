/**
 * The SQLite summary queries (SummaryTable) read as the summary's figures (the feature's shaping,
 * figures/shape-figures.ts), synchronously: what the rollup tests compare between the rollups and
 * `{ raw: true }`.
 */
import type { Db } from '../../../src/store/sqlite/open-database';
import { toComplaintPlaces, toMentionFigures, toReplyActivity, toResponseFigures } from '../../../src/summaries/figures/shape-figures';
import type { FigureMode } from '../../../src/summaries/store/sqlite/mention-figures';
import { SummaryTable } from '../../../src/summaries/store/sqlite/summary-table';
import type { SummaryQueryOptions, SummaryWindow } from '../../../src/summaries/store/summary-store';

export function shapedTable(db: Db, mode?: FigureMode) {
  const t = new SummaryTable(db, mode);
  return {
    mentionFigures: (w: SummaryWindow, opts: SummaryQueryOptions) => toMentionFigures(t.mentionCounts(w, opts), opts),
    responseFigures: (w: SummaryWindow, opts: SummaryQueryOptions) => toResponseFigures(t.responseCounts(w, opts)),
    replyActivityFigures: (w: SummaryWindow) => toReplyActivity(t.replyActivityCounts(w)),
    complaintPlaces: (w: SummaryWindow, blocks: readonly string[]) => toComplaintPlaces(t.complaintPlaceCounts(w, blocks)),
    sampleMentionTexts: (w: SummaryWindow, limit: number) => t.sampleMentionTexts(w, limit),
    weekTermCounts: (w: SummaryWindow, previous: SummaryWindow, candidates: number) => t.weekTermCounts(w, previous, candidates),
  };
}
