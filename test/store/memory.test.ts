/**
 * The feature stores' contracts against the in-memory fakes beside each port (maps and arrays):
 * the same suites SQLite and MongoDB pass, so a test on fakes means what it says.
 */
import { MemoryTemplateStore } from '../../src/templates/store/memory-template-store';
import { templateStoreContract } from '../store-contract/templates.contract';

describe('Store contract: memory', () => {
  describe('TemplateStore', () => templateStoreContract(() => ({ templates: new MemoryTemplateStore() })));
});
