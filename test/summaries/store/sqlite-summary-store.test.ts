/** The SummaryStore contract on SQLite, on a store opened as in tests and as the service opens it. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSqliteStores, type SqliteStores } from '../../../src/stores/sqlite-stores';
import { seedThrough } from './store-seed';
import { summaryStoreContract } from './summary-store.contract';

for (const ingestThread of [false, true]) {
  summaryStoreContract(ingestThread ? 'sqlite with the ingest writer thread' : 'sqlite', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rasid-summaries-'));
    const store = createSqliteStores(path.join(dir, 'rasid.db'), { ingestThread });
    return {
      store: store.summaries,
      seed: seedThrough(store),
      close: async () => {
        await store.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  });
}
