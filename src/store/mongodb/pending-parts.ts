/**
 * Port parts the MongoDB adapter does not implement yet. MongoStore extends this class, and every
 * call here fails with a StoreError that says so plainly (never a silent no-op). When a part is
 * implemented in its <part>-collection.ts, its methods move to MongoStore and leave this file.
 */
import type {
  AuditEntry,
  AuditQuery,
  Case,
  CaptureRequest,
  ClaimOutcome,
  CaptureResult,
  CaseFigures,
  CaseQuery,
  CaseUpdate,
  CaseUpdateResult,
  Mention,
  MentionFigures,
  MentionStatus,
  NewAuditEntry,
  NewReply,
  NewTemplate,
  NewUser,
  QueueQuery,
  Reply,
  ReplyChange,
  ReplyQuery,
  ReplyState,
  Session,
  Template,
  TemplatePatch,
  User,
  UserPatch,
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
  async createUser(_u: NewUser): Promise<User> { return notYet('users and replies'); }
  async getUser(_id: string): Promise<User | null> { return notYet('users and replies'); }
  async findUserByName(_name: string): Promise<User | null> { return notYet('users and replies'); }
  async findUserByTokenHash(_h: string): Promise<User | null> { return notYet('users and replies'); }
  async listUsers(): Promise<User[]> { return notYet('users and replies'); }
  async countUsers(): Promise<number> { return notYet('users and replies'); }
  async updateUser(_id: string, _p: UserPatch): Promise<User | null> { return notYet('users and replies'); }
  async createSession(_s: Session): Promise<void> { return notYet('users and replies'); }
  async findSession(_h: string, _now: string): Promise<{ session: Session; user: User } | null> { return notYet('users and replies'); }
  async deleteSession(_h: string): Promise<void> { return notYet('users and replies'); }
  async createTemplate(_t: NewTemplate): Promise<Template> { return notYet('templates'); }
  async getTemplate(_id: string): Promise<Template | null> { return notYet('templates'); }
  async getTemplateByKey(_key: string): Promise<Template | null> { return notYet('templates'); }
  async listTemplates(): Promise<Template[]> { return notYet('templates'); }
  async updateTemplate(_id: string, _p: TemplatePatch): Promise<Template | null> { return notYet('templates'); }
  async deleteTemplate(_id: string): Promise<boolean> { return notYet('templates'); }
  async claimMention(_id: string, _by: string, _until: string, _now: string, _o?: { force?: boolean }): Promise<ClaimOutcome> { return notYet('claims'); }
  async releaseClaim(_id: string, _by: string | null): Promise<boolean> { return notYet('claims'); }
  async listQueue(_q: QueueQuery): Promise<Page<Mention>> { return notYet('the reply queue'); }
  async countQueueByDomain(_q: Omit<QueueQuery, 'limit' | 'cursor'>): Promise<Record<string, number>> { return notYet('the reply queue'); }
  async setMentionStatus(
    _id: string,
    _s: MentionStatus,
    _o?: { from?: MentionStatus[]; at?: string },
  ): Promise<{ before: Mention; after: Mention } | null> {
    return notYet('mention status changes');
  }
  async createReply(_r: NewReply): Promise<{ reply: Reply; created: boolean }> { return notYet('replies'); }
  async getReply(_id: string): Promise<Reply | null> { return notYet('replies'); }
  async listReplies(_q: ReplyQuery): Promise<Page<Reply>> { return notYet('replies'); }
  async transitionReply(_id: string, _from: ReplyState[], _c: ReplyChange): Promise<Reply | null> { return notYet('replies'); }
  async takeNextOutboxReply(_now: string): Promise<Reply | null> { return notYet('replies'); }
  async recordReplySent(_id: string, _s: { externalId: string; url?: string; at: string }): Promise<Reply | null> { return notYet('replies'); }
  async markInterruptedSendsUnknown(_at: string): Promise<Reply[]> { return notYet('replies'); }
  async appendAudit(_e: NewAuditEntry): Promise<AuditEntry> { return notYet('the audit log'); }
  async listAudit(_q: AuditQuery): Promise<Page<AuditEntry>> { return notYet('the audit log'); }

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
