/**
 * The Store contract: every Store implementation must pass this suite (SQLite always, MongoDB
 * when MONGODB_URI is set). Each test gets a fresh, empty store from the factory. Each part of
 * the port has its own file in test/store-contract/; add a part there and one line below. The
 * weekly summaries have their own port and suite (test/summaries/store/summary-store.contract.ts).
 */
import type { Store } from '../src/domain';
import { caseContract } from './store-contract/cases.contract';
import { correctionContract } from './store-contract/corrections.contract';
import { leaseContract } from './store-contract/leases.contract';
import { mentionContract } from './store-contract/mentions.contract';
import { replyContract } from './store-contract/replies.contract';

export type StoreFactory = () => Promise<{ store: Store; cleanup: () => Promise<void> }>;

export function storeContract(name: string, factory: StoreFactory): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ store, cleanup } = await factory());
    });
    afterEach(async () => {
      await store.close();
      await cleanup();
    });

    describe('mentions and channel state', () => mentionContract(() => store));
    describe('users, templates, claims, replies and audit', () => replyContract(() => store));
    describe('job leases', () => leaseContract(() => store));
    describe('cases and the outbox', () => caseContract(() => store));
    describe('classification corrections', () => correctionContract(() => store));
  });
}
