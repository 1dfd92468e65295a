/**
 * Port parts the MongoDB adapter does not implement yet. MongoStore extends this class, and every
 * call here fails with a StoreError that says so plainly (never a silent no-op). When a part is
 * implemented in its <part>-collection.ts, its methods move to MongoStore and leave this file.
 */
import type {
  Case,
  CaptureRequest,
  CaptureResult,
  CaseFigures,
  CaseQuery,
  CaseUpdate,
  CaseUpdateResult,
  Mention,
  MentionFigures,
  NewCase,
  NewOutboxMessage,
  OutboxMessage,
  OutboxState,
  OutboxTarget,
  OutboxTopic,
  OwnPostFigures,
  Page,
  ReplyActivityFigures,
  ResponseFigures,
  StoredSummary,
  SummaryListItem,
  SummaryQueryOptions,
  SummaryWindow,
} from '../../domain';
import { StoreError } from '../store-error';

function notYet(part: string): never {
  throw new StoreError('store_unavailable', `${part} are not implemented on the MongoDB store yet; use STORE=sqlite`);
}

/* eslint-disable @typescript-eslint/no-unused-vars -- stub signatures mirror the port */
export abstract class PendingMongoParts {
  async listCapturePending(_limit: number): Promise<Mention[]> { return notYet('cases'); }
  async captureMention(_req: CaptureRequest): Promise<CaptureResult> { return notYet('cases'); }
  async skipCapture(_mentionId: string): Promise<boolean> { return notYet('cases'); }
  async openCase(_newCase: NewCase, _onOpened: OutboxTarget[]): Promise<Case> { return notYet('cases'); }
  async getCase(_number: string): Promise<Case | null> { return notYet('cases'); }
  async getCaseById(_id: string): Promise<Case | null> { return notYet('cases'); }
  async listCases(_query: CaseQuery): Promise<Page<Case>> { return notYet('cases'); }
  async updateCase(_number: string, _update: CaseUpdate): Promise<CaseUpdateResult | null> { return notYet('cases'); }
  async markCaseFirstResponse(_mentionId: string, _at: string): Promise<string | null> { return notYet('cases'); }
  async enqueueOutbox(_messages: NewOutboxMessage[]): Promise<void> { return notYet('cases'); }
  async claimDueOutbox(_now: string, _limit: number, _leaseMs: number): Promise<OutboxMessage[]> { return notYet('cases'); }
  async markOutboxDelivered(_id: string, _at: string): Promise<void> { return notYet('cases'); }
  async markOutboxFailed(_id: string, _error: string, _next: string | null): Promise<void> { return notYet('cases'); }
  async listOutbox(_q: { topic?: OutboxTopic; state?: OutboxState; subject?: string; limit: number }): Promise<OutboxMessage[]> {
    return notYet('cases');
  }

  async mentionFigures(_w: SummaryWindow, _o: SummaryQueryOptions): Promise<MentionFigures> { return notYet('weekly figures'); }
  async responseFigures(_w: SummaryWindow, _o: SummaryQueryOptions): Promise<ResponseFigures> { return notYet('weekly figures'); }
  async caseFigures(_w: SummaryWindow, _o: SummaryQueryOptions): Promise<CaseFigures> { return notYet('weekly figures'); }
  async replyActivityFigures(_w: SummaryWindow): Promise<ReplyActivityFigures> { return notYet('weekly figures'); }
  async ownPostFigures(_w: SummaryWindow, _o: SummaryQueryOptions): Promise<OwnPostFigures> { return notYet('weekly figures'); }
  async sampleMentionTexts(_w: SummaryWindow, _limit: number): Promise<string[]> { return notYet('weekly figures'); }
  async saveSummary(_s: StoredSummary): Promise<void> { return notYet('summaries'); }
  async getSummary(_weekId: string): Promise<StoredSummary | null> { return notYet('summaries'); }
  async listSummaries(_limit: number): Promise<SummaryListItem[]> { return notYet('summaries'); }
  async markSummaryDelivered(_weekId: string, _at: string): Promise<void> { return notYet('summaries'); }
}
