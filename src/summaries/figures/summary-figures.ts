/**
 * Reads one window's figures: the store's counts (SummaryStore) shaped into the summary's figures
 * (shape-figures.ts). What the weekly summary, the staleness check and the contract suite read.
 */
import type { SummaryQueryOptions, SummaryStore, SummaryWindow } from '../store/summary-store';
import type { CaseFigures, ComplaintPlaces, MentionFigures, OwnPostFigures, ReplyActivityFigures, ResponseFigures } from './figure-types';
import { toCaseFigures, toComplaintPlaces, toMentionFigures, toOwnPostFigures, toReplyActivity, toResponseFigures } from './shape-figures';

export class SummaryFigures {
  constructor(private readonly store: SummaryStore) {}

  async mentions(w: SummaryWindow, opts: SummaryQueryOptions): Promise<MentionFigures> {
    return toMentionFigures(await this.store.mentionCounts(w, opts), opts);
  }

  async responses(w: SummaryWindow, opts: SummaryQueryOptions): Promise<ResponseFigures> {
    return toResponseFigures(await this.store.responseCounts(w, opts));
  }

  async cases(w: SummaryWindow): Promise<CaseFigures> {
    return toCaseFigures(await this.store.caseCounts(w));
  }

  async replies(w: SummaryWindow): Promise<ReplyActivityFigures> {
    return toReplyActivity(await this.store.replyActivityCounts(w));
  }

  async ownPosts(w: SummaryWindow, opts: SummaryQueryOptions): Promise<OwnPostFigures> {
    return toOwnPostFigures(await this.store.ownPostCounts(w, opts), opts);
  }

  async complaintPlaces(w: SummaryWindow, blocks: readonly string[]): Promise<ComplaintPlaces> {
    return toComplaintPlaces(await this.store.complaintPlaceCounts(w, blocks));
  }
}
