/**
 * The in-memory fakes of the feature stores, built on one shared set of records like a backend's
 * stores on one database: for tests of services and routes without a database. The weekly
 * figures (SummaryStore) have no fake: their tests use SQLite.
 */
import { MemoryAuditStore } from '../audit/store/memory-audit-store';
import { MemoryCaseOutboxStore } from '../cases/store/memory-case-outbox-store';
import { MemoryCaseStore } from '../cases/store/memory-case-store';
import { MemoryCorrectionStore } from '../corrections/store/memory-correction-store';
import type { StoreStatus } from '../domain';
import { MemoryChannelStateStore } from '../mentions/store/memory-channel-state-store';
import { MemoryMentionData } from '../mentions/store/memory-mention-data';
import { MemoryMentionStore } from '../mentions/store/memory-mention-store';
import { MemoryQueueStore } from '../queue/store/memory-queue-store';
import { MemoryReplyStore } from '../replies/store/memory-reply-store';
import { MemoryLeaseStore } from '../scheduler/store/memory-lease-store';
import { MemoryTemplateStore } from '../templates/store/memory-template-store';
import { MemoryUserStore } from '../users/store/memory-user-store';
import type { Stores } from './stores';

export type MemoryStores = Omit<Stores, 'kind' | 'summaries'>;

export function createMemoryStores(): MemoryStores {
  const data = new MemoryMentionData();
  const caseOutbox = new MemoryCaseOutboxStore();
  const status: StoreStatus = { ok: true, schemaVersion: 1, expectedSchemaVersion: 1 };
  return {
    mentions: new MemoryMentionStore(data),
    channelStates: new MemoryChannelStateStore(data),
    queue: new MemoryQueueStore(data),
    replies: new MemoryReplyStore(data),
    cases: new MemoryCaseStore(data, caseOutbox),
    caseOutbox,
    corrections: new MemoryCorrectionStore(data),
    users: new MemoryUserStore(),
    templates: new MemoryTemplateStore(),
    audit: new MemoryAuditStore(),
    leases: new MemoryLeaseStore(),
    status: async () => status,
    close: async () => undefined,
  };
}
