/**
 * The Store contract: every Store implementation must pass this suite (SQLite always, MongoDB
 * when MONGODB_URI is set). Each test gets a fresh, empty store from the factory. Each part of
 * the port has its own file in test/store-contract/; add a part there and one line below. The
 * weekly summaries have their own port and suite (test/summaries/store/summary-store.contract.ts).
 */
import { caseContract } from './store-contract/cases.contract';
import { correctionContract } from './store-contract/corrections.contract';
import { leaseContract } from './store-contract/leases.contract';
import { mentionContract } from './store-contract/mentions.contract';
import { replyContract } from './store-contract/replies.contract';
import { auditStoreContract } from './store-contract/audit.contract';
import { userStoreContract } from './store-contract/users.contract';
import { queueStoreContract } from './store-contract/queue.contract';
import { templateStoreContract } from './store-contract/templates.contract';
import type { Stores } from '../src/stores/stores';

export type StoreFactory = () => Promise<{ store: Stores; cleanup: () => Promise<void> }>;

export function storeContract(name: string, factory: StoreFactory): void {
  describe(`Store contract: ${name}`, () => {
    let store: Stores;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ store, cleanup } = await factory());
    });
    afterEach(async () => {
      await store.close();
      await cleanup();
    });

    describe('mentions and channel state', () => mentionContract(() => store));
    describe('QueueStore', () => queueStoreContract(() => store));
    describe('replies and the outbox', () => replyContract(() => store));
    describe('UserStore', () => userStoreContract(() => store));
    describe('AuditStore', () => auditStoreContract(() => store));
    describe('TemplateStore', () => templateStoreContract(() => store));
    describe('LeaseStore', () => leaseContract(() => store));
    describe('CaseStore and CaseOutboxStore', () => caseContract(() => store));
    describe('CorrectionStore', () => correctionContract(() => store));
  });
}
