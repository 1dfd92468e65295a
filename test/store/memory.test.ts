/**
 * The feature stores' contracts against the in-memory fakes beside each port (maps and arrays,
 * one shared set of records per test): the same suites SQLite and MongoDB pass.
 */
import { createMemoryStores } from '../../src/stores/memory-stores';
import { auditStoreContract } from '../store-contract/audit.contract';
import { caseContract } from '../store-contract/cases.contract';
import { correctionContract } from '../store-contract/corrections.contract';
import { leaseContract } from '../store-contract/leases.contract';
import { mentionContract } from '../store-contract/mentions.contract';
import { queueStoreContract } from '../store-contract/queue.contract';
import { replyContract } from '../store-contract/replies.contract';
import { templateStoreContract } from '../store-contract/templates.contract';
import { userStoreContract } from '../store-contract/users.contract';

describe('Store contract: memory', () => {
  describe('MentionStore and ChannelStateStore', () => mentionContract(() => createMemoryStores()));
  describe('QueueStore', () => queueStoreContract(() => createMemoryStores()));
  describe('ReplyStore', () => replyContract(() => createMemoryStores()));
  describe('UserStore', () => userStoreContract(() => createMemoryStores()));
  describe('AuditStore', () => auditStoreContract(() => createMemoryStores()));
  describe('TemplateStore', () => templateStoreContract(() => createMemoryStores()));
  describe('LeaseStore', () => leaseContract(() => createMemoryStores()));
  describe('CaseStore and CaseOutboxStore', () => caseContract(() => createMemoryStores()));
  describe('CorrectionStore', () => correctionContract(() => createMemoryStores()));
});
