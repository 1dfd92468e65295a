/**
 * The feature stores' contracts against the in-memory fakes beside each port (maps and arrays):
 * the same suites SQLite and MongoDB pass, so a test on fakes means what it says.
 */
import { MemoryTemplateStore } from '../../src/templates/store/memory-template-store';
import { MemoryAuditStore } from '../../src/audit/store/memory-audit-store';
import { auditStoreContract } from '../store-contract/audit.contract';
import { MemoryUserStore } from '../../src/users/store/memory-user-store';
import { userStoreContract } from '../store-contract/users.contract';
import { MemoryLeaseStore } from '../../src/scheduler/store/memory-lease-store';
import { leaseContract } from '../store-contract/leases.contract';
import { templateStoreContract } from '../store-contract/templates.contract';

describe('Store contract: memory', () => {
  describe('AuditStore', () => auditStoreContract(() => ({ audit: new MemoryAuditStore() })));
  describe('UserStore', () => userStoreContract(() => ({ users: new MemoryUserStore() })));
  describe('LeaseStore', () => leaseContract(() => ({ leases: new MemoryLeaseStore() })));
  describe('TemplateStore', () => templateStoreContract(() => ({ templates: new MemoryTemplateStore() })));
});
