/**
 * Every store of one backend, built in one place (sqlite-stores.ts, mongo-stores.ts): one narrow
 * store per feature, declared beside the feature, plus the backend's status and close. Consumers
 * take only the stores they use.
 */
import type { AuditStore } from '../audit/store/audit-store';
import type { CaseOutboxStore, CaseStore } from '../cases/store/case-store';
import type { CorrectionStore } from '../corrections/store/correction-store';
import type { StoreStatus } from '../domain';
import type { SummaryStore } from '../summaries/store/summary-store';
import type { ChannelStateStore } from '../mentions/store/channel-state-store';
import type { MentionStore } from '../mentions/store/mention-store';
import type { QueueStore } from '../queue/store/queue-store';
import type { ReplyStore } from '../replies/store/reply-store';
import type { LeaseStore } from '../scheduler/store/lease-store';
import type { TemplateStore } from '../templates/store/template-store';
import type { UserStore } from '../users/store/user-store';

export interface Stores {
  readonly kind: 'sqlite' | 'mongodb';
  readonly mentions: MentionStore;
  readonly channelStates: ChannelStateStore;
  readonly queue: QueueStore;
  readonly replies: ReplyStore;
  readonly cases: CaseStore;
  readonly caseOutbox: CaseOutboxStore;
  readonly users: UserStore;
  readonly templates: TemplateStore;
  readonly audit: AuditStore;
  readonly corrections: CorrectionStore;
  readonly leases: LeaseStore;
  readonly summaries: SummaryStore;
  /**
   * How opening moved the schema version (SQLite migrations, MongoDB's prepared version), for
   * the service to log; absent when it was already this release's.
   */
  readonly migrated?: { from: number; to: number };
  /** Store reachable and migrations applied. */
  status(): Promise<StoreStatus>;
  close(): Promise<void>;
}
